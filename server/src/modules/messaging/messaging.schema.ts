import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type TemplateChannel = 'email' | 'sms';
export type SmsProviderKind = 'generic_http' | 'kavenegar';

/** Reusable messages with `{{first_name}}`-style placeholders, filled in (escaped) per recipient. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<TemplateChannel>().notNull().default('email'),
    name: text('name').notNull(),
    /** Email subject (may hold placeholders); null for SMS. */
    subject: text('subject'),
    /** Email: sanitised HTML with placeholders; SMS: plain text with placeholders. */
    body: text('body').notNull(),
    locale: text('locale').notNull().default('fa'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('message_templates_name_idx').on(t.workspaceId, t.channel, t.name).where(sql`${t.deletedAt} is null`),
    index('message_templates_list_idx').on(t.workspaceId, t.createdAt),
  ],
);

/**
 * The SMS gateway of a workspace. `config` holds the provider's settings (URL, sender line, API
 * key …); secrets in it never leave the server (the API answers with them masked).
 */
export const smsProviders = pgTable('sms_providers', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<SmsProviderKind>().notNull(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
