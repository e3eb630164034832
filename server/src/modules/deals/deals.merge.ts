import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../kernel/db/database.ts';
import { registerMergeHook, type MergeIds } from '../search/index.ts';
import { dealPeople, deals } from './deals.schema.ts';

/*
 * When two people or two organisations are merged, their deals follow the survivor: the merged
 * record is kept only for history, so a deal still pointing at it would vanish from the survivor's
 * 360° page, forecast groupings and handover.
 */

const dealsMergeRepository = {
  /** Deals of the merged organisation (as customer or as the competitor lost to) move to the survivor. */
  async moveOrganization(tx: Tx, workspaceId: string, { survivorId, mergedId }: MergeIds) {
    const asCustomer = await tx
      .update(deals)
      .set({ organizationId: survivorId, version: sql`${deals.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.organizationId, mergedId)))
      .returning({ id: deals.id });
    const asCompetitor = await tx
      .update(deals)
      .set({ competitorId: survivorId, version: sql`${deals.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.competitorId, mergedId)))
      .returning({ id: deals.id });
    return { deals: asCustomer.map((d) => d.id), dealsLostTo: asCompetitor.map((d) => d.id) };
  },

  /** The merged person's places on deals go to the survivor; where both were on a deal, the survivor's stays. */
  async movePerson(tx: Tx, workspaceId: string, { survivorId, mergedId }: MergeIds) {
    const survivorDeals = tx
      .select({ dealId: dealPeople.dealId })
      .from(dealPeople)
      .where(and(eq(dealPeople.workspaceId, workspaceId), eq(dealPeople.personId, survivorId)));
    const dropped = await tx
      .delete(dealPeople)
      .where(and(eq(dealPeople.workspaceId, workspaceId), eq(dealPeople.personId, mergedId), inArray(dealPeople.dealId, survivorDeals)))
      .returning({ dealId: dealPeople.dealId });
    const moved = await tx
      .update(dealPeople)
      .set({ personId: survivorId })
      .where(and(eq(dealPeople.workspaceId, workspaceId), eq(dealPeople.personId, mergedId)))
      .returning({ dealId: dealPeople.dealId });
    return { deals: moved.map((d) => d.dealId), dealsAlreadyWithSurvivor: dropped.map((d) => d.dealId) };
  },
};

/** Called once when the app is wired. */
export function registerDealMergeHooks(): void {
  registerMergeHook('organization', dealsOfMergedOrganization);
  registerMergeHook('person', dealsOfMergedPerson);
}

async function dealsOfMergedOrganization(tx: Tx, ctx: { workspaceId: string }, ids: MergeIds) {
  return dealsMergeRepository.moveOrganization(tx, ctx.workspaceId, ids);
}

async function dealsOfMergedPerson(tx: Tx, ctx: { workspaceId: string }, ids: MergeIds) {
  const moved = await dealsMergeRepository.movePerson(tx, ctx.workspaceId, ids);
  return { dealPeople: moved.deals, dealPeopleAlreadyWithSurvivor: moved.dealsAlreadyWithSurvivor };
}
