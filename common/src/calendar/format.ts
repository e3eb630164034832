import { toPersianDigits } from '../text/digits.ts';
import { gregorianWeekday, toJalali } from './jalali.ts';
import { gregorianMonthNames, jalaliMonthNames, weekdayName } from './names.ts';
import { DEFAULT_TIME_ZONE, type CalendarKind, type DateValue, type Locale } from './types.ts';
import { toInstant, zonedParts } from './zone.ts';

export type FormatDateOptions = {
  locale: Locale;
  calendar: CalendarKind;
  /** IANA zone the instant is shown in; default Asia/Tehran. Ignored for plain 'YYYY-MM-DD'. */
  timeZone?: string;
  /** short: ۱۴۰۳/۰۱/۱۵ · 2024-04-03; long: ۱۵ فروردین ۱۴۰۳ · 3 April 2024. Default short. */
  style?: 'short' | 'long';
  /** Adds HH:mm (24-hour) in the zone. Ignored for plain 'YYYY-MM-DD' values, which have no time. */
  withTime?: boolean;
  /** Prefixes the weekday (long style only): «چهارشنبه ۱۵ فروردین ۱۴۰۳», "Wednesday, 3 April 2024". */
  withWeekday?: boolean;
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats an instant (Date, epoch ms or ISO timestamp) or a calendar date ('YYYY-MM-DD') for display in
 * the user's calendar and language. The formats are built here from the date parts rather than
 * with Intl's own patterns, because ICU's fa patterns vary by version (e.g. «۱۴۰۳/۱/۱۵» without
 * zero padding) and the UI needs them stable.
 *
 *                   short               long
 *   fa + jalali     ۱۴۰۳/۰۱/۱۵          ۱۵ فروردین ۱۴۰۳
 *   fa + gregorian  ۲۰۲۴/۰۴/۰۳          ۳ آوریل ۲۰۲۴
 *   en + jalali     1403/01/15          15 Farvardin 1403
 *   en + gregorian  2024-04-03          3 April 2024
 *
 * withTime appends « ۱۴:۰۵» (short) or «، ۱۴:۰۵» / ", 14:05" (long).
 * Throws RangeError on an invalid date or time zone.
 */
export function formatDate(value: DateValue, options: FormatDateOptions): string {
  const { locale, calendar, timeZone = DEFAULT_TIME_ZONE, style = 'short', withTime = false, withWeekday = false } = options;
  const parts = zonedParts(value, timeZone);
  const gregorian = { gy: parts.year, gm: parts.month, gd: parts.day };

  let year: number;
  let month: number;
  let day: number;
  if (calendar === 'jalali') {
    const { jy, jm, jd } = toJalali(gregorian.gy, gregorian.gm, gregorian.gd);
    [year, month, day] = [jy, jm, jd];
  } else {
    [year, month, day] = [gregorian.gy, gregorian.gm, gregorian.gd];
  }

  let text: string;
  if (style === 'long') {
    const monthName = (calendar === 'jalali' ? jalaliMonthNames(locale) : gregorianMonthNames(locale))[month - 1];
    text = `${day} ${monthName} ${year}`;
    if (withWeekday) {
      const weekday = weekdayName(gregorianWeekday(gregorian), locale);
      text = locale === 'fa' ? `${weekday} ${text}` : `${weekday}, ${text}`;
    }
  } else {
    // ISO order and dashes for English Gregorian; Iranians write both calendars with slashes.
    const separator = locale === 'en' && calendar === 'gregorian' ? '-' : '/';
    text = [String(year).padStart(4, '0'), pad2(month), pad2(day)].join(separator);
  }

  if (withTime && !parts.dateOnly) {
    const time = `${pad2(parts.hour)}:${pad2(parts.minute)}`;
    if (style === 'long') text += locale === 'fa' ? `، ${time}` : `, ${time}`;
    else text += ` ${time}`;
  }

  return locale === 'fa' ? toPersianDigits(text) : text;
}

/** formatDate with the time of day (HH:mm in the zone). */
export function formatDateTime(value: DateValue, options: Omit<FormatDateOptions, 'withTime'>): string {
  return formatDate(value, { ...options, withTime: true });
}

const relativeFormatterCache = new Map<Locale, Intl.RelativeTimeFormat>();

const RELATIVE_STEPS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * "3 days ago" / «۳ روز پیش», "in 2 hours" / «۲ ساعت بعد», "yesterday" / «دیروز». Months are
 * approximated as 30 days and years as 12 such months, which is fine for "last contacted"
 * labels; use formatDate when the exact date matters.
 */
export function formatRelative(value: DateValue, options: { locale: Locale; now?: Date }): string {
  const { locale, now = new Date() } = options;
  const instant = toInstant(value);
  let formatter = relativeFormatterCache.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale === 'fa' ? 'fa-IR-u-nu-arabext' : 'en-u-nu-latn', { numeric: 'auto' });
    relativeFormatterCache.set(locale, formatter);
  }
  let amount = (instant.getTime() - now.getTime()) / 1000;
  for (const [unit, perNext] of RELATIVE_STEPS) {
    if (Math.abs(Math.round(amount)) < perNext) return formatter.format(Math.round(amount), unit);
    amount /= perNext;
  }
  return formatter.format(Math.round(amount), 'year');
}
