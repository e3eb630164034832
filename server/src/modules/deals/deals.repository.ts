import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { quickSearch, readSorted, sortCursorPosition, sortValueOf, type ResolvedSort } from '../people/record-query.ts';
import { people } from '../people/people.schema.ts';
import { dealLostReasons, pipelineStages } from '../pipelines/pipelines.schema.ts';
import { products } from '../products/products.schema.ts';
import { taggings } from '../tags/tags.schema.ts';
import { territories } from '../territories/territories.schema.ts';
import { dealLineItems, dealPeople, deals, dealStageHistory, type DealStatus } from './deals.schema.ts';

export type DealRow = typeof deals.$inferSelect;
export type DealValues = Omit<typeof deals.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;
export type LineItemRow = typeof dealLineItems.$inferSelect;
export type LineItemValues = { productId: string | null; description: string; quantity: string; unitPrice: string; discountPercent: string; netAmount: string };
export type DealPersonValues = { personId: string; role: string | null; isPrimary: boolean };

/** The filters every deal read shares (list, board, column). */
export type DealFilters = {
  q?: string;
  pipelineId?: string;
  statuses?: DealStatus[];
  ownerId?: string;
  tagId?: string;
  organizationId?: string;
  personId?: string;
  /** Compiled by kernel/filters from a FilterGroup. */
  filter?: SQL;
};

export type DealListCriteria = DealFilters & { deleted: boolean; sort: ResolvedSort; cursor?: string; limit: number };

const scoped = (workspaceId: string, id: string) => and(eq(deals.workspaceId, workspaceId), eq(deals.id, id));
/** boardRank as exact text (numeric → text keeps every digit). */
const rankText = sql<string>`${deals.boardRank}::text`;

export const dealsRepository = {
  async insert(db: Executor, workspaceId: string, values: DealValues): Promise<DealRow> {
    const [row] = await db
      .insert(deals)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<DealRow | undefined> {
    const [row] = await db.select().from(deals).where(scoped(workspaceId, id));
    return row;
  },

  /** The deal, locked until the transaction ends, so two moves of one card run one after the other. */
  async findForUpdate(db: Executor, workspaceId: string, id: string): Promise<DealRow | undefined> {
    const [row] = await db.select().from(deals).where(scoped(workspaceId, id)).for('update');
    return row;
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<DealValues>, at: Date): Promise<DealRow | undefined> {
    const [row] = await db
      .update(deals)
      .set({ ...changes, version: sql`${deals.version} + 1`, updatedAt: at })
      .where(and(scoped(workspaceId, id), eq(deals.version, version)))
      .returning();
    return row;
  },

  filtersWhere(workspaceId: string, f: DealFilters): SQL {
    return and(
      eq(deals.workspaceId, workspaceId),
      quickSearch(deals.searchKey, f.q),
      f.pipelineId ? eq(deals.pipelineId, f.pipelineId) : undefined,
      f.statuses?.length ? inArray(deals.status, f.statuses) : undefined,
      f.ownerId !== undefined ? eq(deals.ownerId, f.ownerId) : undefined,
      f.organizationId ? eq(deals.organizationId, f.organizationId) : undefined,
      f.personId
        ? sql`exists (select 1 from ${dealPeople} where ${dealPeople.workspaceId} = ${workspaceId} and ${dealPeople.dealId} = ${deals.id} and ${dealPeople.personId} = ${f.personId})`
        : undefined,
      f.tagId
        ? sql`exists (select 1 from ${taggings} where ${taggings.workspaceId} = ${workspaceId} and ${taggings.tagId} = ${f.tagId}
            and ${taggings.entityType} = 'deal' and ${taggings.entityId} = ${deals.id})`
        : undefined,
      f.filter,
    )!;
  },

  /** limit + 1 rows, each with its sort value for the cursor. */
  list(db: Executor, workspaceId: string, criteria: DealListCriteria): Promise<Array<DealRow & { sortValue: string | null }>> {
    const { sort } = criteria;
    const where = and(dealsRepository.filtersWhere(workspaceId, criteria), criteria.deleted ? isNotNull(deals.deletedAt) : isNull(deals.deletedAt));
    return readSorted(sort, deals.id, sortCursorPosition(sort, criteria.cursor), criteria.limit + 1, async (part) => {
      const rows = await db
        .select({ deal: deals, sortValue: sortValueOf(sort) })
        .from(deals)
        .where(and(where, part.where))
        .orderBy(...part.orderBy)
        .limit(part.limit);
      return rows.map((r) => ({ ...r.deal, sortValue: r.sortValue }));
    });
  },

  /** Per stage of a pipeline: live deals, Σ amountBase and Σ amountBase × effective probability. */
  async columnTotals(db: Executor, workspaceId: string, pipelineId: string, filters: DealFilters) {
    const probability = sql`(case when ${deals.status} = 'won' then 100 when ${deals.status} = 'lost' then 0 else coalesce(${deals.probability}, ${pipelineStages.probability}) end)`;
    return db
      .select({
        stageId: deals.stageId,
        count: sql<number>`count(*)::int`,
        totalBase: sql<string>`coalesce(sum(${deals.amountBase}), 0)::numeric(24,2)::text`,
        weightedBase: sql<string>`round(coalesce(sum(${deals.amountBase} * ${probability}), 0) / 100, 2)::text`,
      })
      .from(deals)
      .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
      .where(and(dealsRepository.filtersWhere(workspaceId, { ...filters, pipelineId }), isNull(deals.deletedAt)))
      .groupBy(deals.stageId);
  },

  /** Cards of one column by boardRank (then id), after a (rank, id) position: a seek on deals_board_idx. */
  columnPage(db: Executor, workspaceId: string, stage: { id: string; pipelineId: string }, filters: DealFilters, after: { rank: string; id: string } | undefined, limit: number): Promise<DealRow[]> {
    return db
      .select()
      .from(deals)
      .where(
        and(
          dealsRepository.filtersWhere(workspaceId, filters),
          eq(deals.pipelineId, stage.pipelineId),
          eq(deals.stageId, stage.id),
          isNull(deals.deletedAt),
          after ? sql`(${deals.boardRank}, ${deals.id}) > (${after.rank}::numeric, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(deals.boardRank), asc(deals.id))
      .limit(limit);
  },

  /** Live cards of a column in board order, without `excludingId`: what neighbours are computed from. */
  async columnRanks(db: Executor, workspaceId: string, stageId: string, excludingId: string): Promise<Array<{ id: string; rank: string }>> {
    return db
      .select({ id: deals.id, rank: rankText })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId), isNull(deals.deletedAt), sql`${deals.id} <> ${excludingId}`))
      .orderBy(asc(deals.boardRank), asc(deals.id));
  },

  /** The lowest rank in a column (a card put on top goes above it). */
  async edgeRank(db: Executor, workspaceId: string, stageId: string, edge: 'min' | 'max'): Promise<string | null> {
    const [row] = await db
      .select({ rank: sql<string | null>`${sql.raw(edge)}(${deals.boardRank})::text` })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId), isNull(deals.deletedAt)));
    return row?.rank ?? null;
  },

  async setRank(db: Executor, workspaceId: string, id: string, rank: string): Promise<void> {
    await db.update(deals).set({ boardRank: rank }).where(scoped(workspaceId, id));
  },

  /** Live deals of an owner for a handover: every one moves, in the trash too (restoring gives it to the new owner). */
  async reassignOwner(db: Executor, workspaceId: string, fromUserId: string, toUserId: string): Promise<Array<{ id: string; version: number; deleted: boolean }>> {
    const rows = await db
      .update(deals)
      .set({ ownerId: toUserId, version: sql`${deals.version} + 1`, updatedAt: new Date() })
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.ownerId, fromUserId)))
      .returning({ id: deals.id, version: deals.version, deletedAt: deals.deletedAt });
    return rows.map((r) => ({ id: r.id, version: r.version, deleted: r.deletedAt !== null }));
  },

  /** Open deals of a stage, locked, for moving them when the stage is archived. */
  openDealsOfStageForUpdate(db: Executor, workspaceId: string, stageId: string): Promise<DealRow[]> {
    return db
      .select()
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId), eq(deals.status, 'open'), isNull(deals.deletedAt)))
      .orderBy(asc(deals.boardRank), asc(deals.id))
      .for('update');
  },

  // — people of a deal —

  async replacePeople(db: Executor, workspaceId: string, dealId: string, list: DealPersonValues[]): Promise<void> {
    await db.delete(dealPeople).where(and(eq(dealPeople.workspaceId, workspaceId), eq(dealPeople.dealId, dealId)));
    if (list.length) await db.insert(dealPeople).values(list.map((p) => ({ ...p, workspaceId, dealId })));
  },

  peopleOf(db: Executor, workspaceId: string, dealIds: string[]) {
    if (!dealIds.length) return Promise.resolve([]);
    return db
      .select({
        dealId: dealPeople.dealId,
        id: people.id,
        name: sql<string>`coalesce(nullif(btrim(coalesce(${people.firstName}, '') || ' ' || coalesce(${people.lastName}, '')), ''), nullif(btrim(coalesce(${people.firstNameLatin}, '') || ' ' || coalesce(${people.lastNameLatin}, '')), ''), '')`,
        role: dealPeople.role,
        isPrimary: dealPeople.isPrimary,
      })
      .from(dealPeople)
      .innerJoin(people, eq(people.id, dealPeople.personId))
      .where(and(eq(dealPeople.workspaceId, workspaceId), inArray(dealPeople.dealId, dealIds)))
      .orderBy(desc(dealPeople.isPrimary), asc(dealPeople.createdAt));
  },

  // — line items —

  async replaceLineItems(db: Executor, workspaceId: string, dealId: string, items: LineItemValues[]): Promise<void> {
    await db.delete(dealLineItems).where(and(eq(dealLineItems.workspaceId, workspaceId), eq(dealLineItems.dealId, dealId)));
    if (items.length) await db.insert(dealLineItems).values(items.map((item, position) => ({ ...item, position, workspaceId, dealId })));
  },

  lineItemsOf(db: Executor, workspaceId: string, dealIds: string[]): Promise<LineItemRow[]> {
    if (!dealIds.length) return Promise.resolve([]);
    return db
      .select()
      .from(dealLineItems)
      .where(and(eq(dealLineItems.workspaceId, workspaceId), inArray(dealLineItems.dealId, dealIds)))
      .orderBy(asc(dealLineItems.position));
  },

  // — stage history —

  async openStay(db: Executor, workspaceId: string, values: { dealId: string; pipelineId: string; stageId: string; enteredAt: Date; movedBy: string | null }): Promise<void> {
    await db.insert(dealStageHistory).values({ ...values, workspaceId });
  },

  /** Ends the deal's current stay (the row without left_at). */
  async closeStay(db: Executor, workspaceId: string, dealId: string, at: Date): Promise<void> {
    await db
      .update(dealStageHistory)
      .set({ leftAt: at })
      .where(and(eq(dealStageHistory.workspaceId, workspaceId), eq(dealStageHistory.dealId, dealId), isNull(dealStageHistory.leftAt)));
  },

  historyOf(db: Executor, workspaceId: string, dealId: string) {
    return db
      .select({
        stageId: dealStageHistory.stageId,
        stageName: pipelineStages.name,
        stageKind: pipelineStages.kind,
        stageArchivedAt: pipelineStages.archivedAt,
        enteredAt: dealStageHistory.enteredAt,
        leftAt: dealStageHistory.leftAt,
        movedBy: dealStageHistory.movedBy,
      })
      .from(dealStageHistory)
      .innerJoin(pipelineStages, eq(pipelineStages.id, dealStageHistory.stageId))
      .where(and(eq(dealStageHistory.workspaceId, workspaceId), eq(dealStageHistory.dealId, dealId)))
      .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id));
  },

  // — what a deal refers to —

  stagesByIds(db: Executor, workspaceId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.select().from(pipelineStages).where(and(eq(pipelineStages.workspaceId, workspaceId), inArray(pipelineStages.id, ids)));
  },

  organizationsByIds(db: Executor, workspaceId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .select({ id: organizations.id, name: organizations.name, type: organizations.type, territoryId: organizations.territoryId, live: sql<boolean>`(${organizations.deletedAt} is null and ${organizations.mergedIntoId} is null)` })
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), inArray(organizations.id, ids)));
  },

  async livePeopleIds(db: Executor, workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, ids), isNull(people.deletedAt), isNull(people.mergedIntoId)));
    return new Set(rows.map((r) => r.id));
  },

  userNames(db: Executor, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  },

  lostReasonsByIds(db: Executor, workspaceId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.select().from(dealLostReasons).where(and(eq(dealLostReasons.workspaceId, workspaceId), inArray(dealLostReasons.id, ids)));
  },

  async territoryExists(db: Executor, workspaceId: string, id: string): Promise<boolean> {
    const [row] = await db.select({ id: territories.id }).from(territories).where(and(eq(territories.workspaceId, workspaceId), eq(territories.id, id)));
    return !!row;
  },

  async existingProductIds(db: Executor, workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await db.select({ id: products.id }).from(products).where(and(eq(products.workspaceId, workspaceId), inArray(products.id, ids)));
    return new Set(rows.map((r) => r.id));
  },

  async leadExists(db: Executor, workspaceId: string, id: string): Promise<boolean> {
    const [row] = await db.select({ id: leads.id }).from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)));
    return !!row;
  },

  // — timeline —

  /**
   * Deal events (created, stage changes, won, lost, reopened) of the deals an organisation or
   * person takes part in, newest first, from the audit log.
   */
  dealEventsOf(db: Executor, workspaceId: string, subject: { entityType: 'person' | 'organization'; ids: string[] }, actions: readonly string[], page: { before?: { at: Date; id: string }; limit: number }) {
    const dealIds =
      subject.entityType === 'organization'
        ? sql`select ${deals.id}::text from ${deals} where ${deals.workspaceId} = ${workspaceId} and ${inArray(deals.organizationId, subject.ids)}`
        : sql`select ${dealPeople.dealId}::text from ${dealPeople} where ${dealPeople.workspaceId} = ${workspaceId} and ${inArray(dealPeople.personId, subject.ids)}`;
    const before = page.before ? sql`(${auditLog.occurredAt}, ${auditLog.id}) < (${page.before.at.toISOString()}::timestamptz, ${page.before.id}::uuid)` : undefined;
    return db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.entityType, 'deal'), inArray(auditLog.action, [...actions]), sql`${auditLog.entityId} in (${dealIds})`, before))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(page.limit);
  },
};

