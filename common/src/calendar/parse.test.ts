import { describe, expect, it } from 'vitest';
import { parseDateInput, toGregorian, toIsoDate } from './index.ts';

describe('parseDateInput', () => {
  it.each([
    '1403/01/15',
    '1403/1/15',
    '۱۴۰۳/۰۱/۱۵',
    '١٤٠٣/٠١/١٥',
    '۱۴03/٠1/15',
    '1403-01-15',
    '۱۴۰۳-۱-۱۵',
    '1403.01.15',
    '١٤٠٣.١.١٥',
    '1403 01 15',
    '۱۴۰۳ ۱ ۱۵',
    '1403 / 01 / 15',
    '  1403/01/15  ',
    '\u200F۱۴۰۳/۰۱/۱۵\u200F',
    '۱۴۰۳٫۰۱٫۱۵',
  ])('reads Jalali %j as 2024-04-03', (text) => {
    expect(parseDateInput(text, 'jalali')).toBe('2024-04-03');
  });

  it.each(['2024-04-03', '2024/4/3', '۲۰۲۴/۰۴/۰۳', '٢٠٢٤-٠٤-٠٣', '2024.04.03', '2024 4 3'])(
    'reads Gregorian %j as 2024-04-03',
    (text) => {
      expect(parseDateInput(text, 'gregorian')).toBe('2024-04-03');
    },
  );

  it('lets the year decide the calendar whatever the user preference says', () => {
    expect(parseDateInput('2024-04-03', 'jalali')).toBe('2024-04-03');
    expect(parseDateInput('۲۰۲۴/۴/۳', 'jalali')).toBe('2024-04-03');
    expect(parseDateInput('1403/01/15', 'gregorian')).toBe('2024-04-03');
    expect(parseDateInput('1600/01/01', 'gregorian')).toBe(toIsoDate(toGregorian(1600, 1, 1)));
    expect(parseDateInput('1700-01-01', 'jalali')).toBe('1700-01-01');
  });

  it('follows the preference only for the ambiguous years 1601–1699', () => {
    expect(parseDateInput('1650/01/01', 'jalali')).toBe(toIsoDate(toGregorian(1650, 1, 1)));
    expect(parseDateInput('1650/01/01', 'gregorian')).toBe('1650-01-01');
  });

  it('handles leap days in both calendars', () => {
    expect(parseDateInput('1403/12/30', 'jalali')).toBe('2025-03-20');
    expect(parseDateInput('۱۴۰۳/۱۲/۳۰', 'gregorian')).toBe('2025-03-20');
    expect(parseDateInput('1402/12/30', 'jalali')).toBeNull();
    expect(parseDateInput('1402/12/29', 'jalali')).toBe('2024-03-19');
    expect(parseDateInput('2024-02-29', 'gregorian')).toBe('2024-02-29');
    expect(parseDateInput('2023-02-29', 'gregorian')).toBeNull();
    expect(parseDateInput('1900-02-29', 'gregorian')).toBeNull();
    expect(parseDateInput('2000-02-29', 'gregorian')).toBe('2000-02-29');
  });

  it.each([
    '',
    '   ',
    'hello',
    '1403/13/01',
    '1403/00/10',
    '1403/07/31',
    '1403/01/00',
    '1403/01/32',
    '2024-04-31',
    '03/04/2024',
    '15/01/1403',
    '03/01/15',
    '1403/01',
    '1403/01/15/2',
    '14030115',
    '0403/01/01',
    '1403//01/15',
    '1403/01/15 ق.ظ',
    '1403/001/15',
    '۱۴۰۳/۰۱/۱۵۵',
  ])('rejects %j', (text) => {
    expect(parseDateInput(text, 'jalali')).toBeNull();
    expect(parseDateInput(text, 'gregorian')).toBeNull();
  });
});
