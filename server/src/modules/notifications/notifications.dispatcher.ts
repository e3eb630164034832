import { randomUUID } from 'node:crypto';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import { preferenceMatrix, type PreferenceMatrix } from './notifications.preferences.ts';
import { notificationsRepository as repo, type Recipient } from './notifications.repository.ts';
import type { NotificationEvent } from './notifications.schema.ts';

export const NOTIFICATION_DELIVER_JOB = 'notification.deliver';
export type DeliverJobData = { deliveryId: string };

/**
 * Retries of a failed email/SMS (backoff from 30 s: about 7.5 minutes in all). A notice that a
 * meeting starts in 15 minutes is of no use hours later, so fewer than the queue's default.
 */
export const DELIVERY_RETRIES = 4;

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

/** Recipients and their preferences met so far in one batch: one lookup per user, not per reminder. */
export type RecipientCache = Map<string, { recipient: Recipient; preferences: PreferenceMatrix } | null>;

async function recipientOf(tx: Executor, workspaceId: string, userId: string, cache: RecipientCache) {
  const key = `${workspaceId}:${userId}`;
  if (!cache.has(key)) {
    const recipient = await repo.recipient(tx, workspaceId, userId);
    cache.set(key, recipient?.member ? { recipient, preferences: preferenceMatrix(await repo.storedPreferences(tx, workspaceId, userId)) } : null);
  }
  return cache.get(key)!;
}

type Planned = { input: NewNotification; recipient: Recipient; choices: Record<'in_app' | 'email' | 'sms', boolean> };

/** Who gets what: null when the user left the workspace or chose no channel at all for the event. */
async function plan(tx: Executor, input: NewNotification, cache: RecipientCache): Promise<Planned | null> {
  const found = await recipientOf(tx, input.workspaceId, input.userId, cache);
  if (!found) return null;
  const choices = found.preferences[input.event];
  if (!choices.in_app && !choices.email && !choices.sms) return null;
  return { input, recipient: found.recipient, choices };
}

/**
 * Inserts the planned notifications, their email/SMS delivery rows and one `notification.deliver`
 * job per delivery to send, in the caller's transaction: all exist together iff it commits. Two
 * multi-row INSERTs for the whole batch, then one job insert per delivery.
 */
async function createAll(tx: Executor, jobs: JobQueue, planned: Planned[]) {
  // Ids made here, so deliveries are tied to their notification without relying on RETURNING's order.
  const ids = planned.map(() => randomUUID());
  const notifications = await repo.insertNotifications(
    tx,
    planned.map(({ input, choices }, index) => ({
      id: ids[index]!,
      workspaceId: input.workspaceId,
      userId: input.userId,
      event: input.event,
      entityType: input.entityType,
      entityId: input.entityId,
      data: input.data,
      reminderId: input.reminderId ?? null,
      visible: choices.in_app,
      createdAt: input.createdAt,
    })),
  );
  const deliveries = await repo.insertDeliveries(
    tx,
    planned.flatMap(({ input, recipient, choices }, index) => {
      const base = { workspaceId: input.workspaceId, notificationId: ids[index]!, createdAt: input.createdAt };
      const rows: Array<typeof base & { channel: 'email' | 'sms'; destination: string | null; status: 'queued' | 'skipped'; error: string | null }> = [];
      if (choices.email) rows.push({ ...base, channel: 'email', destination: recipient.email, status: 'queued', error: null });
      if (choices.sms) {
        rows.push(
          recipient.phone
            ? { ...base, channel: 'sms', destination: recipient.phone, status: 'queued', error: null }
            : { ...base, channel: 'sms', destination: null, status: 'skipped', error: 'No mobile number in the notification settings.' },
        );
      }
      return rows;
    }),
  );
  for (const delivery of deliveries) {
    if (delivery.status !== 'queued') continue;
    await jobs.send<DeliverJobData>(
      NOTIFICATION_DELIVER_JOB,
      { deliveryId: delivery.id },
      { tx, singletonKey: `${NOTIFICATION_DELIVER_JOB}:${delivery.id}`, retryLimit: DELIVERY_RETRIES },
    );
  }
  return notifications;
}

/**
 * Creates one notification with its deliveries and jobs in the caller's transaction (the "record
 * assigned" observer). Returns null when the user chose no channel at all for the event (or has
 * left the workspace).
 */
export async function notifyWithin(tx: Executor, jobs: JobQueue, input: NewNotification, recipients: RecipientCache = new Map()) {
  const planned = await plan(tx, input, recipients);
  if (!planned) return null;
  const [notification] = await createAll(tx, jobs, [planned]);
  return notification!;
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
      const ids = due.map((r) => r.id);
      await repo.releaseEarlierNotifications(tx, ids);
      const facts = await repo.reminderFacts(tx, due);
      const recipients: RecipientCache = new Map();
      const planned: Planned[] = [];
      for (const reminder of due) {
        const input: NewNotification = {
          workspaceId: reminder.workspaceId,
          userId: reminder.userId,
          event: reminder.event,
          entityType: reminder.entityType,
          entityId: reminder.entityId,
          data: mergeFacts(reminder.data ?? {}, facts.get(reminder.id) ?? {}),
          reminderId: reminder.id,
          createdAt: now,
        };
        const one = await plan(tx, input, recipients);
        if (one) planned.push(one);
      }
      if (planned.length) await createAll(tx, jobs, planned);
      await repo.markFired(tx, ids, now);
      return due.length;
    });
    fired += count;
    if (count < batchSize) return fired;
  }
}
