import type { CalendarItem, Move } from './calendar.api.ts';
import { dayOf, timeOf, zonedIso } from './calendar-dates.ts';

/**
 * Where a dropped event goes. A day cell of the month keeps the time of day; the all-day row of
 * the week/day view makes a task all-day (an activity just changes day); a 30-minute slot sets
 * the day and time. Activities keep their length. Null when nothing would change.
 */
export function moveFor(item: CalendarItem, overId: string, timeZone: string): Move | null {
  const [target, day, hh, mm] = overId.split(':') as [string, string, string?, string?];
  const currentDay = item.allDay && item.dueDate ? item.dueDate : dayOf(item.startsAt, timeZone);
  const duration = item.endsAt ? Date.parse(item.endsAt) - Date.parse(item.startsAt) : null;
  const activityAt = (startsAt: string): Move => ({
    item,
    startsAt,
    endsAt: duration === null ? null : new Date(Date.parse(startsAt) + duration).toISOString(),
    allDay: false,
  });
  if (target === 'slot') {
    const time = `${hh}:${mm}`;
    const startsAt = zonedIso(day, time, timeZone);
    if (!item.allDay && startsAt === new Date(item.startsAt).toISOString()) return null;
    return item.kind === 'activity' ? activityAt(startsAt) : { item, startsAt, endsAt: null, allDay: false, dueDate: day, dueTime: time };
  }
  const toAllDay = item.kind === 'task' && (item.allDay || target === 'allday');
  if (day === currentDay && toAllDay === item.allDay) return null;
  if (toAllDay) return { item, startsAt: zonedIso(day, '00:00', timeZone), endsAt: null, allDay: true, dueDate: day, dueTime: null };
  const time = timeOf(item.startsAt, timeZone);
  const startsAt = zonedIso(day, time, timeZone);
  return item.kind === 'activity' ? activityAt(startsAt) : { item, startsAt, endsAt: null, allDay: false, dueDate: day, dueTime: time };
}
