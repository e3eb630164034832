import type { Executor } from '../../kernel/db/database.ts';
import { timelineRepository } from '../timeline/timeline.repository.ts';
import type { Activity } from './activities.contract.ts';
import { activitiesRepository as repo, type ActivityRow } from './activities.repository.ts';
import type { LinkedEntityType } from './activities.schema.ts';

/**
 * Activities as the API returns them: owner and creator by name, each link with its record's
 * name (deleted and merged-away records are named too, and flagged), attendees by name.
 * One query per kind of detail for the whole list.
 */
export async function hydrateActivities(db: Executor, workspaceId: string, rows: ActivityRow[]): Promise<Activity[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const links = await repo.linksOf(db, workspaceId, ids);
  const attendees = await repo.attendeesOf(db, workspaceId, ids);
  const wanted: Record<LinkedEntityType, string[]> = { person: [], organization: [], lead: [], deal: [] };
  for (const l of links) if (!wanted[l.entityType].includes(l.entityId)) wanted[l.entityType].push(l.entityId);
  const names = new Map((await timelineRepository.recordNames(db, workspaceId, wanted)).map((n) => [`${n.entityType}:${n.id}`, n]));
  const userIds = [...new Set(rows.flatMap((r) => [r.ownerId, r.createdBy].filter((id): id is string => !!id)))];
  const users = new Map((await repo.userNames(db, userIds)).map((u) => [u.id, u]));
  const userRef = (id: string | null) => (id ? { id, name: users.get(id)?.name ?? '' } : null);

  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    subject: r.subject,
    bodyHtml: r.bodyHtml,
    bodyText: r.bodyText,
    direction: r.direction,
    occurredAt: r.occurredAt,
    endsAt: r.endsAt,
    durationSeconds: r.durationSeconds,
    callOutcome: r.callOutcome,
    phone: r.phone,
    place: r.place,
    chatChannel: r.chatChannel,
    emailAddress: r.emailAddress,
    deliveryStatus: r.deliveryStatus,
    deliveryError: r.deliveryError,
    deliveredAt: r.deliveredAt,
    templateId: r.templateId,
    reminderMinutes: r.reminderMinutes,
    owner: userRef(r.ownerId),
    createdBy: userRef(r.createdBy),
    links: links
      .filter((l) => l.activityId === r.id)
      .map((l) => {
        const known = names.get(`${l.entityType}:${l.entityId}`);
        return { entityType: l.entityType, entityId: l.entityId, name: known?.name ?? '', deleted: known ? known.deleted : true };
      }),
    attendees: attendees.filter((a) => a.activityId === r.id).map(({ activityId: _activityId, ...a }) => a),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function hydrateActivity(db: Executor, workspaceId: string, row: ActivityRow): Promise<Activity> {
  return (await hydrateActivities(db, workspaceId, [row]))[0]!;
}
