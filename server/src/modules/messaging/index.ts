export { createSmsSender, SMS_TIMEOUT_MS, type SmsSender, type SmsSenderOptions } from './sms/sms-sender.ts';
export type { SmsMessage, SmsSendResult } from './sms/sms-adapter.ts';
export { isRetryableSmsError } from './sms/sms-adapter.ts';
export { createMessagingService, type MessagingService } from './messaging.service.ts';
export { registerMessagingRoutes } from './messaging.routes.ts';
export { registerMessagingJobs, DEFAULT_RETRY_DELAYS_SECONDS, type MessagingJobsDeps } from './messaging.jobs.ts';
export { EMAIL_JOB as MESSAGING_EMAIL_JOB, SMS_JOB as MESSAGING_SMS_JOB } from './messaging.send.ts';
export { PLACEHOLDERS, renderEmail, renderSms, renderTemplate, scanPlaceholders, type Placeholder, type PlaceholderValues } from './messaging.render.ts';
export { messagingErrors } from './messaging.errors.ts';
