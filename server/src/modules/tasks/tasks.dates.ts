import {
  addIsoDays,
  gregorianMonthLength,
  jalaliMonthLength,
  parseDateInput,
  parseIsoDate,
  toGregorian,
  toIsoDate,
  toJalali,
  wallClockInstant,
  zonedParts,
  type CalendarKind,
} from '#common/calendar/index.ts';
import { toLatinDigits } from '#common/text/index.ts';
import type { TaskRecurrence } from './tasks.schema.ts';

/*
 * The date arithmetic of tasks: reading a due day and time typed in any digits, turning a wall
 * clock time in the workspace's zone into an instant, and stepping a recurring task forward in
 * the Jalali or Gregorian calendar. Pure functions, unit-tested in tasks.dates.test.ts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const INVISIBLE_RE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g;

/**
 * A due day as typed: Gregorian ISO (what the web sends), or year-first with Persian, Arabic or
 * Latin digits; a year up to 1600 is read as Jalali. The Gregorian ISO date, or null.
 */
export function parseDueDate(text: string): string | null {
  return parseDateInput(text, 'gregorian');
}

/** 'HH:MM' (24 hours, any digits, 'H:MM' accepted) → normalised 'HH:MM', or null. */
export function parseDueTime(text: string): string | null {
  const match = TIME_RE.exec(toLatinDigits(text).replace(INVISIBLE_RE, '').trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

/** Days after an ISO date (negative: before), in the plain calendar (no zone involved). */
export const addDays = addIsoDays;

/** The instant at which the wall clock in `timeZone` shows `isoDate` `time`. */
export const zonedInstant = wallClockInstant;

/**
 * When a task is due: at its time on its day in the workspace's zone, or, for an all-day task,
 * at the very end of its day (the last millisecond before the next day begins there).
 */
export function dueInstant(dueDate: string, dueTime: string | null, timeZone: string): Date {
  if (dueTime) return zonedInstant(dueDate, dueTime, timeZone);
  return new Date(zonedInstant(addDays(dueDate, 1), '00:00', timeZone).getTime() - 1);
}

/** The calendar day of an instant in a zone, as an ISO date. */
export function dayIn(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return toIsoDate({ gy: p.year, gm: p.month, gd: p.day });
}

/** Month `month` (1-based, may overflow either way) of `year`, normalised. */
function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** `months` months after `isoDate` in `calendar`, on day `dayOfMonth` clamped to the month's length. */
export function addMonths(isoDate: string, months: number, calendar: CalendarKind, dayOfMonth: number): string {
  const g = parseIsoDate(isoDate);
  if (!g) throw new RangeError(`Invalid date: ${isoDate}`);
  if (calendar === 'jalali') {
    const j = toJalali(g.gy, g.gm, g.gd);
    const { year, month } = shiftMonth(j.jy, j.jm, months);
    return toIsoDate(toGregorian(year, month, Math.min(dayOfMonth, jalaliMonthLength(year, month))));
  }
  const { year, month } = shiftMonth(g.gy, g.gm, months);
  return toIsoDate({ gy: year, gm: month, gd: Math.min(dayOfMonth, gregorianMonthLength(year, month)) });
}

/** The day of month of an ISO date in a calendar (Jalali 1..31, Gregorian 1..31). */
export function dayOfMonthIn(isoDate: string, calendar: CalendarKind): number {
  const g = parseIsoDate(isoDate);
  if (!g) throw new RangeError(`Invalid date: ${isoDate}`);
  return calendar === 'jalali' ? toJalali(g.gy, g.gm, g.gd).jd : g.gd;
}

/**
 * The due day of the next task of a series, `interval` units after `previous`; null when it
 * would fall after `until`. Months and years count in the rule's calendar and keep the day of
 * month of `anchor` (the series' first due day), clamped at shorter months: a Jalali series on
 * the 31st goes 31 Shahrivar → 30 Mehr → 30 Aban, and back to 31 Farvardin the next year;
 * Esfand has 30 days only in a leap year (1403/12/30 exists, 1404/12/30 does not).
 */
export function nextDueDate(previous: string, rule: TaskRecurrence, anchor: string = previous): string | null {
  let next: string;
  switch (rule.frequency) {
    case 'daily':
      next = addDays(previous, rule.interval);
      break;
    case 'weekly':
      next = addDays(previous, rule.interval * 7);
      break;
    case 'monthly':
      next = addMonths(previous, rule.interval, rule.calendar, dayOfMonthIn(anchor, rule.calendar));
      break;
    case 'yearly':
      next = addMonths(previous, rule.interval * 12, rule.calendar, dayOfMonthIn(anchor, rule.calendar));
      break;
  }
  return rule.until && next > rule.until ? null : next;
}
