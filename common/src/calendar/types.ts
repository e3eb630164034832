export type CalendarKind = 'jalali' | 'gregorian';

export type Locale = 'fa' | 'en';

export type JalaliDate = { jy: number; jm: number; jd: number };

export type GregorianDate = { gy: number; gm: number; gd: number };

/** Calendar date (Gregorian) of an instant as seen in some time zone. */
export type DateParts = { year: number; month: number; day: number };

/** Half-open period of ISO dates 'YYYY-MM-DD': start inclusive, end exclusive. */
export type DateRange = { start: string; end: string };

/**
 * What the formatting functions accept: a Date, epoch milliseconds, an ISO timestamp that
 * carries its zone ('2024-04-03T20:45:00Z', '2024-04-03 20:45:00+03:30'; zone-less ones are
 * rejected), or a plain ISO calendar date 'YYYY-MM-DD' (never shifted by a time zone).
 */
export type DateValue = Date | string | number;

/** Where the instant/date "lives" unless the user says otherwise: Peyvand is Iran-first. */
export const DEFAULT_TIME_ZONE = 'Asia/Tehran';
