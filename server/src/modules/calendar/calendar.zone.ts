import { toIsoDate, zonedParts } from '#common/calendar/index.ts';

/*
 * Time-zone arithmetic for the calendar: wall-clock times in the workspace's zone, the days a
 * range covers there, and the VTIMEZONE block an iCalendar feed needs so that Outlook (which
 * does not know IANA names) reads TZID=Asia/Tehran the same way Google and Apple do.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Minutes the zone is ahead of UTC at an instant (Asia/Tehran: 210). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((wall - Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/** The calendar day (ISO) an instant falls on in a zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return toIsoDate({ gy: p.year, gm: p.month, gd: p.day });
}

/** The instant the zone's wall clock shows `isoDate` at midnight (corrected twice for DST). */
export function zoneMidnight(isoDate: string, timeZone: string): Date {
  const wall = Date.parse(`${isoDate}T00:00:00Z`);
  let instant = wall;
  for (let i = 0; i < 2; i++) instant = wall - offsetMinutes(new Date(instant), timeZone) * MINUTE_MS;
  return new Date(instant);
}

/** An ISO date moved by whole days (plain calendar, no zone). */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A Temporal.ZonedDateTime look-alike, which ical-generator formats as the zone's wall clock
 * (DTSTART;TZID=Asia/Tehran:20261124T103000). A plain Date would be written in the server
 * process's own zone, which is wrong on any server not running in the workspace's zone.
 */
export class ZonedTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(
    readonly instant: Date,
    readonly timeZoneId: string,
  ) {
    const p = zonedParts(instant, timeZoneId);
    this.year = p.year;
    this.month = p.month;
    this.day = p.day;
    this.hour = p.hour;
    this.minute = p.minute;
    this.second = instant.getUTCSeconds();
  }

  withTimeZone(timeZone: string): ZonedTime {
    return new ZonedTime(this.instant, timeZone);
  }

  toInstant() {
    return { epochMilliseconds: this.instant.getTime() };
  }

  toPlainDateTime() {
    const { year, month, day, hour, minute, second } = this;
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const json = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
    return {
      year,
      month,
      day,
      hour,
      minute,
      second,
      toZonedDateTime: (zone: string) => new ZonedTime(this.instant, zone),
      toPlainDate: () => ({ year, month, day }),
      toJSON: () => json,
      toString: () => json,
    };
  }

  toJSON(): string {
    return this.instant.toISOString();
  }

  toString(): string {
    return this.instant.toISOString();
  }
}

const formatOffset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** Local wall time 'YYYYMMDDTHHMMSS' of an instant at a fixed offset. */
const wallAt = (instant: number, offset: number) =>
  new Date(instant + offset * MINUTE_MS)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '');

type Transition = { at: number; from: number; to: number };

/** Offset changes of the zone between two instants: daily samples, then a minute-exact search. */
export function offsetTransitions(timeZone: string, start: Date, end: Date): Transition[] {
  const transitions: Transition[] = [];
  let previousAt = start.getTime();
  let previous = offsetMinutes(start, timeZone);
  for (let at = previousAt + DAY_MS; at <= end.getTime() + DAY_MS; at += DAY_MS) {
    const offset = offsetMinutes(new Date(at), timeZone);
    if (offset !== previous) {
      let low = previousAt;
      let high = at;
      while (high - low > MINUTE_MS) {
        const middle = Math.floor((low + high) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetMinutes(new Date(middle), timeZone) === previous) low = middle;
        else high = middle;
      }
      transitions.push({ at: high, from: previous, to: offset });
      previous = offset;
    }
    previousAt = at;
  }
  return transitions;
}

/**
 * A VTIMEZONE component for `timeZone` valid from `start` to `end`: its offset at the start and
 * each change in between as a one-off observance (no RRULE needed for a bounded feed window).
 */
export function vtimezone(timeZone: string, start: Date, end: Date): string {
  const initial = offsetMinutes(start, timeZone);
  const transitions = offsetTransitions(timeZone, start, end);
  const offsets = [initial, ...transitions.map((t) => t.to)];
  const standardOffset = Math.min(...offsets);
  const observance = (at: number, from: number, to: number) => {
    const kind = to > standardOffset ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${wallAt(at, from)}`, `TZOFFSETFROM:${formatOffset(from)}`, `TZOFFSETTO:${formatOffset(to)}`, `TZNAME:${formatOffset(to)}`, `END:${kind}`];
  };
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(start.getTime() - DAY_MS, initial, initial),
    ...transitions.flatMap((t) => observance(t.at, t.from, t.to)),
    'END:VTIMEZONE',
  ];
  return lines.join('\r\n');
}
