import type { Executor } from '#server/kernel/db/database.ts';
import type { JobQueue } from '#server/kernel/jobs/index.ts';
import type { MailMessage, Mailer } from './mailer.ts';

export const EMAIL_SEND_JOB = 'email.send';

export type EmailJobData = MailMessage;

/**
 * Handles 'email.send' jobs with the mailer. Services only enqueue (inside their transaction), so
 * an email whose transaction committed is sent even if the process dies first; a failed SMTP
 * delivery is retried with backoff by the queue.
 */
export async function registerMailJobs(queue: JobQueue, mailer: Mailer): Promise<void> {
  await queue.work<EmailJobData>(EMAIL_SEND_JOB, async (data) => {
    await mailer.send(data);
  });
}

/** Enqueues an email; pass the open transaction so the email exists iff it commits. */
export function queueEmail(queue: JobQueue, message: EmailJobData, tx?: Executor): Promise<string | null> {
  return queue.send<EmailJobData>(EMAIL_SEND_JOB, message, { tx });
}
