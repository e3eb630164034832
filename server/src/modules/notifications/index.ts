export { createNotificationsService, type NotificationsService } from './notifications.service.ts';
export { registerNotificationsRoutes } from './notifications.routes.ts';
export { remindersRepository, type ReminderSchedule } from './reminders.repository.ts';
export { NOTIFICATION_DELIVER_JOB, notifyWithin } from './notifications.dispatcher.ts';
export { renderNotification, type ReaderSettings } from './notifications.messages.ts';
export { NOTIFICATION_EVENTS, NOTIFICATION_CHANNELS, defaultEnabled } from './notifications.preferences.ts';
