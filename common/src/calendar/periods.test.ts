import { describe, expect, it } from 'vitest';
import {
  gregorianMonthRange,
  gregorianPeriodOf,
  gregorianQuarterRange,
  jalaliFiscalYearOf,
  jalaliFiscalYearRange,
  jalaliMonthLength,
  jalaliMonthRange,
  jalaliPeriodOf,
  jalaliQuarterRange,
  toGregorian,
  toIsoDate,
} from './index.ts';

const DAY_MS = 86_400_000;
const daysBetween = (start: string, end: string): number => (Date.parse(end) - Date.parse(start)) / DAY_MS;
const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);

describe('Jalali periods', () => {
  it('month ranges are half-open and include the leap day', () => {
    expect(jalaliMonthRange(1403, 1)).toEqual({ start: '2024-03-20', end: '2024-04-20' });
    expect(jalaliMonthRange(1403, 12)).toEqual({ start: '2025-02-19', end: '2025-03-21' });
    expect(daysBetween(jalaliMonthRange(1403, 12).start, jalaliMonthRange(1403, 12).end)).toBe(30);
    expect(jalaliMonthRange(1402, 12)).toEqual({ start: '2024-02-20', end: '2024-03-20' });
    expect(daysBetween(jalaliMonthRange(1402, 12).start, jalaliMonthRange(1402, 12).end)).toBe(29);
  });

  it('quarter ranges follow the seasons', () => {
    expect(jalaliQuarterRange(1403, 1)).toEqual({ start: '2024-03-20', end: '2024-06-21' });
    expect(jalaliQuarterRange(1403, 2)).toEqual({ start: '2024-06-21', end: '2024-09-22' });
    expect(jalaliQuarterRange(1403, 3)).toEqual({ start: '2024-09-22', end: '2024-12-21' });
    expect(jalaliQuarterRange(1403, 4)).toEqual({ start: '2024-12-21', end: '2025-03-21' });
  });

  it('fiscal year starts on 1 Farvardin by default, or on another month', () => {
    expect(jalaliFiscalYearRange(1403)).toEqual({ start: '2024-03-20', end: '2025-03-21' });
    expect(daysBetween(jalaliFiscalYearRange(1403).start, jalaliFiscalYearRange(1403).end)).toBe(366);
    expect(daysBetween(jalaliFiscalYearRange(1402).start, jalaliFiscalYearRange(1402).end)).toBe(365);
    expect(jalaliFiscalYearRange(1403, 4)).toEqual({ start: '2024-06-21', end: '2025-06-22' });
    expect(jalaliFiscalYearOf('2025-03-20')).toBe(1403);
    expect(jalaliFiscalYearOf('2025-03-21')).toBe(1404);
    expect(jalaliFiscalYearOf('2025-06-21', 4)).toBe(1403);
    expect(jalaliFiscalYearOf('2025-06-22', 4)).toBe(1404);
  });

  it('jalaliPeriodOf gives year, month and quarter', () => {
    expect(jalaliPeriodOf('2024-03-20')).toEqual({ jy: 1403, jm: 1, quarter: 1 });
    expect(jalaliPeriodOf('2024-06-21')).toEqual({ jy: 1403, jm: 4, quarter: 2 });
    expect(jalaliPeriodOf('2025-03-20')).toEqual({ jy: 1403, jm: 12, quarter: 4 });
    expect(jalaliPeriodOf('2025-03-21')).toEqual({ jy: 1404, jm: 1, quarter: 1 });
    expect(() => jalaliPeriodOf('2025-02-30')).toThrow(RangeError);
  });

  it('months tile the years 1399–1405 without gaps, and every day lands in its own period', () => {
    for (let jy = 1399; jy <= 1405; jy++) {
      for (let jm = 1; jm <= 12; jm++) {
        const range = jalaliMonthRange(jy, jm);
        expect(daysBetween(range.start, range.end)).toBe(jalaliMonthLength(jy, jm));
        const next = jm === 12 ? jalaliMonthRange(jy + 1, 1) : jalaliMonthRange(jy, jm + 1);
        expect(next.start).toBe(range.end);
        for (let day = range.start; day < range.end; day = addDays(day, 1)) {
          const period = jalaliPeriodOf(day);
          expect(period.jy * 100 + period.jm).toBe(jy * 100 + jm);
          const quarter = jalaliQuarterRange(jy, period.quarter);
          expect(day >= quarter.start && day < quarter.end).toBe(true);
        }
      }
      expect(jalaliQuarterRange(jy, 4).end).toBe(jalaliQuarterRange(jy + 1, 1).start);
      expect(jalaliFiscalYearRange(jy).start).toBe(toIsoDate(toGregorian(jy, 1, 1)));
    }
  });

  it('rejects bad arguments', () => {
    expect(() => jalaliMonthRange(1403, 13)).toThrow(RangeError);
    expect(() => jalaliQuarterRange(1403, 5)).toThrow(RangeError);
    expect(() => jalaliQuarterRange(1403, 0)).toThrow(RangeError);
    expect(() => jalaliFiscalYearRange(1403, 0)).toThrow(RangeError);
  });
});

describe('Gregorian periods', () => {
  it('month and quarter ranges', () => {
    expect(gregorianMonthRange(2024, 2)).toEqual({ start: '2024-02-01', end: '2024-03-01' });
    expect(gregorianMonthRange(2024, 12)).toEqual({ start: '2024-12-01', end: '2025-01-01' });
    expect(gregorianQuarterRange(2024, 1)).toEqual({ start: '2024-01-01', end: '2024-04-01' });
    expect(gregorianQuarterRange(2024, 4)).toEqual({ start: '2024-10-01', end: '2025-01-01' });
    expect(gregorianPeriodOf('2024-08-15')).toEqual({ gy: 2024, gm: 8, quarter: 3 });
    expect(() => gregorianQuarterRange(2024, 5)).toThrow(RangeError);
    expect(() => gregorianMonthRange(2024, 0)).toThrow(RangeError);
  });
});
