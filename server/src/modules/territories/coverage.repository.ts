import { and, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { deals } from '../deals/deals.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { territoryMembers } from './territories.schema.ts';

/*
 * The figures of the coverage table, grouped by territory (null = no territory), one grouped
 * pass per table. Sums are numeric in the database and leave it as text: money never becomes a
 * JS float.
 */

export type MemberCounts = { territoryId: string; reps: number; managers: number };
export type OrganizationCounts = { territoryId: string | null; organizations: number; withoutOwner: number };
export type DealFigures = { territoryId: string | null; openDeals: number; openPipeline: string; wonDeals: number; wonAmount: string };

/** Half-open range of days [start, end). */
export type DayRange = { start: string; end: string };

export const coverageRepository = {
  memberCounts(db: Executor, workspaceId: string): Promise<MemberCounts[]> {
    return db
      .select({
        territoryId: territoryMembers.territoryId,
        reps: sql<number>`(count(*) filter (where ${territoryMembers.role} = 'rep'))::int`,
        managers: sql<number>`(count(*) filter (where ${territoryMembers.role} = 'manager'))::int`,
      })
      .from(territoryMembers)
      .where(eq(territoryMembers.workspaceId, workspaceId))
      .groupBy(territoryMembers.territoryId);
  },

  /** Live organisations (not in the trash, not merged away). */
  organizationCounts(db: Executor, workspaceId: string): Promise<OrganizationCounts[]> {
    return db
      .select({
        territoryId: organizations.territoryId,
        organizations: sql<number>`count(*)::int`,
        withoutOwner: sql<number>`(count(*) filter (where ${organizations.ownerId} is null))::int`,
      })
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), isNull(organizations.deletedAt), isNull(organizations.mergedIntoId)))
      .groupBy(organizations.territoryId);
  },

  /** Open deals and their Σ amount_base; deals won within `fiscalYear` and theirs. Deleted deals count nowhere. */
  dealFigures(db: Executor, workspaceId: string, fiscalYear: DayRange): Promise<DealFigures[]> {
    const wonInYear = and(eq(deals.status, 'won'), gte(deals.closedOn, fiscalYear.start), lt(deals.closedOn, fiscalYear.end));
    return db
      .select({
        territoryId: deals.territoryId,
        openDeals: sql<number>`(count(*) filter (where ${deals.status} = 'open'))::int`,
        openPipeline: sql<string>`coalesce(sum(${deals.amountBase}) filter (where ${deals.status} = 'open'), 0)::numeric(24, 2)::text`,
        wonDeals: sql<number>`(count(*) filter (where ${wonInYear}))::int`,
        wonAmount: sql<string>`coalesce(sum(${deals.amountBase}) filter (where ${wonInYear}), 0)::numeric(24, 2)::text`,
      })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), isNull(deals.deletedAt), or(eq(deals.status, 'open'), wonInYear)))
      .groupBy(deals.territoryId);
  },
};
