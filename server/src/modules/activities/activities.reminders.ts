import type { Executor } from '../../kernel/db/database.ts';
import { remindersRepository } from '../notifications/reminders.repository.ts';
import { activitiesRepository as repo, type ActivityRow } from './activities.repository.ts';
import { isSchedulable } from './activities.rules.ts';

/** The lead time of a user who never chose one (notification_profiles has the same default). */
export const DEFAULT_MEETING_LEAD_MINUTES = 15;

export const activityReminderKey = (activityId: string, userId: string) => `activity:${activityId}:${userId}`;

/**
 * Brings the "meeting soon" reminders of an activity in line with it, inside the caller's
 * transaction: one per user who takes part (owner and attendee colleagues) while it is a planned
 * call or meeting still ahead, none otherwise. Pending reminders are cancelled first and the
 * current ones scheduled again (same dedupe key: moved, not duplicated), so a removed attendee,
 * a completed call or a deleted meeting leaves no reminder behind.
 */
export async function syncActivityReminders(tx: Executor, row: ActivityRow, now: Date): Promise<void> {
  await remindersRepository.cancelFor(tx, row.workspaceId, 'activity', row.id);
  if (row.deletedAt || row.status !== 'planned' || !isSchedulable(row.type) || row.occurredAt <= now) return;
  const attendees = await repo.attendeeUserIds(tx, row.workspaceId, row.id);
  const userIds = [...new Set([row.ownerId, ...attendees].filter((id): id is string => !!id))];
  const leadTimes = row.reminderMinutes === null ? await repo.meetingLeadMinutes(tx, row.workspaceId, userIds) : new Map<string, number>();
  for (const userId of userIds) {
    const minutes = row.reminderMinutes ?? leadTimes.get(userId) ?? DEFAULT_MEETING_LEAD_MINUTES;
    await remindersRepository.schedule(tx, {
      workspaceId: row.workspaceId,
      userId,
      event: 'meeting_soon',
      entityType: 'activity',
      entityId: row.id,
      fireAt: new Date(row.occurredAt.getTime() - minutes * 60_000),
      dedupeKey: activityReminderKey(row.id, userId),
      // What the notification needs to say «جلسه با … ساعت ۱۰:۳۰» without reading the activity again.
      data: {
        activityId: row.id,
        type: row.type,
        subject: row.subject,
        occurredAt: row.occurredAt.toISOString(),
        endsAt: row.endsAt?.toISOString() ?? null,
        place: row.place,
        phone: row.phone,
        leadMinutes: minutes,
      },
    });
  }
}
