import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Answers to POSTs sent with an Idempotency-Key, replayed when a client retries. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who sent it: `ws:<workspace>:<principal>` or `anon:<ip>`; keys never collide across callers. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state').notNull().default('pending'),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
