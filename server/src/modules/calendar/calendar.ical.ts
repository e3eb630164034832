import ical, { ICalEventStatus, type ICalDateTimeValue } from 'ical-generator';
import type { CalendarActivityRow, CalendarTaskRow, LinkRow } from './calendar.repository.ts';
import { addDays, vtimezone, ZonedTime } from './calendar.zone.ts';

/*
 * The iCalendar feed a user subscribes to from Google, Apple or Outlook. Meetings and calls are
 * VEVENTs in the workspace's zone (TZID plus a VTIMEZONE). Tasks are VEVENTs too, all-day ones
 * as all-day events on their day: subscribed calendars in Google and Outlook ignore VTODO, and
 * Apple shows VTODOs only through CalDAV, so an event is what actually appears everywhere.
 */

type Locale = 'fa' | 'en';

const LABELS = {
  fa: {
    calendarName: 'پیوند — تقویم من',
    call: 'تماس',
    meeting: 'جلسه',
    with: 'با',
    linked: 'مرتبط با',
    open: 'باز کردن در پیوند',
    priority: { low: 'اولویت کم', normal: 'اولویت عادی', high: 'اولویت بالا', urgent: 'فوری' },
  },
  en: {
    calendarName: 'Peyvand — my calendar',
    call: 'Call',
    meeting: 'Meeting',
    with: 'with',
    linked: 'Linked to',
    open: 'Open in Peyvand',
    priority: { low: 'Low priority', normal: 'Normal priority', high: 'High priority', urgent: 'Urgent' },
  },
} as const;

const ENTITY_PATHS = { person: 'people', organization: 'organizations', lead: 'leads', deal: 'deals' } as const;
/** An activity without an end: how long a subscribed calendar should draw it. */
const DEFAULT_MINUTES = { call: 15, meeting: 60 } as const;
/** A timed task is drawn as a short block at its due time. */
const TASK_MINUTES = 30;
const MAX_DESCRIPTION = 2_000;

export type FeedInput = {
  timeZone: string;
  locale: Locale;
  publicUrl: string;
  windowStart: Date;
  windowEnd: Date;
  activities: CalendarActivityRow[];
  tasks: CalendarTaskRow[];
  activityLinks: LinkRow[];
  taskLinks: LinkRow[];
};

const byOwner = (links: LinkRow[]) => {
  const map = new Map<string, LinkRow[]>();
  for (const link of links) map.set(link.ownerId, [...(map.get(link.ownerId) ?? []), link]);
  return map;
};

const zoned = (instant: Date, timeZone: string) => new ZonedTime(instant, timeZone) as unknown as ICalDateTimeValue;

/** Linked record names, the body, and a link back to the first record. */
function describe(locale: Locale, publicUrl: string, links: LinkRow[], body: string | null): string {
  const labels = LABELS[locale];
  const live = links.filter((l) => !l.deleted && l.name);
  const parts: string[] = [];
  if (live.length) parts.push(`${labels.linked}: ${live.map((l) => l.name).join(locale === 'fa' ? '، ' : ', ')}`);
  const text = (body ?? '').trim();
  if (text) parts.push(text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text);
  const first = live[0];
  if (first) parts.push(`${labels.open}: ${publicUrl}/${ENTITY_PATHS[first.entityType]}/${first.entityId}`);
  return parts.join('\n');
}

function activitySummary(locale: Locale, row: CalendarActivityRow, links: LinkRow[]): string {
  if (row.subject?.trim()) return row.subject.trim();
  const labels = LABELS[locale];
  const names = links.filter((l) => l.name).map((l) => l.name);
  return names.length ? `${labels[row.type]} ${labels.with} ${names.join(locale === 'fa' ? '، ' : ', ')}` : labels[row.type];
}

/** The feed as iCalendar text (CRLF lines, folded by the library at 75 octets of UTF-8). */
export function buildFeed(input: FeedInput): string {
  const { timeZone, locale, publicUrl } = input;
  const labels = LABELS[locale];
  const calendar = ical({
    name: labels.calendarName,
    prodId: { company: 'Peyvand', product: 'CRM', language: locale.toUpperCase() },
    ttl: 60 * 60,
    // name null: DTSTAMP and LAST-MODIFIED stay in UTC; events carry their own TZID, and the
    // generator adds the VTIMEZONE for it.
    timezone: { name: null, generator: (zone) => vtimezone(zone, input.windowStart, input.windowEnd) },
  });
  calendar.x('X-WR-TIMEZONE', timeZone);

  const activityLinks = byOwner(input.activityLinks);
  for (const row of input.activities) {
    const links = activityLinks.get(row.id) ?? [];
    const end = row.endsAt && row.endsAt >= row.occurredAt ? row.endsAt : new Date(row.occurredAt.getTime() + DEFAULT_MINUTES[row.type] * 60_000);
    const first = links.find((l) => !l.deleted);
    calendar.createEvent({
      id: `${row.id}@peyvand`,
      sequence: row.version,
      stamp: row.updatedAt,
      lastModified: row.updatedAt,
      start: zoned(row.occurredAt, timeZone),
      end: zoned(end, timeZone),
      timezone: timeZone,
      summary: activitySummary(locale, row, links),
      location: row.type === 'meeting' ? row.place : row.phone,
      description: describe(locale, publicUrl, links, row.bodyText),
      status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: first ? `${publicUrl}/${ENTITY_PATHS[first.entityType]}/${first.entityId}` : null,
    });
  }

  const taskLinks = byOwner(input.taskLinks);
  for (const row of input.tasks) {
    const links = taskLinks.get(row.id) ?? [];
    const first = links.find((l) => !l.deleted);
    // A checkbox look, as in the app: ☑ done, ☐ still to do.
    const summary = `${row.status === 'done' ? '☑' : '☐'} ${row.title}`;
    const description = describe(locale, publicUrl, links, [labels.priority[row.priority], row.description ?? ''].filter(Boolean).join('\n'));
    const common = {
      id: `${row.id}@peyvand`,
      sequence: row.version,
      stamp: row.updatedAt,
      lastModified: row.updatedAt,
      summary,
      description,
      status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: first ? `${publicUrl}/${ENTITY_PATHS[first.entityType]}/${first.entityId}` : `${publicUrl}/tasks`,
    };
    if (row.allDay || !row.dueAt) {
      // All-day: a DATE value, the task's own day in the workspace zone; never shifted by a zone.
      calendar.createEvent({ ...common, allDay: true, start: row.dueDate, end: addDays(row.dueDate, 1) });
    } else {
      calendar.createEvent({
        ...common,
        start: zoned(row.dueAt, timeZone),
        end: zoned(new Date(row.dueAt.getTime() + TASK_MINUTES * 60_000), timeZone),
        timezone: timeZone,
      });
    }
  }
  return calendar.toString();
}
