import type { TKey, TVars } from '../../shared/i18n/index.ts';
import { daysBetween } from '../activities/zoned-time.ts';

/*
 * When a task is due, as a rep reads it at a glance: «امروز ۱۴:۰۰», «دیروز», «فردا»,
 * «پنجشنبه ۰۹:۳۰» within the week, else the date in the user's calendar. Pure, so unit-tested.
 */

export type DueContext = {
  t: (key: TKey, vars?: TVars) => string;
  digits: (value: string | number) => string;
  /** The date in the user's calendar: «۶ آذر ۱۴۰۵». */
  date: (isoDate: string) => string;
  /** The weekday's name: «پنجشنبه». */
  weekday: (isoDate: string) => string;
  /** Today in the workspace's zone, 'YYYY-MM-DD'. */
  today: string;
};

export function dueLabel(due: { dueDate: string | null; dueTime: string | null }, ctx: DueContext): string | null {
  const { t, digits } = ctx;
  if (!due.dueDate) return null;
  const time = due.dueTime ? digits(due.dueTime.slice(0, 5)) : null;
  const days = daysBetween(ctx.today, due.dueDate);
  if (days === 0) return time ? t('tasks.due.todayAt', { time }) : t('tasks.due.today');
  if (days === -1) return time ? t('tasks.due.yesterdayAt', { time }) : t('tasks.due.yesterday');
  if (days === 1) return time ? t('tasks.due.tomorrowAt', { time }) : t('tasks.due.tomorrow');
  const day = days > 1 && days < 7 ? ctx.weekday(due.dueDate) : ctx.date(due.dueDate);
  return time ? t('tasks.due.dateAt', { date: day, time }) : day;
}
