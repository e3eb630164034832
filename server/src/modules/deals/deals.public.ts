import type { Executor } from '../../kernel/db/database.ts';
import { trimDecimal } from '../currencies/index.ts';
import { tagsFor } from '../tags/index.ts';
import type { Deal } from './deals.contract.ts';
import { dealsRepository as repo, type DealRow } from './deals.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const uniq = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => !!v))];

/**
 * Deals in their API shape (ZDeal): stage, organisation, people, owner, lost reason, competitor,
 * line items and tags resolved with one query each for the whole list, never one per deal.
 */
export async function hydrateDeals(db: Executor, workspaceId: string, rows: DealRow[], now: Date = new Date()): Promise<Deal[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // One query after the other: inside a transaction they share one connection.
  const stages = new Map((await repo.stagesByIds(db, workspaceId, uniq(rows.map((r) => r.stageId)))).map((s) => [s.id, s]));
  const orgs = new Map((await repo.organizationsByIds(db, workspaceId, uniq(rows.flatMap((r) => [r.organizationId, r.competitorId])))).map((o) => [o.id, o]));
  const owners = new Map((await repo.userNames(db, uniq(rows.map((r) => r.ownerId)))).map((u) => [u.id, u]));
  const reasons = new Map((await repo.lostReasonsByIds(db, workspaceId, uniq(rows.map((r) => r.lostReasonId)))).map((l) => [l.id, l]));
  const peopleRows = await repo.peopleOf(db, workspaceId, ids);
  const lineRows = await repo.lineItemsOf(db, workspaceId, ids);
  const tags = await tagsFor(db, workspaceId, 'deal', ids);
  return rows.map((r): Deal => {
    const stage = stages.get(r.stageId)!;
    const org = r.organizationId ? orgs.get(r.organizationId) : undefined;
    const competitor = r.competitorId ? orgs.get(r.competitorId) : undefined;
    const owner = r.ownerId ? owners.get(r.ownerId) : undefined;
    const reason = r.lostReasonId ? reasons.get(r.lostReasonId) : undefined;
    const probability = r.status === 'won' ? 100 : r.status === 'lost' ? 0 : (r.probability ?? stage.probability);
    const rotting = r.status === 'open' && stage.rottingDays != null && now.getTime() - r.stageEnteredAt.getTime() > stage.rottingDays * DAY_MS;
    return {
      id: r.id,
      title: r.title,
      pipelineId: r.pipelineId,
      stageId: r.stageId,
      stage: { id: stage.id, name: stage.name, kind: stage.kind, probability: stage.probability },
      status: r.status,
      boardRank: trimDecimal(r.boardRank),
      organization: org ? { id: org.id, name: org.name } : null,
      people: peopleRows.filter((p) => p.dealId === r.id).map(({ id, name, role, isPrimary }) => ({ id, name, role, isPrimary })),
      ownerId: r.ownerId,
      owner: owner ? { id: owner.id, name: owner.name } : null,
      territoryId: r.territoryId,
      amount: r.amount,
      currency: r.currency,
      exchangeRate: trimDecimal(r.exchangeRate),
      amountBase: r.amountBase,
      probability,
      probabilityOverride: r.probability,
      forecastCategory: r.forecastCategory,
      expectedCloseDate: r.expectedCloseDate,
      closedOn: r.closedOn,
      closedAt: r.closedAt,
      stageEnteredAt: r.stageEnteredAt,
      rotting,
      source: r.source,
      leadId: r.leadId,
      campaignId: r.campaignId,
      lostReason: reason ? { id: reason.id, labelFa: reason.labelFa, labelEn: reason.labelEn } : null,
      lostNote: r.lostNote,
      competitor: competitor ? { id: competitor.id, name: competitor.name } : null,
      description: r.description,
      lineItems: lineRows
        .filter((l) => l.dealId === r.id)
        .map((l) => ({
          id: l.id,
          productId: l.productId,
          position: l.position,
          description: l.description,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountPercent: l.discountPercent,
          netAmount: l.netAmount,
        })),
      tags: tags.get(r.id) ?? [],
      custom: r.custom,
      version: r.version,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      deletedAt: r.deletedAt,
    };
  });
}

export async function hydrateDeal(db: Executor, workspaceId: string, row: DealRow, now?: Date): Promise<Deal> {
  return (await hydrateDeals(db, workspaceId, [row], now))[0]!;
}
