import { dateParts, gregorianMonthRange, jalaliFiscalYearOf, jalaliFiscalYearRange, toIsoDate, type CalendarKind, type DateRange } from '#common/calendar/index.ts';

export type FiscalYear = DateRange & { label: number; calendar: CalendarKind };

/**
 * The fiscal year `now` falls in, as the workspace counts it: in the Jalali calendar from
 * 1 <startMonth> (1 Farvardin by default), in the Gregorian one from the 1st of <startMonth>.
 * "Today" is the day in the workspace's time zone, so a deal won late on 29 Esfand in Tehran
 * belongs to the year that is ending. The label is the year the fiscal year starts in.
 */
export function currentFiscalYear(now: Date, workspace: { calendar: string; timezone: string; fiscalYearStartMonth: number }): FiscalYear {
  const { year, month, day } = dateParts(now, workspace.timezone);
  const today = toIsoDate({ gy: year, gm: month, gd: day });
  const startMonth = workspace.fiscalYearStartMonth;
  if (workspace.calendar === 'jalali') {
    const label = jalaliFiscalYearOf(today, startMonth);
    return { label, calendar: 'jalali', ...jalaliFiscalYearRange(label, startMonth) };
  }
  const label = month >= startMonth ? year : year - 1;
  return { label, calendar: 'gregorian', start: gregorianMonthRange(label, startMonth).start, end: gregorianMonthRange(label + 1, startMonth).start };
}
