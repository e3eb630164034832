import { parseIsoDate, toJalali } from './jalali.ts';
import type { DateParts, DateValue, JalaliDate } from './types.ts';

const DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/;

// ISO 8601 timestamp with a mandatory zone designator. 'T' or a space between date and time, and
// offsets written +HH, +HHMM or +HH:MM, as PostgreSQL prints timestamptz ('2024-04-03 21:00:00+00').
const TIMESTAMP_RE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Calendar date plus wall-clock time of an instant in a zone. */
export type ZonedParts = DateParts & { hour: number; minute: number; dateOnly: boolean };

const partsFormatterCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatterCache.get(timeZone);
  if (!formatter) {
    // Gregorian calendar and Latin digits pinned explicitly so the host's default locale cannot
    // change what formatToParts returns; h23 because hour12:false renders midnight as "24" in
    // some ICU versions.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      era: 'short',
    });
    partsFormatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Resolves `value` in `timeZone`. A plain ISO date string 'YYYY-MM-DD' is a calendar date (a
 * due date, a birthday), not an instant, so it is returned as is and never shifted by a zone.
 * Other strings must be ISO timestamps WITH Z or an offset (see toInstant); a number is epoch
 * milliseconds. The process's own time zone is never used. Throws RangeError on an invalid or
 * impossible date (2023-02-29) or an unknown zone.
 */
export function zonedParts(value: DateValue, timeZone: string): ZonedParts {
  if (typeof value === 'string' && DATE_ONLY_RE.test(value)) {
    // Checked here rather than by Date, which silently rolls 2023-02-29 over to 1 March.
    const calendarDate = parseIsoDate(value);
    if (!calendarDate) throw new RangeError(`Invalid date: ${value}`);
    return { year: calendarDate.gy, month: calendarDate.gm, day: calendarDate.gd, hour: 0, minute: 0, dateOnly: true };
  }
  const instant = toInstant(value);
  const parts = partsFormatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((part) => part.type === type)?.value ?? '';
  const yearOfEra = Number(get('year'));
  // Years before 1 CE come back as "1 BC", "2 BC"…; turn them into astronomical years (0, -1…).
  const year = get('era') === 'BC' ? 1 - yearOfEra : yearOfEra;
  return {
    year,
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    dateOnly: false,
  };
}

/** Gregorian calendar date {year, month, day} of the instant in an IANA time zone. */
export function dateParts(value: DateValue, timeZone: string): DateParts {
  const { year, month, day } = zonedParts(value, timeZone);
  return { year, month, day };
}

/** Jalali calendar date of the instant in an IANA time zone. */
export function toJalaliInZone(value: DateValue, timeZone: string): JalaliDate {
  const { year, month, day } = dateParts(value, timeZone);
  return toJalali(year, month, day);
}

/**
 * Date, epoch ms or ISO timestamp string → a valid Date; RangeError otherwise. A plain
 * 'YYYY-MM-DD' is taken as UTC midnight, as JavaScript does.
 * A timestamp string without Z or an offset ('2024-04-03T10:00') is rejected: Date would read it
 * in the process's local zone, so the same data would mean different instants on the server and
 * in each browser. Free-form strings ('April 3, 2024') are rejected for the same reason.
 */
export function toInstant(value: DateValue): Date {
  let instant: Date;
  if (value instanceof Date || typeof value === 'number') {
    instant = new Date(value instanceof Date ? value.getTime() : value);
  } else if (DATE_ONLY_RE.test(value)) {
    const date = parseIsoDate(value);
    if (!date) throw new RangeError(`Invalid date: ${value}`);
    instant = new Date(`${value}T00:00:00Z`);
  } else {
    const match = TIMESTAMP_RE.exec(value.trim());
    if (!match || !parseIsoDate(match[1] ?? '')) throw new RangeError(`Invalid or zone-less timestamp: ${value}`);
    const zone = (match[3] ?? 'Z').toUpperCase();
    const offset = zone === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    // Date only guarantees millisecond precision parsing; PostgreSQL gives microseconds.
    const time = (match[2] ?? '').replace(/(\.\d{3})\d+$/, '$1');
    instant = new Date(`${match[1]}T${time}${offset}`);
  }
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid date: ${String(value)}`);
  return instant;
}

/**
 * The instant at which the wall clock of `timeZone` shows `isoDate` at `time` ('HH:MM'). A first
 * guess is corrected by the zone's offset at the guess, twice, which settles even on a day the
 * zone changes its clocks; a time skipped by a spring-forward gap lands just after the gap.
 */
export function wallClockInstant(isoDate: string, time: string, timeZone: string): Date {
  const date = parseIsoDate(isoDate);
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!date || !match) throw new RangeError(`Invalid wall-clock time: ${isoDate} ${time}`);
  const wall = Date.UTC(date.gy, date.gm - 1, date.gd, Number(match[1]), Number(match[2]));
  let instant = wall;
  for (let pass = 0; pass < 2; pass++) {
    const shown = zonedParts(new Date(instant), timeZone);
    instant += wall - Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
  }
  return new Date(instant);
}

/** The ISO date `days` days after (or before, when negative) `isoDate`. */
export function addIsoDays(isoDate: string, days: number): string {
  const date = parseIsoDate(isoDate);
  if (!date) throw new RangeError(`Invalid date: ${isoDate}`);
  return new Date(Date.UTC(date.gy, date.gm - 1, date.gd + days)).toISOString().slice(0, 10);
}
