import { z } from 'zod';
import { ZText, optionalText, ZUserId } from '../../kernel/http/zod-text.ts';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import { ZCurrency, ZDecimalInput } from '../currencies/currencies.contract.ts';
import { ZStage } from '../pipelines/pipelines.contract.ts';
import type { DealSource, DealStatus, ForecastCategory } from './deals.schema.ts';

/** The request and response shapes of /api/v1/deals (docs/design/sales-modules.md, Deals). */

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const satisfies readonly DealStatus[];
export const DEAL_SOURCES = ['lead', 'campaign', 'referral', 'web', 'event', 'manual', 'import', 'api', 'other'] as const satisfies readonly DealSource[];
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'omitted'] as const satisfies readonly ForecastCategory[];

const ZTagName = ZText().trim().min(1).max(64);
const ZIsoDate = z.iso.date().describe('YYYY-MM-DD');

export const ZDealPersonInput = z
  .object({
    personId: z.uuid(),
    role: optionalText(100).describe('decision maker, champion, user …'),
    isPrimary: z.boolean().optional(),
  })
  .strict();

export const ZLineItemInput = z
  .object({
    productId: z.uuid().nullable().optional(),
    description: ZText().trim().min(1).max(500),
    quantity: ZDecimalInput.optional().describe('Decimal string, 3 decimals; default 1'),
    unitPrice: ZDecimalInput.describe('Decimal string in the deal currency, 2 decimals'),
    discountPercent: ZDecimalInput.optional().describe('0–100, 2 decimals'),
  })
  .strict();

const dealFields = {
  title: ZText().trim().min(1).max(200),
  pipelineId: z.uuid().optional().describe('Defaults to the stage’s pipeline, else the default pipeline'),
  stageId: z.uuid().optional().describe('Defaults to the first open stage of the pipeline'),
  organizationId: z.uuid().nullable().optional(),
  people: z.array(ZDealPersonInput).max(50).optional().describe('The people involved, with their role; the first is primary unless one says so'),
  ownerId: ZUserId.nullable().optional().describe('A member of the workspace; defaults to the user creating the deal'),
  territoryId: z.uuid().nullable().optional().describe("Defaults to the organisation's territory"),
  amount: ZDecimalInput.optional().describe('Decimal string (or number) in `currency`; follows the line items when they are sent without it'),
  currency: ZCurrency.optional().describe('ISO 4217; defaults to the workspace currency'),
  exchangeRate: ZDecimalInput.optional().describe('Units of the workspace currency per unit of `currency`; defaults to the rate in force today'),
  probability: z.number().int().min(0).max(100).nullable().optional().describe("Overrides the stage's probability; null follows the stage"),
  forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
  expectedCloseDate: ZIsoDate.nullable().optional(),
  source: z.enum(DEAL_SOURCES).optional(),
  campaignId: z.uuid().nullable().optional(),
  lostReasonId: z.uuid().nullable().optional().describe('Needed when the stage is a lost one'),
  lostNote: optionalText(2000),
  competitorId: z.uuid().nullable().optional().describe('An organisation of type competitor'),
  description: optionalText(20_000),
  lineItems: z.array(ZLineItemInput).max(200).optional().describe('The complete list of line items'),
  custom: z.record(z.string().max(64), z.unknown()).optional(),
  tags: z.array(ZTagName).max(50).optional(),
};

export const ZDealCreate = z
  .object({ ...dealFields, leadId: z.uuid().nullable().optional() })
  .strict();
export type TDealCreate = z.infer<typeof ZDealCreate>;

export const ZDealPatch = z
  .object({
    version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
    ...dealFields,
    title: dealFields.title.optional(),
  })
  .strict();
export type TDealPatch = z.infer<typeof ZDealPatch>;

export const ZDealMove = z
  .object({
    stageId: z.uuid(),
    afterId: z.uuid().nullable().optional().describe('The card the moved card goes right after (below it on the board)'),
    beforeId: z.uuid().nullable().optional().describe('The card the moved card goes right before (above it on the board)'),
    version: z.number().int().min(1).optional().describe('When given, a stale version gets 409'),
    lostReasonId: z.uuid().nullable().optional(),
    lostNote: optionalText(2000),
    competitorId: z.uuid().nullable().optional(),
  })
  .strict();
export type TDealMove = z.infer<typeof ZDealMove>;

export const ZTagRef = z.object({ id: z.uuid(), name: z.string(), color: z.string().nullable() });
const ZRef = z.object({ id: z.string(), name: z.string() });

export const ZLineItem = z.object({
  id: z.uuid(),
  productId: z.uuid().nullable(),
  position: z.number().int(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  netAmount: z.string(),
});

export const ZDeal = z.object({
  id: z.uuid(),
  title: z.string(),
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  stage: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(DEAL_STATUSES), probability: z.number().int() }),
  status: z.enum(DEAL_STATUSES),
  boardRank: z.string(),
  organization: ZRef.nullable(),
  people: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string().nullable(), isPrimary: z.boolean() })),
  ownerId: z.string().nullable(),
  owner: ZRef.nullable(),
  territoryId: z.uuid().nullable(),
  amount: z.string().describe('Decimal string in `currency`'),
  currency: z.string(),
  exchangeRate: z.string(),
  amountBase: z.string().describe('amount × exchangeRate, in the workspace currency'),
  probability: z.number().int().describe('Effective: the override, else the stage’s; won 100, lost 0'),
  probabilityOverride: z.number().int().nullable(),
  forecastCategory: z.enum(FORECAST_CATEGORIES),
  expectedCloseDate: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedAt: z.date().nullable(),
  stageEnteredAt: z.date(),
  rotting: z.boolean().describe("Idle in its stage longer than the stage's rotting days"),
  source: z.enum(DEAL_SOURCES),
  leadId: z.uuid().nullable(),
  campaignId: z.uuid().nullable(),
  lostReason: z.object({ id: z.uuid(), labelFa: z.string(), labelEn: z.string() }).nullable(),
  lostNote: z.string().nullable(),
  competitor: ZRef.nullable(),
  description: z.string().nullable(),
  lineItems: z.array(ZLineItem),
  tags: z.array(ZTagRef),
  custom: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
});
export type Deal = z.infer<typeof ZDeal>;

const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((v) => v.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

const listFilters = {
  q: ZText().max(200).optional().describe('Quick search over the title and the organisation name'),
  ownerId: ZUserId.optional().describe('Only deals of this owner; "me" for the caller'),
  owner: ZUserId.optional().describe('Same as ownerId'),
  filter: z.string().max(20_000).optional().describe('A FilterGroup as JSON over the fields of GET /api/v1/fields/deal'),
  tag: z.uuid().optional(),
};

export const ZDealListQuery = ZListQuery.extend({
  ...listFilters,
  pipelineId: z.uuid().optional(),
  status: commaList(DEAL_STATUSES).optional().describe('open,won,lost (comma-separated)'),
  organizationId: z.uuid().optional(),
  personId: z.uuid().optional(),
  view: z.uuid().optional().describe('A saved view of deals'),
  sort: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.]{0,80}:(asc|desc)$/)
    .optional()
    .describe('field:asc|desc over a sortable field (amountBase:desc, expectedCloseDate:asc …); default createdAt:desc'),
  deleted: z.enum(['true', 'false']).optional().describe('true: the trash'),
});
export type TDealListQuery = z.infer<typeof ZDealListQuery>;

export const ZBoardQuery = z.object({ ...listFilters, pipelineId: z.uuid().optional().describe('Defaults to the default pipeline') });
export type TBoardQuery = z.infer<typeof ZBoardQuery>;

export const ZBoardColumnQuery = z.object({
  ...listFilters,
  stageId: z.uuid(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TBoardColumnQuery = z.infer<typeof ZBoardColumnQuery>;

export const ZBoardColumn = z.object({
  stage: ZStage,
  count: z.number().int(),
  totalBase: z.string().describe('Σ amountBase of the column'),
  weightedBase: z.string().describe('Σ amountBase × probability'),
  deals: z.array(ZDeal).describe('The first 50 cards by boardRank'),
  nextCursor: z.string().nullable().describe('For GET /api/v1/deals/board/column'),
});

export const ZBoard = z.object({
  pipeline: z.object({ id: z.uuid(), name: z.string(), isDefault: z.boolean(), version: z.number().int() }),
  columns: z.array(ZBoardColumn),
});

export const ZStageStay = z.object({
  stage: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(DEAL_STATUSES), archived: z.boolean() }),
  enteredAt: z.date(),
  leftAt: z.date().nullable(),
  durationSeconds: z.number().int().describe('Until leaving, or until now for the current stage'),
  movedBy: z.string().nullable(),
});
