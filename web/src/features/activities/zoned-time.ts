import { toLatinDigits } from '#common/text/index.ts';
import { DEFAULT_TIME_ZONE, wallClockInstant, zonedParts } from '#common/calendar/index.ts';

/*
 * Wall-clock date and time in the workspace's time zone ↔ the UTC instant the API speaks.
 * The browser's own zone is never used: a rep in Dubai planning a Tehran meeting sees Tehran time.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'HH:MM' (any digits, «۱۴:۳۰», "9:5", "14.30") → 'HH:MM', or null when it is not a time of day. */
export function parseTimeInput(text: string): string | null {
  const match = /^(\d{1,2})\s*[:.٫]\s*(\d{1,2})$|^(\d{1,2})$/.exec(toLatinDigits(text).trim());
  if (!match) return null;
  const hour = Number(match[1] ?? match[3]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  return `${pad2(hour)}:${pad2(minute)}`;
}

/**
 * The UTC instant (ISO) of `isoDate` at `time` ('HH:MM') on the wall clock of `timeZone`.
 * Two passes settle the offset on days the zone changes its clocks.
 */
export function zonedToIso(isoDate: string, time: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return wallClockInstant(isoDate, time, timeZone).toISOString();
}

/** An instant as the workspace's wall clock: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function isoToZoned(iso: string, timeZone: string = DEFAULT_TIME_ZONE): { date: string; time: string } {
  const p = zonedParts(iso, timeZone);
  return { date: `${p.year}-${pad2(p.month)}-${pad2(p.day)}`, time: `${pad2(p.hour)}:${pad2(p.minute)}` };
}

/** Whole days from `fromIsoDate` to `toIsoDate` (negative when `toIsoDate` is earlier). */
export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  const at = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(toIsoDate) - at(fromIsoDate)) / 86_400_000);
}
