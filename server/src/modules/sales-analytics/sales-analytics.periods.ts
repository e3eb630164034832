import {
  gregorianMonthNames,
  gregorianMonthRange,
  gregorianPeriodOf,
  jalaliMonthNames,
  jalaliMonthRange,
  jalaliPeriodOf,
  type CalendarKind,
  type Locale,
} from '#common/calendar/index.ts';
import { toPersianDigits } from '#common/text/index.ts';

/*
 * Report periods in the workspace's calendar: months, fiscal quarters and fiscal years, as
 * half-open ranges of ISO dates [start, end). Quarters count from the fiscal year's first month,
 * so with the Iranian default (fiscal year = 1 Farvardin) Q1 is Farvardin–Khordad.
 */

export type PeriodKind = 'month' | 'quarter' | 'year';

export type Period = {
  /** Stable id of the period: "1404-01", "FY1404-Q1", "FY1404". */
  key: string;
  start: string;
  end: string;
  labelFa: string;
  labelEn: string;
};

export type CalendarSettings = { calendar: CalendarKind; fiscalYearStartMonth: number };

type YearMonth = { y: number; m: number };

const MONTHS_IN: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };
const QUARTER_ORDINALS_FA = ['اول', 'دوم', 'سوم', 'چهارم'];

function addMonths({ y, m }: YearMonth, months: number): YearMonth {
  const index = y * 12 + (m - 1) + months;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

function monthOf(isoDate: string, calendar: CalendarKind): YearMonth {
  if (calendar === 'jalali') {
    const { jy, jm } = jalaliPeriodOf(isoDate);
    return { y: jy, m: jm };
  }
  const { gy, gm } = gregorianPeriodOf(isoDate);
  return { y: gy, m: gm };
}

function monthStart({ y, m }: YearMonth, calendar: CalendarKind): string {
  return calendar === 'jalali' ? jalaliMonthRange(y, m).start : gregorianMonthRange(y, m).start;
}

/** The fiscal year (labelled by the calendar year it starts in) of a month. */
function fiscalYearOf({ y, m }: YearMonth, startMonth: number): number {
  return m >= startMonth ? y : y - 1;
}

/** The first month of the period of `kind` that contains month `ym`. */
function periodStartMonth(ym: YearMonth, kind: PeriodKind, settings: CalendarSettings): YearMonth {
  if (kind === 'month') return ym;
  const fiscalStart = { y: fiscalYearOf(ym, settings.fiscalYearStartMonth), m: settings.fiscalYearStartMonth };
  if (kind === 'year') return fiscalStart;
  const monthsIn = (ym.y - fiscalStart.y) * 12 + (ym.m - fiscalStart.m);
  return addMonths(fiscalStart, Math.floor(monthsIn / 3) * 3);
}

const digitsFor = (value: number, locale: Locale) => (locale === 'fa' ? toPersianDigits(String(value)) : String(value));

function labelOf(first: YearMonth, kind: PeriodKind, settings: CalendarSettings, locale: Locale): string {
  const fiscalYear = fiscalYearOf(first, settings.fiscalYearStartMonth);
  if (kind === 'month') {
    const names = settings.calendar === 'jalali' ? jalaliMonthNames(locale) : gregorianMonthNames(locale);
    return `${names[first.m - 1]} ${digitsFor(first.y, locale)}`;
  }
  if (kind === 'year') return locale === 'fa' ? `سال مالی ${digitsFor(fiscalYear, 'fa')}` : `FY ${fiscalYear}`;
  const quarter = Math.floor(((first.m - settings.fiscalYearStartMonth + 12) % 12) / 3) + 1;
  return locale === 'fa' ? `سه‌ماههٔ ${QUARTER_ORDINALS_FA[quarter - 1]} ${digitsFor(fiscalYear, 'fa')}` : `Q${quarter} ${fiscalYear}`;
}

function keyOf(first: YearMonth, kind: PeriodKind, settings: CalendarSettings): string {
  const fiscalYear = fiscalYearOf(first, settings.fiscalYearStartMonth);
  if (kind === 'month') return `${first.y}-${String(first.m).padStart(2, '0')}`;
  if (kind === 'year') return `FY${fiscalYear}`;
  const quarter = Math.floor(((first.m - settings.fiscalYearStartMonth + 12) % 12) / 3) + 1;
  return `FY${fiscalYear}-Q${quarter}`;
}

function periodFrom(first: YearMonth, kind: PeriodKind, settings: CalendarSettings): Period {
  return {
    key: keyOf(first, kind, settings),
    start: monthStart(first, settings.calendar),
    end: monthStart(addMonths(first, MONTHS_IN[kind]), settings.calendar),
    labelFa: labelOf(first, kind, settings, 'fa'),
    labelEn: labelOf(first, kind, settings, 'en'),
  };
}

/** The period of `kind` that contains an ISO date. */
export function periodContaining(isoDate: string, kind: PeriodKind, settings: CalendarSettings): Period {
  return periodFrom(periodStartMonth(monthOf(isoDate, settings.calendar), kind, settings), kind, settings);
}

/**
 * The consecutive periods from the one containing `from` to the one containing `to` (inclusive);
 * null when there would be more than `max` of them.
 */
export function periodsBetween(from: string, to: string, kind: PeriodKind, settings: CalendarSettings, max: number): Period[] | null {
  let first = periodStartMonth(monthOf(from, settings.calendar), kind, settings);
  const last = periodStartMonth(monthOf(to, settings.calendar), kind, settings);
  const periods: Period[] = [];
  while (first.y * 12 + first.m <= last.y * 12 + last.m) {
    if (periods.length === max) return null;
    periods.push(periodFrom(first, kind, settings));
    first = addMonths(first, MONTHS_IN[kind]);
  }
  return periods;
}

/**
 * The periods shown when the caller gives no range: the months or quarters of the current fiscal
 * year, or the previous, current and next fiscal years.
 */
export function defaultRange(today: string, kind: PeriodKind, settings: CalendarSettings): { from: string; to: string } {
  const year = periodContaining(today, 'year', settings);
  if (kind !== 'year') return { from: year.start, to: lastDayBefore(year.end) };
  const previous = periodContaining(lastDayBefore(year.start), 'year', settings);
  const next = periodContaining(year.end, 'year', settings);
  return { from: previous.start, to: lastDayBefore(next.end) };
}

/** The ISO date one day before `isoDate`. */
export function lastDayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
