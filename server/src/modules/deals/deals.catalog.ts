import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import type { FieldCatalog } from '../../kernel/filters/filter.types.ts';
import { customFieldDefs, type CustomFieldDefInput } from '../../kernel/filters/index.ts';
import { customFieldsRepository } from '../custom-fields/index.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { dealLostReasons, pipelines, pipelineStages } from '../pipelines/pipelines.schema.ts';
import { territories } from '../territories/territories.schema.ts';
import { DEAL_SOURCES, DEAL_STATUSES, FORECAST_CATEGORIES } from './deals.contract.ts';
import { dealPeople, deals } from './deals.schema.ts';

type Labels = Record<string, { fa: string; en: string }>;

const STATUS_LABELS: Labels = { open: { fa: 'باز', en: 'Open' }, won: { fa: 'موفق', en: 'Won' }, lost: { fa: 'ناموفق', en: 'Lost' } };
const FORECAST_LABELS: Labels = {
  pipeline: { fa: 'در جریان', en: 'Pipeline' },
  best_case: { fa: 'بهترین حالت', en: 'Best case' },
  commit: { fa: 'قطعی', en: 'Commit' },
  omitted: { fa: 'خارج از پیش‌بینی', en: 'Omitted' },
};
const SOURCE_LABELS: Labels = {
  lead: { fa: 'سرنخ', en: 'Lead' },
  campaign: { fa: 'کمپین', en: 'Campaign' },
  referral: { fa: 'معرفی', en: 'Referral' },
  web: { fa: 'وب‌سایت', en: 'Website' },
  event: { fa: 'رویداد', en: 'Event' },
  manual: { fa: 'دستی', en: 'Manual' },
  import: { fa: 'درون‌ریزی', en: 'Import' },
  api: { fa: 'API', en: 'API' },
  other: { fa: 'سایر', en: 'Other' },
};

/** The people of a deal, for `person`: a condition holds when some person of the deal matches it. */
const involves = (match: SQL) => sql`exists (select 1 from ${dealPeople}
  where ${dealPeople.workspaceId} = ${deals.workspaceId} and ${dealPeople.dealId} = ${deals.id} and ${match})`;

const organizationName = sql`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${deals.organizationId})`;
const effectiveProbability = sql`(case when ${deals.status} = 'won' then 100 when ${deals.status} = 'lost' then 0
  else coalesce(${deals.probability}, (select ${pipelineStages.probability} from ${pipelineStages} where ${pipelineStages.id} = ${deals.stageId})) end)`;

/** Workspace-specific options (stages, pipelines, territories, lost reasons) with their names as labels. */
export type DealOptions = {
  stages: Array<{ id: string; name: string }>;
  pipelines: Array<{ id: string; name: string }>;
  territories: Array<{ id: string; name: string }>;
  lostReasons: Array<{ id: string; labelFa: string; labelEn: string }>;
};

const optionsOf = (items: Array<{ id: string; name: string }>) => ({
  options: items.map((i) => i.id),
  optionLabels: Object.fromEntries(items.map((i) => [i.id, { fa: i.name, en: i.name }])),
});

/**
 * Every field of a deal that filters, saved views and sorting can use, by its API name, plus the
 * workspace's active custom fields for deals (`custom.<key>`).
 */
export function dealsCatalog(customDefs: readonly CustomFieldDefInput[], options: DealOptions): FieldCatalog {
  return {
    title: { type: 'text', column: deals.title, label: { fa: 'عنوان', en: 'Title' }, sortable: true, defaultColumn: true },
    pipeline: { type: 'enum', column: deals.pipelineId, label: { fa: 'پایپ‌لاین', en: 'Pipeline' }, ...optionsOf(options.pipelines), sortable: false },
    stage: { type: 'enum', column: deals.stageId, label: { fa: 'مرحله', en: 'Stage' }, ...optionsOf(options.stages), sortable: false, defaultColumn: true },
    status: { type: 'enum', column: deals.status, label: { fa: 'وضعیت', en: 'Status' }, options: DEAL_STATUSES, optionLabels: STATUS_LABELS, sortable: true, defaultColumn: true },
    ownerId: { type: 'user', column: deals.ownerId, label: { fa: 'مسئول', en: 'Owner' }, sortable: true, defaultColumn: true },
    amount: { type: 'number', column: deals.amount, label: { fa: 'مبلغ', en: 'Amount' }, sortable: true },
    amountBase: { type: 'number', column: deals.amountBase, label: { fa: 'مبلغ (ارز پایه)', en: 'Amount (base currency)' }, sortable: true, defaultColumn: true },
    currency: { type: 'text', column: deals.currency, label: { fa: 'ارز', en: 'Currency' }, sortable: true },
    probability: { type: 'number', column: effectiveProbability, label: { fa: 'احتمال موفقیت', en: 'Probability' }, sortable: false },
    expectedCloseDate: { type: 'date', column: deals.expectedCloseDate, label: { fa: 'تاریخ بستن پیش‌بینی‌شده', en: 'Expected close' }, sortable: true, defaultColumn: true },
    closedOn: { type: 'date', column: deals.closedOn, label: { fa: 'تاریخ بسته‌شدن', en: 'Closed on' }, sortable: true },
    stageEnteredAt: { type: 'datetime', column: deals.stageEnteredAt, label: { fa: 'ورود به مرحله', en: 'In stage since' }, sortable: true },
    source: { type: 'enum', column: deals.source, label: { fa: 'منبع', en: 'Source' }, options: DEAL_SOURCES, optionLabels: SOURCE_LABELS, sortable: true },
    forecastCategory: {
      type: 'enum',
      column: deals.forecastCategory,
      label: { fa: 'دسته‌ی پیش‌بینی', en: 'Forecast category' },
      options: FORECAST_CATEGORIES,
      optionLabels: FORECAST_LABELS,
      sortable: true,
    },
    organization: { type: 'reference', references: 'organization', column: deals.organizationId, label: { fa: 'سازمان', en: 'Organisation' }, sortable: false, defaultColumn: true },
    organizationName: { type: 'text', column: organizationName, label: { fa: 'نام سازمان', en: 'Organisation name' }, sortable: false },
    person: { type: 'reference', references: 'person', column: dealPeople.personId, label: { fa: 'مخاطب', en: 'Person' }, related: { exists: involves } },
    territory: { type: 'enum', column: deals.territoryId, label: { fa: 'منطقه‌ی فروش', en: 'Territory' }, ...optionsOf(options.territories), sortable: false },
    lostReason: {
      type: 'enum',
      column: deals.lostReasonId,
      label: { fa: 'دلیل شکست', en: 'Lost reason' },
      options: options.lostReasons.map((r) => r.id),
      optionLabels: Object.fromEntries(options.lostReasons.map((r) => [r.id, { fa: r.labelFa, en: r.labelEn }])),
      sortable: false,
    },
    competitor: { type: 'reference', references: 'organization', column: deals.competitorId, label: { fa: 'رقیب', en: 'Competitor' }, sortable: false },
    tags: { type: 'tags', column: deals.id, label: { fa: 'برچسب‌ها', en: 'Tags' }, tagsOf: { entityType: 'deal', idColumn: deals.id, workspaceIdColumn: deals.workspaceId } },
    createdBy: { type: 'user', column: deals.createdBy, label: { fa: 'ایجادکننده', en: 'Created by' } },
    createdAt: { type: 'datetime', column: deals.createdAt, label: { fa: 'تاریخ ایجاد', en: 'Created' }, sortable: true },
    updatedAt: { type: 'datetime', column: deals.updatedAt, label: { fa: 'آخرین تغییر', en: 'Last changed' }, sortable: true },
    ...customFieldDefs(customDefs, deals.custom),
  };
}

/** The catalog with the workspace's stages, pipelines, territories, lost reasons and deal custom fields. */
export async function loadDealsCatalog(executor: Executor, workspaceId: string): Promise<FieldCatalog> {
  // One query after the other: a transaction is one connection.
  const customDefs = await customFieldsRepository.listActive(executor, workspaceId, 'deal');
  const stages = await executor
    .select({ id: pipelineStages.id, name: sql<string>`${pipelines.name} || ' › ' || ${pipelineStages.name}` })
    .from(pipelineStages)
    .innerJoin(pipelines, eq(pipelines.id, pipelineStages.pipelineId))
    .where(eq(pipelineStages.workspaceId, workspaceId))
    .orderBy(asc(pipelines.position), asc(pipelineStages.position));
  const pipelineRows = await executor.select({ id: pipelines.id, name: pipelines.name }).from(pipelines).where(eq(pipelines.workspaceId, workspaceId)).orderBy(asc(pipelines.position));
  const territoryRows = await executor.select({ id: territories.id, name: territories.name }).from(territories).where(eq(territories.workspaceId, workspaceId));
  const lostReasons = await executor
    .select({ id: dealLostReasons.id, labelFa: dealLostReasons.labelFa, labelEn: dealLostReasons.labelEn })
    .from(dealLostReasons)
    .where(and(eq(dealLostReasons.workspaceId, workspaceId), isNull(dealLostReasons.archivedAt)));
  return dealsCatalog(customDefs, { stages, pipelines: pipelineRows, territories: territoryRows, lostReasons });
}
