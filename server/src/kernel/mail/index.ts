export { createMailer, type MailMessage, type MailResult, type Mailer, type MailerOptions } from './mailer.ts';
export { EMAIL_SEND_JOB, queueEmail, registerMailJobs, type EmailJobData } from './mail-jobs.ts';
