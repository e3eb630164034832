import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { exchangeRates } from './currencies.schema.ts';

export type ExchangeRateRow = typeof exchangeRates.$inferSelect;

const scoped = (workspaceId: string, id: string) => and(eq(exchangeRates.workspaceId, workspaceId), eq(exchangeRates.id, id));

export const currenciesRepository = {
  list(db: Executor, workspaceId: string, currency?: string): Promise<ExchangeRateRow[]> {
    return db
      .select()
      .from(exchangeRates)
      .where(and(eq(exchangeRates.workspaceId, workspaceId), currency ? eq(exchangeRates.currency, currency) : undefined))
      .orderBy(asc(exchangeRates.currency), desc(exchangeRates.validFrom))
      .limit(2000);
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<ExchangeRateRow | undefined> {
    const [row] = await db.select().from(exchangeRates).where(scoped(workspaceId, id));
    return row;
  },

  /** Inserts, or returns undefined when the currency already has a rate from that day. */
  async insert(db: Executor, workspaceId: string, values: { currency: string; rate: string; validFrom: string; createdBy: string | null }): Promise<ExchangeRateRow | undefined> {
    const [row] = await db
      .insert(exchangeRates)
      .values({ ...values, workspaceId })
      .onConflictDoNothing()
      .returning();
    return row;
  },

  async update(db: Executor, workspaceId: string, id: string, changes: { rate?: string; validFrom?: string }): Promise<ExchangeRateRow | undefined> {
    const [row] = await db.update(exchangeRates).set(changes).where(scoped(workspaceId, id)).returning();
    return row;
  },

  async remove(db: Executor, workspaceId: string, id: string): Promise<ExchangeRateRow | undefined> {
    const [row] = await db.delete(exchangeRates).where(scoped(workspaceId, id)).returning();
    return row;
  },

  /** The rate in force on `isoDate`: the latest one valid from that day or earlier. */
  async rateOn(db: Executor, workspaceId: string, currency: string, isoDate: string): Promise<string | null> {
    const [row] = await db
      .select({ rate: sql<string>`${exchangeRates.rate}::text` })
      .from(exchangeRates)
      .where(and(eq(exchangeRates.workspaceId, workspaceId), eq(exchangeRates.currency, currency), lte(exchangeRates.validFrom, isoDate)))
      .orderBy(desc(exchangeRates.validFrom))
      .limit(1);
    return row?.rate ?? null;
  },
};
