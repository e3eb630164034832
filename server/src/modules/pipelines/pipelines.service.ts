import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
import {
  ZLostReasonCreate,
  ZLostReasonPatch,
  ZPipelineCreate,
  ZPipelinePatch,
  ZStageCreate,
  ZStageOrder,
  ZStagePatch,
  type LostReason,
  type Pipeline,
  type Stage,
} from './pipelines.contract.ts';
import { DEFAULT_LOST_REASONS, DEFAULT_PIPELINE_NAME, DEFAULT_STAGES } from './pipelines.defaults.ts';
import { pipelineErrors, pipelineFieldError } from './pipelines.errors.ts';
import { pipelinesRepository as repo, type LostReasonRow, type NewStage, type PipelineRow, type StageRow } from './pipelines.repository.ts';
import type { StageKind } from './pipelines.schema.ts';

/**
 * Moves the open deals of a stage being archived to another stage of the same pipeline, with
 * their stage history, in the caller's transaction; returns how many moved. The deals module
 * provides it (wired in app.ts), so pipelines never import deals code.
 */
export type StageDealsMover = (tx: Tx, ctx: WorkspaceContext, from: StageRow, to: StageRow) => Promise<number>;

export const publicStage = (s: StageRow): Stage => ({
  id: s.id,
  pipelineId: s.pipelineId,
  name: s.name,
  position: s.position,
  probability: s.probability,
  kind: s.kind,
  rottingDays: s.rottingDays,
  version: s.version,
  archivedAt: s.archivedAt,
});

const publicPipeline = (p: PipelineRow, stages: StageRow[]): Pipeline => ({
  id: p.id,
  name: p.name,
  isDefault: p.isDefault,
  position: p.position,
  version: p.version,
  archivedAt: p.archivedAt,
  stages: stages.filter((s) => s.pipelineId === p.id).map(publicStage),
});

export const publicLostReason = (r: LostReasonRow): LostReason => ({ id: r.id, labelFa: r.labelFa, labelEn: r.labelEn, position: r.position, archivedAt: r.archivedAt });

/** Won stages are 100 %, lost 0 %: a sent probability that says otherwise is refused, a missing one follows the kind. */
function probabilityFor(kind: StageKind, probability: number | undefined, path: string, errors: FieldError[]): number {
  if (kind === 'won') {
    if (probability !== undefined && probability !== 100) errors.push(pipelineFieldError(path, 'won_probability'));
    return 100;
  }
  if (kind === 'lost') {
    if (probability !== undefined && probability !== 0) errors.push(pipelineFieldError(path, 'lost_probability'));
    return 0;
  }
  return probability ?? 0;
}

const hasEveryKind = (kinds: StageKind[]) => kinds.includes('open') && kinds.includes('won') && kinds.includes('lost');

/** Open stages first, then won, then lost: where a new stage goes unless a position is given. */
const kindOrder: Record<StageKind, number> = { open: 0, won: 1, lost: 2 };

export function createPipelinesService(deps: { db: AppDb; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  let stageDealsMover: StageDealsMover | undefined;

  /**
   * The default pipeline and lost reasons of a workspace that has none yet, named in its
   * language. Safe to call on every visit: the workspace row is locked while checking.
   */
  async function ensureDefaultsWithin(tx: Executor, workspaceId: string): Promise<void> {
    // A quick read first: the workspace row is only locked the one time it has nothing yet, so
    // deal creations and board loads never queue behind each other here.
    if ((await repo.countPipelines(tx, workspaceId)) > 0 && (await repo.countLostReasons(tx, workspaceId)) > 0) return;
    const workspace = await repo.lockWorkspace(tx, workspaceId);
    if (!workspace) return;
    const lang = workspace.defaultLocale === 'en' ? 'en' : 'fa';
    if ((await repo.countPipelines(tx, workspaceId)) === 0) {
      const pipeline = await repo.insertPipeline(tx, workspaceId, { name: DEFAULT_PIPELINE_NAME[lang], isDefault: true, position: 0 });
      await repo.insertStages(
        tx,
        workspaceId,
        pipeline.id,
        DEFAULT_STAGES.map((s, position) => ({ name: s.name[lang], probability: s.probability, kind: s.kind, position })),
      );
    }
    if ((await repo.countLostReasons(tx, workspaceId)) === 0) {
      await repo.insertLostReasons(tx, workspaceId, DEFAULT_LOST_REASONS.map((r, position) => ({ ...r, position })));
    }
  }

  async function ensureDefaults(workspaceId: string): Promise<void> {
    if ((await repo.countPipelines(db, workspaceId)) > 0 && (await repo.countLostReasons(db, workspaceId)) > 0) return;
    await db.transaction((tx) => ensureDefaultsWithin(tx as Tx, workspaceId));
  }

  async function requirePipeline(executor: Executor, workspaceId: string, id: string, forUpdate = false): Promise<PipelineRow> {
    const row = await repo.findPipeline(executor, workspaceId, id, forUpdate);
    if (!row) throw pipelineErrors.pipeline_not_found();
    return row;
  }

  async function pipelineWithStages(executor: Executor, workspaceId: string, row: PipelineRow, includeArchived = false): Promise<Pipeline> {
    return publicPipeline(row, await repo.listStages(executor, workspaceId, [row.id], includeArchived));
  }

  async function requireStage(executor: Executor, workspaceId: string, pipelineId: string, stageId: string): Promise<StageRow> {
    const stage = await repo.findStage(executor, workspaceId, stageId);
    if (!stage || stage.pipelineId !== pipelineId) throw pipelineErrors.stage_not_found();
    return stage;
  }

  /** After a stage change the pipeline must still have an open, a won and a lost stage. */
  async function assertStageKinds(tx: Tx, workspaceId: string, pipelineId: string): Promise<void> {
    const stages = await repo.listStages(tx, workspaceId, [pipelineId], false);
    if (!hasEveryKind(stages.map((s) => s.kind))) throw pipelineErrors.pipeline_needs_stage_kinds();
  }

  /** Positions 0…n-1 in the given order. */
  async function renumber(tx: Tx, workspaceId: string, ordered: StageRow[]): Promise<void> {
    for (const [position, stage] of ordered.entries()) {
      if (stage.position !== position) await repo.updateStage(tx, workspaceId, stage.id, undefined, { position });
    }
  }

  return {
    ensureDefaults,
    ensureDefaultsWithin,

    /** The deals module moves a stage's open deals when it is archived. */
    setStageDealsMover(mover: StageDealsMover) {
      stageDealsMover = mover;
    },

    /** Every pipeline with its stages; creates the default pipeline the first time. */
    async list(ctx: WorkspaceContext, query: { archived?: 'true' | 'false' }): Promise<Pipeline[]> {
      requirePermission(ctx, 'records.read');
      await ensureDefaults(ctx.workspaceId);
      const includeArchived = query.archived === 'true';
      const rows = await repo.listPipelines(db, ctx.workspaceId, includeArchived);
      const stages = await repo.listStages(db, ctx.workspaceId, rows.map((r) => r.id), includeArchived);
      return rows.map((r) => publicPipeline(r, stages));
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Pipeline> {
      requirePermission(ctx, 'records.read');
      return pipelineWithStages(db, ctx.workspaceId, await requirePipeline(db, ctx.workspaceId, id), true);
    },

    async create(ctx: WorkspaceContext, rawInput: unknown): Promise<Pipeline> {
      requirePermission(ctx, 'sales.configure');
      const input = parseInput(ZPipelineCreate, rawInput);
      const errors: FieldError[] = [];
      const lang = ctx.locale;
      const stages: NewStage[] = (input.stages ?? DEFAULT_STAGES.map((s) => ({ name: s.name[lang], probability: s.probability, kind: s.kind, rottingDays: null })))
        .map((s, position) => ({ name: s.name, kind: s.kind, rottingDays: s.rottingDays ?? null, position, probability: probabilityFor(s.kind, s.probability, `stages.${position}.probability`, errors) }));
      if (!hasEveryKind(stages.map((s) => s.kind))) errors.push(pipelineFieldError('stages', 'stages_need_kinds'));
      failOnFieldErrors(errors);
      await ensureDefaults(ctx.workspaceId);
      return mutate(db, ctx, async (tx, audit) => {
        const position = (await repo.listPipelines(tx, ctx.workspaceId, true)).length;
        const row = await repo.insertPipeline(tx, ctx.workspaceId, { name: input.name, isDefault: input.isDefault ?? false, position });
        if (row.isDefault) await repo.clearDefault(tx, ctx.workspaceId, row.id);
        await repo.insertStages(tx, ctx.workspaceId, row.id, stages);
        const created = await pipelineWithStages(tx, ctx.workspaceId, row);
        await audit({ action: 'pipeline.created', entityType: 'pipeline', entityId: row.id, after: created });
        return created;
      });
    },

    async update(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Pipeline> {
      requirePermission(ctx, 'sales.configure');
      const { version, archived, ...input } = parseInput(ZPipelinePatch, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await requirePipeline(tx, ctx.workspaceId, id, true);
        if (before.version !== version) throw kernelErrors.version_conflict();
        const changes: Parameters<typeof repo.updatePipeline>[4] = { ...input };
        if (archived === true && !before.archivedAt) {
          if (before.isDefault) throw pipelineErrors.last_pipeline();
          changes.archivedAt = clock();
        }
        if (archived === false) changes.archivedAt = null;
        const row = await repo.updatePipeline(tx, ctx.workspaceId, id, version, changes);
        if (!row) throw kernelErrors.version_conflict();
        if (input.isDefault) await repo.clearDefault(tx, ctx.workspaceId, id);
        const after = await pipelineWithStages(tx, ctx.workspaceId, row);
        await audit({ action: 'pipeline.updated', entityType: 'pipeline', entityId: id, before: { ...before }, after: { ...row } });
        return after;
      });
    },

    async addStage(ctx: WorkspaceContext, pipelineId: string, rawInput: unknown): Promise<Pipeline> {
      requirePermission(ctx, 'sales.configure');
      const input = parseInput(ZStageCreate, rawInput);
      const errors: FieldError[] = [];
      const probability = probabilityFor(input.kind, input.probability, 'probability', errors);
      failOnFieldErrors(errors);
      return mutate(db, ctx, async (tx, audit) => {
        const pipeline = await requirePipeline(tx, ctx.workspaceId, pipelineId, true);
        const stages = await repo.listStages(tx, ctx.workspaceId, [pipelineId], false);
        const defaultAt = stages.filter((s) => kindOrder[s.kind] <= kindOrder[input.kind]).length;
        const at = Math.min(input.position ?? defaultAt, stages.length);
        const [created] = await repo.insertStages(tx, ctx.workspaceId, pipelineId, [
          { name: input.name, kind: input.kind, probability, rottingDays: input.rottingDays ?? null, position: at },
        ]);
        await renumber(tx, ctx.workspaceId, [...stages.slice(0, at), created!, ...stages.slice(at)]);
        await audit({ action: 'pipeline.stage_added', entityType: 'pipeline', entityId: pipelineId, after: publicStage(created!) });
        return pipelineWithStages(tx, ctx.workspaceId, pipeline);
      });
    },

    /** A new probability applies to open deals from now on; closed deals and stage history keep what they were. */
    async updateStage(ctx: WorkspaceContext, pipelineId: string, stageId: string, rawInput: unknown): Promise<Stage> {
      requirePermission(ctx, 'sales.configure');
      const { version, ...input } = parseInput(ZStagePatch, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        await requirePipeline(tx, ctx.workspaceId, pipelineId, true);
        const before = await requireStage(tx, ctx.workspaceId, pipelineId, stageId);
        if (before.version !== version) throw kernelErrors.version_conflict();
        const kind = input.kind ?? before.kind;
        const errors: FieldError[] = [];
        const probability = probabilityFor(kind, input.probability ?? (input.kind && input.kind !== before.kind ? undefined : before.probability), 'probability', errors);
        failOnFieldErrors(errors);
        if (kind !== before.kind && (await repo.countDealsInStage(tx, ctx.workspaceId, stageId, false)) > 0) throw pipelineErrors.stage_kind_in_use();
        const row = await repo.updateStage(tx, ctx.workspaceId, stageId, version, { ...input, kind, probability });
        if (!row) throw kernelErrors.version_conflict();
        await assertStageKinds(tx, ctx.workspaceId, pipelineId);
        await audit({ action: 'pipeline.stage_updated', entityType: 'pipeline', entityId: pipelineId, before: publicStage(before), after: publicStage(row) });
        return publicStage(row);
      });
    },

    async reorderStages(ctx: WorkspaceContext, pipelineId: string, rawInput: unknown): Promise<Pipeline> {
      requirePermission(ctx, 'sales.configure');
      const { stageIds } = parseInput(ZStageOrder, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const pipeline = await requirePipeline(tx, ctx.workspaceId, pipelineId, true);
        const stages = await repo.listStages(tx, ctx.workspaceId, [pipelineId], false);
        const byId = new Map(stages.map((s) => [s.id, s]));
        const sameSet = stageIds.length === stages.length && new Set(stageIds).size === stageIds.length && stageIds.every((id) => byId.has(id));
        if (!sameSet) failOnFieldErrors([pipelineFieldError('stageIds', 'stage_order_mismatch')]);
        await renumber(tx, ctx.workspaceId, stageIds.map((id) => byId.get(id)!));
        await audit({ action: 'pipeline.stages_reordered', entityType: 'pipeline', entityId: pipelineId, before: { stageIds: stages.map((s) => s.id) }, after: { stageIds } });
        return pipelineWithStages(tx, ctx.workspaceId, pipeline);
      });
    },

    /**
     * Archives a stage (never deletes it: deals' history keeps its name and durations). Its open
     * deals move to `moveTo` with stage history; won and lost deals stay where they closed.
     */
    async archiveStage(ctx: WorkspaceContext, pipelineId: string, stageId: string, moveTo: string | undefined): Promise<{ pipeline: Pipeline; movedDeals: number }> {
      requirePermission(ctx, 'sales.configure');
      return mutate(db, ctx, async (tx, audit) => {
        const pipeline = await requirePipeline(tx, ctx.workspaceId, pipelineId, true);
        const stage = await requireStage(tx, ctx.workspaceId, pipelineId, stageId);
        if (stage.archivedAt) return { pipeline: await pipelineWithStages(tx, ctx.workspaceId, pipeline), movedDeals: 0 };
        const openDeals = await repo.countDealsInStage(tx, ctx.workspaceId, stageId, true);
        let movedDeals = 0;
        if (openDeals > 0) {
          if (!moveTo) throw pipelineErrors.stage_move_target_required();
          const target = await repo.findStage(tx, ctx.workspaceId, moveTo);
          if (!target || target.pipelineId !== pipelineId || target.archivedAt || target.id === stageId) {
            failOnFieldErrors([pipelineFieldError('moveTo', 'move_target_invalid')]);
          }
          if (!stageDealsMover) throw new Error('No stage deals mover is wired');
          movedDeals = await stageDealsMover(tx, ctx, stage, target!);
        }
        const row = await repo.updateStage(tx, ctx.workspaceId, stageId, undefined, { archivedAt: clock() });
        await assertStageKinds(tx, ctx.workspaceId, pipelineId);
        await renumber(tx, ctx.workspaceId, await repo.listStages(tx, ctx.workspaceId, [pipelineId], false));
        await audit({ action: 'pipeline.stage_archived', entityType: 'pipeline', entityId: pipelineId, before: publicStage(stage), after: { ...publicStage(row!), movedTo: moveTo ?? null, movedDeals } });
        return { pipeline: await pipelineWithStages(tx, ctx.workspaceId, pipeline), movedDeals };
      });
    },

    async listLostReasons(ctx: WorkspaceContext, query: { archived?: 'true' | 'false' }): Promise<LostReason[]> {
      requirePermission(ctx, 'records.read');
      await ensureDefaults(ctx.workspaceId);
      return (await repo.listLostReasons(db, ctx.workspaceId, query.archived === 'true')).map(publicLostReason);
    },

    async createLostReason(ctx: WorkspaceContext, rawInput: unknown): Promise<LostReason> {
      requirePermission(ctx, 'sales.configure');
      const input = parseInput(ZLostReasonCreate, rawInput);
      await ensureDefaults(ctx.workspaceId);
      return mutate(db, ctx, async (tx, audit) => {
        const position = input.position ?? (await repo.listLostReasons(tx, ctx.workspaceId, true)).length;
        const [row] = await repo.insertLostReasons(tx, ctx.workspaceId, [{ labelFa: input.labelFa, labelEn: input.labelEn, position }]);
        if (!row) throw pipelineErrors.lost_reason_exists();
        await audit({ action: 'lost_reason.created', entityType: 'lost_reason', entityId: row.id, after: publicLostReason(row) });
        return publicLostReason(row);
      });
    },

    async updateLostReason(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<LostReason> {
      requirePermission(ctx, 'sales.configure');
      const { archived, ...input } = parseInput(ZLostReasonPatch, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.findLostReason(tx, ctx.workspaceId, id);
        if (!before) throw pipelineErrors.lost_reason_not_found();
        const changes = { ...input, ...(archived === undefined ? {} : { archivedAt: archived ? (before.archivedAt ?? clock()) : null }) };
        let row: LostReasonRow | undefined;
        try {
          row = await repo.updateLostReason(tx, ctx.workspaceId, id, changes);
        } catch (error) {
          if (isUniqueViolation(error)) throw pipelineErrors.lost_reason_exists();
          throw error;
        }
        await audit({ action: 'lost_reason.updated', entityType: 'lost_reason', entityId: id, before: publicLostReason(before), after: publicLostReason(row!) });
        return publicLostReason(row!);
      });
    },

    /** Archives: deals lost for this reason keep it. */
    async archiveLostReason(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'sales.configure');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await repo.findLostReason(tx, ctx.workspaceId, id);
        if (!before) throw pipelineErrors.lost_reason_not_found();
        if (before.archivedAt) return;
        const row = await repo.updateLostReason(tx, ctx.workspaceId, id, { archivedAt: clock() });
        await audit({ action: 'lost_reason.archived', entityType: 'lost_reason', entityId: id, before: publicLostReason(before), after: publicLostReason(row!) });
      });
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) if (e.code === '23505') return true;
  return false;
}

export type PipelinesService = ReturnType<typeof createPipelinesService>;
