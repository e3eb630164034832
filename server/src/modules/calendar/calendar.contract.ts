import { z } from 'zod';
import { ZText } from '../../kernel/http/zod-text.ts';

/** The request and response shapes of /api/v1/calendar (docs/design/activities-modules.md, calendar). */

export const CALENDAR_TYPES = ['call', 'meeting', 'task'] as const;
export type CalendarType = (typeof CALENDAR_TYPES)[number];

const ZInstant = z.iso.datetime({ offset: true }).describe('ISO 8601 instant, e.g. 2026-11-24T00:00:00+03:30').transform((v) => new Date(v));

/** 'all', or user ids separated by commas (default: only you). */
const ZUserIdsParam = ZText()
  .trim()
  .max(2_000)
  .transform((v, ctx) => {
    if (v === '' || v === 'me') return { kind: 'me' as const };
    if (v === 'all') return { kind: 'all' as const };
    const ids = [...new Set(v.split(',').map((id) => id.trim()).filter(Boolean))];
    if (!ids.length || ids.length > 50 || ids.some((id) => id.length > 100)) {
      ctx.addIssue({ code: 'custom', message: "userIds: 'all', 'me' or up to 50 user ids separated by commas" });
      return z.NEVER;
    }
    return { kind: 'users' as const, userIds: ids };
  });

const ZTypesParam = ZText()
  .trim()
  .max(100)
  .transform((v, ctx) => {
    const types = [...new Set(v.split(',').map((t) => t.trim()).filter(Boolean))];
    const unknown = types.filter((t) => !(CALENDAR_TYPES as readonly string[]).includes(t));
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `types: any of ${CALENDAR_TYPES.join(', ')}` });
      return z.NEVER;
    }
    return types as CalendarType[];
  });

export const ZCalendarQuery = z.object({
  from: ZInstant.describe('Start of the range (inclusive)'),
  to: ZInstant.describe('End of the range (exclusive); at most 100 days after from'),
  userIds: ZUserIdsParam.optional().describe("Whose calendar: 'me' (default), 'all' (needs records.read), or user ids separated by commas"),
  types: ZTypesParam.optional().describe('call, meeting, task, separated by commas (default all three)'),
});
export type TCalendarQuery = z.infer<typeof ZCalendarQuery>;

export const ZCalendarLink = z.object({
  entityType: z.enum(['person', 'organization', 'lead', 'deal']),
  entityId: z.uuid(),
  name: z.string(),
  deleted: z.boolean(),
});

export const ZCalendarItem = z.object({
  kind: z.enum(['activity', 'task']),
  id: z.uuid(),
  type: z.enum(CALENDAR_TYPES),
  title: z.string().describe("The activity's subject (else its linked records' names) or the task's title"),
  startsAt: z.date().describe('The start; for an all-day task, midnight of its day in the workspace zone'),
  endsAt: z.date().nullable(),
  allDay: z.boolean(),
  status: z.string().describe("Activities: 'planned' | 'done'; tasks: 'open' | 'in_progress' | 'done'"),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  links: z.array(ZCalendarLink),
  place: z.string().nullable().optional().describe('Meetings: where'),
  phone: z.string().nullable().optional().describe('Calls: the number'),
  dueDate: z.string().nullable().optional().describe('Tasks: the due day (ISO, workspace zone)'),
  dueTime: z.string().nullable().optional().describe("Tasks: 'HH:MM' or null for all day"),
  version: z.number().int(),
});
export type CalendarItem = z.infer<typeof ZCalendarItem>;

export const ZCalendarPage = z.object({
  items: z.array(ZCalendarItem),
  timeZone: z.string().describe('The workspace time zone the range and all-day tasks are read in'),
  truncated: z.boolean().describe('True when the range held more than the 2,000 items returned'),
});

export const ZCalendarFeed = z.object({
  url: z.string().nullable().describe('Only in the answer that creates the address: the server keeps just a hash of its secret'),
  createdAt: z.date().nullable(),
  lastUsedAt: z.date().nullable().optional(),
});
export const ZCalendarFeedCreated = z.object({ url: z.string(), createdAt: z.date() });
