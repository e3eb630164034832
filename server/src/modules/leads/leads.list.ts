import { DEFAULT_TIME_ZONE } from '#common/calendar/index.ts';
import { and } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { FilterGroup, SortSpec } from '../../kernel/filters/filter.types.ts';
import { compileFilter } from '../../kernel/filters/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { ViewsPort } from '../people/index.ts';
import { parseSortParam, resolveSort } from '../people/record-query.ts';
export { withCursorChecked } from '../people/record-query.ts';
import { workspacesRepository } from '../workspaces/index.ts';
import { loadLeadsCatalog } from './leads.catalog.ts';
import { withoutNulDeep, type TLeadListQuery } from './leads.contract.ts';
import { fieldError, leadErrors } from './leads.errors.ts';
import type { LeadListCriteria } from './leads.repository.ts';
import { actingUserId } from './leads.rules.ts';

const DEFAULT_SORT: SortSpec = { field: 'createdAt', direction: 'desc' };

/** The `filter` parameter is JSON text; its shape and fields are then checked by compileFilter. */
function parseFilterParam(text: string | undefined): FilterGroup | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return withoutNulDeep(JSON.parse(text)) as FilterGroup;
  } catch {
    throw kernelErrors.validation_failed({ fieldErrors: [fieldError('filter', 'invalid_filter')] });
  }
}

/**
 * Turns the list parameters into repository criteria: a saved view's filter (and its sort unless
 * `sort` is given), the `filter` parameter, quick search, status/source/owner/tag and the trash.
 * Filters are compiled against the leads catalog with the workspace's custom fields, so date
 * conditions use the workspace's time zone and 'me' means the caller.
 */
export async function buildLeadListCriteria(executor: Executor, ctx: WorkspaceContext, query: TLeadListQuery, views: ViewsPort): Promise<LeadListCriteria> {
  const view = query.view ? await views.resolveView(ctx, query.view) : undefined;
  if (view && view.entityType !== 'lead') throw leadErrors.view_not_for_leads({ fieldErrors: [fieldError('view', 'view_not_for_leads')] });
  const catalog = await loadLeadsCatalog(executor, ctx.workspaceId);
  const userId = actingUserId(ctx) ?? undefined;
  const timeZone = (await workspacesRepository.find(executor, ctx.workspaceId))?.timezone ?? DEFAULT_TIME_ZONE;
  const filters = [
    { group: view?.filter, path: 'view.filter' },
    { group: parseFilterParam(query.filter), path: 'filter' },
  ];
  const compiled = filters.flatMap(({ group, path }) => (group ? [compileFilter(catalog, group, { userId, timeZone, path })] : []));
  const sortSpec = parseSortParam(query.sort) ?? view?.sort?.[0] ?? DEFAULT_SORT;
  return {
    deleted: query.deleted === 'true',
    q: query.q,
    statuses: query.status,
    sources: query.source,
    // An API key has no user, so 'me' matches no lead rather than every lead.
    ownerId: query.ownerId === 'me' ? (userId ?? '') : query.ownerId,
    tagId: query.tag,
    filter: compiled.length ? and(...compiled) : undefined,
    sort: resolveSort(catalog, sortSpec),
    cursor: query.cursor,
    limit: query.limit,
  };
}

