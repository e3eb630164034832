import type { AppDb } from '../../kernel/db/database.ts';
import { AppError, type Locale } from '../../kernel/errors/index.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import type { Mailer } from '../../kernel/mail/index.ts';
import { EMAIL_JOB, SMS_JOB, type DeliveryJobData } from './messaging.send.ts';
import { emailDocument, isRightToLeft } from './messaging.render.ts';
import { recipientsRepository, sentActivitiesRepository as repo, type ActivityRow } from './messaging.repository.ts';
import { isRetryableSmsError } from './sms/sms-adapter.ts';
import type { SmsSender } from './sms/sms-sender.ts';

/**
 * Waits before the 2nd, 3rd … attempt of a delivery that failed for a passing reason (network,
 * a busy gateway, an SMTP 4xx). After the last one the activity is marked failed. A refusal (an
 * invalid number, a wrong API key, an SMTP 5xx) is final at once: retrying it cannot help.
 */
export const DEFAULT_RETRY_DELAYS_SECONDS = [30, 120, 600];

export type MessagingJobsDeps = {
  db: AppDb;
  jobs: JobQueue;
  mailer: Mailer;
  smsSender: SmsSender;
  /** The configured SMTP sender ("Peyvand <no-reply@…>"): its address goes out under the workspace's name. */
  smtpFrom?: string;
  retryDelaysSeconds?: number[];
  clock?: () => Date;
};

type Outcome = { ok: true; providerMessageId: string | null } | { ok: false; error: string; retryable: boolean };

/** The address part of "Name <address>" (or the whole string when it is a bare address). */
export function addressOf(from: string): string {
  const match = /<([^<>]+)>\s*$/.exec(from);
  return (match ? match[1]! : from).trim();
}

const SMTP_TEXT = {
  refused: { fa: 'سرور ایمیل (SMTP) ایمیل را نپذیرفت', en: 'The SMTP server refused the email' },
  unreachable: { fa: 'سرور ایمیل (SMTP) در دسترس نبود', en: 'Could not reach the SMTP server' },
  notConfigured: {
    fa: 'سرور ایمیل (SMTP) تنظیم نشده است؛ ایمیل فرستاده نشد و فقط در گزارش سرور چاپ شد.',
    en: 'SMTP is not configured; the email was not sent, only printed in the server log.',
  },
};

/** An SMTP failure as the activity shows it, and whether a later attempt may succeed (4xx, network) or not (5xx). */
export function smtpOutcome(error: unknown, locale: Locale): Outcome {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof e?.responseCode === 'number') {
    const detail = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);
    return { ok: false, error: `${SMTP_TEXT.refused[locale]}: ${detail}`, retryable: e.responseCode < 500 };
  }
  return { ok: false, error: `${SMTP_TEXT.unreachable[locale]} (${e?.code ?? e?.message ?? 'error'})`, retryable: true };
}

function smsOutcome(error: unknown, locale: Locale): Outcome {
  if (error instanceof AppError) return { ok: false, error: error.messages[locale], retryable: isRetryableSmsError(error) };
  return { ok: false, error: String((error as Error)?.message ?? error), retryable: true };
}

/**
 * Delivery jobs of emails and SMS logged as activities. Each job reads its activity and only acts
 * while it is 'queued', so a job that runs twice never sends a delivered message again, and a
 * deleted activity is not sent.
 */
export async function registerMessagingJobs(deps: MessagingJobsDeps): Promise<void> {
  const { db, jobs, mailer, smsSender } = deps;
  const clock = deps.clock ?? (() => new Date());
  const delays = deps.retryDelaysSeconds ?? DEFAULT_RETRY_DELAYS_SECONDS;
  const senderAddress = deps.smtpFrom ? addressOf(deps.smtpFrom) : undefined;

  async function deliverEmail(row: ActivityRow, data: DeliveryJobData): Promise<Outcome> {
    const workspaceName = await recipientsRepository.workspaceName(db, data.workspaceId);
    const html = row.bodyHtml ?? '';
    try {
      const result = await mailer.send({
        to: row.emailAddress ?? '',
        subject: row.subject ?? '',
        text: row.bodyText,
        html: emailDocument(html, isRightToLeft(`${row.subject ?? ''} ${row.bodyText}`)),
        ...(senderAddress && workspaceName ? { from: { name: workspaceName, address: senderAddress } } : {}),
      });
      if (result.transport !== 'smtp') return { ok: false, error: SMTP_TEXT.notConfigured[data.locale], retryable: false };
      return { ok: true, providerMessageId: result.messageId };
    } catch (error) {
      return smtpOutcome(error, data.locale);
    }
  }

  async function deliverSms(row: ActivityRow, data: DeliveryJobData): Promise<Outcome> {
    try {
      const result = await smsSender.send(data.workspaceId, { to: row.phone ?? '', text: row.bodyText });
      return { ok: true, providerMessageId: result.providerMessageId };
    } catch (error) {
      return smsOutcome(error, data.locale);
    }
  }

  function handler(job: string, deliver: (row: ActivityRow, data: DeliveryJobData) => Promise<Outcome>) {
    return async (data: DeliveryJobData) => {
      const row = await repo.find(db, data.workspaceId, data.activityId);
      if (!row || row.deletedAt || row.deliveryStatus !== 'queued') return;
      const outcome = await deliver(row, data);
      const now = clock();
      if (outcome.ok) {
        await repo.setDelivery(db, data.workspaceId, row.id, { deliveryStatus: 'sent', deliveryError: null, providerMessageId: outcome.providerMessageId, deliveredAt: now }, now);
        return;
      }
      const delay = delays[data.attempt - 1];
      if (outcome.retryable && delay !== undefined) {
        // Still queued, with the reason visible, and the next attempt scheduled in the same transaction.
        await db.transaction(async (tx) => {
          await repo.setDelivery(tx, data.workspaceId, row.id, { deliveryStatus: 'queued', deliveryError: outcome.error }, now);
          await jobs.send<DeliveryJobData>(job, { ...data, attempt: data.attempt + 1 }, { tx, startAfter: new Date(Date.now() + delay * 1000) });
        });
        return;
      }
      await repo.setDelivery(db, data.workspaceId, row.id, { deliveryStatus: 'failed', deliveryError: outcome.error }, now);
    };
  }

  await jobs.work<DeliveryJobData>(EMAIL_JOB, handler(EMAIL_JOB, deliverEmail));
  await jobs.work<DeliveryJobData>(SMS_JOB, handler(SMS_JOB, deliverSms));
}
