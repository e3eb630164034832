import { jalaliMonthRange, toJalali, parseIsoDate } from '#common/calendar/index.ts';
import type { SqlRunner } from './sales-data.ts';

/*
 * The sales figures written by hand, as a developer who knows SQL but not the sales-analytics
 * module would write them: the periods as a VALUES list joined by date range, plain GROUP BY.
 * bench/sales.ts runs them beside the module's queries, checks that both give the same numbers,
 * and prints how much slower (or faster) the module is.
 *
 * Semantics, from docs/design/sales-modules.md and the module's contract:
 * - forecast cells per (period, group): closedWon = won deals by closed_on; open deals that are not
 *   omitted by expected_close_date — in the "overdue" bucket when that day is before today, in
 *   "undated" when there is none; commit = category commit, bestCase = commit + best_case,
 *   pipeline = all of them, weighted = Σ amount_base × (deal probability, else the stage's) / 100.
 * - funnel per pipeline and non-lost stage: deals created in the range whose furthest non-lost
 *   stage (by position) in their stage history is at or after this one.
 */

export type Period = { key: string; start: string; end: string };
export type PeriodKind = 'month' | 'quarter' | 'year';
export type GroupBy = 'none' | 'owner' | 'territory';

/** Figures of one forecast cell, money as integer rials×100 (cents) so strings compare exactly. */
export type ForecastCell = {
  bucket: string;
  group: string | null;
  closedWon: bigint;
  commit: bigint;
  bestCase: bigint;
  pipeline: bigint;
  weighted: bigint;
  counts: { closedWon: number; commit: number; bestCase: number; pipeline: number };
};

export type FunnelStage = { pipelineId: string; stageId: string; position: number; reached: number };

/** "123.40" → 12340n; also "123", "-5.1". */
export function cents(text: string | number | null | undefined): bigint {
  if (text === null || text === undefined) return 0n;
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(text).trim());
  if (!match) throw new Error(`not a decimal: ${text}`);
  const fraction = (match[3] ?? '').padEnd(2, '0');
  if (/[1-9]/.test(fraction.slice(2))) throw new Error(`more than two decimals: ${text}`);
  const value = BigInt(match[2]!) * 100n + BigInt(fraction.slice(0, 2));
  return match[1] ? -value : value;
}

const jalaliOf = (iso: string) => {
  const { gy, gm, gd } = parseIsoDate(iso)!;
  return toJalali(gy, gm, gd);
};

/**
 * The Jalali periods (fiscal year = Jalali year, the workspace's setting) shown by default: the
 * months or quarters of the fiscal year of `today`, or the previous, this and the next year.
 */
export function defaultPeriods(today: string, kind: PeriodKind): Period[] {
  const { jy } = jalaliOf(today);
  const month = (y: number, m: number) => jalaliMonthRange(y + Math.floor((m - 1) / 12), ((m - 1) % 12) + 1);
  if (kind === 'month')
    return Array.from({ length: 12 }, (_, i) => ({ key: `${jy}-${String(i + 1).padStart(2, '0')}`, start: month(jy, i + 1).start, end: month(jy, i + 1).end }));
  if (kind === 'quarter')
    return Array.from({ length: 4 }, (_, q) => ({ key: `FY${jy}-Q${q + 1}`, start: month(jy, q * 3 + 1).start, end: month(jy, q * 3 + 4).start }));
  return [jy - 1, jy, jy + 1].map((y) => ({ key: `FY${y}`, start: month(y, 1).start, end: month(y + 1, 1).start }));
}

const periodValues = (periods: readonly Period[]) => periods.map((p) => `('${p.key}', DATE '${p.start}', DATE '${p.end}')`).join(', ');

const GROUP_COLUMN: Record<GroupBy, string> = { none: 'NULL::text', owner: 'd.owner_id', territory: 'd.territory_id::text' };

export async function handForecast(run: SqlRunner, workspaceId: string, q: { periods: Period[]; today: string; groupBy: GroupBy }): Promise<ForecastCell[]> {
  const grp = GROUP_COLUMN[q.groupBy];
  const { rows } = await run(
    `WITH periods (key, start_day, end_day) AS (VALUES ${periodValues(q.periods)}),
     forecast_deals AS (
       SELECT p.key AS bucket, ${grp} AS grp, 'won' AS kind, d.forecast_category, d.amount_base, 0 AS probability
       FROM deals d JOIN periods p ON d.closed_on >= p.start_day AND d.closed_on < p.end_day
       WHERE d.workspace_id = $1 AND d.deleted_at IS NULL AND d.status = 'won'
       UNION ALL
       SELECT CASE WHEN d.expected_close_date IS NULL THEN 'undated' WHEN d.expected_close_date < $2::date THEN 'overdue' ELSE p.key END,
              ${grp}, 'open', d.forecast_category, d.amount_base, COALESCE(d.probability, s.probability)
       FROM deals d
       JOIN pipeline_stages s ON s.id = d.stage_id
       LEFT JOIN periods p ON d.expected_close_date >= p.start_day AND d.expected_close_date < p.end_day
       WHERE d.workspace_id = $1 AND d.deleted_at IS NULL AND d.status = 'open' AND d.forecast_category <> 'omitted'
         AND (d.expected_close_date IS NULL OR d.expected_close_date < $2::date OR p.key IS NOT NULL)
     )
     SELECT bucket, grp,
            coalesce(sum(amount_base) FILTER (WHERE kind = 'won'), 0)::text AS closed_won,
            count(*) FILTER (WHERE kind = 'won') AS closed_won_count,
            coalesce(sum(amount_base) FILTER (WHERE kind = 'open' AND forecast_category = 'commit'), 0)::text AS commit,
            count(*) FILTER (WHERE kind = 'open' AND forecast_category = 'commit') AS commit_count,
            coalesce(sum(amount_base) FILTER (WHERE kind = 'open' AND forecast_category IN ('commit', 'best_case')), 0)::text AS best_case,
            count(*) FILTER (WHERE kind = 'open' AND forecast_category IN ('commit', 'best_case')) AS best_case_count,
            coalesce(sum(amount_base) FILTER (WHERE kind = 'open'), 0)::text AS pipeline,
            count(*) FILTER (WHERE kind = 'open') AS pipeline_count,
            round(coalesce(sum(amount_base * probability) FILTER (WHERE kind = 'open'), 0) / 100, 2)::text AS weighted
     FROM forecast_deals
     GROUP BY bucket, grp`,
    [workspaceId, q.today],
  );
  return rows.map((r) => ({
    bucket: r.bucket,
    group: r.grp ?? null,
    closedWon: cents(r.closed_won),
    commit: cents(r.commit),
    bestCase: cents(r.best_case),
    pipeline: cents(r.pipeline),
    weighted: cents(r.weighted),
    counts: { closedWon: Number(r.closed_won_count), commit: Number(r.commit_count), bestCase: Number(r.best_case_count), pipeline: Number(r.pipeline_count) },
  }));
}

/** Deals created in [from, to] (inclusive days in the workspace's zone) per stage reached. */
export async function handFunnel(run: SqlRunner, workspaceId: string, q: { from: string; to: string; timezone: string }): Promise<FunnelStage[]> {
  const { rows } = await run(
    `WITH furthest AS MATERIALIZED (
       SELECT h.deal_id, h.pipeline_id, max(s.position) AS position
       FROM deals d
       JOIN deal_stage_history h ON h.deal_id = d.id
       JOIN pipeline_stages s ON s.id = h.stage_id
       WHERE d.workspace_id = $1 AND d.deleted_at IS NULL AND s.kind <> 'lost'
         AND d.created_at >= $2::date::timestamp AT TIME ZONE $4 AND d.created_at < ($3::date + 1)::timestamp AT TIME ZONE $4
       GROUP BY h.deal_id, h.pipeline_id
     )
     SELECT st.pipeline_id, st.id AS stage_id, st.position, count(f.deal_id) AS reached
     FROM pipeline_stages st
     LEFT JOIN furthest f ON f.pipeline_id = st.pipeline_id AND f.position >= st.position
     WHERE st.workspace_id = $1 AND st.kind <> 'lost' AND st.archived_at IS NULL
     GROUP BY st.pipeline_id, st.id, st.position
     ORDER BY st.pipeline_id, st.position`,
    [workspaceId, q.from, q.to, q.timezone],
  );
  return rows.map((r) => ({ pipelineId: r.pipeline_id, stageId: r.stage_id, position: Number(r.position), reached: Number(r.reached) }));
}

export type MonthlyRevenue = { month: string; lines: number; revenue: bigint; cost: bigint; margin: bigint };

/** Revenue (net, base currency) and margin of counted order lines per Jalali month of a fiscal year. */
export async function handMonthlyRevenue(run: SqlRunner, workspaceId: string, fiscalYear: number): Promise<MonthlyRevenue[]> {
  const months = Array.from({ length: 12 }, (_, i) => ({ key: `${fiscalYear}-${String(i + 1).padStart(2, '0')}`, ...jalaliMonthRange(fiscalYear, i + 1) }));
  const { rows } = await run(
    `WITH months (key, start_day, end_day) AS (VALUES ${periodValues(months)})
     SELECT m.key AS month, count(l.id) AS lines, coalesce(sum(l.net_amount_base), 0)::text AS revenue, coalesce(sum(l.cost_amount), 0)::text AS cost,
            coalesce(sum(l.net_amount_base - coalesce(l.cost_amount, 0)), 0)::text AS margin
     FROM months m
     LEFT JOIN order_lines l ON l.workspace_id = $1 AND l.counted AND l.order_date >= m.start_day AND l.order_date < m.end_day
     GROUP BY m.key ORDER BY m.key`,
    [workspaceId],
  );
  return rows.map((r) => ({ month: r.month, lines: Number(r.lines), revenue: cents(r.revenue), cost: cents(r.cost), margin: cents(r.margin) }));
}

export type CustomerValue = { revenue: bigint; cost: bigint; orders: number; first: string | null; last: string | null };

/**
 * What a customer is worth, as the organisation page shows it: revenue and cost (in the base
 * currency) of its counted order lines, and the count, first and last day of its orders.
 */
export async function handCustomerValue(run: SqlRunner, workspaceId: string, organizationId: string): Promise<CustomerValue> {
  const { rows } = await run(
    `WITH line_totals AS (
       SELECT sum(l.net_amount_base) AS revenue, sum(round(l.cost_amount * o.exchange_rate, 2)) AS cost
       FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE l.workspace_id = $1 AND l.organization_id = $2 AND l.counted
     ), order_totals AS (
       SELECT count(*) AS n, min(order_date)::text AS first, max(order_date)::text AS last
       FROM orders WHERE workspace_id = $1 AND organization_id = $2 AND deleted_at IS NULL AND status <> 'cancelled'
     )
     SELECT coalesce(revenue, 0)::text AS revenue, coalesce(cost, 0)::text AS cost, n, first, last FROM line_totals, order_totals`,
    [workspaceId, organizationId],
  );
  const r = rows[0];
  return { revenue: cents(r.revenue), cost: cents(r.cost), orders: Number(r.n), first: r.first, last: r.last };
}
