import { describe, expect, it } from 'vitest';
import { buildFeed } from './calendar.ical.ts';
import { dayInZone, offsetTransitions, vtimezone, zoneMidnight, ZonedTime } from './calendar.zone.ts';

describe('calendar time zones', () => {
  it('reads the Tehran wall clock of an instant, whatever zone the server runs in', () => {
    const t = new ZonedTime(new Date('2026-12-01T07:00:00Z'), 'Asia/Tehran');
    expect([t.year, t.month, t.day, t.hour, t.minute]).toEqual([2026, 12, 1, 10, 30]);
    expect(t.toInstant().epochMilliseconds).toBe(Date.parse('2026-12-01T07:00:00Z'));
    expect(dayInZone(new Date('2026-11-30T21:00:00Z'), 'Asia/Tehran')).toBe('2026-12-01');
    expect(zoneMidnight('2026-12-01', 'Asia/Tehran').toISOString()).toBe('2026-11-30T20:30:00.000Z');
  });

  it('writes a VTIMEZONE with every offset change of the window', () => {
    const start = new Date('2026-08-01T00:00:00Z');
    const end = new Date('2027-12-01T00:00:00Z');
    expect(offsetTransitions('Asia/Tehran', start, end)).toEqual([]);
    const berlin = offsetTransitions('Europe/Berlin', start, end);
    expect(berlin.map((t) => new Date(t.at).toISOString())).toEqual(['2026-10-25T01:00:00.000Z', '2027-03-28T01:00:00.000Z', '2027-10-31T01:00:00.000Z']);
    const block = vtimezone('Europe/Berlin', start, end);
    expect(block).toContain('BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100');
    expect(block).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
    expect(vtimezone('Asia/Tehran', start, end)).toContain('TZOFFSETTO:+0330');
  });

  it('builds a feed with TZID times, UTC stamps and all-day dates', () => {
    const updatedAt = new Date('2026-11-20T06:00:00Z');
    const text = buildFeed({
      timeZone: 'Asia/Tehran',
      locale: 'fa',
      publicUrl: 'https://crm.example',
      windowStart: new Date('2026-08-01T00:00:00Z'),
      windowEnd: new Date('2027-12-01T00:00:00Z'),
      activities: [
        { id: 'a1', type: 'meeting', status: 'planned', subject: null, bodyText: '', occurredAt: new Date('2026-12-01T07:00:00Z'), endsAt: null, place: 'دفتر', phone: null, ownerId: 'u', ownerName: 'U', version: 2, updatedAt },
      ],
      tasks: [
        { id: 't1', title: 'کار', description: null, status: 'open', priority: 'normal', dueDate: '2026-12-11', dueTime: null, dueAt: new Date('2026-12-11T20:29:59.999Z'), allDay: true, ownerId: 'u', ownerName: 'U', version: 1, updatedAt },
      ],
      activityLinks: [{ ownerId: 'a1', entityType: 'person', entityId: '00000000-0000-4000-8000-000000000001', name: 'مریم رضایی', deleted: false }],
      taskLinks: [],
    });
    expect(text).toContain('DTSTART;TZID=Asia/Tehran:20261201T103000');
    expect(text).toContain('DTEND;TZID=Asia/Tehran:20261201T113000'); // a meeting without an end: one hour
    expect(text).toContain('DTSTAMP:20261120T060000Z');
    expect(text).toContain('LAST-MODIFIED:20261120T060000Z');
    expect(text).toContain('SUMMARY:جلسه با مریم رضایی');
    expect(text).toContain('DTSTART;VALUE=DATE:20261211');
    expect(text).toContain('DTEND;VALUE=DATE:20261212');
    // Long lines are folded (CRLF + space); unfolded, the link back to the person is whole.
    expect(text.replace(/\r\n /g, '')).toContain('URL;VALUE=URI:https://crm.example/people/00000000-0000-4000-8000-000000000001');
  });
});
