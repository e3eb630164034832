import { date, index, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/**
 * How many units of the workspace's default currency one unit of `currency` is worth from
 * `validFrom` on. Deals and orders in other currencies keep the rate they were valued at.
 */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** ISO 4217 code, upper case (USD, EUR, AED …). */
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 24, scale: 8 }).notNull(),
    validFrom: date('valid_from').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('exchange_rates_day_uq').on(t.workspaceId, t.currency, t.validFrom),
    index('exchange_rates_lookup_idx').on(t.workspaceId, t.currency, t.validFrom),
  ],
);
