import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** First characters of the key, shown so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** sha256 of the whole key: a key has 256 bits of entropy, so a fast hash is enough. */
    secretHash: text('secret_hash').notNull().unique(),
    roleKey: text('role_key').notNull().default('admin'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('api_keys_keyset_idx').on(t.workspaceId, t.createdAt, t.id)],
);
