import { dateParts, DEFAULT_TIME_ZONE, toIsoDate } from '#common/calendar/index.ts';
import { and } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { FieldCatalog, FilterGroup, SortSpec } from '../../kernel/filters/filter.types.ts';
import { compileFilter } from '../../kernel/filters/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { workspacesRepository } from '../workspaces/workspaces.repository.ts';
import type { TRecordListQuery } from './people.contract.ts';
import type { RecordListCriteria } from './people.repository.ts';
import type { ViewsPort } from './record-ports.ts';
import { parseSortParam, resolveSort } from './record-query.ts';

/*
 * Turns the list parameters of /people and /organizations (q, filter, view, sort, stale, tag,
 * ownerId, deleted) into repository criteria; shared so both lists behave the same.
 */

const DEFAULT_SORT: SortSpec = { field: 'createdAt', direction: 'desc' };

/** The caller's user id, for "me" in owner filters; API keys have none. */
export const callerUserId = (ctx: WorkspaceContext): string | undefined => (ctx.actor.type === 'user' ? ctx.actor.id : undefined);

function parseFilterParam(text: string | undefined): FilterGroup | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw kernelErrors.validation_failed({
      fieldErrors: [{ path: 'filter', code: 'invalid_json', message: { fa: 'فیلتر باید JSON معتبر باشد.', en: 'The filter must be valid JSON.' } }],
    });
  }
  // The shape is checked by compileFilter, which reports problems at their path under 'filter'.
  return json as FilterGroup;
}

/** Today's date where the workspace is, 'YYYY-MM-DD'. */
export async function workspaceToday(
  executor: Executor,
  workspaceId: string,
  clock: () => Date,
): Promise<{ today: string; intervalDays: number; timeZone: string }> {
  const workspace = await workspacesRepository.find(executor, workspaceId);
  const timeZone = workspace?.timezone ?? DEFAULT_TIME_ZONE;
  const { year, month, day } = dateParts(clock(), timeZone);
  return { today: toIsoDate({ gy: year, gm: month, gd: day }), intervalDays: workspace?.verificationIntervalDays ?? 180, timeZone };
}

/** Records verified on or before this date (or never) are due for re-verification. */
function staleCutoff(today: string, intervalDays: number): string {
  const cutoff = new Date(`${today}T00:00:00Z`);
  cutoff.setUTCDate(cutoff.getUTCDate() - intervalDays);
  return cutoff.toISOString().slice(0, 10);
}

export async function buildListCriteria(
  ctx: WorkspaceContext,
  query: TRecordListQuery,
  env: { executor: Executor; entityType: 'person' | 'organization'; catalog: FieldCatalog; views: ViewsPort; clock: () => Date },
): Promise<RecordListCriteria> {
  const view = query.view ? await env.views.resolveView(ctx, query.view) : undefined;
  if (view && view.entityType !== env.entityType) {
    throw kernelErrors.validation_failed({
      fieldErrors: [{ path: 'view', code: 'wrong_view_entity', message: { fa: 'این نمای ذخیره‌شده برای این فهرست نیست.', en: 'This saved view belongs to another list.' } }],
    });
  }
  const userId = callerUserId(ctx);
  const { today, intervalDays, timeZone } = await workspaceToday(env.executor, ctx.workspaceId, env.clock);
  const filters: Array<{ group: FilterGroup | undefined; path: string }> = [
    { group: view?.filter, path: 'view.filter' },
    { group: parseFilterParam(query.filter), path: 'filter' },
  ];
  const compiled = filters.flatMap(({ group, path }) => (group ? [compileFilter(env.catalog, group, { userId, timeZone, path })] : []));
  const sortSpec = parseSortParam(query.sort) ?? view?.sort?.[0] ?? DEFAULT_SORT;
  return {
    deleted: query.deleted === 'true',
    q: query.q,
    filter: compiled.length ? and(...compiled) : undefined,
    staleBefore: query.stale === 'true' ? staleCutoff(today, intervalDays) : undefined,
    tagId: query.tag,
    ownerId: query.ownerId === 'me' ? (userId ?? '') : query.ownerId,
    sort: resolveSort(env.catalog, sortSpec),
    cursor: query.cursor,
    limit: query.limit,
  };
}

