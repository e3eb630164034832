import { toGregorian, toJalali } from '#common/calendar/index.ts';
import type { Prng } from './prng.ts';

/*
 * Generated moments live in Tehran: a Jalali calendar day, a local time in business hours, and the
 * UTC instant they are stored as. Intl could convert the zone, but at millions of rows it is far too
 * slow, so the offset comes from Iran's rule directly (checked against Intl by `node bin/run-ts.js
 * bench/generate.ts --self-check`): +03:30, and +04:30 from 2 Farvardin to 30 Shahrivar in the
 * years 1387–1401, after which Iran abolished daylight saving time.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a Jalali date. */
export function jalaliEpochDay(jalali: string): number {
  const [jy, jm, jd] = jalali.split('/').map(Number) as [number, number, number];
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return Date.UTC(gy, gm - 1, gd) / DAY_MS;
}

export function tehranOffsetMinutes(jy: number, jm: number, jd: number): number {
  const summer = jy >= 1387 && jy <= 1401 && (jm < 6 || (jm === 6 && jd <= 30)) && !(jm === 1 && jd === 1);
  return summer ? 270 : 210;
}

export type DayRange = { first: number; last: number };

/** Inclusive range of days between two Jalali dates 'YYYY/MM/DD'. */
export function jalaliDayRange(from: string, to: string): DayRange {
  const first = jalaliEpochDay(from);
  const last = jalaliEpochDay(to);
  if (last < first) throw new RangeError(`Empty date range ${from} – ${to}`);
  return { first, last };
}

export type LocalMoment = {
  /** The stored value: UTC instant. */
  instant: Date;
  /** Calendar day in Tehran, Jalali 'YYYY/MM/DD' (Latin digits, as a CSV importer expects). */
  jalali: string;
  /** Same day, Gregorian 'YYYY-MM-DD'. */
  isoDate: string;
};

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function jalaliOfEpochDay(day: number): { jy: number; jm: number; jd: number; isoDate: string } {
  const date = new Date(day * DAY_MS);
  const gy = date.getUTCFullYear();
  const gm = date.getUTCMonth() + 1;
  const gd = date.getUTCDate();
  return { ...toJalali(gy, gm, gd), isoDate: `${gy}-${pad2(gm)}-${pad2(gd)}` };
}

export const formatJalali = (jy: number, jm: number, jd: number) => `${jy}/${pad2(jm)}/${pad2(jd)}`;

type DayInfo = { jalali: string; isoDate: string; offsetMs: number };

/** Data spans a few thousand distinct days; converting each once makes dates nearly free. */
const dayCache = new Map<number, DayInfo>();

function dayInfo(day: number): DayInfo {
  let info = dayCache.get(day);
  if (!info) {
    const { jy, jm, jd, isoDate } = jalaliOfEpochDay(day);
    info = { jalali: formatJalali(jy, jm, jd), isoDate, offsetMs: tehranOffsetMinutes(jy, jm, jd) * 60_000 };
    dayCache.set(day, info);
  }
  return info;
}

/** A moment on `day` (Tehran) at `minuteOfDay` local time. */
export function tehranMoment(day: number, minuteOfDay: number, second = 0): LocalMoment {
  const info = dayInfo(day);
  const instant = new Date(day * DAY_MS + minuteOfDay * 60_000 + second * 1000 - info.offsetMs);
  return { instant, jalali: info.jalali, isoDate: info.isoDate };
}

/**
 * A random working moment in the range: Saturday–Wednesday mostly, Thursday less, Friday rarely
 * (the Iranian week), between 08:00 and 20:00 with a lull at lunch.
 */
export function randomWorkMoment(rng: Prng, range: DayRange): LocalMoment {
  let day = rng.int(range.first, range.last);
  // 1970-01-01 was a Thursday; weekday 0 = Saturday … 6 = Friday.
  const weekday = (((day + 5) % 7) + 7) % 7;
  if (weekday === 6 && rng.chance(0.85)) day = Math.max(range.first, day - 1);
  const hour = rng.weighted(WORK_HOURS);
  return tehranMoment(day, hour * 60 + rng.int(0, 59), rng.int(0, 59));
}

const WORK_HOURS: readonly (readonly [number, number])[] = [
  [8, 4], [9, 9], [10, 11], [11, 11], [12, 8], [13, 4], [14, 7], [15, 9], [16, 9], [17, 7], [18, 5], [19, 3], [20, 1],
];
