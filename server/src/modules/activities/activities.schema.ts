import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import { people } from '../people/people.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type ActivityType = 'call' | 'meeting' | 'email' | 'sms' | 'chat' | 'note';
/** 'planned': scheduled (a call to make, a meeting ahead); 'done': it happened; 'cancelled'. */
export type ActivityStatus = 'planned' | 'done' | 'cancelled';
export type ActivityDirection = 'inbound' | 'outbound';
export type CallOutcome = 'connected' | 'no_answer' | 'busy' | 'voicemail' | 'wrong_number' | 'callback_requested';
export type ChatChannel = 'whatsapp' | 'telegram' | 'bale' | 'eitaa' | 'rubika' | 'instagram' | 'website' | 'other';
/** Email and SMS sent from the CRM: queued until the job hands it over, then sent or failed. */
export type DeliveryStatus = 'queued' | 'sent' | 'failed';
/** The records an activity or task can be linked to: the timeline's subjects. */
export type LinkedEntityType = 'person' | 'organization' | 'lead' | 'deal';
export type AttendeeResponse = 'needs_action' | 'accepted' | 'declined' | 'tentative';

/** Calls, meetings, emails, SMS, chat messages and notes: every interaction with a customer. */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').$type<ActivityType>().notNull(),
    status: text('status').$type<ActivityStatus>().notNull().default('done'),
    subject: text('subject'),
    /** Rich text (notes, emails, meeting minutes), sanitised on the server before it is stored. */
    bodyHtml: text('body_html'),
    /** The body as plain text: previews, search, SMS and chat messages. */
    bodyText: text('body_text').notNull().default(''),
    direction: text('direction').$type<ActivityDirection>(),
    /** When it happened, or when it starts if planned. */
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    /** Meetings (and planned calls) end here; null for point-in-time activities. */
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }),
    durationSeconds: integer('duration_seconds'),
    callOutcome: text('call_outcome').$type<CallOutcome>(),
    /** The number called or texted, E.164. */
    phone: text('phone'),
    place: text('place'),
    chatChannel: text('chat_channel').$type<ChatChannel>(),
    /** Email: the address it went to or came from. */
    emailAddress: text('email_address'),
    deliveryStatus: text('delivery_status').$type<DeliveryStatus>(),
    deliveryError: text('delivery_error'),
    /** SMTP Message-ID or the SMS gateway's message id. */
    providerMessageId: text('provider_message_id'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
    templateId: uuid('template_id'),
    /** Minutes before `occurredAt` that attendees/owner are reminded of a planned call or meeting. */
    reminderMinutes: integer('reminder_minutes'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('activities_keyset_idx').on(t.workspaceId, t.occurredAt, t.id),
    index('activities_owner_time_idx').on(t.workspaceId, t.ownerId, t.occurredAt),
    index('activities_planned_idx').on(t.workspaceId, t.occurredAt).where(sql`${t.status} = 'planned' and ${t.deletedAt} is null`),
  ],
);

/**
 * Which records an activity belongs to (any number of people, organisations, leads, deals).
 * `occurredAt` is the activity's, copied here so a customer's timeline is one index range scan.
 */
export const activityLinks = pgTable(
  'activity_links',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').$type<LinkedEntityType>().notNull(),
    entityId: uuid('entity_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.entityType, t.entityId] }),
    index('activity_links_subject_idx').on(t.workspaceId, t.entityType, t.entityId, t.occurredAt.desc(), t.activityId.desc()),
  ],
);

/** Who takes part in a meeting: colleagues (user), customers (person) or just an address. */
export const activityAttendees = pgTable(
  'activity_attendees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    email: text('email'),
    name: text('name'),
    response: text('response').$type<AttendeeResponse>().notNull().default('needs_action'),
  },
  (t) => [index('activity_attendees_activity_idx').on(t.activityId), index('activity_attendees_user_idx').on(t.workspaceId, t.userId)],
);
