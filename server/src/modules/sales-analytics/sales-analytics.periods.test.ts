import { describe, expect, it } from 'vitest';
import { defaultRange, periodContaining, periodsBetween } from './sales-analytics.periods.ts';

const jalali = { calendar: 'jalali' as const, fiscalYearStartMonth: 1 };
const gregorian = { calendar: 'gregorian' as const, fiscalYearStartMonth: 1 };

describe('report periods', () => {
  it('puts 30 Esfand 1403 (a leap year, 2025-03-20) in Esfand, Q4 and fiscal year 1403', () => {
    expect(periodContaining('2025-03-20', 'month', jalali)).toEqual({
      key: '1403-12',
      start: '2025-02-19',
      end: '2025-03-21',
      labelFa: 'اسفند ۱۴۰۳',
      labelEn: 'Esfand 1403',
    });
    expect(periodContaining('2025-03-20', 'quarter', jalali)).toMatchObject({ key: 'FY1403-Q4', start: '2024-12-21', end: '2025-03-21', labelEn: 'Q4 1403' });
    expect(periodContaining('2025-03-20', 'year', jalali)).toMatchObject({ key: 'FY1403', start: '2024-03-20', end: '2025-03-21', labelFa: 'سال مالی ۱۴۰۳' });
    // The next day is 1 Farvardin 1404.
    expect(periodContaining('2025-03-21', 'month', jalali)).toMatchObject({ key: '1404-01', labelFa: 'فروردین ۱۴۰۴' });
    expect(periodContaining('2025-03-21', 'quarter', jalali).labelFa).toBe('سه‌ماههٔ اول ۱۴۰۴');
  });

  it('counts quarters and fiscal years from the fiscal start month', () => {
    const fromMehr = { calendar: 'jalali' as const, fiscalYearStartMonth: 7 };
    // 1 Mehr 1403 = 2024-09-22 starts fiscal year 1403; Farvardin 1404 is its third quarter.
    expect(periodContaining('2024-09-22', 'year', fromMehr)).toMatchObject({ key: 'FY1403', start: '2024-09-22', end: '2025-09-23' });
    expect(periodContaining('2025-04-01', 'quarter', fromMehr)).toMatchObject({ key: 'FY1403-Q3', labelFa: 'سه‌ماههٔ سوم ۱۴۰۳' });
    expect(periodContaining('2024-05-01', 'year', { calendar: 'gregorian', fiscalYearStartMonth: 4 })).toMatchObject({ key: 'FY2024', start: '2024-04-01', end: '2025-04-01' });
  });

  it('lists consecutive periods without gaps and refuses too many', () => {
    const months = periodsBetween('2025-03-21', '2026-03-20', 'month', jalali, 100)!;
    expect(months.map((p) => p.key)).toEqual(Array.from({ length: 12 }, (_, i) => `1404-${String(i + 1).padStart(2, '0')}`));
    for (let i = 1; i < months.length; i++) expect(months[i]!.start).toBe(months[i - 1]!.end);
    expect(periodsBetween('2025-01-15', '2025-12-31', 'quarter', gregorian, 10)!.map((p) => p.labelEn)).toEqual(['Q1 2025', 'Q2 2025', 'Q3 2025', 'Q4 2025']);
    expect(periodsBetween('2000-01-01', '2025-01-01', 'month', gregorian, 60)).toBeNull();
  });

  it('defaults to the current fiscal year (or three years around it)', () => {
    expect(defaultRange('2025-11-24', 'month', jalali)).toEqual({ from: '2025-03-21', to: '2026-03-20' });
    expect(defaultRange('2025-11-24', 'year', jalali)).toEqual({ from: '2024-03-20', to: '2027-03-20' });
  });
});
