import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { deals } from '../deals/deals.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { dealLostReasons, pipelines, pipelineStages, type StageKind } from './pipelines.schema.ts';

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof pipelineStages.$inferSelect;
export type LostReasonRow = typeof dealLostReasons.$inferSelect;
export type NewStage = { name: string; probability: number; kind: StageKind; position: number; rottingDays?: number | null };

const bumped = (table: typeof pipelines | typeof pipelineStages) => ({ version: sql`${table.version} + 1`, updatedAt: new Date() });

export const pipelinesRepository = {
  /** Locks the workspace row: two first visits at once must not both create the default pipeline. */
  async lockWorkspace(db: Executor, workspaceId: string): Promise<{ defaultLocale: string } | undefined> {
    const [row] = await db.select({ defaultLocale: workspaces.defaultLocale }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
    return row;
  },

  async countPipelines(db: Executor, workspaceId: string): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(pipelines).where(eq(pipelines.workspaceId, workspaceId));
    return row?.n ?? 0;
  },

  async countLostReasons(db: Executor, workspaceId: string): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dealLostReasons).where(eq(dealLostReasons.workspaceId, workspaceId));
    return row?.n ?? 0;
  },

  listPipelines(db: Executor, workspaceId: string, includeArchived: boolean): Promise<PipelineRow[]> {
    return db
      .select()
      .from(pipelines)
      .where(and(eq(pipelines.workspaceId, workspaceId), includeArchived ? undefined : isNull(pipelines.archivedAt)))
      .orderBy(asc(pipelines.position), asc(pipelines.createdAt));
  },

  listStages(db: Executor, workspaceId: string, pipelineIds: string[], includeArchived: boolean): Promise<StageRow[]> {
    if (!pipelineIds.length) return Promise.resolve([]);
    return db
      .select()
      .from(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, workspaceId), inArray(pipelineStages.pipelineId, pipelineIds), includeArchived ? undefined : isNull(pipelineStages.archivedAt)))
      .orderBy(asc(pipelineStages.position), asc(pipelineStages.createdAt));
  },

  async findPipeline(db: Executor, workspaceId: string, id: string, forUpdate = false): Promise<PipelineRow | undefined> {
    const query = db.select().from(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row;
  },

  async findDefaultPipeline(db: Executor, workspaceId: string): Promise<PipelineRow | undefined> {
    const [row] = await db
      .select()
      .from(pipelines)
      .where(and(eq(pipelines.workspaceId, workspaceId), isNull(pipelines.archivedAt)))
      .orderBy(sql`${pipelines.isDefault} desc`, asc(pipelines.position), asc(pipelines.createdAt))
      .limit(1);
    return row;
  },

  async findStage(db: Executor, workspaceId: string, id: string): Promise<StageRow | undefined> {
    const [row] = await db.select().from(pipelineStages).where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, id)));
    return row;
  },

  async insertPipeline(db: Executor, workspaceId: string, values: { name: string; isDefault: boolean; position: number }): Promise<PipelineRow> {
    const [row] = await db
      .insert(pipelines)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async insertStages(db: Executor, workspaceId: string, pipelineId: string, stages: NewStage[]): Promise<StageRow[]> {
    return db
      .insert(pipelineStages)
      .values(stages.map((s) => ({ ...s, workspaceId, pipelineId })))
      .returning();
  },

  async updatePipeline(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<Pick<PipelineRow, 'name' | 'isDefault' | 'position' | 'archivedAt'>>): Promise<PipelineRow | undefined> {
    const [row] = await db
      .update(pipelines)
      .set({ ...changes, ...bumped(pipelines) })
      .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id), eq(pipelines.version, version)))
      .returning();
    return row;
  },

  /** Only one default pipeline: the others stop being it. */
  async clearDefault(db: Executor, workspaceId: string, exceptId: string): Promise<void> {
    await db
      .update(pipelines)
      .set({ isDefault: false, ...bumped(pipelines) })
      .where(and(eq(pipelines.workspaceId, workspaceId), ne(pipelines.id, exceptId), eq(pipelines.isDefault, true)));
  },

  async updateStage(db: Executor, workspaceId: string, id: string, version: number | undefined, changes: Partial<Pick<StageRow, 'name' | 'probability' | 'kind' | 'rottingDays' | 'position' | 'archivedAt'>>): Promise<StageRow | undefined> {
    const [row] = await db
      .update(pipelineStages)
      .set({ ...changes, ...bumped(pipelineStages) })
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, id), version === undefined ? undefined : eq(pipelineStages.version, version)))
      .returning();
    return row;
  },

  /** Deals (not in the trash) in a stage: all of them, or only the open ones. */
  async countDealsInStage(db: Executor, workspaceId: string, stageId: string, onlyOpen: boolean): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId), isNull(deals.deletedAt), onlyOpen ? eq(deals.status, 'open') : undefined));
    return row?.n ?? 0;
  },

  listLostReasons(db: Executor, workspaceId: string, includeArchived: boolean): Promise<LostReasonRow[]> {
    return db
      .select()
      .from(dealLostReasons)
      .where(and(eq(dealLostReasons.workspaceId, workspaceId), includeArchived ? undefined : isNull(dealLostReasons.archivedAt)))
      .orderBy(asc(dealLostReasons.position), asc(dealLostReasons.createdAt));
  },

  async findLostReason(db: Executor, workspaceId: string, id: string): Promise<LostReasonRow | undefined> {
    const [row] = await db.select().from(dealLostReasons).where(and(eq(dealLostReasons.workspaceId, workspaceId), eq(dealLostReasons.id, id)));
    return row;
  },

  async insertLostReasons(db: Executor, workspaceId: string, values: Array<{ labelFa: string; labelEn: string; position: number }>): Promise<LostReasonRow[]> {
    return db
      .insert(dealLostReasons)
      .values(values.map((v) => ({ ...v, workspaceId })))
      .onConflictDoNothing()
      .returning();
  },

  async updateLostReason(db: Executor, workspaceId: string, id: string, changes: Partial<Pick<LostReasonRow, 'labelFa' | 'labelEn' | 'position' | 'archivedAt'>>): Promise<LostReasonRow | undefined> {
    const [row] = await db
      .update(dealLostReasons)
      .set(changes)
      .where(and(eq(dealLostReasons.workspaceId, workspaceId), eq(dealLostReasons.id, id)))
      .returning();
    return row;
  },
};
