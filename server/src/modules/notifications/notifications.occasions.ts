import { sql } from 'drizzle-orm';
import {
  addIsoDays,
  dateParts,
  isJalaliLeapYear,
  isValidGregorianDate,
  isValidJalaliDate,
  parseIsoDate,
  toGregorian,
  toIsoDate,
  toJalali,
  wallClockInstant,
  zonedParts,
  type CalendarKind,
} from '#common/calendar/index.ts';
import type { Executor } from '../../kernel/db/database.ts';

/** Oldest birth or wedding years considered: 1870 (Gregorian) / 1249 (Jalali). */
const OLDEST_GREGORIAN_YEAR = 1870;
const OLDEST_JALALI_YEAR = 1249;
/** Announcements go out at this local hour of the workspace. */
export const OCCASION_HOUR = 9;

export const addDays = addIsoDays;

/** The instant a wall-clock time of a calendar date has in a time zone. */
export function zonedInstant(isoDate: string, hour: number, minute: number, timeZone: string): Date {
  return wallClockInstant(isoDate, `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, timeZone);
}

/**
 * Every stored date (an earlier year's birthday or wedding day, as a Gregorian 'YYYY-MM-DD') that
 * is celebrated on `occasion`, in the workspace's calendar:
 * - jalali: same Jalali month and day (born 1990-08-01 = 10 Mordad 1369 → every 10 Mordad); 30 Esfand
 *   is celebrated on 29 Esfand in a year without it;
 * - gregorian: same month and day; 29 February on 28 February in a common year.
 * About 150 dates; the database matches them with `= any(array)`, an exact test per row.
 */
export function celebratedDates(occasion: string, calendar: CalendarKind): string[] {
  const g = parseIsoDate(occasion)!;
  const dates: string[] = [];
  if (calendar === 'jalali') {
    const { jy, jm, jd } = toJalali(g.gy, g.gm, g.gd);
    const alsoLeapDay = jm === 12 && jd === 29 && !isJalaliLeapYear(jy);
    for (let year = OLDEST_JALALI_YEAR; year < jy; year++) {
      if (isValidJalaliDate(year, jm, jd)) dates.push(toIsoDate(toGregorian(year, jm, jd)));
      if (alsoLeapDay && isValidJalaliDate(year, 12, 30)) dates.push(toIsoDate(toGregorian(year, 12, 30)));
    }
    return dates;
  }
  const alsoLeapDay = g.gm === 2 && g.gd === 28 && !isValidGregorianDate(g.gy, 2, 29);
  for (let year = OLDEST_GREGORIAN_YEAR; year < g.gy; year++) {
    if (isValidGregorianDate(year, g.gm, g.gd)) dates.push(toIsoDate({ gy: year, gm: g.gm, gd: g.gd }));
    if (alsoLeapDay && isValidGregorianDate(year, 2, 29)) dates.push(toIsoDate({ gy: year, gm: 2, gd: 29 }));
  }
  return dates;
}

/** The year an occasion belongs to in the workspace calendar: one reminder per person, event and year. */
export function occasionYear(occasion: string, calendar: CalendarKind): number {
  const g = parseIsoDate(occasion)!;
  return calendar === 'jalali' ? toJalali(g.gy, g.gm, g.gd).jy : g.gy;
}

export type OccasionWorkspace = { id: string; calendar: CalendarKind; timeZone: string };

type Rows<T> = { rows: T[] };

export async function workspacesForOccasions(db: Executor): Promise<OccasionWorkspace[]> {
  const result = (await db.execute(sql`select id, calendar, timezone as "timeZone" from workspaces`)) as unknown as Rows<OccasionWorkspace>;
  return result.rows.map((w) => ({ ...w, calendar: w.calendar === 'gregorian' ? 'gregorian' : 'jalali' }));
}

/**
 * Schedules today's birthday and anniversary reminders of one workspace: for each person whose
 * day (in the workspace calendar) is today + their owner's lead days, a reminder for the owner at
 * 09:00 local time today. One INSERT … SELECT per distinct lead-days value (usually just 0), so
 * no person is ever loaded into the process; ON CONFLICT on the dedupe key makes a second scan of
 * the day (another hour, another process) add nothing. Returns how many reminders were added.
 */
export async function scheduleOccasions(db: Executor, workspace: OccasionWorkspace, now: Date): Promise<number> {
  const today = (() => {
    const p = dateParts(now, workspace.timeZone);
    return toIsoDate({ gy: p.year, gm: p.month, gd: p.day });
  })();
  const fireAt = zonedInstant(today, OCCASION_HOUR, 0, workspace.timeZone);
  const leads = (await db.execute(
    sql`select distinct occasion_lead_days as days from notification_profiles where workspace_id = ${workspace.id} and occasion_lead_days > 0`,
  )) as unknown as Rows<{ days: number }>;
  let added = 0;
  for (const lead of [0, ...leads.rows.map((r) => Number(r.days))]) {
    const occasion = addDays(today, lead);
    const dates = `{${celebratedDates(occasion, workspace.calendar).join(',')}}`;
    const year = occasionYear(occasion, workspace.calendar);
    const result = (await db.execute(sql`
      insert into reminders (workspace_id, user_id, event, entity_type, entity_id, fire_at, dedupe_key, data)
      select p.workspace_id, p.owner_id, o.event, 'person', p.id, ${fireAt.toISOString()}::timestamptz,
             o.event || ':' || p.id || ':' || ${String(year)},
             jsonb_build_object('name', trim(p.first_name || ' ' || p.last_name), 'date', ${occasion}::text, 'storedDate', o.day::text)
      from people p
      join memberships m on m.workspace_id = p.workspace_id and m.user_id = p.owner_id
      left join notification_profiles np on np.workspace_id = p.workspace_id and np.user_id = p.owner_id
      cross join lateral (values ('birthday', p.birthday), ('anniversary', p.anniversary)) as o(event, day)
      where p.workspace_id = ${workspace.id}
        and p.deleted_at is null and p.merged_into_id is null and p.owner_id is not null
        and (p.birthday = any(${dates}::date[]) or p.anniversary = any(${dates}::date[]))
        and o.day = any(${dates}::date[])
        and coalesce(np.occasion_lead_days, 0) = ${lead}
      on conflict (workspace_id, dedupe_key) do nothing
      returning id`)) as unknown as Rows<{ id: string }>;
    added += result.rows.length;
  }
  return added;
}
