import { z } from 'zod';
import { toLatinDigits } from '#common/text/index.ts';
import { parseIsoDate, isValidGregorianDate } from '#common/calendar/index.ts';

/** The request and response shapes of /api/v1/forecast and /api/v1/sales-metrics. */

/** Money as a decimal string in the workspace's default currency, e.g. "125000000.00". */
const ZMoney = z.string().describe('Decimal string in the workspace default currency');

/** An ISO calendar date; Persian or Arabic digits are accepted. */
const ZIsoDate = z
  .string()
  .trim()
  .transform((v) => toLatinDigits(v))
  .refine((v) => {
    const parts = /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseIsoDate(v) : null;
    return parts !== null && isValidGregorianDate(parts.gy, parts.gm, parts.gd);
  }, 'Expected an ISO date YYYY-MM-DD')
  .describe('ISO date YYYY-MM-DD (Gregorian)');

/** better-auth user ids are not UUIDs. */
const ZUserId = z.string().trim().min(1).max(100);

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export const GROUP_BYS = ['none', 'owner', 'team', 'territory'] as const;
export const FORECAST_CATEGORIES = ['closedWon', 'commit', 'bestCase', 'pipeline', 'weighted'] as const;

export const ZForecastQuery = z.object({
  period: z.enum(PERIOD_KINDS).default('month').describe('Month, fiscal quarter or fiscal year, in the workspace calendar'),
  from: ZIsoDate.optional().describe('First day of the range; default: the start of the current fiscal year'),
  to: ZIsoDate.optional().describe('Last day of the range (inclusive); default: the end of the current fiscal year'),
  groupBy: z.enum(GROUP_BYS).default('none'),
  pipelineId: z.uuid().optional(),
});
export type TForecastQuery = z.infer<typeof ZForecastQuery>;

/**
 * A column of the forecast: a period, or one of the two buckets that hold open deals the periods
 * cannot: `overdue` (expected close date already past) and `undated` (no expected close date).
 */
export const ZForecastBucket = z.object({
  key: z.string().describe('"1404-01", "FY1404-Q1", "FY1404", "overdue" or "undated"'),
  kind: z.enum(['period', 'overdue', 'undated']),
  start: z.string().nullable(),
  end: z.string().nullable().describe('Exclusive'),
  label: z.string(),
  labelFa: z.string(),
  labelEn: z.string(),
});

export const ZForecastFigures = z.object({
  closedWon: ZMoney,
  commit: ZMoney,
  bestCase: ZMoney,
  pipeline: ZMoney,
  weighted: ZMoney,
  counts: z.object({ closedWon: z.number().int(), commit: z.number().int(), bestCase: z.number().int(), pipeline: z.number().int() }),
});
export type ForecastFigures = z.infer<typeof ZForecastFigures>;

export const ZForecast = z.object({
  period: z.enum(PERIOD_KINDS),
  groupBy: z.enum(GROUP_BYS),
  calendar: z.enum(['jalali', 'gregorian']),
  fiscalYearStartMonth: z.number().int(),
  currency: z.string(),
  moneyDisplay: z.enum(['rial', 'toman']),
  today: z.string(),
  from: z.string(),
  to: z.string(),
  buckets: z.array(ZForecastBucket),
  groups: z.array(z.object({ key: z.string().nullable().describe('null: no owner / team / territory'), name: z.string().nullable() })),
  cells: z.array(ZForecastFigures.extend({ bucket: z.string(), group: z.string().nullable() })).describe('Only the cells that have deals'),
  totals: z.array(ZForecastFigures.extend({ bucket: z.string() })).describe('Per bucket over all groups; a deal counts once even when its owner is in two teams'),
  total: ZForecastFigures.describe('The periods of the range (overdue and undated left out)'),
});
export type Forecast = z.infer<typeof ZForecast>;

export const ZForecastDealsQuery = ZForecastQuery.extend({
  bucket: z.string().trim().min(1).max(40),
  group: z.string().trim().max(100).optional().describe('A group key from the forecast; "unassigned" for deals without one'),
  category: z.enum(FORECAST_CATEGORIES).default('pipeline'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type TForecastDealsQuery = z.infer<typeof ZForecastDealsQuery>;

export const ZDealSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(['open', 'won', 'lost']),
  organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  amount: ZMoney,
  currency: z.string(),
  amountBase: ZMoney,
  stage: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['open', 'won', 'lost']), probability: z.number().int() }),
  probability: z.number().int().describe('Effective: the deal override, else the stage probability'),
  forecastCategory: z.enum(['pipeline', 'best_case', 'commit', 'omitted']),
  expectedCloseDate: z.string().nullable(),
  closedOn: z.string().nullable(),
});
export type DealSummary = z.infer<typeof ZDealSummary>;

export const ZSalesMetricsQuery = z.object({
  from: ZIsoDate.optional().describe('Default: the start of the current fiscal year'),
  to: ZIsoDate.optional().describe('Inclusive; default: today'),
  pipelineId: z.uuid().optional(),
  ownerId: ZUserId.optional(),
  territoryId: z.uuid().optional(),
});
export type TSalesMetricsQuery = z.infer<typeof ZSalesMetricsQuery>;

const ZPerson = z.object({ id: z.string(), name: z.string() }).nullable();

export const ZFunnelStage = z.object({
  stageId: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  kind: z.enum(['open', 'won', 'lost']),
  reached: z.number().int().describe('Deals that got to this stage or a later one (lost stages aside)'),
  conversionToNext: z.number().nullable().describe('reached(next) ÷ reached(this); null for the last stage or when none reached it'),
});

export const ZFunnel = z.array(z.object({ pipelineId: z.uuid(), name: z.string(), stages: z.array(ZFunnelStage) }));
export type Funnel = z.infer<typeof ZFunnel>;

export const ZSalesMetrics = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  moneyDisplay: z.enum(['rial', 'toman']),
  leadConversion: z.object({ created: z.number().int(), converted: z.number().int(), rate: z.number().nullable() }),
  winRate: z.object({ won: z.number().int(), lost: z.number().int(), rate: z.number().nullable() }),
  averageDealSize: ZMoney.nullable(),
  salesCycleDays: z.object({ average: z.number().nullable(), median: z.number().nullable() }),
  pipelineVelocity: z.object({ openDeals: z.number().int(), perDay: ZMoney.nullable() }),
  funnel: ZFunnel,
  reps: z.array(
    z.object({
      owner: ZPerson,
      wonCount: z.number().int(),
      wonAmount: ZMoney,
      lostCount: z.number().int(),
      winRate: z.number().nullable(),
      averageCycleDays: z.number().nullable(),
    }),
  ),
  activity: z
    .array(
      z.object({
        user: ZPerson,
        dealsCreated: z.number().int(),
        stageMoves: z.number().int(),
        dealsWon: z.number().int(),
        dealsLost: z.number().int(),
        quotesIssued: z.number().int(),
        ordersCreated: z.number().int(),
        calls: z.number().int().describe('Calls done (owner, in the range)'),
        meetings: z.number().int().describe('Meetings done (owner, in the range)'),
      }),
    )
    .describe('Per user: what they did with the sales records, and the calls and meetings they held'),
  lostReasons: z.array(z.object({ reason: z.object({ id: z.uuid(), labelFa: z.string(), labelEn: z.string() }).nullable(), count: z.number().int(), amount: ZMoney })),
  competitors: z.array(z.object({ competitor: z.object({ id: z.uuid(), name: z.string() }), count: z.number().int(), amount: ZMoney })),
});
export type SalesMetrics = z.infer<typeof ZSalesMetrics>;
