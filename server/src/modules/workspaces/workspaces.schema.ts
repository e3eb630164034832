import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant. Every tenant-owned table carries workspace_id referencing this. */
export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  defaultLocale: text('default_locale').notNull().default('fa'),
  calendar: text('calendar').notNull().default('jalali'),
  timezone: text('timezone').notNull().default('Asia/Tehran'),
  /** Records not verified for this many days are listed for re-verification. */
  verificationIntervalDays: integer('verification_interval_days').notNull().default(180),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
