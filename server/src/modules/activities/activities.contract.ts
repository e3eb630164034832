import { z } from 'zod';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import { optionalText, ZText, ZUserId } from '../../kernel/http/zod-text.ts';
import type { ActivityDirection, ActivityStatus, ActivityType, AttendeeResponse, CallOutcome, ChatChannel, DeliveryStatus, LinkedEntityType } from './activities.schema.ts';

/** The request and response shapes of /api/v1/activities (docs/design/activities-modules.md, activities). */

export const ACTIVITY_TYPES = ['call', 'meeting', 'email', 'sms', 'chat', 'note'] as const satisfies readonly ActivityType[];
export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const satisfies readonly ActivityStatus[];
export const DIRECTIONS = ['inbound', 'outbound'] as const satisfies readonly ActivityDirection[];
export const CALL_OUTCOMES = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'callback_requested'] as const satisfies readonly CallOutcome[];
export const CHAT_CHANNELS = ['whatsapp', 'telegram', 'bale', 'eitaa', 'rubika', 'instagram', 'website', 'other'] as const satisfies readonly ChatChannel[];
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed'] as const satisfies readonly DeliveryStatus[];
export const LINKED_ENTITY_TYPES = ['person', 'organization', 'lead', 'deal'] as const satisfies readonly LinkedEntityType[];
export const ATTENDEE_RESPONSES = ['needs_action', 'accepted', 'declined', 'tentative'] as const satisfies readonly AttendeeResponse[];

/**
 * An instant as ISO text; the service parses input the route already parsed (and callers inside
 * the server pass Dates), so a Date is taken back to text first.
 */
const ZInstant = z
  .preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.iso.datetime({ offset: true }))
  .describe('ISO 8601 instant, e.g. 2026-11-24T10:30:00Z')
  .transform((v) => new Date(v));

export const ZLinkInput = z.object({ entityType: z.enum(LINKED_ENTITY_TYPES), entityId: z.uuid() }).strict();
export type TLinkInput = z.infer<typeof ZLinkInput>;

/** A colleague, a customer, or just an address. Exactly one of userId / personId / email. */
export const ZAttendeeInput = z
  .object({
    userId: ZUserId.optional(),
    personId: z.uuid().optional(),
    email: z.email().max(320).optional(),
    name: optionalText(200),
    response: z.enum(ATTENDEE_RESPONSES).optional(),
  })
  .strict()
  .refine((a) => [a.userId, a.personId, a.email].filter((v) => v !== undefined).length === 1, {
    message: 'Exactly one of userId, personId or email',
    path: ['userId'],
  });
export type TAttendeeInput = z.infer<typeof ZAttendeeInput>;

const activityFields = {
  status: z.enum(ACTIVITY_STATUSES).optional().describe("Default 'done', or 'planned' for a call/meeting in the future"),
  subject: optionalText(300),
  bodyHtml: ZText().max(200_000).nullable().optional().describe('Rich text; sanitised, and bodyText is derived from it'),
  bodyText: ZText().max(20_000).optional().describe('Plain text (SMS, chat, call notes) when no bodyHtml is sent'),
  direction: z.enum(DIRECTIONS).nullable().optional().describe('Required for a call'),
  occurredAt: ZInstant.optional().describe('When it happened or starts; default now'),
  endsAt: ZInstant.nullable().optional(),
  durationSeconds: z.number().int().min(0).max(7 * 24 * 3600).nullable().optional(),
  callOutcome: z.enum(CALL_OUTCOMES).nullable().optional(),
  phone: optionalText(40).describe('Normalised to E.164 (Iranian numbers in any form)'),
  place: optionalText(300),
  chatChannel: z.enum(CHAT_CHANNELS).nullable().optional(),
  emailAddress: z.email().max(320).nullable().optional(),
  reminderMinutes: z.number().int().min(0).max(40_320).nullable().optional().describe("Minutes before the start; default the user's meeting lead time"),
  ownerId: ZUserId.nullable().optional().describe('A member of the workspace; defaults to you'),
  links: z.array(ZLinkInput).max(50).optional().describe('The people, organisations, leads and deals it belongs to'),
  attendees: z.array(ZAttendeeInput).max(100).optional(),
};

export const ZActivityCreate = z.object({ type: z.enum(ACTIVITY_TYPES), ...activityFields }).strict();
export type TActivityCreate = z.infer<typeof ZActivityCreate>;

export const ZActivityPatch = z
  .object({ version: z.number().int().min(1).describe('The version last read; a stale one gets 409'), ...activityFields })
  .strict();
export type TActivityPatch = z.infer<typeof ZActivityPatch>;

export const ZQuickCall = z
  .object({
    personId: z.uuid().optional().describe("Links the call to this person; their primary phone is used when no phone is sent"),
    links: z.array(ZLinkInput).max(50).optional(),
    phone: optionalText(40),
    direction: z.enum(DIRECTIONS),
    durationSeconds: z.number().int().min(0).max(7 * 24 * 3600).optional(),
    callOutcome: z.enum(CALL_OUTCOMES).optional(),
    note: ZText().trim().max(20_000).optional(),
    occurredAt: ZInstant.optional(),
  })
  .strict();
export type TQuickCall = z.infer<typeof ZQuickCall>;

export const ZComplete = z
  .object({
    version: z.number().int().min(1),
    callOutcome: z.enum(CALL_OUTCOMES).optional(),
    durationSeconds: z.number().int().min(0).max(7 * 24 * 3600).optional(),
    note: ZText().trim().max(20_000).optional().describe('Appended to the body as what happened'),
  })
  .strict();
export type TComplete = z.infer<typeof ZComplete>;

export const ZReschedule = z
  .object({ version: z.number().int().min(1), occurredAt: ZInstant, endsAt: ZInstant.nullable().optional().describe('Omitted: the duration is kept') })
  .strict();
export type TReschedule = z.infer<typeof ZReschedule>;

const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((v) => v.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const ZActivityListQuery = ZListQuery.extend({
  entityType: z.enum(LINKED_ENTITY_TYPES).optional(),
  entityId: z.uuid().optional(),
  type: commaList(ACTIVITY_TYPES).optional().describe('call,meeting,… (comma-separated)'),
  status: commaList(ACTIVITY_STATUSES).optional().describe('planned,done,cancelled (comma-separated)'),
  ownerId: ZUserId.optional().describe('"me" for the caller'),
  from: ZInstant.optional().describe('occurredAt ≥ from'),
  to: ZInstant.optional().describe('occurredAt < to'),
});
export type TActivityListQuery = z.infer<typeof ZActivityListQuery>;

const ZRef = z.object({ id: z.string(), name: z.string() });

export const ZActivityLink = z.object({ entityType: z.enum(LINKED_ENTITY_TYPES), entityId: z.uuid(), name: z.string(), deleted: z.boolean() });

export const ZAttendee = z.object({
  id: z.uuid(),
  userId: z.string().nullable(),
  personId: z.uuid().nullable(),
  email: z.string().nullable(),
  name: z.string(),
  response: z.enum(ATTENDEE_RESPONSES),
});

export const ZActivity = z.object({
  id: z.uuid(),
  type: z.enum(ACTIVITY_TYPES),
  status: z.enum(ACTIVITY_STATUSES),
  subject: z.string().nullable(),
  bodyHtml: z.string().nullable(),
  bodyText: z.string(),
  direction: z.enum(DIRECTIONS).nullable(),
  occurredAt: z.date(),
  endsAt: z.date().nullable(),
  durationSeconds: z.number().int().nullable(),
  callOutcome: z.enum(CALL_OUTCOMES).nullable(),
  phone: z.string().nullable(),
  place: z.string().nullable(),
  chatChannel: z.enum(CHAT_CHANNELS).nullable(),
  emailAddress: z.string().nullable(),
  deliveryStatus: z.enum(DELIVERY_STATUSES).nullable(),
  deliveryError: z.string().nullable(),
  deliveredAt: z.date().nullable(),
  templateId: z.uuid().nullable(),
  reminderMinutes: z.number().int().nullable(),
  owner: ZRef.nullable(),
  createdBy: ZRef.nullable(),
  links: z.array(ZActivityLink),
  attendees: z.array(ZAttendee),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Activity = z.infer<typeof ZActivity>;
