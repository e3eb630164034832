import { z } from 'zod';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import { ZText, ZUserId, optionalText } from '../../kernel/http/zod-text.ts';

/** The request and response shapes of /api/v1/tasks. */

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const TASK_SOURCES = ['manual', 'lead', 'automation', 'import', 'api'] as const;
export const LINKED_ENTITY_TYPES = ['person', 'organization', 'lead', 'deal'] as const;
/** A reminder at most four weeks ahead of the due moment. */
export const MAX_REMINDER_MINUTES = 4 * 7 * 24 * 60;

/** A date as typed: Gregorian ISO, or year first in Persian/Arabic/Latin digits (checked by the service). */
const ZDateText = ZText().trim().max(40);

export const ZTaskLinkInput = z.object({ entityType: z.enum(LINKED_ENTITY_TYPES), entityId: z.uuid() }).strict();

export const ZRecurrenceInput = z
  .object({
    frequency: z.enum(['daily', 'weekly', 'monthly', 'yearly']),
    interval: z.number().int().min(1).max(365).optional().describe('Default 1'),
    calendar: z.enum(['jalali', 'gregorian']).optional().describe("Months and years count in this calendar; default: the workspace's"),
    until: ZDateText.nullable().optional().describe('Last day a repetition may fall on'),
  })
  .strict();

const taskFields = {
  title: ZText().trim().min(1).max(300),
  description: optionalText(10_000),
  ownerId: ZUserId.nullable().optional().describe('A member of the workspace; default: the caller'),
  dueDate: ZDateText.nullable().optional().describe('Due day: ISO date (2025-03-20); Persian/Arabic digits and Jalali year-first (1403/12/30) accepted'),
  dueTime: ZText().trim().max(10).nullable().optional().describe("'HH:MM' in the workspace time zone; none: an all-day task"),
  priority: z.enum(TASK_PRIORITIES).optional().describe("Default 'normal'"),
  reminderMinutes: z.number().int().min(0).max(MAX_REMINDER_MINUTES).nullable().optional().describe('Remind the owner this many minutes before the due moment'),
  recurrence: ZRecurrenceInput.nullable().optional().describe('Completing a recurring task creates the next one'),
  links: z.array(ZTaskLinkInput).max(50).optional().describe('People, organisations, leads and deals the task is about'),
};

export const ZTaskCreate = z
  .object({
    ...taskFields,
    status: z.enum(['open', 'in_progress']).optional().describe("Default 'open'"),
  })
  .strict();
export type TTaskCreate = z.infer<typeof ZTaskCreate>;

export const ZTaskPatch = z
  .object({
    version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
    ...taskFields,
    title: taskFields.title.optional(),
    status: z.enum(TASK_STATUSES).optional().describe("open, in_progress or cancelled; 'done' goes through /complete"),
    links: taskFields.links.describe('Replaces the links'),
  })
  .strict();
export type TTaskPatch = z.infer<typeof ZTaskPatch>;

export const ZTaskVersion = z.object({ version: z.number().int().min(1) }).strict();

const ZUserRef = z.object({ id: z.string(), name: z.string() });

export const ZTaskLink = z.object({
  entityType: z.enum(LINKED_ENTITY_TYPES),
  entityId: z.uuid(),
  name: z.string(),
  deleted: z.boolean().describe('The record is in the trash or merged away'),
});

export const ZTask = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  owner: ZUserRef.nullable(),
  dueDate: z.string().nullable().describe('ISO date, in the workspace time zone'),
  dueTime: z.string().nullable(),
  dueAt: z.date().nullable().describe('The due moment (end of the day for an all-day task)'),
  allDay: z.boolean(),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  completedAt: z.date().nullable(),
  completedBy: ZUserRef.nullable(),
  reminderMinutes: z.number().int().nullable(),
  recurrence: z
    .object({ frequency: z.enum(['daily', 'weekly', 'monthly', 'yearly']), interval: z.number().int(), calendar: z.enum(['jalali', 'gregorian']), until: z.string().nullable() })
    .nullable(),
  seriesId: z.uuid().nullable(),
  source: z.enum(TASK_SOURCES),
  links: z.array(ZTaskLink),
  overdue: z.boolean().describe('Open and past its due moment'),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Task = z.infer<typeof ZTask>;

export const ZCompleted = z.object({ task: ZTask, next: ZTask.nullable().describe('The next task of a recurring series') });

export const ZMyTasks = z.object({
  overdue: z.array(ZTask),
  today: z.array(ZTask),
  upcoming: z.array(ZTask).describe('Due in the next 14 days, by due moment'),
  noDate: z.array(ZTask),
});

export const ZTaskListQuery = ZListQuery.extend({
  entityType: z.enum(LINKED_ENTITY_TYPES).optional(),
  entityId: z.uuid().optional().describe('With entityType: tasks linked to this record'),
  ownerId: ZUserId.optional().describe("A user id, or 'me'"),
  status: ZText()
    .max(60)
    .optional()
    .describe("One status or several, comma-separated (open,in_progress); default: every status"),
  dueFrom: ZDateText.optional().describe('Due on or after this day'),
  dueTo: ZDateText.optional().describe('Due on or before this day'),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;
