import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  DEFAULT_TIME_ZONE,
  dateParts,
  formatDate,
  formatRelative,
  gregorianWeekday,
  weekdayName,
  type CalendarKind,
  type DateValue,
} from '#common/calendar/index.ts';
import { formatNumber, toPersianDigits } from '#common/text/index.ts';
import { useT, type UiLocale } from '../i18n/index.ts';

export type FormatPrefs = {
  calendar: CalendarKind;
  /** IANA zone used for "today" and timestamps; the browser's when absent. */
  timeZone?: string;
};

const FormatPrefsContext = createContext<Partial<FormatPrefs>>({});

export function FormatPrefsProvider({ value, children }: { value: Partial<FormatPrefs>; children: ReactNode }) {
  return <FormatPrefsContext.Provider value={value}>{children}</FormatPrefsContext.Provider>;
}

export function defaultCalendarFor(locale: UiLocale): CalendarKind {
  return locale === 'fa' ? 'jalali' : 'gregorian';
}

type DateInput = DateValue;

export type Formatters = {
  locale: UiLocale;
  calendar: CalendarKind;
  timeZone: string | undefined;
  /** A date in the user's calendar, e.g. «۲ آذر ۱۴۰۵». */
  date: (value: DateInput, style?: 'short' | 'long') => string;
  /** With the weekday: «یکشنبه ۲ آذر ۱۴۰۵». */
  dateWithWeekday: (value: DateInput) => string;
  /** The weekday name alone: «یکشنبه», "Sunday". */
  weekday: (value: DateInput) => string;
  /** Date and time in the user's calendar. */
  dateTime: (value: DateInput, style?: 'short' | 'long') => string;
  /** «۳ روز پیش», "3 days ago". */
  relative: (value: DateInput) => string;
  number: (value: number) => string;
  /** Persian digits in fa, untouched in en: for ids, counts embedded in text. */
  digits: (value: string | number) => string;
};

export function makeFormatters(locale: UiLocale, calendar: CalendarKind, timeZone?: string): Formatters {
  const safe = (fn: () => string, value: DateInput) => {
    try {
      return fn();
    } catch {
      return String(value);
    }
  };
  return {
    locale,
    calendar,
    timeZone,
    date: (value, style = 'long') =>
      safe(() => formatDate(value, { locale, calendar, timeZone, style }), value),
    dateWithWeekday: (value) =>
      safe(() => formatDate(value, { locale, calendar, timeZone, style: 'long', withWeekday: true }), value),
    weekday: (value) =>
      safe(() => {
        const { year, month, day } = dateParts(value, timeZone ?? DEFAULT_TIME_ZONE);
        return weekdayName(gregorianWeekday({ gy: year, gm: month, gd: day }), locale);
      }, value),
    dateTime: (value, style = 'short') =>
      safe(() => formatDate(value, { locale, calendar, timeZone, style, withTime: true }), value),
    relative: (value) => safe(() => formatRelative(value, { locale }), value),
    number: (value) => formatNumber(value, locale),
    digits: (value) => (locale === 'fa' ? toPersianDigits(value) : String(value)),
  };
}

/** Formatting in the current UI language and the user's calendar. */
export function useFormat(): Formatters {
  const { locale } = useT();
  const prefs = useContext(FormatPrefsContext);
  const calendar = prefs.calendar ?? defaultCalendarFor(locale);
  const timeZone = prefs.timeZone;
  return useMemo(() => makeFormatters(locale, calendar, timeZone), [locale, calendar, timeZone]);
}
