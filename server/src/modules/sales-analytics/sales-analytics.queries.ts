import { dateParts, type Locale } from '#common/calendar/index.ts';
import { add } from '#common/money/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { DealSummary, Forecast, ForecastFigures, Funnel, SalesMetrics, TForecastDealsQuery, TForecastQuery, TSalesMetricsQuery } from './sales-analytics.contract.ts';
import { analyticsErrors, invalidParameter } from './sales-analytics.errors.ts';
import { defaultRange, lastDayBefore, periodContaining, periodsBetween, type Period } from './sales-analytics.periods.ts';
import {
  OVERDUE_BUCKET,
  UNDATED_BUCKET,
  salesAnalyticsRepository as repo,
  type ForecastCellRow,
  type MetricsFilter,
  type WorkspaceSettings,
} from './sales-analytics.repository.ts';

/*
 * The forecast and the metrics as plain functions of (db, workspaceId, params): the service calls
 * them after its permission check, and the benchmarks call them directly.
 */

/** More periods than this in one forecast is a mistake (120 months = 10 years). */
export const MAX_PERIODS = 120;

/**
 * `now` (default: the real time) gives today in the workspace zone, `today` fixes it outright
 * (ISO date); `locale` picks the language of `label`.
 */
export type Now = { now?: Date; today?: string; locale?: Locale };
export type ForecastParams = Partial<TForecastQuery> & Now;
export type ForecastDealsParams = Partial<TForecastDealsQuery> & Pick<TForecastDealsQuery, 'bucket'> & Now;
export type MetricsParams = TSalesMetricsQuery & Now;

type Bucket = Forecast['buckets'][number];

const OVERDUE_LABELS = { fa: 'سررسید گذشته', en: 'Overdue' };
const UNDATED_LABELS = { fa: 'بدون تاریخ بستن', en: 'No close date' };
const UNASSIGNED_GROUP = 'unassigned';

async function settingsOf(db: Executor, workspaceId: string): Promise<WorkspaceSettings> {
  const settings = await repo.settings(db, workspaceId);
  if (!settings) throw kernelErrors.not_found();
  return settings;
}

function todayIn(timezone: string, now = new Date()): string {
  const { year, month, day } = dateParts(now, timezone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

async function assertPipeline(db: Executor, workspaceId: string, pipelineId: string | undefined): Promise<void> {
  if (pipelineId && !(await repo.pipelineExists(db, workspaceId, pipelineId))) throw analyticsErrors.pipeline_not_found();
}

function assertOrdered(from: string, to: string): void {
  if (from > to) throw invalidParameter('to', 'range_reversed');
}

type ForecastFrame = {
  settings: WorkspaceSettings;
  today: string;
  from: string;
  to: string;
  periods: Period[];
  buckets: Bucket[];
};

/** The workspace's calendar, today, and the periods of the requested range. */
async function forecastFrame(db: Executor, workspaceId: string, params: ForecastParams): Promise<ForecastFrame> {
  const settings = await settingsOf(db, workspaceId);
  const today = params.today ?? todayIn(settings.timezone, params.now);
  const kind = params.period ?? 'month';
  const fallback = defaultRange(today, kind, settings);
  const from = params.from ?? fallback.from;
  const to = params.to ?? (params.from ? lastDayBefore(periodContaining(from, 'year', settings).end) : fallback.to);
  assertOrdered(from, to);
  const periods = periodsBetween(from, to, kind, settings, MAX_PERIODS);
  if (!periods) throw invalidParameter('to', 'range_too_long');
  const locale = params.locale ?? 'fa';
  const special = (key: 'overdue' | 'undated', labels: { fa: string; en: string }): Bucket => ({
    key,
    kind: key,
    start: null,
    end: key === 'overdue' ? today : null,
    label: labels[locale],
    labelFa: labels.fa,
    labelEn: labels.en,
  });
  const buckets: Bucket[] = [
    special('overdue', OVERDUE_LABELS),
    ...periods.map((p): Bucket => ({ key: p.key, kind: 'period', start: p.start, end: p.end, label: locale === 'fa' ? p.labelFa : p.labelEn, labelFa: p.labelFa, labelEn: p.labelEn })),
    special('undated', UNDATED_LABELS),
  ];
  return { settings, today, from, to, periods, buckets };
}

const ZERO: ForecastFigures = { closedWon: '0.00', commit: '0.00', bestCase: '0.00', pipeline: '0.00', weighted: '0.00', counts: { closedWon: 0, commit: 0, bestCase: 0, pipeline: 0 } };

function figuresOf(row: ForecastCellRow): ForecastFigures {
  return {
    closedWon: row.closedWon,
    commit: row.commit,
    bestCase: row.bestCase,
    pipeline: row.pipeline,
    weighted: row.weighted,
    counts: { closedWon: row.closedWonCount, commit: row.commitCount, bestCase: row.bestCaseCount, pipeline: row.pipelineCount },
  };
}

function plus(a: ForecastFigures, b: ForecastFigures): ForecastFigures {
  return {
    closedWon: add(a.closedWon, b.closedWon),
    commit: add(a.commit, b.commit),
    bestCase: add(a.bestCase, b.bestCase),
    pipeline: add(a.pipeline, b.pipeline),
    weighted: add(a.weighted, b.weighted),
    counts: {
      closedWon: a.counts.closedWon + b.counts.closedWon,
      commit: a.counts.commit + b.counts.commit,
      bestCase: a.counts.bestCase + b.counts.bestCase,
      pipeline: a.counts.pipeline + b.counts.pipeline,
    },
  };
}

function bucketKeyOf(bucket: number, periods: Period[]): string {
  if (bucket === OVERDUE_BUCKET) return 'overdue';
  if (bucket === UNDATED_BUCKET) return 'undated';
  return periods[bucket - 1]!.key;
}

/**
 * Closed-won, commit, best case, pipeline and weighted amounts per period (and group). Open deals
 * whose expected close date has passed are in the `overdue` bucket, those without one in
 * `undated`; neither is part of `total`, which covers the periods of the range.
 */
export async function forecast(db: Executor, workspaceId: string, params: ForecastParams = {}): Promise<Forecast> {
  await assertPipeline(db, workspaceId, params.pipelineId);
  const frame = await forecastFrame(db, workspaceId, params);
  const groupBy = params.groupBy ?? 'none';
  const boundaries = [frame.periods[0]!.start, ...frame.periods.map((p) => p.end)];
  const query = { boundaries, today: frame.today, pipelineId: params.pipelineId };
  const rows = await repo.forecastCells(db, workspaceId, { ...query, groupBy });
  const cellRows = rows.filter((r) => !r.isTotal);
  const totalRows = groupBy === 'none' ? cellRows : groupBy === 'team' ? await repo.forecastCells(db, workspaceId, { ...query, groupBy: 'none' }) : rows.filter((r) => r.isTotal);

  const cells = cellRows.map((r) => ({ bucket: bucketKeyOf(r.bucket, frame.periods), group: groupBy === 'none' ? null : r.grp, ...figuresOf(r) }));
  const totals = totalRows.map((r) => ({ bucket: bucketKeyOf(r.bucket, frame.periods), ...figuresOf(r) }));
  const order = new Map(frame.buckets.map((b, i) => [b.key, i]));
  totals.sort((a, b) => order.get(a.bucket)! - order.get(b.bucket)!);
  const total = totalRows.filter((r) => r.bucket > 0).map(figuresOf).reduce(plus, ZERO);

  return {
    period: params.period ?? 'month',
    groupBy,
    calendar: frame.settings.calendar,
    fiscalYearStartMonth: frame.settings.fiscalYearStartMonth,
    currency: frame.settings.currency,
    moneyDisplay: frame.settings.moneyDisplay,
    today: frame.today,
    from: frame.from,
    to: frame.to,
    buckets: frame.buckets,
    groups: groupBy === 'none' ? [] : await groupsOf(db, workspaceId, groupBy, cellRows),
    cells,
    totals,
    total,
  };
}

async function groupsOf(db: Executor, workspaceId: string, groupBy: 'owner' | 'team' | 'territory', rows: ForecastCellRow[]) {
  const keys = [...new Set(rows.map((r) => r.grp))];
  const names = await repo.groupNames(db, workspaceId, groupBy, keys.filter((k): k is string => k !== null));
  const groups = keys.map((key) => ({ key, name: key === null ? null : (names.get(key) ?? null) }));
  // Named groups alphabetically, the unassigned one last.
  return groups.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : (a.name ?? '').localeCompare(b.name ?? '', 'fa')));
}

function encodeDealCursor(amountBase: string, id: string): string {
  return Buffer.from(JSON.stringify({ a: amountBase, id })).toString('base64url');
}

function decodeDealCursor(cursor: string): { amountBase: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value?.a === 'string' && /^-?\d+(\.\d+)?$/.test(value.a) && typeof value?.id === 'string' && /^[0-9a-f-]{36}$/i.test(value.id)) {
      return { amountBase: value.a, id: value.id };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('cursor', 'invalid_cursor');
}

function dealSummary(row: any): DealSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    organization: row.organizationId ? { id: row.organizationId, name: row.organizationName } : null,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
    amount: row.amount,
    currency: row.currency,
    amountBase: row.amountBase,
    stage: { id: row.stageId, name: row.stageName, kind: row.stageKind, probability: Number(row.stageProbability) },
    probability: Number(row.probability),
    forecastCategory: row.forecastCategory,
    expectedCloseDate: row.expectedCloseDate,
    closedOn: row.closedOn,
  };
}

/** The deals behind one forecast cell (bucket × group × category), largest first. */
export async function forecastDeals(db: Executor, workspaceId: string, params: ForecastDealsParams): Promise<{ items: DealSummary[]; nextCursor: string | null }> {
  await assertPipeline(db, workspaceId, params.pipelineId);
  const frame = await forecastFrame(db, workspaceId, params);
  const bucket = frame.buckets.find((b) => b.key === params.bucket);
  if (!bucket) throw invalidParameter('bucket', 'unknown_bucket');
  const groupBy = params.groupBy ?? 'none';
  const limit = params.limit ?? 50;
  const rows = await repo.forecastDeals(db, workspaceId, {
    start: bucket.start,
    end: bucket.end,
    bucketKind: bucket.kind,
    today: frame.today,
    groupBy,
    group: params.group === undefined ? undefined : params.group === UNASSIGNED_GROUP ? null : params.group,
    category: params.category ?? 'pipeline',
    pipelineId: params.pipelineId,
    after: params.cursor ? decodeDealCursor(params.cursor) : undefined,
    limit,
  });
  const items = rows.slice(0, limit).map(dealSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeDealCursor(last.amountBase, last.id) : null };
}

/** From the start of the current fiscal year to today unless given. */
async function metricsFilter(db: Executor, workspaceId: string, params: MetricsParams): Promise<MetricsFilter & { settings: WorkspaceSettings }> {
  await assertPipeline(db, workspaceId, params.pipelineId);
  const settings = await settingsOf(db, workspaceId);
  const today = params.today ?? todayIn(settings.timezone, params.now);
  const from = params.from ?? periodContaining(params.to ?? today, 'year', settings).start;
  const to = params.to ?? (from > today ? lastDayBefore(periodContaining(from, 'year', settings).end) : today);
  assertOrdered(from, to);
  return { from, to, timezone: settings.timezone, pipelineId: params.pipelineId, ownerId: params.ownerId, territoryId: params.territoryId, settings };
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** Stages in order per pipeline with the deals (created in the range) that reached each one. */
export async function funnel(db: Executor, workspaceId: string, params: MetricsParams): Promise<Funnel> {
  const filter = await metricsFilter(db, workspaceId, params);
  return funnelOf(await repo.funnel(db, workspaceId, filter));
}

function funnelOf(rows: Awaited<ReturnType<typeof repo.funnel>>): Funnel {
  const pipelines = new Map<string, Funnel[number]>();
  for (const row of rows) {
    const pipeline = pipelines.get(row.pipelineId) ?? { pipelineId: row.pipelineId, name: row.pipelineName, stages: [] };
    pipeline.stages.push({ stageId: row.stageId, name: row.name, position: row.position, kind: row.kind, reached: row.reached, conversionToNext: null });
    pipelines.set(row.pipelineId, pipeline);
  }
  for (const { stages } of pipelines.values()) {
    stages.forEach((stage, i) => {
      const next = stages[i + 1];
      stage.conversionToNext = next ? ratio(next.reached, stage.reached) : null;
    });
  }
  return [...pipelines.values()];
}

/** Conversion, win rate, deal size, cycle, velocity, funnel, per-rep figures, lost reasons, competitors. */
export async function salesMetrics(db: Executor, workspaceId: string, params: MetricsParams): Promise<SalesMetrics> {
  const filter = await metricsFilter(db, workspaceId, params);
  const leads = await repo.leadConversion(db, workspaceId, filter);
  const closed = await repo.closedSummary(db, workspaceId, filter);
  const funnelRows = await repo.funnel(db, workspaceId, filter);
  const reps = await repo.reps(db, workspaceId, filter);
  const activity = await repo.activity(db, workspaceId, filter);
  const lostReasons = await repo.lostReasons(db, workspaceId, filter);
  const competitors = await repo.competitors(db, workspaceId, filter);
  return {
    from: filter.from,
    to: filter.to,
    currency: filter.settings.currency,
    moneyDisplay: filter.settings.moneyDisplay,
    leadConversion: { ...leads, rate: ratio(leads.converted, leads.created) },
    winRate: { won: closed.won, lost: closed.lost, rate: ratio(closed.won, closed.won + closed.lost) },
    averageDealSize: closed.averageDealSize,
    salesCycleDays: { average: closed.averageCycle, median: closed.medianCycle },
    pipelineVelocity: { openDeals: closed.openDeals, perDay: closed.velocity },
    funnel: funnelOf(funnelRows),
    reps: reps.map((r) => ({
      owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? '' } : null,
      wonCount: r.wonCount,
      wonAmount: r.wonAmount,
      lostCount: r.lostCount,
      winRate: ratio(r.wonCount, r.wonCount + r.lostCount),
      averageCycleDays: r.averageCycleDays,
    })),
    activity: activity.map(({ userId, userName, ...counts }) => ({ user: { id: userId, name: userName ?? '' }, ...counts })),
    lostReasons: lostReasons.map((r) => ({ reason: r.id ? { id: r.id, labelFa: r.labelFa!, labelEn: r.labelEn! } : null, count: r.count, amount: r.amount })),
    competitors: competitors.map((c) => ({ competitor: { id: c.id, name: c.name }, count: c.count, amount: c.amount })),
  };
}
