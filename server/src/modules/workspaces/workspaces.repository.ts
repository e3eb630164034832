import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { exchangeRates } from '../currencies/currencies.schema.ts';
import { deals } from '../deals/deals.schema.ts';
import { memberships } from '../members/members.schema.ts';
import { orders, quotes } from '../orders/orders.schema.ts';
import { workspaces } from './workspaces.schema.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type WorkspaceChanges = Partial<
  Pick<WorkspaceRow, 'name' | 'defaultLocale' | 'calendar' | 'timezone' | 'verificationIntervalDays' | 'defaultCurrency' | 'moneyDisplay' | 'fiscalYearStartMonth' | 'vatRate'>
>;

export const workspacesRepository = {
  async insert(db: Executor, values: { name: string; slug: string; defaultLocale: string; calendar: string; timezone: string }) {
    const [row] = await db.insert(workspaces).values(values).returning();
    return row!;
  },

  async find(db: Executor, workspaceId: string): Promise<WorkspaceRow | undefined> {
    const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    return row;
  },

  async update(db: Executor, workspaceId: string, version: number, changes: WorkspaceChanges) {
    const [row] = await db
      .update(workspaces)
      .set({ ...changes, version: sql`${workspaces.version} + 1`, updatedAt: new Date() })
      .where(and(eq(workspaces.id, workspaceId), eq(workspaces.version, version)))
      .returning();
    return row;
  },

  /**
   * Whether anything was already valued in the default currency (deals, quotes, orders, exchange
   * rates): their `*_base` columns and rates would silently mean another currency if it changed.
   */
  async hasValuedAmounts(db: Executor, workspaceId: string): Promise<boolean> {
    for (const table of [deals, quotes, orders, exchangeRates]) {
      const [row] = await db.select({ id: table.id }).from(table).where(eq(table.workspaceId, workspaceId)).limit(1);
      if (row) return true;
    }
    return false;
  },

  /** The workspaces a user belongs to, with the role in each, oldest membership first. */
  listForUser(db: Executor, userId: string) {
    return db
      .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: memberships.roleKey })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.createdAt));
  },
};
