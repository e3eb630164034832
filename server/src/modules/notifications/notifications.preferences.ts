import type { NotificationChannel, NotificationEvent } from './notifications.schema.ts';

export const NOTIFICATION_EVENTS = ['task_due', 'meeting_soon', 'record_assigned', 'birthday', 'anniversary'] as const satisfies readonly NotificationEvent[];
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'sms'] as const satisfies readonly NotificationChannel[];

export type PreferenceMatrix = Record<NotificationEvent, Record<NotificationChannel, boolean>>;

/** What a user gets before touching any setting: everything in the app, email for work that is due or theirs, no SMS. */
const EMAIL_BY_DEFAULT: ReadonlySet<NotificationEvent> = new Set(['task_due', 'meeting_soon', 'record_assigned']);

export function defaultEnabled(event: NotificationEvent, channel: NotificationChannel): boolean {
  if (channel === 'in_app') return true;
  if (channel === 'email') return EMAIL_BY_DEFAULT.has(event);
  return false;
}

/** The full matrix: stored choices over the defaults (a missing row means the default). */
export function preferenceMatrix(stored: Array<{ event: string; channel: string; enabled: boolean }>): PreferenceMatrix {
  const matrix = {} as PreferenceMatrix;
  for (const event of NOTIFICATION_EVENTS) {
    matrix[event] = { in_app: defaultEnabled(event, 'in_app'), email: defaultEnabled(event, 'email'), sms: defaultEnabled(event, 'sms') };
  }
  for (const row of stored) {
    const byChannel = matrix[row.event as NotificationEvent];
    if (byChannel && row.channel in byChannel) byChannel[row.channel as NotificationChannel] = row.enabled;
  }
  return matrix;
}

export const DEFAULT_PROFILE = { phone: null as string | null, meetingLeadMinutes: 15, occasionLeadDays: 0 };
