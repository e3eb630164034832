import { describe, expect, it } from 'vitest';
import * as dateFnsJalali from 'date-fns-jalali';
import {
  isJalaliLeapYear,
  isValidJalaliDate,
  jalaliMonthLength,
  parseIsoDate,
  toGregorian,
  toIsoDate,
  toJalali,
} from './index.ts';

const DAY_MS = 86_400_000;

/*
 * ICU (the platform's Intl 'persian' calendar) is the independent oracle. On Node 20.20 / ICU 78.2
 * it agrees with jalaali-js on every day of 1300–1500 SH, and so does the pure 33-year arithmetic
 * rule used by date-fns-jalali. No exception list is needed in this window.
 *
 * Outside the window they do differ (measured with ICU 78.2, recorded here so nobody widens the
 * range and is surprised):
 *   - 1011/1012, 1044/1045, 1077/1078, 1176/1177 SH: ICU (like the 33-year rule) makes the second
 *     year leap and starts it one day earlier; jalaali-js makes the first year leap.
 *   - 1502/1503 and 1601/1602 SH: ICU makes 1503 and 1602 leap, jalaali-js (and the 33-year
 *     rule) make 1502 and 1601 leap, so Nowruz 1503 is 2124-03-20 in ICU, 2124-03-21 in jalaali-js.
 * In each of those cases the vernal equinox (Meeus' algorithm with a ΔT estimate) falls a few
 * minutes after noon at 52.5°E (08:30 UT), which by the official rule puts Nowruz on the next day:
 * jalaali-js is the one that follows the astronomical calendar, ICU is the one off by a day.
 * The margins are minutes, so for the far-future years this is a forecast, not a certainty.
 */
const icuPersian = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function icuJalali(utcMs: number): { jy: number; jm: number; jd: number } {
  let jy = 0;
  let jm = 0;
  let jd = 0;
  for (const part of icuPersian.formatToParts(utcMs)) {
    if (part.type === 'year') jy = Number(part.value);
    else if (part.type === 'month') jm = Number(part.value);
    else if (part.type === 'day') jd = Number(part.value);
  }
  return { jy, jm, jd };
}

describe('Jalali ⇄ Gregorian against ICU, every day of 1300–1500 SH', () => {
  it('uses a real ICU Persian calendar (full-icu build)', () => {
    expect(icuPersian.resolvedOptions().calendar).toBe('persian');
  });

  it('round-trips both ways on every day', () => {
    const first = toGregorian(1300, 1, 1);
    const endExclusive = toGregorian(1501, 1, 1);
    const startMs = Date.UTC(first.gy, first.gm - 1, first.gd);
    const endMs = Date.UTC(endExclusive.gy, endExclusive.gm - 1, endExclusive.gd);

    const mismatches: string[] = [];
    let days = 0;
    let previous = { jy: 1299, jm: 12, jd: 29 };
    let expectedDays = 0;
    for (let jy = 1300; jy <= 1500; jy++) expectedDays += isJalaliLeapYear(jy) ? 366 : 365;

    for (let ms = startMs; ms < endMs; ms += DAY_MS) {
      const date = new Date(ms);
      const gy = date.getUTCFullYear();
      const gm = date.getUTCMonth() + 1;
      const gd = date.getUTCDate();
      const icu = icuJalali(ms);
      const ours = toJalali(gy, gm, gd);
      if (ours.jy !== icu.jy || ours.jm !== icu.jm || ours.jd !== icu.jd) {
        mismatches.push(`${toIsoDate({ gy, gm, gd })}: ICU ${icu.jy}/${icu.jm}/${icu.jd}, toJalali ${ours.jy}/${ours.jm}/${ours.jd}`);
      }
      const back = toGregorian(icu.jy, icu.jm, icu.jd);
      if (back.gy !== gy || back.gm !== gm || back.gd !== gd) {
        mismatches.push(`${icu.jy}/${icu.jm}/${icu.jd}: toGregorian ${toIsoDate(back)}, ICU ${toIsoDate({ gy, gm, gd })}`);
      }
      // ICU's days must also be consecutive Jalali days, so the month lengths are checked too.
      const continues =
        (icu.jy === previous.jy && icu.jm === previous.jm && icu.jd === previous.jd + 1) ||
        (icu.jy === previous.jy && icu.jm === previous.jm + 1 && icu.jd === 1 && previous.jd === jalaliMonthLength(previous.jy, previous.jm)) ||
        (icu.jy === previous.jy + 1 && icu.jm === 1 && icu.jd === 1 && previous.jm === 12 &&
          (previous.jy === 1299 || previous.jd === jalaliMonthLength(previous.jy, 12)));
      if (!continues) mismatches.push(`ICU jumps from ${previous.jy}/${previous.jm}/${previous.jd} to ${icu.jy}/${icu.jm}/${icu.jd}`);
      previous = icu;
      days++;
    }

    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(days).toBe(expectedDays);
    expect(previous).toEqual({ jy: 1500, jm: 12, jd: jalaliMonthLength(1500, 12) });
    expect(days).toBeGreaterThan(73_000);
  });

  // The web's date pickers (AdapterDateFnsJalali) convert with date-fns-jalali, which uses the
  // 33-year arithmetic rule; it must show the same dates as the server in this window.
  it('agrees with date-fns-jalali (the pickers) on every Nowruz and leap day', () => {
    const mismatches: string[] = [];
    for (let jy = 1300; jy <= 1500; jy++) {
      const nowruz = toGregorian(jy, 1, 1);
      // Local noon: date-fns-jalali reads local date fields, noon keeps DST changes out of it.
      const local = new Date(nowruz.gy, nowruz.gm - 1, nowruz.gd, 12);
      const read = [dateFnsJalali.getYear(local), dateFnsJalali.getMonth(local) + 1, dateFnsJalali.getDate(local)];
      if (read.join('/') !== `${jy}/1/1`) mismatches.push(`${jy}: date-fns-jalali reads ${read.join('/')}`);
      if (dateFnsJalali.isLeapYear(local) !== isJalaliLeapYear(jy)) mismatches.push(`${jy}: leap differs`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('leap years and Nowruz', () => {
  it('1403 is leap, 1402 and 1404 are not', () => {
    expect(isJalaliLeapYear(1403)).toBe(true);
    expect(isJalaliLeapYear(1402)).toBe(false);
    expect(isJalaliLeapYear(1404)).toBe(false);
    expect(isJalaliLeapYear(1399)).toBe(true);
    expect(isJalaliLeapYear(1408)).toBe(true);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1402, 12)).toBe(29);
    expect(jalaliMonthLength(1403, 1)).toBe(31);
    expect(jalaliMonthLength(1403, 6)).toBe(31);
    expect(jalaliMonthLength(1403, 7)).toBe(30);
    expect(jalaliMonthLength(1403, 11)).toBe(30);
  });

  it('1403/12/30 exists and is 2025-03-20; 1402/12/30 does not', () => {
    expect(isValidJalaliDate(1403, 12, 30)).toBe(true);
    expect(toGregorian(1403, 12, 30)).toEqual({ gy: 2025, gm: 3, gd: 20 });
    expect(toJalali(2025, 3, 20)).toEqual({ jy: 1403, jm: 12, jd: 30 });
    expect(toJalali(2025, 3, 21)).toEqual({ jy: 1404, jm: 1, jd: 1 });
    expect(isValidJalaliDate(1402, 12, 30)).toBe(false);
    expect(() => toGregorian(1402, 12, 30)).toThrow(RangeError);
  });

  it.each([
    [1354, '1975-03-21'],
    [1358, '1979-03-21'],
    [1399, '2020-03-20'],
    [1400, '2021-03-21'],
    [1402, '2023-03-21'],
    [1403, '2024-03-20'],
    [1404, '2025-03-21'],
    [1405, '2026-03-21'],
  ])('Nowruz %i is %s', (jy, iso) => {
    expect(toIsoDate(toGregorian(jy, 1, 1))).toBe(iso);
    const g = parseIsoDate(iso)!;
    expect(toJalali(g.gy, g.gm, g.gd)).toEqual({ jy, jm: 1, jd: 1 });
  });

  it('rejects impossible input instead of rolling it over', () => {
    expect(isValidJalaliDate(1403, 13, 1)).toBe(false);
    expect(isValidJalaliDate(1403, 0, 1)).toBe(false);
    expect(isValidJalaliDate(1403, 7, 31)).toBe(false);
    expect(isValidJalaliDate(1403, 1, 0)).toBe(false);
    expect(isValidJalaliDate(1403, 1, 1.5)).toBe(false);
    expect(isValidJalaliDate(5000, 1, 1)).toBe(false);
    expect(() => toJalali(2023, 2, 29)).toThrow(RangeError);
    expect(toJalali(2024, 2, 29)).toEqual({ jy: 1402, jm: 12, jd: 10 });
    expect(() => jalaliMonthLength(1403, 13)).toThrow(RangeError);
    expect(() => isJalaliLeapYear(99999)).toThrow(RangeError);
  });

  it('parses and prints ISO dates strictly', () => {
    expect(parseIsoDate('2024-04-03')).toEqual({ gy: 2024, gm: 4, gd: 3 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-4-3')).toBeNull();
    expect(parseIsoDate('2024-04-03T00:00:00Z')).toBeNull();
    expect(toIsoDate({ gy: 2024, gm: 4, gd: 3 })).toBe('2024-04-03');
  });
});
