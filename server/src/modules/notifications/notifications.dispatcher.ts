import type { AppDb, Executor } from '../../kernel/db/database.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import { preferenceMatrix } from './notifications.preferences.ts';
import { notificationsRepository as repo, type Recipient } from './notifications.repository.ts';
import type { NotificationEvent } from './notifications.schema.ts';

export const NOTIFICATION_DELIVER_JOB = 'notification.deliver';
export type DeliverJobData = { deliveryId: string };

/** Reminders turned into notifications per transaction: short enough to hold row locks briefly. */
export const DISPATCH_BATCH = 200;

export type NewNotification = {
  workspaceId: string;
  userId: string;
  event: NotificationEvent;
  entityType: string | null;
  entityId: string | null;
  data: Record<string, unknown>;
  reminderId?: string | null;
  createdAt: Date;
};

/**
 * Creates a notification, its email/SMS delivery rows as the user's preferences say, and one
 * `notification.deliver` job per delivery, all in the caller's transaction: they exist together
 * iff it commits. Returns null when the user chose no channel at all for the event (or has left
 * the workspace).
 */
export async function notifyWithin(tx: Executor, jobs: JobQueue, input: NewNotification, recipients = new Map<string, Recipient | undefined>()) {
  const key = `${input.workspaceId}:${input.userId}`;
  if (!recipients.has(key)) recipients.set(key, await repo.recipient(tx, input.workspaceId, input.userId));
  const recipient = recipients.get(key);
  if (!recipient?.member) return null;
  const choices = preferenceMatrix(await repo.storedPreferences(tx, input.workspaceId, input.userId))[input.event];
  if (!choices.in_app && !choices.email && !choices.sms) return null;

  const notification = await repo.insertNotification(tx, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    event: input.event,
    entityType: input.entityType,
    entityId: input.entityId,
    data: input.data,
    reminderId: input.reminderId ?? null,
    visible: choices.in_app,
    createdAt: input.createdAt,
  });
  const outside: Array<{ channel: 'email' | 'sms'; destination: string | null; skip?: string }> = [];
  if (choices.email) outside.push({ channel: 'email', destination: recipient.email });
  if (choices.sms) {
    outside.push(
      recipient.phone
        ? { channel: 'sms', destination: recipient.phone }
        : { channel: 'sms', destination: null, skip: 'No mobile number in the notification settings.' },
    );
  }
  const deliveries = await repo.insertDeliveries(
    tx,
    outside.map((o) => ({
      workspaceId: input.workspaceId,
      notificationId: notification.id,
      channel: o.channel,
      destination: o.destination,
      status: o.skip ? ('skipped' as const) : ('queued' as const),
      error: o.skip ?? null,
      createdAt: input.createdAt,
    })),
  );
  for (const delivery of deliveries) {
    if (delivery.status !== 'queued') continue;
    await jobs.send<DeliverJobData>(NOTIFICATION_DELIVER_JOB, { deliveryId: delivery.id }, { tx, singletonKey: `${NOTIFICATION_DELIVER_JOB}:${delivery.id}` });
  }
  return notification;
}

/** Facts of the record now over those stored when the reminder was scheduled; missing ones keep the stored value. */
function mergeFacts(stored: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...stored };
  for (const [key, value] of Object.entries(current)) if (value !== undefined && value !== null) merged[key] = value;
  return merged;
}

/**
 * Turns every due reminder into its notification, exactly once. Per batch, one transaction locks
 * the due rows (FOR UPDATE SKIP LOCKED), creates notifications, deliveries and jobs, and marks
 * the rows fired. A crash before the commit leaves the rows pending for the next run; after it,
 * they are no longer pending, so nothing is done twice; a concurrent dispatcher skips the locked
 * rows and, once they are committed, no longer sees them as due.
 */
export async function dispatchDueReminders(db: AppDb, jobs: JobQueue, now: Date, batchSize = DISPATCH_BATCH): Promise<number> {
  let fired = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const due = await repo.lockDueReminders(tx, now, batchSize);
      if (!due.length) return 0;
      await repo.releaseEarlierNotifications(
        tx,
        due.map((r) => r.id),
      );
      const recipients = new Map<string, Recipient | undefined>();
      for (const reminder of due) {
        const data = mergeFacts(reminder.data ?? {}, await repo.reminderFacts(tx, reminder));
        await notifyWithin(
          tx,
          jobs,
          {
            workspaceId: reminder.workspaceId,
            userId: reminder.userId,
            event: reminder.event,
            entityType: reminder.entityType,
            entityId: reminder.entityId,
            data,
            reminderId: reminder.id,
            createdAt: now,
          },
          recipients,
        );
      }
      await repo.markFired(
        tx,
        due.map((r) => r.id),
        now,
      );
      return due.length;
    });
    fired += count;
    if (count < batchSize) return fired;
  }
}
