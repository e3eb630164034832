import { describe, expect, it } from 'vitest';
import { IRAN_PROVINCES, isIranProvinceCode, regionLabel } from '#common/records/iran-provinces.ts';
import { currentFiscalYear } from './fiscal-year.ts';

const tehran = (fiscalYearStartMonth: number, calendar = 'jalali') => ({ calendar, timezone: 'Asia/Tehran', fiscalYearStartMonth });

describe('currentFiscalYear', () => {
  it('runs from 1 Farvardin to 1 Farvardin in a Jalali workspace', () => {
    // 2026-11-24 is 3 Azar 1405; 1405 began on 2026-03-21.
    expect(currentFiscalYear(new Date('2026-11-24T08:00:00Z'), tehran(1))).toEqual({ label: 1405, calendar: 'jalali', start: '2026-03-21', end: '2027-03-21' });
  });

  it('takes the day in the workspace time zone: late on 29 Esfand UTC is already 1 Farvardin in Tehran', () => {
    // 2026-03-20T21:00Z is 00:30 on 2026-03-21 in Tehran (+03:30): 1 Farvardin 1405.
    expect(currentFiscalYear(new Date('2026-03-20T21:00:00Z'), tehran(1)).label).toBe(1405);
    expect(currentFiscalYear(new Date('2026-03-20T20:00:00Z'), tehran(1)).label).toBe(1404);
  });

  it('starts on another month and knows leap years (1403 has 30 Esfand)', () => {
    expect(currentFiscalYear(new Date('2026-11-24T08:00:00Z'), tehran(7))).toEqual({ label: 1405, calendar: 'jalali', start: '2026-09-23', end: '2027-09-23' });
    expect(currentFiscalYear(new Date('2026-06-01T08:00:00Z'), tehran(7))).toMatchObject({ label: 1404, start: '2025-09-23', end: '2026-09-23' });
    // Fiscal year 1403 from 1 Farvardin ends the day after 30 Esfand 1403 (2025-03-20).
    expect(currentFiscalYear(new Date('2025-03-20T08:00:00Z'), tehran(1))).toMatchObject({ label: 1403, end: '2025-03-21' });
  });

  it('counts Gregorian fiscal years from the 1st of the start month', () => {
    expect(currentFiscalYear(new Date('2026-11-24T08:00:00Z'), tehran(1, 'gregorian'))).toEqual({ label: 2026, calendar: 'gregorian', start: '2026-01-01', end: '2027-01-01' });
    expect(currentFiscalYear(new Date('2026-03-01T08:00:00Z'), tehran(4, 'gregorian'))).toEqual({ label: 2025, calendar: 'gregorian', start: '2025-04-01', end: '2026-04-01' });
  });
});

describe('Iranian provinces', () => {
  it('lists the 31 provinces once each, IR-00 to IR-30, with Persian and English names', () => {
    expect(IRAN_PROVINCES).toHaveLength(31);
    expect(IRAN_PROVINCES.map((p) => p.code)).toEqual(Array.from({ length: 31 }, (_, i) => `IR-${String(i).padStart(2, '0')}`));
    expect(new Set(IRAN_PROVINCES.map((p) => p.fa)).size).toBe(31);
    for (const p of IRAN_PROVINCES) expect(p.fa, p.code).not.toMatch(/[يك]/);
    expect(regionLabel('IR-23', 'fa')).toBe('تهران');
    expect(regionLabel('IR-23', 'en')).toBe('Tehran');
    expect(regionLabel('کرج', 'en')).toBe('کرج');
    expect(isIranProvinceCode('IR-31')).toBe(false);
  });
});
