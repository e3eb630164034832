import { describe, expect, it } from 'vitest';
import type { CalendarItem } from './calendar.api.ts';
import { moveFor } from './calendar-move.ts';

const tz = 'Asia/Tehran';
const meeting: CalendarItem = {
  kind: 'activity',
  id: 'm1',
  type: 'meeting',
  title: 'جلسه',
  startsAt: '2026-12-01T07:00:00.000Z',
  endsAt: '2026-12-01T08:00:00.000Z',
  allDay: false,
  status: 'planned',
  owner: null,
  links: [],
  version: 1,
};
const allDayTask: CalendarItem = { ...meeting, kind: 'task', id: 't1', type: 'task', startsAt: '2026-12-04T20:30:00.000Z', endsAt: null, allDay: true, status: 'open', dueDate: '2026-12-05', dueTime: null };
const timedTask: CalendarItem = { ...allDayTask, id: 't2', startsAt: '2026-12-05T05:30:00.000Z', allDay: false, dueTime: '09:00' };

describe('dropping an event', () => {
  it('keeps the time of day and the length when a meeting moves to another day of the month', () => {
    expect(moveFor(meeting, 'day:2026-12-03', tz)).toMatchObject({ startsAt: '2026-12-03T07:00:00.000Z', endsAt: '2026-12-03T08:00:00.000Z', allDay: false });
    expect(moveFor(meeting, 'day:2026-12-01', tz)).toBeNull();
  });

  it('sets day and time from a 30-minute slot', () => {
    expect(moveFor(meeting, 'slot:2026-12-02:14:30', tz)).toMatchObject({ startsAt: '2026-12-02T11:00:00.000Z', endsAt: '2026-12-02T12:00:00.000Z' });
    expect(moveFor(timedTask, 'slot:2026-12-06:16:00', tz)).toMatchObject({ dueDate: '2026-12-06', dueTime: '16:00', allDay: false });
    expect(moveFor(allDayTask, 'slot:2026-12-05:08:00', tz)).toMatchObject({ dueDate: '2026-12-05', dueTime: '08:00', allDay: false });
  });

  it('moves tasks by due day, and the all-day row makes a timed task all-day', () => {
    expect(moveFor(allDayTask, 'day:2026-12-07', tz)).toMatchObject({ dueDate: '2026-12-07', dueTime: null, allDay: true });
    expect(moveFor(timedTask, 'day:2026-12-07', tz)).toMatchObject({ dueDate: '2026-12-07', dueTime: '09:00', startsAt: '2026-12-07T05:30:00.000Z' });
    expect(moveFor(timedTask, 'allday:2026-12-05', tz)).toMatchObject({ dueDate: '2026-12-05', dueTime: null, allDay: true });
    expect(moveFor(meeting, 'allday:2026-12-01', tz)).toBeNull();
  });
});
