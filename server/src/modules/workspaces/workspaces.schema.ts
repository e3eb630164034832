import { integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** How IRR amounts are shown: as rials, or as tomans (÷10) the way Iranians usually speak of prices. */
export type MoneyDisplay = 'rial' | 'toman';

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
  /** ISO 4217; amounts in other currencies are converted to it for totals and forecasts. */
  defaultCurrency: text('default_currency').notNull().default('IRR'),
  moneyDisplay: text('money_display').$type<MoneyDisplay>().notNull().default('toman'),
  /** First month of the fiscal year in the workspace's calendar (1 = Farvardin / January). */
  fiscalYearStartMonth: integer('fiscal_year_start_month').notNull().default(1),
  /** VAT in percent applied to quote and order lines unless a product is exempt. */
  vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull().default('10'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
