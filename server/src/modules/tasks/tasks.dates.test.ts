import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayIn, dueInstant, nextDueDate, parseDueDate, parseDueTime, zonedInstant } from './tasks.dates.ts';

const jalaliMonthly = (interval = 1, until?: string) => ({ frequency: 'monthly' as const, interval, calendar: 'jalali' as const, until });
const gregorianMonthly = (interval = 1) => ({ frequency: 'monthly' as const, interval, calendar: 'gregorian' as const });

describe('reading due dates and times', () => {
  it('accepts Gregorian ISO, Persian and Arabic digits, and Jalali year-first dates', () => {
    expect(parseDueDate('2025-03-20')).toBe('2025-03-20');
    expect(parseDueDate('۲۰۲۵-۰۳-۲۰')).toBe('2025-03-20');
    expect(parseDueDate('٢٠٢٥-٠٣-٢٠')).toBe('2025-03-20');
    expect(parseDueDate('۱۴۰۳/۱۲/۳۰')).toBe('2025-03-20');
    expect(parseDueDate('1402/12/30')).toBeNull();
    expect(parseDueDate('2025-02-29')).toBeNull();
    expect(parseDueDate('tomorrow')).toBeNull();
  });

  it('reads HH:MM in any digits and refuses impossible times', () => {
    expect(parseDueTime('09:30')).toBe('09:30');
    expect(parseDueTime('۹:۰۵')).toBe('09:05');
    expect(parseDueTime('٢٣:٥٩')).toBe('23:59');
    expect(parseDueTime('24:00')).toBeNull();
    expect(parseDueTime('12:60')).toBeNull();
    expect(parseDueTime('noon')).toBeNull();
  });
});

describe('due instants in the workspace time zone', () => {
  it('turns Tehran wall time into UTC (UTC+03:30, no DST since 1402)', () => {
    expect(zonedInstant('2025-06-01', '09:00', 'Asia/Tehran').toISOString()).toBe('2025-06-01T05:30:00.000Z');
    expect(zonedInstant('2025-06-01', '02:00', 'Asia/Tehran').toISOString()).toBe('2025-05-31T22:30:00.000Z');
  });

  it('follows a zone with daylight saving time on both sides of the change', () => {
    expect(zonedInstant('2025-01-15', '10:00', 'Europe/Berlin').toISOString()).toBe('2025-01-15T09:00:00.000Z');
    expect(zonedInstant('2025-07-15', '10:00', 'Europe/Berlin').toISOString()).toBe('2025-07-15T08:00:00.000Z');
  });

  it('puts an all-day task at the last millisecond of its day in the zone', () => {
    expect(dueInstant('2025-06-01', null, 'Asia/Tehran').toISOString()).toBe('2025-06-01T20:29:59.999Z');
    expect(dueInstant('2025-06-01', null, 'UTC').toISOString()).toBe('2025-06-01T23:59:59.999Z');
    expect(dayIn(dueInstant('2025-06-01', null, 'Asia/Tehran'), 'Asia/Tehran')).toBe('2025-06-01');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });
});

describe('next due date of a recurring task', () => {
  it('steps days and weeks', () => {
    expect(nextDueDate('2025-03-19', { frequency: 'daily', interval: 3, calendar: 'gregorian' })).toBe('2025-03-22');
    expect(nextDueDate('2025-03-19', { frequency: 'weekly', interval: 2, calendar: 'jalali' })).toBe('2025-04-02');
  });

  it('keeps the Jalali day of month: 1403/01/15 → 1403/02/15', () => {
    // 1403/01/15 = 2024-04-03; 1403/02/15 = 2024-05-04
    expect(nextDueDate('2024-04-03', jalaliMonthly())).toBe('2024-05-04');
  });

  it('clamps a Jalali 31st to 30 in Mehr and to 30 in the Esfand of a leap year (1403/12/30 exists)', () => {
    // 1403/06/31 = 2024-09-21 → 1403/07/30 = 2024-10-21
    expect(nextDueDate('2024-09-21', jalaliMonthly())).toBe('2024-10-21');
    // 1403/11/30 = 2025-02-18 → 1403/12/30 = 2025-03-20 (leap Esfand)
    expect(nextDueDate('2025-02-18', jalaliMonthly(), '2024-09-21')).toBe('2025-03-20');
    // and back to the 31st once a month has one: 1403/12/30 → 1404/01/31 = 2025-04-20
    expect(nextDueDate('2025-03-20', jalaliMonthly(), '2024-09-21')).toBe('2025-04-20');
  });

  it('clamps to 29 in the Esfand of a common year (1404/12/29)', () => {
    // 1404/11/30 = 2026-02-19 → 1404/12/29 = 2026-03-20
    expect(nextDueDate('2026-02-19', jalaliMonthly())).toBe('2026-03-20');
  });

  it('yearly in Jalali: 1403/12/30 → 1404/12/29 (1404 is not leap)', () => {
    expect(nextDueDate('2025-03-20', { frequency: 'yearly', interval: 1, calendar: 'jalali' })).toBe('2026-03-20');
    // 1403/01/01 = 2024-03-20 → 1404/01/01 = 2025-03-21 (Nowruz moves in the Gregorian calendar)
    expect(nextDueDate('2024-03-20', { frequency: 'yearly', interval: 1, calendar: 'jalali' })).toBe('2025-03-21');
  });

  it('Gregorian month ends: Jan 31 → Feb 29 in a leap year, Feb 28 otherwise, back to the 31st', () => {
    expect(nextDueDate('2024-01-31', gregorianMonthly())).toBe('2024-02-29');
    expect(nextDueDate('2025-01-31', gregorianMonthly())).toBe('2025-02-28');
    expect(nextDueDate('2025-02-28', gregorianMonthly(), '2025-01-31')).toBe('2025-03-31');
    expect(nextDueDate('2025-11-30', gregorianMonthly(3))).toBe('2026-02-28');
    expect(addMonths('2025-12-15', 1, 'gregorian', 15)).toBe('2026-01-15');
  });

  it('Gregorian yearly from Feb 29 falls on Feb 28 of a common year', () => {
    expect(nextDueDate('2024-02-29', { frequency: 'yearly', interval: 1, calendar: 'gregorian' })).toBe('2025-02-28');
    expect(nextDueDate('2024-02-29', { frequency: 'yearly', interval: 4, calendar: 'gregorian' })).toBe('2028-02-29');
  });

  it('stops after `until` (inclusive)', () => {
    expect(nextDueDate('2024-04-03', jalaliMonthly(1, '2024-05-04'))).toBe('2024-05-04');
    expect(nextDueDate('2024-04-03', jalaliMonthly(1, '2024-05-03'))).toBeNull();
  });

  it('crosses the Jalali year: 1403/12/15 + 2 months = 1404/02/15', () => {
    // 1403/12/15 = 2025-03-05; 1404/02/15 = 2025-05-05
    expect(nextDueDate('2025-03-05', jalaliMonthly(2))).toBe('2025-05-05');
  });
});
