import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/** What a user can be told about. */
export type NotificationEvent = 'task_due' | 'meeting_soon' | 'record_assigned' | 'birthday' | 'anniversary';
export type NotificationChannel = 'in_app' | 'email' | 'sms';
export type ReminderStatus = 'pending' | 'fired' | 'cancelled';
export type DeliveryState = 'queued' | 'sent' | 'failed' | 'skipped';

/**
 * A notification due at a moment: the reminders dispatcher turns each pending row whose `fireAt`
 * has come into a notification exactly once (row lock + status change in one transaction).
 */
export const reminders = pgTable(
  'reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    event: text('event').$type<NotificationEvent>().notNull(),
    /** The record the reminder is about ('task', 'activity', 'person' …). */
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    fireAt: timestamp('fire_at', { withTimezone: true, precision: 3 }).notNull(),
    status: text('status').$type<ReminderStatus>().notNull().default('pending'),
    firedAt: timestamp('fired_at', { withTimezone: true, precision: 3 }),
    /** One reminder per key: 'task:<id>', 'meeting:<id>:<userId>', 'birthday:<personId>:<year>' … */
    dedupeKey: text('dedupe_key').notNull(),
    /** What the notification will show (title, due time …), fixed when scheduled. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reminders_dedupe_idx').on(t.workspaceId, t.dedupeKey),
    index('reminders_due_idx').on(t.fireAt).where(sql`${t.status} = 'pending'`),
    index('reminders_entity_idx').on(t.workspaceId, t.entityType, t.entityId),
  ],
);

/** The in-app notification centre; email and SMS copies are its deliveries. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    event: text('event').$type<NotificationEvent>().notNull(),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    /** Facts to render the message in the reader's language (titles, names, times). */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    reminderId: uuid('reminder_id').references(() => reminders.id, { onDelete: 'set null' }),
    /** False when the user turned the in-app channel off for this event (only email/SMS went out). */
    visible: boolean('visible').notNull().default(true),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.createdAt.desc(), t.id.desc()),
    index('notifications_unread_idx').on(t.workspaceId, t.userId).where(sql`${t.readAt} is null and ${t.visible}`),
    uniqueIndex('notifications_reminder_idx').on(t.reminderId),
  ],
);

/** One row per notification and outside channel; the delivery job is idempotent through it. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<Exclude<NotificationChannel, 'in_app'>>().notNull(),
    /** Email address or E.164 phone number it goes to. */
    destination: text('destination'),
    status: text('status').$type<DeliveryState>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    providerMessageId: text('provider_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('notification_deliveries_channel_idx').on(t.notificationId, t.channel)],
);

/** A user's choice per event and channel; a missing row means the default (see notifications.preferences.ts). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    event: text('event').$type<NotificationEvent>().notNull(),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.event, t.channel] })],
);

/** Per user and workspace: where SMS notifications go, and how early meetings are announced. */
export const notificationProfiles = pgTable(
  'notification_profiles',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** E.164 mobile number for SMS notifications. */
    phone: text('phone'),
    /** Minutes before a meeting or planned call that "meeting soon" fires. */
    meetingLeadMinutes: integer('meeting_lead_minutes').notNull().default(15),
    /** Days ahead a customer's birthday/anniversary is announced (0 = on the day). */
    occasionLeadDays: integer('occasion_lead_days').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);
