export { DEFAULT_TIME_ZONE } from './types.ts';
export type { CalendarKind, DateParts, DateRange, DateValue, GregorianDate, JalaliDate, Locale } from './types.ts';
export {
  gregorianMonthLength,
  gregorianWeekday,
  isJalaliLeapYear,
  isValidGregorianDate,
  isValidJalaliDate,
  jalaliMonthLength,
  parseIsoDate,
  toGregorian,
  toIsoDate,
  toJalali,
} from './jalali.ts';
export { addIsoDays, dateParts, toInstant, toJalaliInZone, wallClockInstant, zonedParts } from './zone.ts';
export type { ZonedParts } from './zone.ts';
export { gregorianMonthNames, jalaliMonthNames, jalaliWeekdayNames, weekdayName } from './names.ts';
export { formatDate, formatDateTime, formatRelative } from './format.ts';
export type { FormatDateOptions } from './format.ts';
export { parseDateInput } from './parse.ts';
export {
  gregorianMonthRange,
  gregorianPeriodOf,
  gregorianQuarterRange,
  jalaliFiscalYearOf,
  jalaliFiscalYearRange,
  jalaliMonthRange,
  jalaliPeriodOf,
  jalaliQuarterRange,
} from './periods.ts';
export type { GregorianPeriod, JalaliPeriod } from './periods.ts';
