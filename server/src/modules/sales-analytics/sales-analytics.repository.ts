import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';

/*
 * The only place with SQL for the forecast and the sales metrics. Every statement is scoped by the
 * workspace id and reads the deals table once: periods are bucketed with width_bucket over an
 * array of period boundaries, never with a query per period, so the cost does not grow with the
 * number of periods and a million deals are one scan of the matching index range.
 *
 * Dates come back as text and money as numeric cast to text, so both engines (node-postgres and
 * PGlite) hand over the same strings and no amount ever passes through a JS float.
 */

const rowsOf = (result: unknown): any[] => (result as { rows: any[] }).rows;

export type GroupBy = 'none' | 'owner' | 'team' | 'territory';

export type WorkspaceSettings = {
  calendar: 'jalali' | 'gregorian';
  fiscalYearStartMonth: number;
  timezone: string;
  currency: string;
  moneyDisplay: 'rial' | 'toman';
};

/** Bucket numbers of open deals the periods cannot hold (periods are 1..n, as width_bucket gives). */
export const OVERDUE_BUCKET = -1;
export const UNDATED_BUCKET = -2;

export type ForecastCellRow = {
  bucket: number;
  grp: string | null;
  /** A per-bucket total over all groups (grouping set (bucket)). */
  isTotal: boolean;
  closedWon: string;
  closedWonCount: number;
  commit: string;
  commitCount: number;
  bestCase: string;
  bestCaseCount: number;
  pipeline: string;
  pipelineCount: number;
  weighted: string;
};

export type ForecastCellQuery = {
  /** n + 1 ascending ISO dates: period i is [boundaries[i-1], boundaries[i]). */
  boundaries: string[];
  /** Open deals expected before this day are overdue. */
  today: string;
  groupBy: GroupBy;
  pipelineId?: string;
};

/** Which deals a drill-down lists: a bucket, a group, a forecast category. */
export type ForecastDealsQuery = {
  start: string | null;
  end: string | null;
  bucketKind: 'period' | 'overdue' | 'undated';
  today: string;
  groupBy: GroupBy;
  /** undefined: any group; null: deals without an owner / team / territory. */
  group?: string | null;
  category: 'closedWon' | 'commit' | 'bestCase' | 'pipeline' | 'weighted';
  pipelineId?: string;
  after?: { amountBase: string; id: string };
  limit: number;
};

export type MetricsFilter = {
  /** Inclusive ISO dates in the workspace's zone. */
  from: string;
  to: string;
  timezone: string;
  pipelineId?: string;
  ownerId?: string;
  territoryId?: string;
};

const ALIVE = sql.raw(`d.deleted_at IS NULL`);

function groupColumn(groupBy: GroupBy): SQL {
  switch (groupBy) {
    case 'owner':
      return sql.raw('d.owner_id');
    case 'territory':
      return sql.raw('d.territory_id::text');
    case 'team':
      return sql.raw('tm.team_id::text');
    default:
      return sql.raw('NULL::text');
  }
}

/**
 * A deal counts in every active team its owner belongs to (teams roll up their members' deals),
 * so with groupBy=team the groups may add up to more than the total.
 */
function teamJoin(groupBy: GroupBy): SQL {
  if (groupBy !== 'team') return sql``;
  return sql`LEFT JOIN (team_members tm JOIN teams t ON t.id = tm.team_id AND t.workspace_id = tm.workspace_id AND t.archived_at IS NULL)
    ON tm.workspace_id = d.workspace_id AND tm.user_id = d.owner_id`;
}

const pipelineCondition = (pipelineId: string | undefined) => (pipelineId ? sql`AND d.pipeline_id = ${pipelineId}` : sql``);

/** The deal filters of the metrics: pipeline, owner and territory, each only when given. */
function dealFilters(filter: MetricsFilter): SQL {
  return sql`${pipelineCondition(filter.pipelineId)}
    ${filter.ownerId ? sql`AND d.owner_id = ${filter.ownerId}` : sql``}
    ${filter.territoryId ? sql`AND d.territory_id = ${filter.territoryId}` : sql``}`;
}

/** [from 00:00, to+1 00:00) in the workspace's zone, for timestamp columns. */
function instantRange(column: SQL, filter: MetricsFilter): SQL {
  return sql`${column} >= (${filter.from}::date)::timestamp AT TIME ZONE ${filter.timezone}
    AND ${column} < (${filter.to}::date + 1)::timestamp AT TIME ZONE ${filter.timezone}`;
}

const money = (expression: string) => sql.raw(`round(coalesce(${expression}, 0), 2)::text`);

export const salesAnalyticsRepository = {
  async settings(db: Executor, workspaceId: string): Promise<WorkspaceSettings | null> {
    const [row] = rowsOf(
      await db.execute(sql`SELECT calendar, fiscal_year_start_month AS "fiscalYearStartMonth", timezone, default_currency AS currency,
        money_display AS "moneyDisplay" FROM workspaces WHERE id = ${workspaceId}`),
    );
    return row ?? null;
  },

  async pipelineExists(db: Executor, workspaceId: string, pipelineId: string): Promise<boolean> {
    const rows = rowsOf(await db.execute(sql`SELECT 1 FROM pipelines WHERE workspace_id = ${workspaceId} AND id = ${pipelineId}`));
    return rows.length > 0;
  },

  /**
   * One row per (bucket, group) that has deals. Won deals fall in the period of their closed_on;
   * open deals in the period of their expected_close_date, or in the overdue bucket when that day
   * has passed, or in the undated bucket when there is none. Lost deals are not forecast.
   */
  async forecastCells(db: Executor, workspaceId: string, query: ForecastCellQuery): Promise<ForecastCellRow[]> {
    const { boundaries, today, groupBy } = query;
    const start = boundaries[0]!;
    const end = boundaries[boundaries.length - 1]!;
    const periodCount = boundaries.length - 1;
    const bounds = `{${boundaries.join(',')}}`;
    const grp = groupColumn(groupBy);
    // Owners and territories partition the deals, so the per-bucket totals come from the same
    // pass; a deal may be in several teams, whose totals the caller asks for ungrouped instead.
    const withTotals = groupBy === 'owner' || groupBy === 'territory';
    const common = sql`FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id AND s.workspace_id = d.workspace_id ${teamJoin(groupBy)}
      WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} ${pipelineCondition(query.pipelineId)}`;
    const statement = sql`
      WITH scoped AS (
        SELECT d.status, d.amount_base, d.forecast_category, COALESCE(d.probability, s.probability) AS prob,
               width_bucket(d.closed_on, ${bounds}::date[]) AS bucket, ${grp} AS grp
        ${common} AND d.status = 'won' AND d.closed_on >= ${start}::date AND d.closed_on < ${end}::date
        UNION ALL
        SELECT d.status, d.amount_base, d.forecast_category, COALESCE(d.probability, s.probability) AS prob,
               CASE WHEN d.expected_close_date IS NULL THEN ${UNDATED_BUCKET}
                    WHEN d.expected_close_date < ${today}::date THEN ${OVERDUE_BUCKET}
                    ELSE width_bucket(d.expected_close_date, ${bounds}::date[]) END AS bucket,
               ${grp} AS grp
        ${common} AND d.status = 'open' AND d.forecast_category <> 'omitted'
          AND (d.expected_close_date IS NULL OR d.expected_close_date < greatest(${end}::date, ${today}::date))
      )
      SELECT bucket::int AS bucket, grp, ${withTotals ? sql`GROUPING(grp) = 1` : sql`false`} AS "isTotal",
        ${money(`sum(amount_base) FILTER (WHERE status = 'won')`)} AS "closedWon",
        (count(*) FILTER (WHERE status = 'won'))::int AS "closedWonCount",
        ${money(`sum(amount_base) FILTER (WHERE status = 'open' AND forecast_category = 'commit')`)} AS "commit",
        (count(*) FILTER (WHERE status = 'open' AND forecast_category = 'commit'))::int AS "commitCount",
        ${money(`sum(amount_base) FILTER (WHERE status = 'open' AND forecast_category IN ('commit', 'best_case'))`)} AS "bestCase",
        (count(*) FILTER (WHERE status = 'open' AND forecast_category IN ('commit', 'best_case')))::int AS "bestCaseCount",
        ${money(`sum(amount_base) FILTER (WHERE status = 'open')`)} AS "pipeline",
        (count(*) FILTER (WHERE status = 'open'))::int AS "pipelineCount",
        ${money(`sum(amount_base * prob) FILTER (WHERE status = 'open') / 100`)} AS "weighted"
      FROM scoped
      WHERE bucket BETWEEN 1 AND ${periodCount} OR bucket IN (${OVERDUE_BUCKET}, ${UNDATED_BUCKET})
      ${withTotals ? sql`GROUP BY GROUPING SETS ((bucket, grp), (bucket))` : sql`GROUP BY bucket, grp`}`;
    return rowsOf(await db.execute(statement));
  },

  /** Display names of the groups a forecast found (users, teams or territories). */
  async groupNames(db: Executor, workspaceId: string, groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'none' || keys.length === 0) return new Map();
    const list = sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    );
    const statement =
      groupBy === 'owner'
        ? sql`SELECT u.id AS key, u.name FROM users u WHERE u.id IN (${list})`
        : groupBy === 'team'
          ? sql`SELECT id::text AS key, name FROM teams WHERE workspace_id = ${workspaceId} AND id::text IN (${list})`
          : sql`SELECT id::text AS key, name FROM territories WHERE workspace_id = ${workspaceId} AND id::text IN (${list})`;
    return new Map(rowsOf(await db.execute(statement)).map((r) => [r.key as string, r.name as string]));
  },

  /** The deals behind one forecast cell, largest first (keyset on amount_base, id). */
  async forecastDeals(db: Executor, workspaceId: string, q: ForecastDealsQuery): Promise<any[]> {
    const byCategory: Record<ForecastDealsQuery['category'], SQL> = {
      closedWon: sql`d.status = 'won'`,
      commit: sql`d.status = 'open' AND d.forecast_category = 'commit'`,
      bestCase: sql`d.status = 'open' AND d.forecast_category IN ('commit', 'best_case')`,
      pipeline: sql`d.status = 'open' AND d.forecast_category <> 'omitted'`,
      weighted: sql`d.status = 'open' AND d.forecast_category <> 'omitted'`,
    };
    const dateColumn = q.category === 'closedWon' ? sql.raw('d.closed_on') : sql.raw('d.expected_close_date');
    let inBucket: SQL;
    if (q.bucketKind === 'period') {
      // Open deals whose expected day has passed live in the overdue bucket, not in their period.
      const notOverdue = q.category === 'closedWon' ? sql`` : sql`AND d.expected_close_date >= ${q.today}::date`;
      inBucket = sql`${dateColumn} >= ${q.start}::date AND ${dateColumn} < ${q.end}::date ${notOverdue}`;
    } else if (q.bucketKind === 'overdue') {
      inBucket = q.category === 'closedWon' ? sql`false` : sql`d.expected_close_date < ${q.today}::date`;
    } else {
      inBucket = q.category === 'closedWon' ? sql`false` : sql`d.expected_close_date IS NULL`;
    }
    const grp = groupColumn(q.groupBy);
    const inGroup = q.group === undefined || q.groupBy === 'none' ? sql`` : q.group === null ? sql`AND ${grp} IS NULL` : sql`AND ${grp} = ${q.group}`;
    const after = q.after ? sql`AND (d.amount_base, d.id) < (${q.after.amountBase}::numeric, ${q.after.id}::uuid)` : sql``;
    const statement = sql`
      SELECT d.id, d.title, d.status, d.amount::text AS amount, d.currency, d.amount_base::text AS "amountBase",
        d.forecast_category AS "forecastCategory", d.expected_close_date::text AS "expectedCloseDate", d.closed_on::text AS "closedOn",
        COALESCE(d.probability, s.probability) AS probability,
        s.id AS "stageId", s.name AS "stageName", s.kind AS "stageKind", s.probability AS "stageProbability",
        o.id AS "organizationId", o.name AS "organizationName", u.id AS "ownerId", u.name AS "ownerName"
      FROM deals d
      JOIN pipeline_stages s ON s.id = d.stage_id AND s.workspace_id = d.workspace_id
      LEFT JOIN organizations o ON o.id = d.organization_id AND o.workspace_id = d.workspace_id
      LEFT JOIN users u ON u.id = d.owner_id
      ${teamJoin(q.groupBy)}
      WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND ${byCategory[q.category]} AND ${inBucket}
        ${pipelineCondition(q.pipelineId)} ${inGroup} ${after}
      ORDER BY d.amount_base DESC, d.id DESC
      LIMIT ${q.limit + 1}`;
    return rowsOf(await db.execute(statement));
  },

  /** Leads created in the range and how many of them were converted (by the lead's owner). */
  async leadConversion(db: Executor, workspaceId: string, f: MetricsFilter): Promise<{ created: number; converted: number }> {
    const [row] = rowsOf(
      await db.execute(sql`SELECT count(*)::int AS created,
          (count(*) FILTER (WHERE l.status = 'converted' OR l.converted_at IS NOT NULL))::int AS converted
        FROM leads l
        WHERE l.workspace_id = ${workspaceId} AND l.deleted_at IS NULL AND ${instantRange(sql.raw('l.created_at'), f)}
          ${f.ownerId ? sql`AND l.owner_id = ${f.ownerId}` : sql``}`),
    );
    return row;
  },

  /**
   * Won and lost deals closed in the range, average won size, cycle length, and the open deals
   * now, with the velocity computed from the unrounded figures in the same statement. A cycle
   * under one day counts as one day, so same-day wins do not divide by zero.
   */
  async closedSummary(db: Executor, workspaceId: string, f: MetricsFilter) {
    const cycle = sql`(d.closed_on - (d.created_at AT TIME ZONE ${f.timezone})::date)`;
    const [row] = rowsOf(
      await db.execute(sql`
        WITH closed AS (
          SELECT count(*) FILTER (WHERE d.status = 'won') AS won, count(*) FILTER (WHERE d.status = 'lost') AS lost,
            avg(d.amount_base) FILTER (WHERE d.status = 'won') AS avg_size,
            avg(${cycle}) FILTER (WHERE d.status = 'won') AS avg_cycle,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${cycle}) FILTER (WHERE d.status = 'won') AS median_cycle
          FROM deals d
          WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND d.status IN ('won', 'lost')
            AND d.closed_on >= ${f.from}::date AND d.closed_on <= ${f.to}::date ${dealFilters(f)}
        ), open AS (
          SELECT count(*) AS n FROM deals d WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND d.status = 'open' ${dealFilters(f)}
        )
        SELECT closed.won::int AS won, closed.lost::int AS lost, open.n::int AS "openDeals",
          round(closed.avg_size, 2)::text AS "averageDealSize",
          round(closed.avg_cycle, 1)::float8 AS "averageCycle", round(closed.median_cycle::numeric, 1)::float8 AS "medianCycle",
          round(open.n * (closed.won::numeric / nullif(closed.won + closed.lost, 0)) * closed.avg_size / greatest(closed.avg_cycle, 1), 2)::text AS velocity
        FROM closed, open`),
    );
    return row as { won: number; lost: number; openDeals: number; averageDealSize: string | null; averageCycle: number | null; medianCycle: number | null; velocity: string | null };
  },

  /**
   * Per pipeline and stage: deals created in the range that reached the stage. A deal reached
   * every stage up to the furthest (by position) it has been in; lost stages are left out, since a
   * deal lost at qualification never got to negotiation just because the lost stage comes last.
   */
  async funnel(db: Executor, workspaceId: string, f: MetricsFilter) {
    return rowsOf(
      await db.execute(sql`
        WITH cohort AS MATERIALIZED (
          -- The deals created in the range first (keyset index on created_at), then their history.
          SELECT d.id FROM deals d
          WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND ${instantRange(sql.raw('d.created_at'), f)} ${dealFilters(f)}
        ), furthest AS (
          SELECT h.pipeline_id, h.deal_id, max(s.position) AS position
          FROM cohort c
          JOIN deal_stage_history h ON h.workspace_id = ${workspaceId} AND h.deal_id = c.id
          JOIN pipeline_stages s ON s.id = h.stage_id AND s.workspace_id = h.workspace_id
          WHERE s.kind <> 'lost'
          GROUP BY h.pipeline_id, h.deal_id
        ), per_position AS MATERIALIZED (
          SELECT pipeline_id, position, count(*) AS n FROM furthest GROUP BY pipeline_id, position
        )
        SELECT p.id AS "pipelineId", p.name AS "pipelineName", st.id AS "stageId", st.name, st.position, st.kind,
          coalesce((SELECT sum(pp.n) FROM per_position pp WHERE pp.pipeline_id = st.pipeline_id AND pp.position >= st.position), 0)::int AS reached
        FROM pipeline_stages st
        JOIN pipelines p ON p.id = st.pipeline_id AND p.workspace_id = st.workspace_id
        WHERE st.workspace_id = ${workspaceId} AND st.archived_at IS NULL AND st.kind <> 'lost' AND p.archived_at IS NULL
          ${f.pipelineId ? sql`AND p.id = ${f.pipelineId}` : sql``}
        ORDER BY p.position, p.created_at, p.id, st.position, st.id`),
    ) as { pipelineId: string; pipelineName: string; stageId: string; name: string; position: number; kind: 'open' | 'won'; reached: number }[];
  },

  /** Per owner: won count and amount, lost count, average cycle of won deals closed in the range. */
  async reps(db: Executor, workspaceId: string, f: MetricsFilter) {
    return rowsOf(
      await db.execute(sql`
        SELECT d.owner_id AS "ownerId", u.name AS "ownerName",
          (count(*) FILTER (WHERE d.status = 'won'))::int AS "wonCount",
          round(coalesce(sum(d.amount_base) FILTER (WHERE d.status = 'won'), 0), 2)::text AS "wonAmount",
          (count(*) FILTER (WHERE d.status = 'lost'))::int AS "lostCount",
          round(avg(d.closed_on - (d.created_at AT TIME ZONE ${f.timezone})::date) FILTER (WHERE d.status = 'won'), 1)::float8 AS "averageCycleDays"
        FROM deals d LEFT JOIN users u ON u.id = d.owner_id
        WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND d.status IN ('won', 'lost')
          AND d.closed_on >= ${f.from}::date AND d.closed_on <= ${f.to}::date ${dealFilters(f)}
        GROUP BY d.owner_id, u.name
        ORDER BY 4 DESC, 3 DESC, u.name`),
    ) as { ownerId: string | null; ownerName: string | null; wonCount: number; wonAmount: string; lostCount: number; averageCycleDays: number | null }[];
  },

  /**
   * What each user did with the sales records in the range: deals created (created_by), stage
   * moves (history rows after the deal's first, by moved_by), deals won and lost (by owner),
   * quotes issued (out of draft, by issue date and owner), orders created (by owner), and calls
   * and meetings done (activities of the owner that took place in the range; with a pipeline or
   * territory filter, only those linked to a deal in it).
   */
  async activity(db: Executor, workspaceId: string, f: MetricsFilter) {
    const onlyUser = (column: string) => (f.ownerId ? sql`AND ${sql.raw(column)} = ${f.ownerId}` : sql``);
    const dealScope = sql`${pipelineCondition(f.pipelineId)} ${f.territoryId ? sql`AND d.territory_id = ${f.territoryId}` : sql``}`;
    return rowsOf(
      await db.execute(sql`
        WITH created AS (
          SELECT d.created_by AS user_id, count(*) AS n FROM deals d
          WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND d.created_by IS NOT NULL AND ${instantRange(sql.raw('d.created_at'), f)}
            ${dealScope} ${onlyUser('d.created_by')}
          GROUP BY 1
        ), moves AS (
          SELECT h.moved_by AS user_id, count(*) AS n FROM deal_stage_history h
          JOIN deals d ON d.id = h.deal_id AND d.workspace_id = h.workspace_id
          WHERE h.workspace_id = ${workspaceId} AND ${ALIVE} AND h.moved_by IS NOT NULL AND h.entered_at > d.created_at
            AND ${instantRange(sql.raw('h.entered_at'), f)} ${dealScope} ${onlyUser('h.moved_by')}
          GROUP BY 1
        ), closed AS (
          SELECT d.owner_id AS user_id, count(*) FILTER (WHERE d.status = 'won') AS won, count(*) FILTER (WHERE d.status = 'lost') AS lost
          FROM deals d
          WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND d.owner_id IS NOT NULL AND d.status IN ('won', 'lost')
            AND d.closed_on >= ${f.from}::date AND d.closed_on <= ${f.to}::date ${dealScope} ${onlyUser('d.owner_id')}
          GROUP BY 1
        ), quoted AS (
          SELECT q.owner_id AS user_id, count(*) AS n FROM quotes q
          WHERE q.workspace_id = ${workspaceId} AND q.deleted_at IS NULL AND q.owner_id IS NOT NULL AND q.status <> 'draft'
            AND q.issue_date >= ${f.from}::date AND q.issue_date <= ${f.to}::date ${onlyUser('q.owner_id')}
          GROUP BY 1
        ), ordered AS (
          SELECT o.owner_id AS user_id, count(*) AS n FROM orders o
          WHERE o.workspace_id = ${workspaceId} AND o.deleted_at IS NULL AND o.owner_id IS NOT NULL AND ${instantRange(sql.raw('o.created_at'), f)}
            ${onlyUser('o.owner_id')}
          GROUP BY 1
        ), met AS (
          SELECT a.owner_id AS user_id, count(*) FILTER (WHERE a.type = 'call') AS calls, count(*) FILTER (WHERE a.type = 'meeting') AS meetings
          FROM activities a
          WHERE a.workspace_id = ${workspaceId} AND a.deleted_at IS NULL AND a.owner_id IS NOT NULL AND a.status = 'done'
            AND a.type IN ('call', 'meeting') AND ${instantRange(sql.raw('a.occurred_at'), f)} ${onlyUser('a.owner_id')}
            ${
              f.pipelineId || f.territoryId
                ? sql`AND EXISTS (SELECT 1 FROM activity_links al JOIN deals d ON d.id = al.entity_id AND d.workspace_id = al.workspace_id
                      WHERE al.workspace_id = ${workspaceId} AND al.activity_id = a.id AND al.entity_type = 'deal' AND ${ALIVE} ${dealScope})`
                : sql``
            }
          GROUP BY 1
        ), everyone AS (
          SELECT user_id FROM created UNION SELECT user_id FROM moves UNION SELECT user_id FROM closed
          UNION SELECT user_id FROM quoted UNION SELECT user_id FROM ordered UNION SELECT user_id FROM met
        )
        SELECT e.user_id AS "userId", u.name AS "userName",
          coalesce(c.n, 0)::int AS "dealsCreated", coalesce(m.n, 0)::int AS "stageMoves",
          coalesce(cl.won, 0)::int AS "dealsWon", coalesce(cl.lost, 0)::int AS "dealsLost",
          coalesce(q.n, 0)::int AS "quotesIssued", coalesce(o.n, 0)::int AS "ordersCreated",
          coalesce(mt.calls, 0)::int AS "calls", coalesce(mt.meetings, 0)::int AS "meetings"
        FROM everyone e
        LEFT JOIN users u ON u.id = e.user_id
        LEFT JOIN created c ON c.user_id = e.user_id LEFT JOIN moves m ON m.user_id = e.user_id
        LEFT JOIN closed cl ON cl.user_id = e.user_id LEFT JOIN quoted q ON q.user_id = e.user_id
        LEFT JOIN ordered o ON o.user_id = e.user_id LEFT JOIN met mt ON mt.user_id = e.user_id
        ORDER BY u.name, e.user_id`),
    ) as { userId: string; userName: string; dealsCreated: number; stageMoves: number; dealsWon: number; dealsLost: number; quotesIssued: number; ordersCreated: number; calls: number; meetings: number }[];
  },

  /** Lost deals closed in the range per lost reason (null: none given), most frequent first. */
  async lostReasons(db: Executor, workspaceId: string, f: MetricsFilter) {
    return rowsOf(
      await db.execute(sql`
        SELECT r.id, r.label_fa AS "labelFa", r.label_en AS "labelEn", count(*)::int AS count,
          round(sum(d.amount_base), 2)::text AS amount
        FROM deals d LEFT JOIN deal_lost_reasons r ON r.id = d.lost_reason_id AND r.workspace_id = d.workspace_id
        WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND d.status = 'lost'
          AND d.closed_on >= ${f.from}::date AND d.closed_on <= ${f.to}::date ${dealFilters(f)}
        GROUP BY r.id, r.label_fa, r.label_en
        ORDER BY 4 DESC, sum(d.amount_base) DESC, r.label_en`),
    ) as { id: string | null; labelFa: string | null; labelEn: string | null; count: number; amount: string }[];
  },

  /** Lost deals closed in the range per competitor they were lost to. */
  async competitors(db: Executor, workspaceId: string, f: MetricsFilter) {
    return rowsOf(
      await db.execute(sql`
        SELECT o.id, o.name, count(*)::int AS count, round(sum(d.amount_base), 2)::text AS amount
        FROM deals d JOIN organizations o ON o.id = d.competitor_id AND o.workspace_id = d.workspace_id
        WHERE d.workspace_id = ${workspaceId} AND ${ALIVE} AND d.status = 'lost'
          AND d.closed_on >= ${f.from}::date AND d.closed_on <= ${f.to}::date ${dealFilters(f)}
        GROUP BY o.id, o.name
        ORDER BY 3 DESC, sum(d.amount_base) DESC, o.name`),
    ) as { id: string; name: string; count: number; amount: string }[];
  },
};
