import type { AppDb } from '../../kernel/db/database.ts';
import { defineErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.ts';
import { timelineRepository as repo } from './timeline.repository.ts';
import type { TimelineItem, TimelineProvider, TimelineSubjectType } from './timeline.types.ts';

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

/**
 * One timeline per customer, fed by any number of providers. Each provider returns its newest
 * items before the cursor; merging them and keeping `limit` gives a correct keyset page.
 */
export function createTimelineService(db: AppDb) {
  const providers: TimelineProvider[] = [auditTimelineProvider(db)];
  return {
    registerProvider(provider: TimelineProvider) {
      providers.push(provider);
    },

    async list(ctx: WorkspaceContext, entityType: TimelineSubjectType, id: string, query: { limit: number; cursor?: string }) {
      requirePermission(ctx, 'records.read');
      const ids = await repo.subjectIds(db, ctx.workspaceId, entityType, id);
      if (!ids) throw timelineErrors.timeline_subject_not_found();
      const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
      const page = { limit: query.limit + 1, before: cursor && { at: new Date(cursor.at), id: cursor.id } };
      const batches = await Promise.all(providers.map((p) => p.fetch(ctx.workspaceId, { entityType, id, ids }, page)));
      const merged = batches
        .flat()
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const items: TimelineItem[] = merged.slice(0, query.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: merged.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
