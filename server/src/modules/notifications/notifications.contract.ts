import { z } from 'zod';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import { ZText } from '../../kernel/http/zod-text.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS } from './notifications.preferences.ts';

/** The request and response shapes of /api/v1/notifications. */

export const ZNotificationEvent = z.enum(NOTIFICATION_EVENTS);
export const ZNotificationChannel = z.enum(NOTIFICATION_CHANNELS);

export const ZNotification = z.object({
  id: z.uuid(),
  event: ZNotificationEvent,
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  title: z.string().describe("Rendered in the caller's language"),
  body: z.string(),
  link: z.string().describe('Web path to open: /tasks, /calendar, /people/<id> …'),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

export const ZNotificationListQuery = ZListQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only unread notifications'),
});
export type TNotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZNotificationPage = z.object({ items: z.array(ZNotification), nextCursor: z.string().nullable(), unreadCount: z.number().int() });

const ZChannelSwitches = z.object({ in_app: z.boolean(), email: z.boolean(), sms: z.boolean() });

export const ZProfile = z.object({
  phone: z.string().nullable().describe('E.164 mobile number SMS notifications go to'),
  meetingLeadMinutes: z.number().int(),
  occasionLeadDays: z.number().int(),
});

export const ZPreferences = z.object({
  events: z.array(ZNotificationEvent),
  channels: z.array(ZNotificationChannel),
  matrix: z.record(ZNotificationEvent, ZChannelSwitches),
  profile: ZProfile,
});

export const ZPreferencesUpdate = z
  .object({
    matrix: z.partialRecord(ZNotificationEvent, ZChannelSwitches.partial().strict()).optional(),
    profile: z
      .object({
        phone: ZText().trim().max(40).nullable().optional().describe('Mobile number (09…, +98…, Persian digits fine); null or "" removes it'),
        meetingLeadMinutes: z.number().int().min(0).max(10_080).optional().describe('0–10080 (one week)'),
        occasionLeadDays: z.number().int().min(0).max(60).optional().describe('0–60; 0 = on the day'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TPreferencesUpdate = z.infer<typeof ZPreferencesUpdate>;
