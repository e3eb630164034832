import type { Locale } from './types.ts';

// Spellings follow ICU/CLDR ('fa-u-ca-persian', 'fa-u-ca-gregory', 'en-u-ca-persian'); the tests
// compare them with Intl so a typo or a different ی/ک cannot slip in.
const JALALI_MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  fa: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
  en: ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'],
};

const GREGORIAN_MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  fa: ['ژانویه', 'فوریه', 'مارس', 'آوریل', 'مه', 'ژوئن', 'ژوئیه', 'اوت', 'سپتامبر', 'اکتبر', 'نوامبر', 'دسامبر'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

// Saturday first: the Iranian week runs شنبه … جمعه (Friday is the weekend).
const WEEKDAYS_FROM_SATURDAY: Readonly<Record<Locale, readonly string[]>> = {
  fa: ['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه'],
  en: ['Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
};

/** Jalali month names, index 0 = Farvardin (فروردین). */
export function jalaliMonthNames(locale: Locale): string[] {
  return [...JALALI_MONTHS[locale]];
}

/** Gregorian month names, index 0 = January (fa: ژانویه). */
export function gregorianMonthNames(locale: Locale): string[] {
  return [...GREGORIAN_MONTHS[locale]];
}

/** Weekday names of the Iranian week, index 0 = Saturday (شنبه) … 6 = Friday (جمعه). */
export function jalaliWeekdayNames(locale: Locale): string[] {
  return [...WEEKDAYS_FROM_SATURDAY[locale]];
}

/** Weekday name for a JS day number (0 = Sunday … 6 = Saturday, as from Date#getUTCDay). */
export function weekdayName(jsDay: number, locale: Locale): string {
  // Saturday (6) is index 0 of the Iranian week.
  return WEEKDAYS_FROM_SATURDAY[locale][(jsDay + 1) % 7] ?? '';
}
