import type { Executor } from '../../kernel/db/database.ts';
import type { TimelineProvider } from '../timeline/index.ts';
import { dealsRepository as repo } from './deals.repository.ts';

/** What a customer's timeline shows of its deals: their creation and their way through the pipeline. */
export const DEAL_TIMELINE_ACTIONS = ['deal.created', 'deal.stage_changed', 'deal.won', 'deal.lost', 'deal.reopened'] as const;

/**
 * Deal events on the timelines of the deal's organisation and people. The deal's own timeline
 * comes from the audit provider (entity 'deal'); deal audit images carry no top-level
 * organizationId/personId, so the two providers never return the same entry.
 */
export function dealsTimelineProvider(db: Executor): TimelineProvider {
  return {
    source: 'deals',
    async fetch(workspaceId, subject, page) {
      if (subject.entityType !== 'person' && subject.entityType !== 'organization') return [];
      const rows = await repo.dealEventsOf(db, workspaceId, { entityType: subject.entityType, ids: subject.ids }, DEAL_TIMELINE_ACTIONS, page);
      return rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurredAt,
        source: 'deals',
        kind: r.action,
        actor: { type: r.actorType, id: r.actorId, name: r.actorName },
        entityType: 'deal',
        entityId: r.entityId,
        data: { before: r.before ?? null, after: r.after ?? null },
      }));
    },
  };
}
