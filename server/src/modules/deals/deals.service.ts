import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { Page } from '../../kernel/http/pagination.ts';
import { workspaceToday } from '../people/record-list.ts';
import type { ViewsPort } from '../people/record-ports.ts';
import { toSortedPage, withCursorChecked } from '../people/record-query.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
import { pipelineErrors, pipelinesRepository, publicStage, type StageRow } from '../pipelines/index.ts';
import type { TaggableEntity } from '../tags/index.ts';
import { ZDealCreate, ZDealMove, ZDealPatch, type Deal, type TBoardColumnQuery, type TBoardQuery, type TDealListQuery } from './deals.contract.ts';
import { dealErrors, dealFieldError } from './deals.errors.ts';
import { buildBoardFilters, buildDealListCriteria } from './deals.list.ts';
import { hydrateDeal, hydrateDeals } from './deals.public.ts';
import { hasRoomBetween, rankBetween } from './deals.rank.ts';
import { dealsRepository as repo, type DealFilters, type DealRow, type DealValues } from './deals.repository.ts';
import { actingUserId, dealSearchKey, prepareDeal } from './deals.rules.ts';

export type DealTagsPort = {
  setTags(tx: Tx, ctx: WorkspaceContext, entityType: TaggableEntity, entityId: string, tags: string[]): Promise<unknown>;
};

export type DealsServiceDeps = {
  db: AppDb;
  tags: DealTagsPort;
  views: ViewsPort;
  /** The pipelines service: creates the default pipeline of a workspace that has none. */
  pipelines: { ensureDefaults(workspaceId: string): Promise<void>; ensureDefaultsWithin(tx: Executor, workspaceId: string): Promise<void> };
  clock?: () => Date;
};

const BOARD_PAGE = 50;

type StageMove = { lostReasonId?: string | null; lostNote?: string | null; competitorId?: string | null };

/** The audit action of a stage change: closing and reopening matter most on a timeline. */
function moveAction(before: DealRow, after: DealRow): string {
  if (after.status === 'won' && before.status !== 'won') return 'deal.won';
  if (after.status === 'lost' && before.status !== 'lost') return 'deal.lost';
  if (after.status === 'open' && before.status !== 'open') return 'deal.reopened';
  return 'deal.stage_changed';
}

const encodeColumnCursor = (row: { boardRank: string; id: string }) => Buffer.from(JSON.stringify({ r: row.boardRank, id: row.id })).toString('base64url');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeColumnCursor(cursor: string | undefined): { rank: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value?.r === 'string' && /^-?\d+(\.\d+)?$/.test(value.r) && typeof value.id === 'string' && UUID_RE.test(value.id)) return { rank: value.r, id: value.id };
  } catch {
    // fall through
  }
  throw kernelErrors.validation_failed({ fieldErrors: [dealFieldError('cursor', 'invalid_cursor')] });
}

export function createDealsService(deps: DealsServiceDeps) {
  const { db, tags } = deps;
  const clock = deps.clock ?? (() => new Date());
  const listEnv = { executor: db, views: deps.views, clock };

  async function requireDeal(executor: Executor, workspaceId: string, id: string): Promise<DealRow> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw dealErrors.deal_not_found();
    return row;
  }

  async function requireEditable(tx: Tx, workspaceId: string, id: string): Promise<DealRow> {
    const row = await repo.findForUpdate(tx, workspaceId, id);
    if (!row) throw dealErrors.deal_not_found();
    if (row.deletedAt) throw dealErrors.deal_deleted();
    return row;
  }

  /**
   * What reaching `stage` means for a deal: its status, the day it closed (workspace time zone)
   * or none when reopened, and the lost reason a lost stage needs (422 without one). Competitor
   * and lost details are cleared when the deal is no longer lost.
   */
  function stageOutcome(before: DealRow | undefined, stage: StageRow, move: StageMove, today: string, now: Date): Partial<DealValues> {
    const wasClosedSame = before && before.status === stage.kind;
    const closing = stage.kind !== 'open';
    const changes: Partial<DealValues> = { status: stage.kind, pipelineId: stage.pipelineId, stageId: stage.id };
    changes.closedOn = closing ? (wasClosedSame ? before!.closedOn : today) : null;
    changes.closedAt = closing ? (wasClosedSame ? before!.closedAt : now) : null;
    if (stage.kind === 'lost') {
      const reason = move.lostReasonId !== undefined ? move.lostReasonId : before?.status === 'lost' ? before.lostReasonId : null;
      if (!reason) throw dealErrors.lost_reason_required({ fieldErrors: [dealFieldError('lostReasonId', 'lost_reason_required')] });
      changes.lostReasonId = reason;
      if (move.lostNote !== undefined) changes.lostNote = move.lostNote;
      if (move.competitorId !== undefined) changes.competitorId = move.competitorId;
    } else {
      changes.lostReasonId = null;
      changes.lostNote = null;
      changes.competitorId = null;
    }
    return changes;
  }

  /** Checks a lost reason and competitor sent with a move (the create/update path checks its own). */
  async function checkLostDetails(tx: Tx, workspaceId: string, move: StageMove): Promise<void> {
    const errors: FieldError[] = [];
    if (move.lostReasonId && !(await repo.lostReasonsByIds(tx, workspaceId, [move.lostReasonId])).length) errors.push(dealFieldError('lostReasonId', 'lost_reason_not_found'));
    if (move.competitorId) {
      const [org] = await repo.organizationsByIds(tx, workspaceId, [move.competitorId]);
      if (!org || !org.live) errors.push(dealFieldError('competitorId', 'competitor_not_found'));
      else if (org.type !== 'competitor') errors.push(dealFieldError('competitorId', 'competitor_not_competitor'));
    }
    failOnFieldErrors(errors);
  }

  /** The deal's stay in its old stage ends and one in the new stage begins, at the same instant. */
  async function recordStay(tx: Tx, ctx: WorkspaceContext, deal: { id: string; pipelineId: string; stageId: string }, at: Date, hadStay: boolean): Promise<void> {
    if (hadStay) await repo.closeStay(tx, ctx.workspaceId, deal.id, at);
    await repo.openStay(tx, ctx.workspaceId, { dealId: deal.id, pipelineId: deal.pipelineId, stageId: deal.stageId, enteredAt: at, movedBy: actingUserId(ctx) ?? ctx.actor.id });
  }

  /**
   * The rank that puts a card between its neighbours in a column: after `afterId`, before
   * `beforeId`, or on top. A column whose ranks got too close is renumbered first.
   */
  async function rankIn(tx: Tx, workspaceId: string, stageId: string, dealId: string, place: { afterId?: string | null; beforeId?: string | null }): Promise<string> {
    let column = await repo.columnRanks(tx, workspaceId, stageId, dealId);
    const neighbours = () => {
      if (place.afterId) {
        const index = column.findIndex((c) => c.id === place.afterId);
        if (index < 0) failOnFieldErrors([dealFieldError('afterId', 'neighbour_not_found')]);
        return { above: column[index]!.rank, below: column[index + 1]?.rank ?? null };
      }
      if (place.beforeId) {
        const index = column.findIndex((c) => c.id === place.beforeId);
        if (index < 0) failOnFieldErrors([dealFieldError('beforeId', 'neighbour_not_found')]);
        return { above: column[index - 1]?.rank ?? null, below: column[index]!.rank };
      }
      return { above: null, below: column[0]?.rank ?? null };
    };
    let { above, below } = neighbours();
    if (!hasRoomBetween(above, below)) {
      column = column.map((c, index) => ({ ...c, rank: String(index + 1) }));
      for (const c of column) await repo.setRank(tx, workspaceId, c.id, c.rank);
      ({ above, below } = neighbours());
    }
    return rankBetween(above, below);
  }

  async function auditWrite(tx: Tx, ctx: WorkspaceContext, action: string, before: Deal | undefined, after: Deal): Promise<void> {
    await recordAudit(tx, ctx, { action, entityType: 'deal', entityId: after.id, ...(before ? { before } : {}), after });
  }

  async function stageAudit(tx: Tx, ctx: WorkspaceContext, before: DealRow, after: DealRow, fromStage: StageRow | undefined, toStage: StageRow, extra: Record<string, unknown> = {}) {
    const side = (row: DealRow, stage: StageRow | undefined) => ({
      title: row.title,
      stage: stage ? { id: stage.id, name: stage.name, kind: stage.kind } : { id: row.stageId },
      status: row.status,
      closedOn: row.closedOn,
      lostReasonId: row.lostReasonId,
      amountBase: row.amountBase,
      currency: row.currency,
      amount: row.amount,
      version: row.version,
    });
    await recordAudit(tx, ctx, { action: moveAction(before, after), entityType: 'deal', entityId: after.id, before: side(before, fromStage), after: { ...side(after, toStage), ...extra } });
  }

  /** Creates a deal inside the caller's transaction: the API, lead conversion and imports use this. */
  async function createWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<Deal> {
    requirePermission(ctx, 'records.write');
    const { tags: tagNames, ...input } = parseInput(ZDealCreate, rawInput);
    await deps.pipelines.ensureDefaultsWithin(tx, ctx.workspaceId);
    const now = clock();
    const { today } = await workspaceToday(tx, ctx.workspaceId, clock);
    const errors: FieldError[] = [];
    const prepared = await prepareDeal(tx, ctx, input, undefined, { today }, errors);
    failOnFieldErrors(errors);
    const { stage } = prepared!;
    const outcome = stageOutcome(undefined, stage, input, today, now);
    const rank = rankBetween(null, await repo.edgeRank(tx, ctx.workspaceId, stage.id, 'min'));
    const values = { ...prepared!.values, ...outcome } as DealValues;
    const row = await repo.insert(tx, ctx.workspaceId, {
      ...values,
      title: input.title,
      boardRank: rank,
      stageEnteredAt: now,
      createdBy: actingUserId(ctx),
      searchKey: await dealSearchKey(tx, ctx.workspaceId, input.title, values.organizationId ?? null),
    });
    if (prepared!.people?.length) await repo.replacePeople(tx, ctx.workspaceId, row.id, prepared!.people);
    if (prepared!.lineItems?.length) await repo.replaceLineItems(tx, ctx.workspaceId, row.id, prepared!.lineItems);
    await recordStay(tx, ctx, row, now, false);
    if (tagNames?.length) await tags.setTags(tx, ctx, 'deal', row.id, tagNames);
    const created = await hydrateDeal(tx, ctx.workspaceId, row, now);
    await auditWrite(tx, ctx, 'deal.created', undefined, created);
    return created;
  }

  async function updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Deal> {
    requirePermission(ctx, 'records.write');
    const { version, tags: tagNames, ...input } = parseInput(ZDealPatch, rawInput);
    const before = await requireEditable(tx, ctx.workspaceId, id);
    // A stale edit is refused before its content is judged: the caller must see the current deal first.
    if (before.version !== version) throw kernelErrors.version_conflict();
    const now = clock();
    const { today } = await workspaceToday(tx, ctx.workspaceId, clock);
    const errors: FieldError[] = [];
    const prepared = await prepareDeal(tx, ctx, input, before, { today }, errors);
    failOnFieldErrors(errors);
    const { stage, stageChanged } = prepared!;
    const fromStage = stageChanged ? await pipelinesRepository.findStage(tx, ctx.workspaceId, before.stageId) : undefined;
    let changes: Partial<DealValues> = { ...prepared!.values };
    if (stageChanged || input.lostReasonId !== undefined) changes = { ...changes, ...stageOutcome(before, stage, input, today, now) };
    if (stageChanged) {
      changes.stageEnteredAt = now;
      changes.boardRank = rankBetween(null, await repo.edgeRank(tx, ctx.workspaceId, stage.id, 'min'));
    }
    const title = changes.title ?? before.title;
    const organizationId = changes.organizationId !== undefined ? changes.organizationId : before.organizationId;
    changes.searchKey = await dealSearchKey(tx, ctx.workspaceId, title, organizationId ?? null);
    const beforeDeal = await hydrateDeal(tx, ctx.workspaceId, before, now);
    const row = await repo.update(tx, ctx.workspaceId, id, version, changes, now);
    if (!row) throw kernelErrors.version_conflict();
    if (prepared!.people) await repo.replacePeople(tx, ctx.workspaceId, id, prepared!.people);
    if (prepared!.lineItems) await repo.replaceLineItems(tx, ctx.workspaceId, id, prepared!.lineItems);
    if (tagNames) await tags.setTags(tx, ctx, 'deal', id, tagNames);
    if (stageChanged) {
      await recordStay(tx, ctx, row, now, true);
      await stageAudit(tx, ctx, before, row, fromStage, stage);
    }
    const after = await hydrateDeal(tx, ctx.workspaceId, row, now);
    await auditWrite(tx, ctx, 'deal.updated', beforeDeal, after);
    return after;
  }

  async function moveWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Deal> {
    const input = parseInput(ZDealMove, rawInput);
    const before = await requireEditable(tx, ctx.workspaceId, id);
    if (input.version !== undefined && before.version !== input.version) throw kernelErrors.version_conflict();
    const stage = await pipelinesRepository.findStage(tx, ctx.workspaceId, input.stageId);
    if (!stage || stage.archivedAt) throw kernelErrors.validation_failed({ fieldErrors: [dealFieldError('stageId', 'stage_not_found')] });
    await checkLostDetails(tx, ctx.workspaceId, input);
    const now = clock();
    const stageChanged = stage.id !== before.stageId;
    const rank = await rankIn(tx, ctx.workspaceId, stage.id, id, input);
    let changes: Partial<DealValues> = { boardRank: rank };
    if (stageChanged) {
      const { today } = await workspaceToday(tx, ctx.workspaceId, clock);
      changes = { ...changes, ...stageOutcome(before, stage, input, today, now), stageEnteredAt: now };
    }
    const row = await repo.update(tx, ctx.workspaceId, id, before.version, changes, now);
    if (!row) throw kernelErrors.version_conflict();
    if (stageChanged) {
      await recordStay(tx, ctx, row, now, true);
      await stageAudit(tx, ctx, before, row, await pipelinesRepository.findStage(tx, ctx.workspaceId, before.stageId), stage);
    }
    return hydrateDeal(tx, ctx.workspaceId, row, now);
  }

  /**
   * Moves the open deals of a stage being archived to `to`, at the bottom of its column in their
   * order, with stage history and an audit entry each (the pipelines service calls this).
   */
  async function moveStageDealsWithin(tx: Tx, ctx: WorkspaceContext, from: StageRow, to: StageRow): Promise<number> {
    if (to.kind === 'lost') failOnFieldErrors([dealFieldError('moveTo', 'move_target_lost')]);
    const open = await repo.openDealsOfStageForUpdate(tx, ctx.workspaceId, from.id);
    const now = clock();
    const { today } = await workspaceToday(tx, ctx.workspaceId, clock);
    let rank = await repo.edgeRank(tx, ctx.workspaceId, to.id, 'max');
    for (const before of open) {
      rank = rankBetween(rank, null);
      const changes = { ...stageOutcome(before, to, {}, today, now), stageEnteredAt: now, boardRank: rank };
      const row = (await repo.update(tx, ctx.workspaceId, before.id, before.version, changes, now))!;
      await recordStay(tx, ctx, row, now, true);
      await stageAudit(tx, ctx, before, row, from, to, { reason: 'stage_archived' });
    }
    return open.length;
  }

  async function boardColumns(ctx: WorkspaceContext, stages: StageRow[], pipelineId: string, filters: DealFilters) {
    const totals = new Map((await repo.columnTotals(db, ctx.workspaceId, pipelineId, filters)).map((t) => [t.stageId, t]));
    const pages: DealRow[][] = [];
    for (const stage of stages) pages.push(await repo.columnPage(db, ctx.workspaceId, stage, filters, undefined, BOARD_PAGE + 1));
    const cards = await hydrateDeals(db, ctx.workspaceId, pages.flatMap((p) => p.slice(0, BOARD_PAGE)), clock());
    const byId = new Map(cards.map((c) => [c.id, c]));
    return stages.map((stage, index) => {
      const page = pages[index]!;
      const shown = page.slice(0, BOARD_PAGE);
      const total = totals.get(stage.id);
      return {
        stage: publicStage(stage),
        count: total?.count ?? 0,
        totalBase: total?.totalBase ?? '0.00',
        weightedBase: total?.weightedBase ?? '0.00',
        deals: shown.map((r) => byId.get(r.id)!),
        nextCursor: page.length > BOARD_PAGE ? encodeColumnCursor(shown[shown.length - 1]!) : null,
      };
    });
  }

  return {
    createWithin,
    updateWithin,
    moveStageDealsWithin,

    async list(ctx: WorkspaceContext, query: TDealListQuery): Promise<Page<Deal>> {
      requirePermission(ctx, 'records.read');
      const criteria = await buildDealListCriteria(ctx, query, listEnv);
      const rows = await withCursorChecked(criteria.cursor, () => repo.list(db, ctx.workspaceId, criteria));
      const page = toSortedPage(rows, query.limit, criteria.sort);
      return { items: await hydrateDeals(db, ctx.workspaceId, page.items, clock()), nextCursor: page.nextCursor };
    },

    /** One deal, deleted ones too (for the trash). */
    async get(ctx: WorkspaceContext, id: string): Promise<Deal> {
      requirePermission(ctx, 'records.read');
      return hydrateDeal(db, ctx.workspaceId, await requireDeal(db, ctx.workspaceId, id), clock());
    },

    async create(ctx: WorkspaceContext, input: unknown): Promise<Deal> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => createWithin(tx, ctx, input));
    },

    async update(ctx: WorkspaceContext, id: string, input: unknown): Promise<Deal> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => updateWithin(tx, ctx, id, input));
    },

    /** Moves a card on the board: another stage (with history and status) and/or another place in the column. */
    async move(ctx: WorkspaceContext, id: string, input: unknown): Promise<Deal> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => moveWithin(tx, ctx, id, input));
    },

    /** Soft delete; deleting twice changes nothing. */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.delete');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await repo.findForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw dealErrors.deal_not_found();
        if (before.deletedAt) return;
        const row = (await repo.update(tx, ctx.workspaceId, id, before.version, { deletedAt: clock() }, clock()))!;
        await audit({ action: 'deal.deleted', entityType: 'deal', entityId: id, before: { deletedAt: null, version: before.version }, after: { deletedAt: row.deletedAt, version: row.version } });
      });
    },

    async restore(ctx: WorkspaceContext, id: string): Promise<Deal> {
      requirePermission(ctx, 'records.delete');
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.findForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw dealErrors.deal_not_found();
        if (!before.deletedAt) return hydrateDeal(tx, ctx.workspaceId, before, clock());
        const row = (await repo.update(tx, ctx.workspaceId, id, before.version, { deletedAt: null }, clock()))!;
        await audit({ action: 'deal.restored', entityType: 'deal', entityId: id, before: { deletedAt: before.deletedAt, version: before.version }, after: { deletedAt: null, version: row.version } });
        return hydrateDeal(tx, ctx.workspaceId, row, clock());
      });
    },

    /** The board of a pipeline: per stage its count, Σ base amount, weighted Σ and the first 50 cards. */
    async board(ctx: WorkspaceContext, query: TBoardQuery) {
      requirePermission(ctx, 'records.read');
      await deps.pipelines.ensureDefaults(ctx.workspaceId);
      const pipeline = query.pipelineId
        ? await pipelinesRepository.findPipeline(db, ctx.workspaceId, query.pipelineId)
        : await pipelinesRepository.findDefaultPipeline(db, ctx.workspaceId);
      if (!pipeline) throw pipelineErrors.pipeline_not_found();
      const filters = await buildBoardFilters(ctx, query, listEnv);
      const stages = await pipelinesRepository.listStages(db, ctx.workspaceId, [pipeline.id], false);
      return {
        pipeline: { id: pipeline.id, name: pipeline.name, isDefault: pipeline.isDefault, version: pipeline.version },
        columns: await boardColumns(ctx, stages, pipeline.id, filters),
      };
    },

    /** More cards of one board column, after the cursor of the previous page. */
    async boardColumn(ctx: WorkspaceContext, query: TBoardColumnQuery): Promise<Page<Deal>> {
      requirePermission(ctx, 'records.read');
      const stage = await pipelinesRepository.findStage(db, ctx.workspaceId, query.stageId);
      if (!stage) throw pipelineErrors.stage_not_found();
      const filters = await buildBoardFilters(ctx, query, listEnv);
      const rows = await repo.columnPage(db, ctx.workspaceId, stage, filters, decodeColumnCursor(query.cursor), query.limit + 1);
      const shown = rows.slice(0, query.limit);
      return {
        items: await hydrateDeals(db, ctx.workspaceId, shown, clock()),
        nextCursor: rows.length > query.limit ? encodeColumnCursor(shown[shown.length - 1]!) : null,
      };
    },

    /** Every stay of the deal in a stage, oldest first, with how long it lasted (so far, for the current one). */
    async stageHistory(ctx: WorkspaceContext, id: string) {
      requirePermission(ctx, 'records.read');
      await requireDeal(db, ctx.workspaceId, id);
      const now = clock();
      return (await repo.historyOf(db, ctx.workspaceId, id)).map((h) => ({
        stage: { id: h.stageId, name: h.stageName, kind: h.stageKind, archived: h.stageArchivedAt !== null },
        enteredAt: h.enteredAt,
        leftAt: h.leftAt,
        durationSeconds: Math.max(0, Math.floor(((h.leftAt ?? now).getTime() - h.enteredAt.getTime()) / 1000)),
        movedBy: h.movedBy,
      }));
    },

    /** Handover target 'deal': every deal of the departing owner, open and closed, in the trash too. */
    handoverTarget: {
      name: 'deal',
      move: (tx: Tx, workspaceId: string, fromUserId: string, toUserId: string) => repo.reassignOwner(tx, workspaceId, fromUserId, toUserId),
    },
  };
}

export type DealsService = ReturnType<typeof createDealsService>;
