import { and } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { FieldCatalog, FilterGroup, SortSpec } from '../../kernel/filters/filter.types.ts';
import { compileFilter } from '../../kernel/filters/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { workspaceToday } from '../people/record-list.ts';
import type { ViewsPort } from '../people/record-ports.ts';
import { parseSortParam, resolveSort } from '../people/record-query.ts';
import { dealsCatalog, loadDealsCatalog } from './deals.catalog.ts';
import type { TBoardQuery, TDealListQuery } from './deals.contract.ts';
import { dealErrors, dealFieldError } from './deals.errors.ts';
import type { DealFilters, DealListCriteria } from './deals.repository.ts';
import { actingUserId } from './deals.rules.ts';

const DEFAULT_SORT: SortSpec = { field: 'createdAt', direction: 'desc' };

function parseFilterParam(text: string | undefined): FilterGroup | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text.replace(/\u0000/g, '')) as FilterGroup;
  } catch {
    throw kernelErrors.validation_failed({ fieldErrors: [dealFieldError('filter', 'invalid_filter')] });
  }
}

type Env = { executor: Executor; views: ViewsPort; clock: () => Date };

/** The built-in fields only: enough to sort a list that has no filter, no view and no custom sort (five queries fewer). */
const BUILT_IN_CATALOG = dealsCatalog([], { stages: [], pipelines: [], territories: [], lostReasons: [] });

/** q, owner, tag and the compiled filters (a saved view's and the `filter` parameter) shared by the list and the board. */
async function commonFilters(
  ctx: WorkspaceContext,
  query: TBoardQuery & { view?: string; sort?: string },
  env: Env,
): Promise<{ filters: DealFilters; catalog: FieldCatalog; viewSort?: SortSpec }> {
  const view = query.view ? await env.views.resolveView(ctx, query.view) : undefined;
  const userId = actingUserId(ctx) ?? undefined;
  const owner = query.ownerId ?? query.owner;
  // An API key has no user, so 'me' matches no deal rather than every deal.
  const basic = { q: query.q, ownerId: owner === 'me' ? (userId ?? '') : owner, tagId: query.tag };
  const needsWorkspaceCatalog = !!view || !!query.filter?.trim() || !!query.sort?.startsWith('custom.');
  if (!needsWorkspaceCatalog) return { catalog: BUILT_IN_CATALOG, filters: basic };
  if (view && view.entityType !== 'deal') throw dealErrors.view_not_for_deals({ fieldErrors: [dealFieldError('view', 'view_not_for_deals')] });
  const catalog = await loadDealsCatalog(env.executor, ctx.workspaceId);
  const { timeZone } = await workspaceToday(env.executor, ctx.workspaceId, env.clock);
  const groups = [
    { group: view?.filter, path: 'view.filter' },
    { group: parseFilterParam(query.filter), path: 'filter' },
  ];
  const compiled = groups.flatMap(({ group, path }) => (group ? [compileFilter(catalog, group, { userId, timeZone, path })] : []));
  return { catalog, viewSort: view?.sort?.[0], filters: { ...basic, filter: compiled.length ? and(...compiled) : undefined } };
}

export async function buildDealListCriteria(ctx: WorkspaceContext, query: TDealListQuery, env: Env): Promise<DealListCriteria> {
  const { filters, catalog, viewSort } = await commonFilters(ctx, query, env);
  const sortSpec = parseSortParam(query.sort) ?? viewSort ?? DEFAULT_SORT;
  return {
    ...filters,
    pipelineId: query.pipelineId,
    statuses: query.status,
    organizationId: query.organizationId,
    personId: query.personId,
    deleted: query.deleted === 'true',
    sort: resolveSort(catalog, sortSpec),
    cursor: query.cursor,
    limit: query.limit,
  };
}

export async function buildBoardFilters(ctx: WorkspaceContext, query: TBoardQuery, env: Env): Promise<DealFilters> {
  return (await commonFilters(ctx, query, env)).filters;
}
