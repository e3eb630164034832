import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { LinkedEntityType } from '../activities/activities.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type TaskPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';
export type TaskSource = 'manual' | 'lead' | 'automation' | 'import' | 'api';
/**
 * Repeats after completion: the next task is due `interval` units after this one's due date.
 * Months and years count in `calendar` (a Jalali monthly task stays on its Jalali day of month).
 */
export type TaskRecurrence = {
  frequency: 'daily' | 'weekly' | 'monthly' | 'yearly';
  interval: number;
  calendar: 'jalali' | 'gregorian';
  /** Last day (ISO date) a repetition may fall on. */
  until?: string | null;
};

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** The due day in the workspace's time zone; null for a task with no date. */
    dueDate: date('due_date'),
    /** 'HH:MM' in the workspace's time zone; null for an all-day task. */
    dueTime: text('due_time'),
    /** The exact moment it is due: dueDate+dueTime, or the end of dueDate for an all-day task. */
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    priority: text('priority').$type<TaskPriority>().notNull().default('normal'),
    status: text('status').$type<TaskStatus>().notNull().default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
    completedBy: text('completed_by'),
    /** Minutes before `dueAt` the owner is reminded; null: no reminder. */
    reminderMinutes: integer('reminder_minutes'),
    recurrence: jsonb('recurrence').$type<TaskRecurrence>(),
    /** The first task of a recurring series (its own id for the first). */
    seriesId: uuid('series_id'),
    source: text('source').$type<TaskSource>().notNull().default('manual'),
    /** Due on a day, at no particular time (dueTime is null). */
    allDay: boolean('all_day').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('tasks_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    index('tasks_owner_due_idx').on(t.workspaceId, t.ownerId, t.dueAt).where(sql`${t.status} in ('open', 'in_progress') and ${t.deletedAt} is null`),
    index('tasks_due_idx').on(t.workspaceId, t.dueAt),
  ],
);

/** Which records a task is about (any number of people, organisations, leads, deals). */
export const taskLinks = pgTable(
  'task_links',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').$type<LinkedEntityType>().notNull(),
    entityId: uuid('entity_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.entityType, t.entityId] }), index('task_links_subject_idx').on(t.workspaceId, t.entityType, t.entityId)],
);
