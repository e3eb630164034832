import { afterEach, describe, expect, it } from 'vitest';
import {
  dateParts,
  formatDate,
  formatDateTime,
  formatRelative,
  gregorianMonthNames,
  jalaliMonthNames,
  jalaliWeekdayNames,
  toGregorian,
  toJalaliInZone,
  weekdayName,
} from './index.ts';

// 21:00 UTC on 3 April 2024 is already 00:30 on 4 April in Tehran (UTC+03:30, no DST since 2022):
// the calendar date depends on the zone, which is the point of these cases.
const NEAR_MIDNIGHT = '2024-04-03T21:00:00Z';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('dateParts / toJalaliInZone', () => {
  it('reads the calendar date of the instant in the given zone', () => {
    expect(dateParts(NEAR_MIDNIGHT, 'UTC')).toEqual({ year: 2024, month: 4, day: 3 });
    expect(dateParts(NEAR_MIDNIGHT, 'Asia/Tehran')).toEqual({ year: 2024, month: 4, day: 4 });
    expect(dateParts(new Date(NEAR_MIDNIGHT), 'America/Los_Angeles')).toEqual({ year: 2024, month: 4, day: 3 });
    expect(dateParts(Date.parse(NEAR_MIDNIGHT), 'Asia/Tokyo')).toEqual({ year: 2024, month: 4, day: 4 });
    expect(toJalaliInZone(NEAR_MIDNIGHT, 'UTC')).toEqual({ jy: 1403, jm: 1, jd: 15 });
    expect(toJalaliInZone(NEAR_MIDNIGHT, 'Asia/Tehran')).toEqual({ jy: 1403, jm: 1, jd: 16 });
  });

  it('treats a plain ISO date as a calendar date, never shifted by a zone', () => {
    expect(dateParts('2024-04-03', 'America/Los_Angeles')).toEqual({ year: 2024, month: 4, day: 3 });
    expect(dateParts('2024-04-03', 'Pacific/Kiritimati')).toEqual({ year: 2024, month: 4, day: 3 });
  });

  it('rejects invalid dates and zones', () => {
    expect(() => dateParts('not a date', 'UTC')).toThrow(RangeError);
    expect(() => dateParts(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
    expect(() => dateParts(NEAR_MIDNIGHT, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  const cases: Array<[string, Parameters<typeof formatDate>[1], string]> = [
    ['fa jalali short, Tehran', { locale: 'fa', calendar: 'jalali' }, '۱۴۰۳/۰۱/۱۶'],
    ['fa jalali short, UTC', { locale: 'fa', calendar: 'jalali', timeZone: 'UTC' }, '۱۴۰۳/۰۱/۱۵'],
    ['fa jalali long, Tehran', { locale: 'fa', calendar: 'jalali', style: 'long' }, '۱۶ فروردین ۱۴۰۳'],
    ['fa jalali long, UTC', { locale: 'fa', calendar: 'jalali', style: 'long', timeZone: 'UTC' }, '۱۵ فروردین ۱۴۰۳'],
    ['en gregorian short, Tehran', { locale: 'en', calendar: 'gregorian' }, '2024-04-04'],
    ['en gregorian short, UTC', { locale: 'en', calendar: 'gregorian', timeZone: 'UTC' }, '2024-04-03'],
    ['en gregorian long, UTC', { locale: 'en', calendar: 'gregorian', style: 'long', timeZone: 'UTC' }, '3 April 2024'],
    ['en gregorian long, Tehran', { locale: 'en', calendar: 'gregorian', style: 'long', timeZone: 'Asia/Tehran' }, '4 April 2024'],
    ['fa gregorian short, UTC', { locale: 'fa', calendar: 'gregorian', timeZone: 'UTC' }, '۲۰۲۴/۰۴/۰۳'],
    ['fa gregorian long, UTC', { locale: 'fa', calendar: 'gregorian', style: 'long', timeZone: 'UTC' }, '۳ آوریل ۲۰۲۴'],
    ['fa gregorian long, Tehran', { locale: 'fa', calendar: 'gregorian', style: 'long' }, '۴ آوریل ۲۰۲۴'],
    ['en jalali short, UTC', { locale: 'en', calendar: 'jalali', timeZone: 'UTC' }, '1403/01/15'],
    ['en jalali long, UTC', { locale: 'en', calendar: 'jalali', style: 'long', timeZone: 'UTC' }, '15 Farvardin 1403'],
    ['en jalali long, Tehran', { locale: 'en', calendar: 'jalali', style: 'long' }, '16 Farvardin 1403'],
    ['fa jalali short + time, Tehran', { locale: 'fa', calendar: 'jalali', withTime: true }, '۱۴۰۳/۰۱/۱۶ ۰۰:۳۰'],
    ['fa jalali short + time, UTC', { locale: 'fa', calendar: 'jalali', withTime: true, timeZone: 'UTC' }, '۱۴۰۳/۰۱/۱۵ ۲۱:۰۰'],
    ['fa jalali long + time', { locale: 'fa', calendar: 'jalali', style: 'long', withTime: true }, '۱۶ فروردین ۱۴۰۳، ۰۰:۳۰'],
    ['en gregorian short + time, UTC', { locale: 'en', calendar: 'gregorian', withTime: true, timeZone: 'UTC' }, '2024-04-03 21:00'],
    ['en gregorian long + time, LA', { locale: 'en', calendar: 'gregorian', style: 'long', withTime: true, timeZone: 'America/Los_Angeles' }, '3 April 2024, 14:00'],
    ['fa jalali long + weekday', { locale: 'fa', calendar: 'jalali', style: 'long', withWeekday: true, timeZone: 'UTC' }, 'چهارشنبه ۱۵ فروردین ۱۴۰۳'],
    ['en gregorian long + weekday', { locale: 'en', calendar: 'gregorian', style: 'long', withWeekday: true }, 'Thursday, 4 April 2024'],
  ];

  it.each(cases)('%s', (_name, options, expected) => {
    expect(formatDate(NEAR_MIDNIGHT, options)).toBe(expected);
  });

  it('does not depend on the time zone of the process', () => {
    const zones = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Tehran', 'Pacific/Pago_Pago'];
    const offsets = new Set<number>();
    for (const zone of zones) {
      process.env.TZ = zone; // Node re-reads TZ on assignment
      offsets.add(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset());
      for (const [name, options, expected] of cases) {
        expect(formatDate(NEAR_MIDNIGHT, options), `${name} with TZ=${zone}`).toBe(expected);
        expect(formatDate(new Date(NEAR_MIDNIGHT), options), `${name} (Date) with TZ=${zone}`).toBe(expected);
      }
      expect(formatDate('2024-04-03', { locale: 'fa', calendar: 'jalali', timeZone: 'Pacific/Kiritimati' })).toBe('۱۴۰۳/۰۱/۱۵');
    }
    // Proves the TZ switch really happened, otherwise this test would prove nothing.
    expect(offsets.size).toBe(zones.length);
  });

  it('formats a plain ISO date without shifting it and without a time', () => {
    expect(formatDate('2025-03-20', { locale: 'fa', calendar: 'jalali', style: 'long', timeZone: 'America/New_York' })).toBe('۳۰ اسفند ۱۴۰۳');
    expect(formatDate('2025-03-20', { locale: 'en', calendar: 'gregorian', withTime: true })).toBe('2025-03-20');
  });

  it('formatDateTime adds HH:mm in the zone', () => {
    expect(formatDateTime(NEAR_MIDNIGHT, { locale: 'fa', calendar: 'jalali' })).toBe('۱۴۰۳/۰۱/۱۶ ۰۰:۳۰');
    expect(formatDateTime('2024-04-03T09:05:00+03:30', { locale: 'en', calendar: 'gregorian', timeZone: 'Asia/Tehran' })).toBe('2024-04-03 09:05');
    // Midnight is 00, never 24.
    expect(formatDateTime('2024-04-03T00:00:00Z', { locale: 'en', calendar: 'gregorian', timeZone: 'UTC' })).toBe('2024-04-03 00:00');
  });

  it('accepts the timestamp spellings PostgreSQL and JSON use', () => {
    const utc = { locale: 'en', calendar: 'gregorian', timeZone: 'UTC', withTime: true } as const;
    expect(formatDate('2024-04-03 21:00:00+00', utc)).toBe('2024-04-03 21:00');
    expect(formatDate('2024-04-04T00:30:00+0330', utc)).toBe('2024-04-03 21:00');
    expect(formatDate('2024-04-04T00:30:00.123456+03:30', utc)).toBe('2024-04-03 21:00');
    expect(formatDate('2024-04-03t21:00z', utc)).toBe('2024-04-03 21:00');
    expect(formatDate(Date.parse(NEAR_MIDNIGHT), utc)).toBe('2024-04-03 21:00');
  });

  it.each(['2024-13-45T00:00:00Z', '2023-02-29', '2023-02-29T10:00:00Z', '2024-04-03T10:00', 'April 3, 2024', '', 'x'])(
    'throws on the invalid or zone-less value %j',
    (value) => {
      expect(() => formatDate(value, { locale: 'fa', calendar: 'jalali' })).toThrow(RangeError);
    },
  );
});

describe('names (cross-checked with ICU)', () => {
  it('Jalali month names match Intl persian calendar in fa and en', () => {
    for (const locale of ['fa', 'en'] as const) {
      const intl = new Intl.DateTimeFormat(`${locale}-u-ca-persian`, { month: 'long', timeZone: 'UTC' });
      const fromIcu = Array.from({ length: 12 }, (_, i) => {
        const g = toGregorian(1403, i + 1, 10);
        return intl.format(Date.UTC(g.gy, g.gm - 1, g.gd));
      });
      expect(jalaliMonthNames(locale)).toEqual(fromIcu);
    }
    expect(jalaliMonthNames('fa')[0]).toBe('فروردین');
    expect(jalaliMonthNames('fa')[11]).toBe('اسفند');
  });

  it('Gregorian month names match Intl gregory calendar', () => {
    for (const locale of ['fa', 'en'] as const) {
      const intl = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { month: 'long', timeZone: 'UTC' });
      expect(gregorianMonthNames(locale)).toEqual(Array.from({ length: 12 }, (_, i) => intl.format(Date.UTC(2024, i, 10))));
    }
    expect(gregorianMonthNames('fa')[0]).toBe('ژانویه');
  });

  it('weekdays start on Saturday and match Intl', () => {
    for (const locale of ['fa', 'en'] as const) {
      const intl = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
      // 2024-03-23 is a Saturday.
      expect(jalaliWeekdayNames(locale)).toEqual(Array.from({ length: 7 }, (_, i) => intl.format(Date.UTC(2024, 2, 23 + i))));
    }
    expect(jalaliWeekdayNames('fa')[0]).toBe('شنبه');
    expect(jalaliWeekdayNames('fa')[6]).toBe('جمعه');
    expect(weekdayName(6, 'fa')).toBe('شنبه');
    expect(weekdayName(5, 'en')).toBe('Friday');
  });

  it('returns copies, so callers cannot corrupt the tables', () => {
    jalaliMonthNames('fa').pop();
    expect(jalaliMonthNames('fa')).toHaveLength(12);
  });
});

describe('formatRelative', () => {
  const now = new Date('2024-04-10T12:00:00Z');
  it('picks a sensible unit', () => {
    expect(formatRelative('2024-04-07T12:00:00Z', { locale: 'fa', now })).toBe('۳ روز پیش');
    expect(formatRelative('2024-04-07T12:00:00Z', { locale: 'en', now })).toBe('3 days ago');
    expect(formatRelative('2024-04-09T12:00:00Z', { locale: 'en', now })).toBe('yesterday');
    expect(formatRelative('2024-04-10T14:00:00Z', { locale: 'en', now })).toBe('in 2 hours');
    expect(formatRelative('2024-04-10T11:59:50Z', { locale: 'en', now })).toBe('10 seconds ago');
    expect(formatRelative('2022-04-10T12:00:00Z', { locale: 'en', now })).toBe('2 years ago');
    expect(formatRelative('2024-04-13', { locale: 'en', now })).toBe('in 3 days');
    expect(() => formatRelative('2024-04-13T10:00', { locale: 'en', now })).toThrow(RangeError);
  });
});
