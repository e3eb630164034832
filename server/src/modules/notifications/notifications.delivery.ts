import type { AppDb } from '../../kernel/db/database.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import type { Mailer } from '../../kernel/mail/index.ts';
import { NOTIFICATION_DELIVER_JOB, type DeliverJobData } from './notifications.dispatcher.ts';
import { renderNotification, renderNotificationEmail, renderNotificationSms } from './notifications.messages.ts';
import { notificationsRepository as repo } from './notifications.repository.ts';

/** What the SMS channel needs from messaging: the workspace's own gateway. */
export type NotificationSmsSender = {
  send(workspaceId: string, message: { to: string; text: string }): Promise<{ providerMessageId: string | null }>;
};

export type DeliveryDeps = {
  db: AppDb;
  mailer: Mailer;
  /**
   * False without SMTP settings: notification emails are then marked skipped instead of being
   * printed to the log like the mailer does (the app's centre has them; a seeded demo workspace
   * would otherwise print one per record it assigns).
   */
  emailConfigured: boolean;
  sms: NotificationSmsSender;
  /** The web address links in emails point to (read at send time: tests learn it after start). */
  publicUrl: () => string;
  clock: () => Date;
};

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Sends one delivery row. Idempotent: a row already sent (or skipped) is left alone, so a job
 * that runs again after a restart or a lost completion sends nothing twice. A failure is recorded
 * on the row and rethrown, so pg-boss retries with backoff; after the last retry the row stays
 * 'failed' with the last error. (The one window left is a crash between the gateway accepting a
 * message and the row saying so: that message is sent again on the retry.)
 */
export async function deliverNotification(deps: DeliveryDeps, deliveryId: string): Promise<void> {
  const row = await repo.deliveryForSending(deps.db, deliveryId);
  if (!row || row.status === 'sent' || row.status === 'skipped') return;
  const reader = { locale: row.locale === 'en' ? ('en' as const) : ('fa' as const), calendar: row.calendar, timeZone: row.timeZone };
  const message = renderNotification({ event: row.event, entityType: row.entityType, entityId: row.entityId, data: row.data ?? {} }, reader);
  try {
    if (row.channel === 'email') {
      if (!deps.emailConfigured) {
        await repo.recordDelivery(deps.db, deliveryId, { status: 'skipped', error: 'SMTP is not configured.' });
        return;
      }
      const to = row.destination ?? row.email;
      const email = renderNotificationEmail(message, reader, deps.publicUrl().replace(/\/$/, '') + message.link);
      const result = await deps.mailer.send({ to, ...email });
      if (result.transport === 'log') {
        await repo.recordDelivery(deps.db, deliveryId, { status: 'skipped', error: 'SMTP is not configured; the email was only logged.' });
        return;
      }
      await repo.recordDelivery(deps.db, deliveryId, { status: 'sent', error: null, providerMessageId: result.messageId, sentAt: deps.clock() });
      return;
    }
    if (!row.destination) {
      await repo.recordDelivery(deps.db, deliveryId, { status: 'skipped', error: 'No mobile number in the notification settings.' });
      return;
    }
    const result = await deps.sms.send(row.workspaceId, { to: row.destination, text: renderNotificationSms(message) });
    await repo.recordDelivery(deps.db, deliveryId, { status: 'sent', error: null, providerMessageId: result.providerMessageId, sentAt: deps.clock() });
  } catch (error) {
    await repo.recordDelivery(deps.db, deliveryId, { status: 'failed', error: describe(error) });
    throw error;
  }
}

export async function registerNotificationJobs(jobs: JobQueue, deps: DeliveryDeps): Promise<void> {
  await jobs.work<DeliverJobData>(NOTIFICATION_DELIVER_JOB, (data) => deliverNotification(deps, data.deliveryId), { concurrency: 4 });
}
