/*
 * Seeds pipelines, stages, deals, their stage history, teams, territories, lead and document rows
 * straight into the tables, so the forecast and the metrics can be checked against hand-written
 * SQL with exactly the data a test describes (no API defaults in between).
 */

export type Sql = (text: string, values?: unknown[]) => Promise<any[]>;

export type StageSpec = { name: string; position: number; probability: number; kind: 'open' | 'won' | 'lost' };

/** Qualification 10 %, Needs analysis 25 %, Proposal 50 %, Won, Lost: positions 1–5. */
export const FIVE_STAGES: StageSpec[] = [
  { name: 'Qualification', position: 1, probability: 10, kind: 'open' },
  { name: 'Needs analysis', position: 2, probability: 25, kind: 'open' },
  { name: 'Proposal', position: 3, probability: 50, kind: 'open' },
  { name: 'Won', position: 4, probability: 100, kind: 'won' },
  { name: 'Lost', position: 5, probability: 0, kind: 'lost' },
];

export type SeededPipeline = { id: string; stages: Record<string, string> };

export async function seedPipeline(sql: Sql, workspaceId: string, name: string, stages: StageSpec[] = FIVE_STAGES, position = 10): Promise<SeededPipeline> {
  const [pipeline] = await sql('insert into pipelines (workspace_id, name, position) values ($1, $2, $3) returning id', [workspaceId, name, position]);
  const ids: Record<string, string> = {};
  for (const stage of stages) {
    const [row] = await sql(
      'insert into pipeline_stages (workspace_id, pipeline_id, name, position, probability, kind) values ($1, $2, $3, $4, $5, $6) returning id',
      [workspaceId, pipeline.id, stage.name, stage.position, stage.probability, stage.kind],
    );
    ids[stage.name] = row.id;
  }
  return { id: pipeline.id, stages: ids };
}

export type DealSpec = {
  title: string;
  pipelineId: string;
  stageId: string;
  status?: 'open' | 'won' | 'lost';
  amountBase: string;
  ownerId?: string | null;
  territoryId?: string | null;
  organizationId?: string | null;
  probability?: number | null;
  forecastCategory?: 'pipeline' | 'best_case' | 'commit' | 'omitted';
  expectedCloseDate?: string | null;
  closedOn?: string | null;
  createdAt?: string;
  createdBy?: string | null;
  lostReasonId?: string | null;
  competitorId?: string | null;
  deleted?: boolean;
};

export async function seedDeal(sql: Sql, workspaceId: string, d: DealSpec): Promise<string> {
  const [row] = await sql(
    `insert into deals (workspace_id, title, pipeline_id, stage_id, status, amount, currency, amount_base, owner_id, territory_id,
       organization_id, probability, forecast_category, expected_close_date, closed_on, created_at, created_by, lost_reason_id,
       competitor_id, deleted_at)
     values ($1, $2, $3, $4, $5, $6, 'IRR', $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14::timestamptz, now()), $15, $16, $17,
       case when $18 then now() end)
     returning id`,
    [
      workspaceId,
      d.title,
      d.pipelineId,
      d.stageId,
      d.status ?? 'open',
      d.amountBase,
      d.ownerId ?? null,
      d.territoryId ?? null,
      d.organizationId ?? null,
      d.probability ?? null,
      d.forecastCategory ?? 'pipeline',
      d.expectedCloseDate ?? null,
      d.closedOn ?? null,
      d.createdAt ?? null,
      d.createdBy ?? null,
      d.lostReasonId ?? null,
      d.competitorId ?? null,
      d.deleted ?? false,
    ],
  );
  return row.id;
}

/**
 * Stage history of a deal: it entered `stageIds` in order, the first at the deal's creation and
 * each next one `stepDays` later, moved by `movedBy`.
 */
export async function seedHistory(sql: Sql, workspaceId: string, dealId: string, pipelineId: string, stageIds: string[], movedBy: string | null, stepDays = 1) {
  for (const [i, stageId] of stageIds.entries()) {
    const last = i === stageIds.length - 1;
    await sql(
      `insert into deal_stage_history (workspace_id, deal_id, pipeline_id, stage_id, entered_at, left_at, moved_by)
       select $1, $2, $3, $4, d.created_at + make_interval(days => $5::int),
         case when $6 then null else d.created_at + make_interval(days => $5::int + $7::int) end, $8
       from deals d where d.id = $2`,
      [workspaceId, dealId, pipelineId, stageId, i * stepDays, last, stepDays, movedBy],
    );
  }
}

export async function seedLostReason(sql: Sql, workspaceId: string, labelFa: string, labelEn: string): Promise<string> {
  const [row] = await sql('insert into deal_lost_reasons (workspace_id, label_fa, label_en) values ($1, $2, $3) returning id', [workspaceId, labelFa, labelEn]);
  return row.id;
}

export async function seedOrganization(sql: Sql, workspaceId: string, name: string, type = 'customer'): Promise<string> {
  const [row] = await sql('insert into organizations (workspace_id, name, type) values ($1, $2, $3) returning id', [workspaceId, name, type]);
  return row.id;
}

export async function seedTeam(sql: Sql, workspaceId: string, name: string, memberIds: string[]): Promise<string> {
  const [row] = await sql('insert into teams (workspace_id, name) values ($1, $2) returning id', [workspaceId, name]);
  for (const userId of memberIds) await sql('insert into team_members (workspace_id, team_id, user_id) values ($1, $2, $3)', [workspaceId, row.id, userId]);
  return row.id;
}

export async function seedTerritory(sql: Sql, workspaceId: string, name: string): Promise<string> {
  const [row] = await sql('insert into territories (workspace_id, name) values ($1, $2) returning id', [workspaceId, name]);
  return row.id;
}
