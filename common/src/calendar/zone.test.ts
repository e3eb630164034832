import { describe, expect, test } from 'vitest';
import { addIsoDays, wallClockInstant, zonedParts } from './zone.ts';

describe('wallClockInstant', () => {
  test('Tehran wall-clock time (UTC+03:30, no daylight saving since 1402) to the UTC instant', () => {
    // 10 Azar 1405, 10:30 in Tehran.
    expect(wallClockInstant('2026-12-01', '10:30', 'Asia/Tehran').toISOString()).toBe('2026-12-01T07:00:00.000Z');
    // Before 1402 Tehran kept summer time (+04:30): 1 Tir 1400, 09:00.
    expect(wallClockInstant('2021-06-22', '09:00', 'Asia/Tehran').toISOString()).toBe('2021-06-22T04:30:00.000Z');
  });

  test('the instant reads back as the same wall clock, on both sides of a clock change', () => {
    for (const [date, time] of [['2026-03-28', '23:30'], ['2026-03-29', '03:30'], ['2026-10-25', '01:15'], ['2026-10-25', '04:00']] as const) {
      const instant = wallClockInstant(date, time, 'Europe/Berlin');
      const p = zonedParts(instant, 'Europe/Berlin');
      expect(`${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`).toBe(`${date} ${time}`);
    }
  });

  test('a time skipped by the spring-forward gap lands just after it; bad input is refused', () => {
    expect(wallClockInstant('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(() => wallClockInstant('2026-02-30', '10:00', 'UTC')).toThrow(RangeError);
    expect(() => wallClockInstant('2026-02-03', '1000', 'UTC')).toThrow(RangeError);
  });
});

describe('addIsoDays', () => {
  test('crosses months, leap days and years in both directions', () => {
    expect(addIsoDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addIsoDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addIsoDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(() => addIsoDays('2025-13-01', 1)).toThrow(RangeError);
  });
});
