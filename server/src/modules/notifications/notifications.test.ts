import { describe, expect, it } from 'vitest';
import { assignmentOf } from './notifications.assigned.ts';
import { renderNotification } from './notifications.messages.ts';
import { addDays, celebratedDates, occasionYear, zonedInstant } from './notifications.occasions.ts';

describe('celebratedDates', () => {
  it('jalali: a birthday is kept on its Jalali day, whatever Gregorian day that falls on this year', () => {
    // 1996-03-20 is 1 Farvardin 1375; in 2026, 1 Farvardin 1405 is 21 March.
    const onNowruz = celebratedDates('2026-03-21', 'jalali');
    expect(onNowruz).toContain('1996-03-20');
    expect(onNowruz).toContain('1995-03-21');
    expect(celebratedDates('2026-03-20', 'jalali')).not.toContain('1996-03-20');
    // 1990-08-01 is 10 Mordad 1369, which in 1405 is 1 August again.
    expect(celebratedDates('2026-08-01', 'jalali')).toContain('1990-08-01');
    // Only past years, one date per year.
    expect(onNowruz.every((d) => d < '2026-03-21')).toBe(true);
    expect(new Set(onNowruz.map((d) => d.slice(0, 4))).size).toBeGreaterThan(100);
  });

  it('jalali: 30 Esfand is celebrated on 29 Esfand in a year without it', () => {
    // 1992-03-20 is 30 Esfand 1370 (a leap year); 1405 has no 30 Esfand, its 29 Esfand is 2027-03-20.
    expect(celebratedDates('2027-03-20', 'jalali')).toContain('1992-03-20');
    expect(celebratedDates('2027-03-20', 'jalali')).toContain('1992-03-19'); // 29 Esfand 1370 itself
  });

  it('gregorian: same month and day; 29 February on 28 February in a common year', () => {
    expect(celebratedDates('2026-03-20', 'gregorian')).toContain('1996-03-20');
    expect(celebratedDates('2026-03-21', 'gregorian')).not.toContain('1996-03-20');
    expect(celebratedDates('2026-02-28', 'gregorian')).toContain('2000-02-29');
    expect(celebratedDates('2028-02-28', 'gregorian')).not.toContain('2000-02-29');
    expect(celebratedDates('2028-02-29', 'gregorian')).toContain('2000-02-29');
  });

  it('years and local times', () => {
    expect(occasionYear('2026-03-21', 'jalali')).toBe(1405);
    expect(occasionYear('2026-03-20', 'jalali')).toBe(1404);
    expect(occasionYear('2026-03-20', 'gregorian')).toBe(2026);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(zonedInstant('2026-03-21', 9, 0, 'Asia/Tehran').toISOString()).toBe('2026-03-21T05:30:00.000Z');
    expect(zonedInstant('2026-07-01', 9, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('renderNotification', () => {
  const fa = { locale: 'fa' as const, calendar: 'jalali' as const, timeZone: 'Asia/Tehran' };
  const en = { locale: 'en' as const, calendar: 'gregorian' as const, timeZone: 'Asia/Tehran' };

  it('task due: title and due time in the reader calendar, Persian digits in fa', () => {
    const facts = { event: 'task_due' as const, entityType: 'task', entityId: null, data: { title: 'تماس با آقای رضایی', dueAt: '2026-03-21T11:00:00.000Z' } };
    const inFa = renderNotification(facts, fa);
    expect(inFa.title).toBe('یادآوری کار: تماس با آقای رضایی');
    expect(inFa.body).toBe('موعد انجام: شنبه ۱ فروردین ۱۴۰۵، ۱۴:۳۰');
    expect(inFa.link).toBe('/tasks');
    expect(renderNotification(facts, en).body).toBe('Due Saturday, 21 March 2026, 14:30');
  });

  it('record assigned: one record by name, a batch by count', () => {
    const one = { event: 'record_assigned' as const, entityType: 'deal', entityId: 'a1b2', data: { count: 1, entityType: 'deal', name: 'Pump order', actorName: 'Sara' } };
    expect(renderNotification(one, en)).toEqual({ title: 'Deal “Pump order” was assigned to you', body: 'Assigned by Sara', link: '/deals/a1b2' });
    const many = { ...one, data: { count: 12, entityType: 'person' } };
    expect(renderNotification(many, fa).title).toBe('۱۲ شخص به شما سپرده شد');
    expect(renderNotification(many, en)).toMatchObject({ title: '12 people were assigned to you', link: '/people' });
  });

  it('meeting soon and birthday', () => {
    const meeting = { event: 'meeting_soon' as const, entityType: 'activity', entityId: 'x', data: { subject: 'Demo', occurredAt: '2026-03-21T06:30:00.000Z', type: 'meeting' } };
    expect(renderNotification(meeting, en)).toEqual({ title: 'Meeting soon: Demo', body: 'Starts Saturday, 21 March 2026, 10:00', link: '/calendar' });
    const birthday = { event: 'birthday' as const, entityType: 'person', entityId: 'p1', data: { name: 'مریم احمدی', date: '2026-03-21' } };
    expect(renderNotification(birthday, fa)).toEqual({ title: 'تولد مریم احمدی', body: 'روز تولد مریم احمدی: شنبه ۱ فروردین ۱۴۰۵', link: '/people/p1' });
  });
});

describe('assignmentOf', () => {  const entry = (action: string, before: unknown, after: unknown, entityType = 'person') => ({ action, entityType, entityId: 'r1', before, after });

  it('a created record with an owner, an owner change, a handover', () => {
    expect(assignmentOf(entry('person.created', undefined, { ownerId: 'u2', firstName: 'A' }))).toEqual({ ownerId: 'u2', entityType: 'person', entityId: 'r1' });
    expect(assignmentOf(entry('deal.updated', { ownerId: 'u1' }, { ownerId: 'u2' }, 'deal'))).toMatchObject({ ownerId: 'u2' });
    expect(assignmentOf(entry('task.owner_changed', { ownerId: 'u1' }, { ownerId: 'u2', handover: true }, 'task'))).toMatchObject({ ownerId: 'u2' });
  });

  it('not: unchanged, removed, unknown before, other entities, other actions', () => {
    expect(assignmentOf(entry('person.updated', { ownerId: 'u2' }, { ownerId: 'u2' }))).toBeNull();
    expect(assignmentOf(entry('person.updated', { ownerId: 'u2' }, { ownerId: null }))).toBeNull();
    expect(assignmentOf(entry('lead.updated', { convertedPersonId: 'x' }, { ownerId: 'u2' }, 'lead'))).toBeNull();
    expect(assignmentOf(entry('product.created', undefined, { ownerId: 'u2' }, 'product'))).toBeNull();
    expect(assignmentOf(entry('person.restored', undefined, { ownerId: 'u2' }))).toBeNull();
  });
});
