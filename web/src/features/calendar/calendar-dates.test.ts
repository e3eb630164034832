import { describe, expect, it } from 'vitest';
import { dayOf, layoutLanes, monthGrid, monthTitle, moveToDay, shiftMonth, startOfWeek, step, timeOf, visibleDays, weekdayHeaders, zonedIso } from './calendar-dates.ts';

describe('calendar dates', () => {
  it('lays out a Jalali month from Saturday: Azar 1405 opens on the Saturday before its 1st', () => {
    const weeks = monthGrid('2026-12-01', 'jalali', 6);
    expect(weeks[0]![0]).toBe('2026-11-21'); // 1 Azar 1405 (22 Nov) is a Sunday: the grid opens on Saturday 30 Aban
    expect(weeks.at(-1)!.includes('2026-12-21')).toBe(true); // 30 Azar
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(monthTitle('2026-12-01', 'jalali', 'fa')).toEqual({ name: 'آذر', year: 1405 });
    expect(weekdayHeaders(6, 'fa')[0]).toBe('شنبه');
    expect(weekdayHeaders(6, 'fa')[6]).toBe('جمعه');
  });

  it('lays out a Gregorian month from Sunday in English', () => {
    const weeks = monthGrid('2026-12-15', 'gregorian', 0);
    expect(weeks[0]![0]).toBe('2026-11-29');
    expect(weeks.at(-1)![6]).toBe('2027-01-02');
    expect(weekdayHeaders(0, 'en')[0]).toBe('Sunday');
    expect(monthTitle('2026-12-15', 'gregorian', 'en')).toEqual({ name: 'December', year: 2026 });
  });

  it('steps months in the Jalali calendar and weeks from the locale start', () => {
    expect(shiftMonth('2026-12-01', 1, 'jalali')).toBe('2026-12-22'); // 1 Dey 1405
    expect(shiftMonth('2026-12-01', -1, 'jalali')).toBe('2026-10-23'); // 1 Aban 1405
    expect(step('week', '2026-12-01', -1, 'jalali')).toBe('2026-11-24');
    expect(startOfWeek('2026-12-01', 6)).toBe('2026-11-28');
    expect(startOfWeek('2026-12-01', 0)).toBe('2026-11-29');
    expect(visibleDays('week', '2026-12-01', 'jalali', 6)).toHaveLength(7);
    expect(visibleDays('day', '2026-12-01', 'jalali', 6)).toEqual(['2026-12-01']);
  });

  it('reads and writes the Tehran wall clock whatever the browser zone', () => {
    expect(zonedIso('2026-12-01', '10:30', 'Asia/Tehran')).toBe('2026-12-01T07:00:00.000Z');
    expect(dayOf('2026-11-30T21:00:00Z', 'Asia/Tehran')).toBe('2026-12-01');
    expect(timeOf('2026-12-01T07:00:00Z', 'Asia/Tehran')).toBe('10:30');
    expect(moveToDay('2026-12-01T07:00:00.000Z', '2026-12-03', 'Asia/Tehran')).toBe('2026-12-03T07:00:00.000Z');
  });

  it('puts overlapping events side by side', () => {
    const lanes = layoutLanes([
      { id: 'a', start: 600, end: 660 },
      { id: 'b', start: 630, end: 690 },
      { id: 'c', start: 700, end: 730 },
    ]);
    expect(lanes.get('a')).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get('b')).toEqual({ lane: 1, lanes: 2 });
    expect(lanes.get('c')).toEqual({ lane: 0, lanes: 1 });
  });
});
