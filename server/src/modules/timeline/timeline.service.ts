import type { AppDb } from '../../kernel/db/database.ts';
import { defineErrors, kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.ts';
import { timelineRepository as repo } from './timeline.repository.ts';
import type { TimelineItem, TimelineProvider, TimelineReference, TimelineSubjectType } from './timeline.types.ts';

export const timelineErrors = defineErrors({
  timeline_subject_not_found: { status: 404, fa: 'این سابقه پیدا نشد.', en: 'No such record.' },
});

/** Record changes, straight from the audit log: the first provider of every timeline. */
export function auditTimelineProvider(db: AppDb): TimelineProvider {
  return {
    source: 'audit',
    async fetch(workspaceId, subject, page) {
      const rows = await repo.auditEntries(db, workspaceId, subject, page);
      return rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurredAt,
        source: 'audit',
        kind: r.action,
        actor: { type: r.actorType, id: r.actorId, name: r.actorName },
        entityType: r.entityType,
        entityId: r.entityId,
        data: { before: r.before ?? null, after: r.after ?? null },
      }));
    },
  };
}

const SUBJECT_TYPES: readonly TimelineSubjectType[] = ['person', 'organization', 'lead', 'deal'];
const isSubjectType = (value: string): value is TimelineSubjectType => (SUBJECT_TYPES as readonly string[]).includes(value);
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys of an item's data that name another record, and that record's type (null: the item's own type). */
const REFERENCE_KEYS: ReadonlyArray<readonly [key: string, type: TimelineSubjectType | null]> = [
  ['personId', 'person'],
  ['organizationId', 'organization'],
  ['leadId', 'lead'],
  ['dealId', 'deal'],
  ['convertedPersonId', 'person'],
  ['convertedOrganizationId', 'organization'],
  ['mergedId', null],
  ['mergedIntoId', null],
];

/** The records an item names other than the timeline's subject: the item's own record and ids in its before/after. */
function referencesOf(item: TimelineItem, subject: { entityType: TimelineSubjectType; ids: string[] }): Array<{ entityType: TimelineSubjectType; id: string }> {
  const found: Array<{ entityType: TimelineSubjectType; id: string }> = [];
  const add = (entityType: string, id: unknown) => {
    if (!isSubjectType(entityType) || typeof id !== 'string' || !UUID_RE.test(id)) return;
    if (entityType === subject.entityType && subject.ids.includes(id)) return;
    if (!found.some((f) => f.entityType === entityType && f.id === id)) found.push({ entityType, id });
  };
  add(item.entityType, item.entityId);
  for (const image of [item.data.before, item.data.after]) {
    if (!image || typeof image !== 'object') continue;
    for (const [key, type] of REFERENCE_KEYS) add(type ?? item.entityType, (image as Record<string, unknown>)[key]);
  }
  return found;
}

/**
 * One timeline per customer, fed by any number of providers. Each provider returns its newest
 * items before the cursor; merging them and keeping `limit` gives a correct keyset page.
 */
export function createTimelineService(db: AppDb) {
  const providers: TimelineProvider[] = [auditTimelineProvider(db)];

  /** Names every record the page's items refer to, in one query for the whole page. */
  async function withReferences(workspaceId: string, subject: { entityType: TimelineSubjectType; ids: string[] }, items: TimelineItem[]): Promise<Array<TimelineItem & { references: TimelineReference[] }>> {
    const wanted = items.map((item) => referencesOf(item, subject));
    const ids: Record<TimelineSubjectType, string[]> = { person: [], organization: [], lead: [], deal: [] };
    for (const refs of wanted) for (const r of refs) if (!ids[r.entityType].includes(r.id)) ids[r.entityType].push(r.id);
    const names = await repo.recordNames(db, workspaceId, ids);
    const byKey = new Map(names.map((n) => [`${n.entityType}:${n.id}`, n]));
    return items.map((item, index) => ({
      ...item,
      references: wanted[index]!.flatMap((r) => {
        const known = byKey.get(`${r.entityType}:${r.id}`);
        return known ? [known] : [];
      }),
    }));
  }

  return {
    registerProvider(provider: TimelineProvider) {
      providers.push(provider);
    },

    async list(ctx: WorkspaceContext, entityType: TimelineSubjectType, id: string, query: { limit: number; cursor?: string }) {
      requirePermission(ctx, 'records.read');
      const ids = await repo.subjectIds(db, ctx.workspaceId, entityType, id);
      if (!ids) throw timelineErrors.timeline_subject_not_found();
      const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
      // A hand-edited cursor is client input: an id that is not one is a 400, never a database error.
      if (cursor && !UUID_RE.test(cursor.id)) {
        throw kernelErrors.validation_failed({
          fieldErrors: [{ path: 'cursor', code: 'invalid_cursor', message: { fa: 'نشانگر صفحه نامعتبر است.', en: 'The page cursor is not valid.' } }],
        });
      }
      const page = { limit: query.limit + 1, before: cursor && { at: new Date(cursor.at), id: cursor.id } };
      const batches = await Promise.all(providers.map((p) => p.fetch(ctx.workspaceId, { entityType, id, ids }, page)));
      const merged = batches
        .flat()
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const items = merged.slice(0, query.limit);
      const last = items[items.length - 1];
      return { items: await withReferences(ctx.workspaceId, { entityType, ids }, items), nextCursor: merged.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
