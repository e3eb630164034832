import { add, compare, lineNet, multiply } from '#common/money/index.ts';
import { searchKey } from '#common/text/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { checkCurrency, defaultCurrencyOf, parseDecimalInput, rateOn } from '../currencies/index.ts';
import { applyCustomInput } from '../custom-fields/custom-fields.values.ts';
import { membersRepository } from '../members/members.repository.ts';
import { pipelinesRepository, type StageRow } from '../pipelines/index.ts';
import type { TDealCreate, TDealPatch } from './deals.contract.ts';
import { dealErrors, dealFieldError } from './deals.errors.ts';
import { dealsRepository as repo, type DealPersonValues, type DealRow, type DealValues, type LineItemValues } from './deals.repository.ts';

/** The caller's user id; API keys have none. */
export const actingUserId = (ctx: WorkspaceContext): string | null => (ctx.actor.type === 'user' ? ctx.actor.id : null);

type DealInput = Omit<TDealPatch, 'version'> & { leadId?: string | null };

/** What a create or update writes besides the deal row: its people and line items when they were sent. */
export type PreparedDeal = {
  values: Partial<DealValues>;
  /** The stage the deal is in after the write (a new one when it changes). */
  stage: StageRow;
  stageChanged: boolean;
  people?: DealPersonValues[];
  lineItems?: LineItemValues[];
};

const QUANTITY = { scale: 3, nonNegative: true, maxWholeDigits: 15 };
const PRICE = { scale: 2, nonNegative: true, maxWholeDigits: 18 };
const PERCENT = { scale: 2, nonNegative: true, maxWholeDigits: 3 };
const RATE = { scale: 8, positive: true, maxWholeDigits: 16 };

/** The stage a deal goes to: the one named (live, of the pipeline if one is named too), else the first open stage of the pipeline. */
async function resolveStage(db: Executor, workspaceId: string, input: DealInput, before: DealRow | undefined, errors: FieldError[]): Promise<StageRow | undefined> {
  if (input.stageId) {
    const stage = await pipelinesRepository.findStage(db, workspaceId, input.stageId);
    if (!stage || stage.archivedAt) return void errors.push(dealFieldError('stageId', 'stage_not_found'));
    if (input.pipelineId && input.pipelineId !== stage.pipelineId) return void errors.push(dealFieldError('stageId', 'stage_not_in_pipeline'));
    return stage;
  }
  if (before && (!input.pipelineId || input.pipelineId === before.pipelineId)) return pipelinesRepository.findStage(db, workspaceId, before.stageId);
  const pipeline = input.pipelineId
    ? await pipelinesRepository.findPipeline(db, workspaceId, input.pipelineId)
    : await pipelinesRepository.findDefaultPipeline(db, workspaceId);
  if (!pipeline || pipeline.archivedAt) return void errors.push(dealFieldError('pipelineId', 'pipeline_not_found'));
  const stages = await pipelinesRepository.listStages(db, workspaceId, [pipeline.id], false);
  return stages.find((s) => s.kind === 'open') ?? stages[0];
}

/** Line items with their net amounts (lineNet, exact decimals), or undefined when not sent. */
async function prepareLineItems(db: Executor, workspaceId: string, items: DealInput['lineItems'], errors: FieldError[]): Promise<LineItemValues[] | undefined> {
  if (!items) return undefined;
  const products = await repo.existingProductIds(db, workspaceId, items.flatMap((i) => (i.productId ? [i.productId] : [])));
  return items.map((item, index) => {
    const path = `lineItems.${index}`;
    if (item.productId && !products.has(item.productId)) errors.push(dealFieldError(`${path}.productId`, 'product_not_found'));
    const quantity = item.quantity === undefined ? '1' : (parseDecimalInput(`${path}.quantity`, item.quantity, QUANTITY, errors) ?? '0');
    const unitPrice = parseDecimalInput(`${path}.unitPrice`, item.unitPrice, PRICE, errors) ?? '0';
    let discountPercent = item.discountPercent === undefined ? '0' : (parseDecimalInput(`${path}.discountPercent`, item.discountPercent, PERCENT, errors) ?? '0');
    if (compare(discountPercent, '100') > 0) {
      errors.push(dealFieldError(`${path}.discountPercent`, 'discount_range'));
      discountPercent = '0';
    }
    return { productId: item.productId ?? null, description: item.description, quantity, unitPrice, discountPercent, netAmount: lineNet({ quantity, unitPrice, discountPercent }) };
  });
}

/** The people of the deal: live, each once; the first is primary unless one says so. */
async function preparePeople(db: Executor, workspaceId: string, list: DealInput['people'], errors: FieldError[]): Promise<DealPersonValues[] | undefined> {
  if (!list) return undefined;
  const live = await repo.livePeopleIds(db, workspaceId, list.map((p) => p.personId));
  const seen = new Set<string>();
  list.forEach((p, index) => {
    if (!live.has(p.personId)) errors.push(dealFieldError(`people.${index}.personId`, 'person_not_found'));
    else if (seen.has(p.personId)) errors.push(dealFieldError(`people.${index}.personId`, 'duplicate_person'));
    seen.add(p.personId);
  });
  const primaryIndex = Math.max(0, list.findIndex((p) => p.isPrimary));
  return list.map((p, index) => ({ personId: p.personId, role: p.role ?? null, isPrimary: index === primaryIndex }));
}

/**
 * Amount, currency, rate and base amount. The amount follows the line items when they are sent
 * without it; the rate is the one sent, else the one in force today (1 for the workspace
 * currency); amountBase = amount × rate, rounded to the rial.
 */
async function prepareMoney(
  db: Executor,
  workspaceId: string,
  today: string,
  input: DealInput,
  lineItems: LineItemValues[] | undefined,
  before: DealRow | undefined,
  errors: FieldError[],
): Promise<Partial<DealValues>> {
  let amount: string | undefined;
  if (input.amount !== undefined) amount = parseDecimalInput('amount', input.amount, PRICE, errors);
  else if (lineItems) amount = add('0', ...lineItems.map((l) => l.netAmount));
  const currency = input.currency !== undefined ? checkCurrency('currency', input.currency, errors) : (before?.currency ?? (await defaultCurrencyOf(db, workspaceId)));
  const sentRate = input.exchangeRate !== undefined ? parseDecimalInput('exchangeRate', input.exchangeRate, RATE, errors) : undefined;
  if (!currency) return {};
  const moneyChanged = !before || amount !== undefined || sentRate !== undefined || currency !== before.currency;
  if (!moneyChanged) return {};
  let rate = sentRate;
  if (rate === undefined) {
    // A deal keeps the rate it was valued at while its currency stays; a new currency takes today's rate.
    rate = (currency === before?.currency ? before.exchangeRate : await rateOn(db, workspaceId, currency, today)) ?? undefined;
    if (rate === undefined) throw dealErrors.exchange_rate_missing({ params: { currency }, fieldErrors: [dealFieldError('currency', 'exchange_rate_missing')] });
  }
  const finalAmount = amount ?? before?.amount ?? '0';
  return { amount: finalAmount, currency, exchangeRate: rate, amountBase: multiply(finalAmount, rate, 2) };
}

/** The organisation (live) and the territory that follows it unless one is named. */
async function prepareOrganization(db: Executor, workspaceId: string, input: DealInput, errors: FieldError[]) {
  const values: Partial<DealValues> = {};
  const wanted = [input.organizationId, input.competitorId].filter((id): id is string => !!id);
  const orgs = new Map((await repo.organizationsByIds(db, workspaceId, wanted)).map((o) => [o.id, o]));
  if (input.organizationId !== undefined) {
    const org = input.organizationId ? orgs.get(input.organizationId) : undefined;
    if (input.organizationId && (!org || !org.live)) errors.push(dealFieldError('organizationId', 'organization_not_found'));
    values.organizationId = input.organizationId;
    if (input.territoryId === undefined && org?.territoryId) values.territoryId = org.territoryId;
  }
  if (input.territoryId !== undefined) {
    if (input.territoryId && !(await repo.territoryExists(db, workspaceId, input.territoryId))) errors.push(dealFieldError('territoryId', 'territory_not_found'));
    values.territoryId = input.territoryId;
  }
  if (input.competitorId) {
    const competitor = orgs.get(input.competitorId);
    if (!competitor || !competitor.live) errors.push(dealFieldError('competitorId', 'competitor_not_found'));
    else if (competitor.type !== 'competitor') errors.push(dealFieldError('competitorId', 'competitor_not_competitor'));
  }
  return values;
}

/** The organisation's name for the search key: the title and the organisation are what people search deals by. */
export async function dealSearchKey(db: Executor, workspaceId: string, title: string, organizationId: string | null): Promise<string> {
  const [org] = organizationId ? await repo.organizationsByIds(db, workspaceId, [organizationId]) : [];
  return searchKey(`${title} ${org?.name ?? ''}`);
}

/**
 * Checks and normalises a deal create or update against the workspace: stage, organisation,
 * people, owner, territory, lost reason, competitor, line items, money and custom fields. All
 * problems are collected and reported at once; nothing is written here.
 */
export async function prepareDeal(
  db: Executor,
  ctx: WorkspaceContext,
  input: DealInput,
  before: DealRow | undefined,
  env: { today: string },
  errors: FieldError[],
): Promise<PreparedDeal | undefined> {
  const ws = ctx.workspaceId;
  const stage = await resolveStage(db, ws, input, before, errors);
  const lineItems = await prepareLineItems(db, ws, input.lineItems, errors);
  const people = await preparePeople(db, ws, input.people, errors);
  const values: Partial<DealValues> = await prepareOrganization(db, ws, input, errors);
  if (input.ownerId !== undefined) {
    if (input.ownerId && !(await membersRepository.findByUser(db, ws, input.ownerId))) errors.push(dealFieldError('ownerId', 'owner_not_member'));
    values.ownerId = input.ownerId;
  } else if (!before) values.ownerId = actingUserId(ctx);
  if (input.lostReasonId) {
    const [reason] = await repo.lostReasonsByIds(db, ws, [input.lostReasonId]);
    if (!reason) errors.push(dealFieldError('lostReasonId', 'lost_reason_not_found'));
  }
  if (input.leadId && !(await repo.leadExists(db, ws, input.leadId))) errors.push(dealFieldError('leadId', 'lead_not_found'));
  const money = await prepareMoney(db, ws, env.today, input, lineItems, before, errors);
  const { custom, fieldErrors } = await applyCustomInput(db, ws, 'deal', before?.custom, input.custom);
  errors.push(...fieldErrors);
  if (!stage) return undefined;
  for (const key of ['title', 'probability', 'forecastCategory', 'expectedCloseDate', 'source', 'campaignId', 'description', 'leadId', 'lostReasonId', 'lostNote', 'competitorId'] as const) {
    if (input[key] !== undefined) (values as Record<string, unknown>)[key] = input[key];
  }
  return {
    values: { ...values, ...money, ...(input.custom !== undefined || !before ? { custom } : {}) },
    stage,
    stageChanged: !before || before.stageId !== stage.id,
    people,
    lineItems,
  };
}
