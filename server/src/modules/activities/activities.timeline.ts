import type { Executor } from '../../kernel/db/database.ts';
import type { TimelineProvider } from '../timeline/index.ts';
import { hydrateActivities } from './activities.public.ts';
import { activitiesRepository as repo } from './activities.repository.ts';

/**
 * Calls, meetings, emails, SMS, chats and notes on the timeline of every record they are linked
 * to, merged-away ids included (subject.ids). A page is one range of activity_links_subject_idx
 * per id, so the newest page of a customer with thousands of activities reads a page of rows.
 */
export function activitiesTimelineProvider(db: Executor): TimelineProvider {
  return {
    source: 'activities',
    async fetch(workspaceId, subject, page) {
      const keys = await repo.linkedPage(db, workspaceId, subject.entityType, subject.ids, {}, page.before, page.limit);
      const rows = await repo.byIds(db, workspaceId, keys.map((k) => k.id));
      const activities = new Map((await hydrateActivities(db, workspaceId, rows)).map((a) => [a.id, a]));
      return keys.flatMap((k) => {
        const activity = activities.get(k.id);
        if (!activity) return [];
        return [
          {
            id: activity.id,
            occurredAt: activity.occurredAt,
            source: 'activities',
            kind: `activity.${activity.type}`,
            actor: activity.createdBy ? { type: 'user', id: activity.createdBy.id, name: activity.createdBy.name } : null,
            entityType: 'activity',
            entityId: activity.id,
            data: { activity },
          },
        ];
      });
    },
  };
}
