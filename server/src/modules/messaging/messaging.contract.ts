import { z } from 'zod';
import { optionalText, ZText } from '../../kernel/http/zod-text.ts';

export const TEMPLATE_CHANNELS = ['email', 'sms'] as const;
export const TEMPLATE_LOCALES = ['fa', 'en'] as const;
const LINKABLE = ['person', 'organization', 'lead', 'deal'] as const;

/** Email bodies are rich text (sanitised on save); SMS bodies are plain text. */
const BODY_MAX = 100_000;
const SMS_MAX = 2_000;

export const ZTemplate = z.object({
  id: z.uuid(),
  channel: z.enum(TEMPLATE_CHANNELS),
  name: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  locale: z.string(),
  placeholders: z.array(z.string()),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZTemplateCreate = z.strictObject({
  channel: z.enum(TEMPLATE_CHANNELS),
  name: ZText().trim().min(1).max(200),
  subject: optionalText(500),
  body: ZText().max(BODY_MAX),
  locale: z.enum(TEMPLATE_LOCALES).default('fa'),
});
export type TTemplateCreate = z.output<typeof ZTemplateCreate>;

export const ZTemplatePatch = z.strictObject({
  version: z.number().int().positive(),
  name: ZText().trim().min(1).max(200).optional(),
  subject: optionalText(500),
  body: ZText().max(BODY_MAX).optional(),
  locale: z.enum(TEMPLATE_LOCALES).optional(),
});

export const ZTemplateListQuery = z.object({ channel: z.enum(TEMPLATE_CHANNELS).optional() });

export const ZPreviewInput = z.strictObject({
  personId: z.uuid(),
  templateId: z.uuid().optional(),
  /** Ad-hoc content (or overrides of the template's): a draft previewed before saving or sending. */
  channel: z.enum(TEMPLATE_CHANNELS).optional(),
  subject: optionalText(500),
  body: ZText().max(BODY_MAX).optional(),
});

export const ZPreview = z.object({
  subject: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string(),
  missing: z.array(z.string()),
});

const ZLinkInput = z.strictObject({ entityType: z.enum(LINKABLE), entityId: z.uuid() });

export const ZSendEmail = z.strictObject({
  templateId: z.uuid().optional(),
  subject: optionalText(500),
  bodyHtml: ZText().max(BODY_MAX).optional(),
  to: ZText().trim().toLowerCase().max(254).pipe(z.email()).optional(),
  /** Other records the email also belongs to (e.g. the deal it is about); the person is always linked. */
  links: z.array(ZLinkInput).max(20).optional(),
});

export const ZSendSms = z.strictObject({
  templateId: z.uuid().optional(),
  text: ZText().max(SMS_MAX).optional(),
  to: ZText().trim().min(1).max(40).optional(),
  links: z.array(ZLinkInput).max(20).optional(),
});

export const ZPersonParams = z.object({ id: z.uuid() });

/** The activity logged for an email or SMS sent (the shape of the activities API). */
export const ZSentActivity = z.object({
  id: z.uuid(),
  type: z.enum(['email', 'sms']),
  status: z.enum(['planned', 'done', 'cancelled']),
  subject: z.string().nullable(),
  bodyHtml: z.string().nullable(),
  bodyText: z.string(),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  occurredAt: z.date(),
  endsAt: z.date().nullable(),
  durationSeconds: z.number().int().nullable(),
  callOutcome: z.string().nullable(),
  phone: z.string().nullable(),
  place: z.string().nullable(),
  chatChannel: z.string().nullable(),
  emailAddress: z.string().nullable(),
  deliveryStatus: z.enum(['queued', 'sent', 'failed']).nullable(),
  deliveryError: z.string().nullable(),
  deliveredAt: z.date().nullable(),
  templateId: z.uuid().nullable(),
  reminderMinutes: z.number().int().nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  links: z.array(z.object({ entityType: z.enum(LINKABLE), entityId: z.uuid(), name: z.string(), deleted: z.boolean() })),
  attendees: z.array(z.never()),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SentActivity = z.output<typeof ZSentActivity>;
