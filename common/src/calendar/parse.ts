import { toLatinDigits } from '../text/digits.ts';
import { isValidGregorianDate, isValidJalaliDate, toGregorian, toIsoDate } from './jalali.ts';
import type { CalendarKind } from './types.ts';

// Years the two calendars cannot share: Jalali 1700 is Gregorian 2321 and Gregorian 1600 is
// Jalali 979, so a CRM never meets them in the "wrong" calendar. Only 1601–1699 is ambiguous
// and follows the caller's calendar.
const ALWAYS_GREGORIAN_FROM = 1700;
const ALWAYS_JALALI_UP_TO = 1600;

// One separator (/ - . or the Arabic ٫ ؍, optionally surrounded by spaces) or just spaces.
const DATE_RE = /^([1-9]\d{3})(?:\s*[/\-.\u066B\u060D]\s*|\s+)(\d{1,2})(?:\s*[/\-.\u066B\u060D]\s*|\s+)(\d{1,2})$/;
// Bidi marks and zero-width characters that copy-paste from RTL text leaves around numbers.
const INVISIBLE_RE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g;

/**
 * Reads a date typed by a user, year first (1403/01/15, ۱۴۰۳-۱-۱۵, ٢٠٢٤.٠٤.٠٣, 2024 4 3), in
 * Persian, Arabic-Indic or Latin digits, and returns the Gregorian ISO date 'YYYY-MM-DD', or
 * null if the text is not a valid date.
 *
 * The year must have four digits. A year ≥ 1700 is always Gregorian and a year ≤ 1600 always
 * Jalali, whatever `calendar` says, so a user in either calendar can type a date in the other;
 * `calendar` decides only for 1601–1699. Day-first forms (03/04/2024) are rejected rather than
 * guessed, because d/m vs m/d is ambiguous.
 */
export function parseDateInput(text: string, calendar: CalendarKind): string | null {
  const match = DATE_RE.exec(toLatinDigits(text).replace(INVISIBLE_RE, '').trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);

  const kind: CalendarKind =
    year >= ALWAYS_GREGORIAN_FROM ? 'gregorian' : year <= ALWAYS_JALALI_UP_TO ? 'jalali' : calendar;

  if (kind === 'gregorian') {
    return isValidGregorianDate(year, month, day) ? toIsoDate({ gy: year, gm: month, gd: day }) : null;
  }
  return isValidJalaliDate(year, month, day) ? toIsoDate(toGregorian(year, month, day)) : null;
}
