// jalaali-js is CommonJS and Node cannot see its named exports, so import the default object.
import jalaali from 'jalaali-js';
import type { GregorianDate, JalaliDate } from './types.ts';

/*
 * Jalali ⇄ Gregorian conversion is delegated to jalaali-js (Borkowski's algorithm, which follows
 * the astronomical Iranian calendar with its table of 33-year cycle break years). It agrees with
 * ICU's Persian calendar on every day of 1300–1500 SH (checked in jalali.test.ts). Outside that
 * window ICU and jalaali-js differ in a few years; see the note in jalali.test.ts.
 */

/** jalaali-js supports Jalali years -61..3177; outside that it throws, so we check first. */
const MIN_JALALI_YEAR = -61;
const MAX_JALALI_YEAR = 3177;

export function isValidGregorianDate(gy: number, gm: number, gd: number): boolean {
  if (!Number.isInteger(gy) || !Number.isInteger(gm) || !Number.isInteger(gd)) return false;
  if (gm < 1 || gm > 12 || gd < 1) return false;
  return gd <= gregorianMonthLength(gy, gm);
}

export function gregorianMonthLength(gy: number, gm: number): number {
  // Day 0 of the next month is the last day of this one. setUTCFullYear rather than Date.UTC
  // because Date.UTC maps years 0–99 to 1900–1999; UTC so no local zone or DST is involved.
  const date = new Date(0);
  date.setUTCFullYear(gy, gm, 0);
  return date.getUTCDate();
}

export function isValidJalaliDate(jy: number, jm: number, jd: number): boolean {
  // jalaali-js accepts fractions (1403/1/1.5) and would throw outside its year range.
  if (!Number.isInteger(jy) || !Number.isInteger(jm) || !Number.isInteger(jd)) return false;
  if (jy < MIN_JALALI_YEAR || jy > MAX_JALALI_YEAR) return false;
  return jalaali.isValidJalaaliDate(jy, jm, jd);
}

export function isJalaliLeapYear(jy: number): boolean {
  assertJalaliYear(jy);
  return jalaali.isLeapJalaaliYear(jy);
}

/** 31 days in months 1–6, 30 in 7–11, 29 or 30 (leap) in Esfand. */
export function jalaliMonthLength(jy: number, jm: number): number {
  assertJalaliYear(jy);
  if (!Number.isInteger(jm) || jm < 1 || jm > 12) throw new RangeError(`Invalid Jalali month: ${jm}`);
  return jalaali.jalaaliMonthLength(jy, jm);
}

/** Gregorian → Jalali. Throws RangeError on an impossible date (jalaali-js would roll it over). */
export function toJalali(gy: number, gm: number, gd: number): JalaliDate {
  if (!isValidGregorianDate(gy, gm, gd)) throw new RangeError(`Invalid Gregorian date: ${gy}-${gm}-${gd}`);
  const { jy, jm, jd } = jalaali.toJalaali(gy, gm, gd);
  return { jy, jm, jd };
}

/** Jalali → Gregorian. Throws RangeError on an impossible date such as 1402/12/30. */
export function toGregorian(jy: number, jm: number, jd: number): GregorianDate {
  if (!isValidJalaliDate(jy, jm, jd)) throw new RangeError(`Invalid Jalali date: ${jy}/${jm}/${jd}`);
  const { gy, gm, gd } = jalaali.toGregorian(jy, jm, jd);
  return { gy, gm, gd };
}

/** 'YYYY-MM-DD' for a Gregorian date (years 0–9999). */
export function toIsoDate({ gy, gm, gd }: GregorianDate): string {
  return `${String(gy).padStart(4, '0')}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
}

/** Parses a strict ISO date 'YYYY-MM-DD' into its Gregorian parts; null if malformed or impossible. */
export function parseIsoDate(iso: string): GregorianDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const gy = Number(match[1]);
  const gm = Number(match[2]);
  const gd = Number(match[3]);
  return isValidGregorianDate(gy, gm, gd) ? { gy, gm, gd } : null;
}

/** 0 = Sunday … 6 = Saturday (like Date#getUTCDay) of a Gregorian date. */
export function gregorianWeekday({ gy, gm, gd }: GregorianDate): number {
  const date = new Date(0);
  date.setUTCFullYear(gy, gm - 1, gd);
  return date.getUTCDay();
}

function assertJalaliYear(jy: number): void {
  if (!Number.isInteger(jy) || jy < MIN_JALALI_YEAR || jy > MAX_JALALI_YEAR) {
    throw new RangeError(`Jalali year out of range: ${jy}`);
  }
}
