import { isValidGregorianDate, isValidJalaliDate, parseIsoDate, toGregorian, toIsoDate, toJalali } from './jalali.ts';
import type { DateRange } from './types.ts';

/*
 * Report periods as half-open ranges of ISO dates [start, end), so SQL can use
 * `day >= start AND day < end` and consecutive periods never overlap or leave gaps.
 * For timestamps, convert the boundaries into instants in the workspace's zone first.
 */

export type JalaliPeriod = { jy: number; jm: number; quarter: 1 | 2 | 3 | 4 };

export type GregorianPeriod = { gy: number; gm: number; quarter: 1 | 2 | 3 | 4 };

function jalaliIso(jy: number, jm: number): string {
  // Month 13 rolls into Farvardin of the next year, which keeps callers free of edge cases.
  const [y, m] = jm > 12 ? [jy + 1, jm - 12] : [jy, jm];
  return toIsoDate(toGregorian(y, m, 1));
}

function gregorianIso(gy: number, gm: number): string {
  const [y, m] = gm > 12 ? [gy + 1, gm - 12] : [gy, gm];
  return toIsoDate({ gy: y, gm: m, gd: 1 });
}

function assertMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month: ${month}`);
}

function assertQuarter(quarter: number): void {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`Invalid quarter: ${quarter}`);
}

function quarterOf(month: number): 1 | 2 | 3 | 4 {
  return Math.ceil(month / 3) as 1 | 2 | 3 | 4;
}

function parseIsoOrThrow(isoDate: string): { gy: number; gm: number; gd: number } {
  const parsed = parseIsoDate(isoDate);
  if (!parsed) throw new RangeError(`Invalid ISO date: ${isoDate}`);
  return parsed;
}

/** Jalali month jy/jm, e.g. Esfand 1403 → { start: '2025-02-19', end: '2025-03-21' }. */
export function jalaliMonthRange(jy: number, jm: number): DateRange {
  assertMonth(jm);
  if (!isValidJalaliDate(jy, jm, 1)) throw new RangeError(`Invalid Jalali year: ${jy}`);
  return { start: jalaliIso(jy, jm), end: jalaliIso(jy, jm + 1) };
}

/** Jalali quarter 1..4 (Q1 = Farvardin–Khordad, i.e. spring). */
export function jalaliQuarterRange(jy: number, quarter: number): DateRange {
  assertQuarter(quarter);
  if (!isValidJalaliDate(jy, 1, 1)) throw new RangeError(`Invalid Jalali year: ${jy}`);
  const firstMonth = quarter * 3 - 2;
  return { start: jalaliIso(jy, firstMonth), end: jalaliIso(jy, firstMonth + 3) };
}

/**
 * Fiscal year jy: from 1 <startMonth> jy to 1 <startMonth> jy+1. Iranian fiscal years start on
 * 1 Farvardin (startMonth = 1, the default), which makes it the whole Jalali year; a company with
 * another start month labels the fiscal year by the Jalali year it starts in.
 */
export function jalaliFiscalYearRange(jy: number, startMonth = 1): DateRange {
  assertMonth(startMonth);
  if (!isValidJalaliDate(jy, startMonth, 1)) throw new RangeError(`Invalid Jalali year: ${jy}`);
  return { start: jalaliIso(jy, startMonth), end: jalaliIso(jy + 1, startMonth) };
}

/** Jalali year, month and quarter that an ISO date falls in (for grouping report rows). */
export function jalaliPeriodOf(isoDate: string): JalaliPeriod {
  const { gy, gm, gd } = parseIsoOrThrow(isoDate);
  const { jy, jm } = toJalali(gy, gm, gd);
  return { jy, jm, quarter: quarterOf(jm) };
}

/** The fiscal year (labelled by the Jalali year it starts in) that an ISO date falls in. */
export function jalaliFiscalYearOf(isoDate: string, startMonth = 1): number {
  assertMonth(startMonth);
  const { jy, jm } = jalaliPeriodOf(isoDate);
  return jm >= startMonth ? jy : jy - 1;
}

/** Gregorian month gy-gm. */
export function gregorianMonthRange(gy: number, gm: number): DateRange {
  assertMonth(gm);
  if (!isValidGregorianDate(gy, gm, 1)) throw new RangeError(`Invalid Gregorian year: ${gy}`);
  return { start: gregorianIso(gy, gm), end: gregorianIso(gy, gm + 1) };
}

/** Gregorian quarter 1..4 (Q1 = January–March). */
export function gregorianQuarterRange(gy: number, quarter: number): DateRange {
  assertQuarter(quarter);
  if (!isValidGregorianDate(gy, 1, 1)) throw new RangeError(`Invalid Gregorian year: ${gy}`);
  const firstMonth = quarter * 3 - 2;
  return { start: gregorianIso(gy, firstMonth), end: gregorianIso(gy, firstMonth + 3) };
}

/** Gregorian year, month and quarter of an ISO date. */
export function gregorianPeriodOf(isoDate: string): GregorianPeriod {
  const { gy, gm } = parseIsoOrThrow(isoDate);
  return { gy, gm, quarter: quarterOf(gm) };
}
