import {
  DEFAULT_TIME_ZONE,
  gregorianMonthLength,
  gregorianMonthNames,
  gregorianWeekday,
  jalaliMonthLength,
  jalaliMonthNames,
  parseIsoDate,
  toGregorian,
  toIsoDate,
  toJalali,
  wallClockInstant,
  weekdayName,
  zonedParts,
  type CalendarKind,
  type Locale,
} from '#common/calendar/index.ts';

/*
 * The date arithmetic of the calendar page. A day is its Gregorian ISO date ('2026-12-01') as
 * seen in the workspace's time zone; the month grid is a Jalali or a Gregorian month; the week
 * starts on Saturday in Persian and on Sunday in English (en-US). The browser's own zone is
 * never used. Pure functions, unit-tested in calendar-dates.test.ts.
 */

export type CalendarView = 'month' | 'week' | 'day';

const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** An ISO date moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** JS weekday (0 = Sunday … 6 = Saturday) of an ISO date. */
export function weekdayOf(isoDate: string): number {
  const d = parseIsoDate(isoDate)!;
  return gregorianWeekday(d);
}

/** 6 (Saturday) in Persian, 0 (Sunday) in English. */
export const weekStartOf = (locale: Locale): number => (locale === 'fa' ? 6 : 0);

/** The first day of the week that holds `isoDate`. */
export function startOfWeek(isoDate: string, weekStart: number): string {
  return addDays(isoDate, -((weekdayOf(isoDate) - weekStart + 7) % 7));
}

/** The day an instant falls on in a zone. */
export function dayOf(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** 'HH:MM' of an instant on the zone's wall clock. */
export function timeOf(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(instant, timeZone);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Minutes since midnight of an instant on the zone's wall clock. */
export function minuteOfDay(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  const p = zonedParts(instant, timeZone);
  return p.hour * 60 + p.minute;
}

/** The UTC instant (ISO) at which the zone's wall clock shows `isoDate` `time`. */
export function zonedIso(isoDate: string, time: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return wallClockInstant(isoDate, time, timeZone).toISOString();
}

/** The month that holds a day, in the user's calendar: { year, month (1-12), first day, length }. */
export function monthOf(isoDate: string, calendar: CalendarKind) {
  const g = parseIsoDate(isoDate)!;
  if (calendar === 'jalali') {
    const { jy, jm } = toJalali(g.gy, g.gm, g.gd);
    return { year: jy, month: jm, first: toIsoDate(toGregorian(jy, jm, 1)), length: jalaliMonthLength(jy, jm) };
  }
  return { year: g.gy, month: g.gm, first: toIsoDate({ gy: g.gy, gm: g.gm, gd: 1 }), length: gregorianMonthLength(g.gy, g.gm) };
}

/** A day in the month before (-1) or after (+1), on the 1st: where prev/next lands. */
export function shiftMonth(isoDate: string, by: number, calendar: CalendarKind): string {
  const { first, length } = monthOf(isoDate, calendar);
  if (by > 0) return addDays(first, length);
  return monthOf(addDays(first, -1), calendar).first;
}

/** The weeks of the month grid: whole weeks from the week of the 1st to the week of the last day. */
export function monthGrid(isoDate: string, calendar: CalendarKind, weekStart: number): string[][] {
  const { first, length } = monthOf(isoDate, calendar);
  const start = startOfWeek(first, weekStart);
  const end = startOfWeek(addDays(first, length - 1), weekStart);
  const weeks: string[][] = [];
  for (let day = start; day <= end; day = addDays(day, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  return weeks;
}

/** The days a view shows around a day. */
export function visibleDays(view: CalendarView, isoDate: string, calendar: CalendarKind, weekStart: number): string[] {
  if (view === 'day') return [isoDate];
  if (view === 'week') return Array.from({ length: 7 }, (_, i) => addDays(startOfWeek(isoDate, weekStart), i));
  return monthGrid(isoDate, calendar, weekStart).flat();
}

/** Where prev/next goes from a day. */
export function step(view: CalendarView, isoDate: string, by: number, calendar: CalendarKind): string {
  if (view === 'day') return addDays(isoDate, by);
  if (view === 'week') return addDays(isoDate, 7 * by);
  return shiftMonth(isoDate, by, calendar);
}

/** The day of month in the user's calendar (۱۰ آذر → 10). */
export function dayOfMonth(isoDate: string, calendar: CalendarKind): number {
  const g = parseIsoDate(isoDate)!;
  return calendar === 'jalali' ? toJalali(g.gy, g.gm, g.gd).jd : g.gd;
}

/** «آذر ۱۴۰۵» / "December 2026" (digits are the caller's). */
export function monthTitle(isoDate: string, calendar: CalendarKind, locale: Locale): { name: string; year: number } {
  const { year, month } = monthOf(isoDate, calendar);
  const names = calendar === 'jalali' ? jalaliMonthNames(locale) : gregorianMonthNames(locale);
  return { name: names[month - 1] ?? '', year };
}

/** The weekday names of the grid's columns, in order from the week's first day. */
export function weekdayHeaders(weekStart: number, locale: Locale): string[] {
  return Array.from({ length: 7 }, (_, i) => weekdayName((weekStart + i) % 7, locale));
}

/** Same day, another date: keeps the wall-clock time when an event moves to another day. */
export function moveToDay(instant: string, toDay: string, timeZone: string): string {
  return zonedIso(toDay, timeOf(instant, timeZone), timeZone);
}

/** 'HH:MM' for minute `m` of the day. */
export const timeOfMinute = (m: number) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;

/**
 * Side-by-side lanes for overlapping events of one day (greedy, in start order): each gets its
 * lane and how many lanes its cluster of overlaps uses.
 */
export function layoutLanes<T extends { id: string; start: number; end: number }>(events: T[]): Map<string, { lane: number; lanes: number }> {
  const sorted = [...events].sort((a, b) => a.start - b.start || b.end - a.end);
  const result = new Map<string, { lane: number; lanes: number }>();
  let cluster: T[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const flush = () => {
    for (const e of cluster) result.get(e.id)!.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const event of sorted) {
    if (event.start >= clusterEnd) flush();
    let lane = laneEnds.findIndex((end) => end <= event.start);
    if (lane < 0) lane = laneEnds.push(event.end) - 1;
    else laneEnds[lane] = event.end;
    result.set(event.id, { lane, lanes: 1 });
    cluster.push(event);
    clusterEnd = Math.max(clusterEnd, event.end);
  }
  flush();
  return result;
}
