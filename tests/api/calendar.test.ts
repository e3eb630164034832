import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGregorian, toIsoDate } from '#common/calendar/index.ts';
import { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

/*
 * The calendar: a range of calls, meetings and tasks (GET /api/v1/calendar), and the secret
 * iCalendar feed read back with ical.js the way a calendar app would. Events are made through
 * the activities and tasks APIs; the clock is fixed so "planned" and the feed window are stable.
 */

const now = new Date('2026-11-20T06:00:00Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
});
afterAll(async () => {
  await server?.close();
});
const { sql, admin, memberOf } = testAccounts(() => server);

/** The Gregorian ISO day of a Jalali date. */
const jalaliDay = (jy: number, jm: number, jd: number) => toIsoDate(toGregorian(jy, jm, jd));
/** An instant given as the Tehran wall clock on a Jalali date (Iran keeps +03:30 all year). */
const tehran = (jy: number, jm: number, jd: number, time: string) => `${jalaliDay(jy, jm, jd)}T${time}:00+03:30`;
const utc = (iso: string) => new Date(iso).toISOString();

async function person(client: ApiClient, firstName: string, lastName: string): Promise<string> {
  const created = await client.post('/api/v1/people', { firstName, lastName });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function meeting(client: ApiClient, fields: Record<string, unknown>) {
  const created = await client.post('/api/v1/activities', { type: 'meeting', status: 'planned', ...fields });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

async function task(client: ApiClient, fields: Record<string, unknown>) {
  const created = await client.post('/api/v1/tasks', fields);
  expect(created.status, created.text).toBe(201);
  return created.body;
}

const azar = { from: encodeURIComponent(tehran(1405, 9, 1, '00:00')), to: encodeURIComponent(tehran(1405, 10, 1, '00:00')) };
const rangeOf = (client: ApiClient, extra = '') => client.get(`/api/v1/calendar?from=${azar.from}&to=${azar.to}${extra}`);

async function fetchFeed(url: string) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The feed's events as a calendar app reads them, its VTIMEZONEs registered first. */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => ({ component, event: new ICAL.Event(component) }));
}

describe('calendar range', () => {
  it("lists a range's meetings, calls and tasks in order, with linked names, leaving out cancelled, deleted and out-of-range ones", async () => {
    const { client } = await admin('fa');
    const maryam = await person(client, 'مریم', 'رضایی');
    const link = [{ entityType: 'person', entityId: maryam }];
    const review = await meeting(client, {
      subject: 'جلسهٔ بررسی قرارداد',
      occurredAt: tehran(1405, 9, 10, '10:30'),
      endsAt: tehran(1405, 9, 10, '11:30'),
      place: 'دفتر مرکزی',
      links: link,
    });
    const call = (await client.post('/api/v1/activities', { type: 'call', status: 'planned', direction: 'outbound', occurredAt: tehran(1405, 9, 12, '14:00'), links: link })).body;
    const timed = await task(client, { title: 'ارسال پیش‌فاکتور', dueDate: jalaliDay(1405, 9, 15), dueTime: '09:00', links: link });
    const allDay = await task(client, { title: 'پیگیری تلفنی', dueDate: jalaliDay(1405, 9, 20), priority: 'high' });
    await meeting(client, { subject: 'بیرون از بازه', occurredAt: tehran(1405, 10, 5, '10:00'), endsAt: tehran(1405, 10, 5, '11:00'), links: link });
    const cancelled = await meeting(client, { subject: 'لغوشده', occurredAt: tehran(1405, 9, 11, '09:00'), endsAt: tehran(1405, 9, 11, '10:00'), links: link });
    expect((await client.patch(`/api/v1/activities/${cancelled.id}`, { version: cancelled.version, status: 'cancelled' })).status).toBe(200);
    const deleted = await meeting(client, { subject: 'حذف‌شده', occurredAt: tehran(1405, 9, 13, '09:00'), endsAt: tehran(1405, 9, 13, '10:00'), links: link });
    expect((await client.delete(`/api/v1/activities/${deleted.id}`)).status).toBe(204);
    // Not a calendar event: a note.
    await client.post('/api/v1/activities', { type: 'note', bodyText: 'یادداشت', occurredAt: tehran(1405, 9, 10, '12:00'), links: link });

    const range = await rangeOf(client);
    expect(range.status, range.text).toBe(200);
    expect(range.body.timeZone).toBe('Asia/Tehran');
    expect(range.body.items.map((i: any) => [i.kind, i.type, i.id])).toEqual([
      ['activity', 'meeting', review.id],
      ['activity', 'call', call.id],
      ['task', 'task', timed.id],
      ['task', 'task', allDay.id],
    ]);
    const [m, c, t, d] = range.body.items;
    expect(m).toMatchObject({
      title: 'جلسهٔ بررسی قرارداد',
      startsAt: '2026-12-01T07:00:00.000Z',
      endsAt: '2026-12-01T08:00:00.000Z',
      allDay: false,
      status: 'planned',
      place: 'دفتر مرکزی',
      links: [{ entityType: 'person', entityId: maryam, name: 'مریم رضایی', deleted: false }],
      version: review.version,
    });
    expect(m.owner.id).toBeTruthy();
    // A call without a subject is titled by whom it is with.
    expect(c).toMatchObject({ title: 'مریم رضایی', startsAt: utc(tehran(1405, 9, 12, '14:00')) });
    expect(t).toMatchObject({ title: 'ارسال پیش‌فاکتور', allDay: false, startsAt: utc(tehran(1405, 9, 15, '09:00')), dueDate: jalaliDay(1405, 9, 15), dueTime: '09:00', status: 'open', priority: 'normal' });
    expect(d).toMatchObject({ title: 'پیگیری تلفنی', allDay: true, startsAt: utc(tehran(1405, 9, 20, '00:00')), dueDate: '2026-12-11', dueTime: null, priority: 'high', links: [] });

    expect((await rangeOf(client, '&types=task')).body.items.map((i: any) => i.id)).toEqual([timed.id, allDay.id]);
    expect((await rangeOf(client, '&types=meeting,call')).body.items).toHaveLength(2);
    // A range of one Tehran day holds that day's all-day task.
    const day = await client.get(`/api/v1/calendar?from=${encodeURIComponent(tehran(1405, 9, 20, '00:00'))}&to=${encodeURIComponent(tehran(1405, 9, 21, '00:00'))}`);
    expect(day.body.items.map((i: any) => i.id)).toEqual([allDay.id]);
    // A meeting still running at the start of the range is in it.
    const during = await client.get(`/api/v1/calendar?from=${encodeURIComponent(tehran(1405, 9, 10, '11:00'))}&to=${encodeURIComponent(tehran(1405, 9, 10, '12:00'))}&types=meeting`);
    expect(during.body.items.map((i: any) => i.id)).toEqual([review.id]);
  });

  it('refuses a bad range or types with a clear 400, in fa and en', async () => {
    const { client } = await admin('fa');
    const backwards = await client.get(`/api/v1/calendar?from=${azar.to}&to=${azar.from}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('calendar_range_invalid');
    expect(backwards.body.errors[0]).toMatchObject({ path: 'to' });
    expect(backwards.body.detail ?? backwards.body.title).toMatch(/بازه/);
    const tooLong = await client.get(`/api/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`);
    expect(tooLong.status).toBe(400);
    expect((await client.get('/api/v1/calendar?from=yesterday&to=2026-06-01T00:00:00Z')).status).toBe(400);
    expect((await client.get('/api/v1/calendar?to=2026-06-01T00:00:00Z')).status).toBe(400);
    expect((await client.get(`/api/v1/calendar?from=${azar.from}&to=${azar.to}&types=meeting,party`)).status).toBe(400);
    expect((await client.get(`/api/v1/calendar?from=${azar.from}&to=${azar.to}&userIds=${Array.from({ length: 60 }, (_, i) => `user${i}`).join(',')}`)).status).toBe(400);
  });

  it("shows my own and attended meetings by default, colleagues' with userIds, and nothing across workspaces", async () => {
    const a = await admin('en');
    const b = await memberOf(a.workspace.id, 'member');
    const mine = await meeting(a.client, { subject: 'A own', occurredAt: tehran(1405, 9, 3, '10:00'), endsAt: tehran(1405, 9, 3, '11:00'), attendees: [{ userId: a.user.id }] });
    const bOwn = await meeting(b.client, { subject: 'B own', occurredAt: tehran(1405, 9, 4, '10:00'), endsAt: tehran(1405, 9, 4, '11:00'), attendees: [{ userId: b.user.id }] });
    const invited = await meeting(b.client, { subject: 'B invites A', occurredAt: tehran(1405, 9, 5, '10:00'), endsAt: tehran(1405, 9, 5, '11:00'), attendees: [{ userId: a.user.id }] });
    const bTask = await task(b.client, { title: 'B task', dueDate: jalaliDay(1405, 9, 6) });

    const ids = async (client: ApiClient, extra = '') => {
      const response = await rangeOf(client, extra);
      expect(response.status, response.text).toBe(200);
      return response.body.items.map((i: any) => i.id);
    };
    expect(await ids(a.client)).toEqual([mine.id, invited.id]);
    expect(await ids(b.client)).toEqual([bOwn.id, invited.id, bTask.id]);
    expect(await ids(a.client, '&userIds=all')).toEqual([mine.id, bOwn.id, invited.id, bTask.id]);
    expect(await ids(a.client, `&userIds=${b.user.id}`)).toEqual([bOwn.id, invited.id, bTask.id]);
    expect(await ids(a.client, '&userIds=me')).toEqual([mine.id, invited.id]);

    // Another workspace sees none of it, whoever it asks for.
    const other = await admin('en');
    expect(await ids(other.client, '&userIds=all')).toEqual([]);
    expect(await ids(other.client, `&userIds=${a.user.id},${b.user.id}`)).toEqual([]);

    // Without records.read: your own calendar only.
    const limited = await memberOf(a.workspace.id, 'calendar-only', ['members.read']);
    expect((await rangeOf(limited.client)).status).toBe(200);
    expect((await rangeOf(limited.client, '&userIds=all')).status).toBe(403);
    expect((await rangeOf(limited.client, `&userIds=${a.user.id}`)).status).toBe(403);
  });
});

describe('iCalendar feed', () => {
  it('serves my meetings, calls and tasks at a secret address, in Tehran time, with Persian intact', async () => {
    const { client, user, workspace } = await admin('fa');
    const maryam = await person(client, 'مریم', 'رضایی');
    const longSubject = 'جلسهٔ بررسی قرارداد پشتیبانی سالانه با مدیرعامل و تیم فنی شرکت پارس‌افزار در دفتر مرکزی تهران';
    const review = await meeting(client, {
      subject: longSubject,
      occurredAt: tehran(1405, 9, 10, '10:30'),
      endsAt: tehran(1405, 9, 10, '11:45'),
      place: 'تهران، خیابان ولیعصر',
      links: [{ entityType: 'person', entityId: maryam }],
    });
    const call = (await client.post('/api/v1/activities', { type: 'call', status: 'planned', direction: 'outbound', occurredAt: tehran(1405, 9, 12, '14:00'), links: [{ entityType: 'person', entityId: maryam }] })).body;
    const cancelled = await meeting(client, { subject: 'لغو شد', occurredAt: tehran(1405, 9, 11, '09:00'), endsAt: tehran(1405, 9, 11, '10:00'), links: [{ entityType: 'person', entityId: maryam }] });
    expect((await client.patch(`/api/v1/activities/${cancelled.id}`, { version: cancelled.version, status: 'cancelled' })).status).toBe(200);
    const allDay = await task(client, { title: 'تمدید قرارداد', dueDate: jalaliDay(1405, 9, 20) });
    const timed = await task(client, { title: 'ارسال پیش‌فاکتور', dueDate: jalaliDay(1405, 9, 15), dueTime: '09:00' });
    // Outside the window (past 90 days … a year ahead): not in the feed.
    await meeting(client, { subject: 'خیلی دور', occurredAt: '2028-06-01T08:00:00Z', endsAt: '2028-06-01T09:00:00Z', links: [{ entityType: 'person', entityId: maryam }] });

    expect((await client.get('/api/v1/calendar/feed')).body).toMatchObject({ url: null, createdAt: null });
    const created = await client.post('/api/v1/calendar/feed');
    expect(created.status).toBe(201);
    const url: string = created.body.url;
    expect(url).toMatch(new RegExp(`^${server.url}/ical/[A-Za-z0-9_-]{43}\\.ics$`));
    const token = url.split('/ical/')[1]!.replace('.ics', '');
    // Only the SHA-256 of the secret is stored.
    const stored = await sql('select token_hash from calendar_feeds where workspace_id = $1 and user_id = $2 and revoked_at is null', [workspace.id, user.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].token_hash).not.toContain(token);
    const status = (await client.get('/api/v1/calendar/feed')).body;
    expect(status.url).toBeNull();
    expect(status.createdAt).toBeTruthy();

    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Tehran');
    // Lines are folded at 75 octets without splitting a Persian letter.
    expect(feed.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const events = parseFeed(feed.text);
    expect(events.map((e) => e.event.uid).sort()).toEqual([review.id, call.id, cancelled.id, allDay.id, timed.id].map((id) => `${id}@peyvand`).sort());
    const byUid = (id: string) => events.find((e) => e.event.uid === `${id}@peyvand`)!;

    const reviewEvent = byUid(review.id);
    expect(reviewEvent.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Tehran');
    expect(reviewEvent.event.startDate.toJSDate().toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(reviewEvent.event.endDate.toJSDate().toISOString()).toBe('2026-12-01T08:15:00.000Z');
    expect(reviewEvent.event.startDate.toString()).toBe('2026-12-01T10:30:00');
    expect(reviewEvent.event.summary).toBe(longSubject);
    expect(reviewEvent.event.location).toBe('تهران، خیابان ولیعصر');
    expect(reviewEvent.event.description).toContain('مریم رضایی');
    expect(reviewEvent.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(reviewEvent.component.getFirstPropertyValue('last-modified')).toBeTruthy();
    expect(byUid(cancelled.id).component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(byUid(call.id).event.summary).toBe('تماس با مریم رضایی');
    expect(byUid(call.id).event.startDate.toJSDate().toISOString()).toBe(utc(tehran(1405, 9, 12, '14:00')));

    // An all-day task: an all-day event on its own day (1405/09/20 = 2026-12-11), not shifted by the zone.
    const allDayEvent = byUid(allDay.id);
    expect(allDayEvent.event.startDate.isDate).toBe(true);
    expect(allDayEvent.event.startDate.toString()).toBe('2026-12-11');
    expect(allDayEvent.event.endDate.toString()).toBe('2026-12-12');
    expect(allDayEvent.event.summary).toBe('☐ تمدید قرارداد');
    expect(byUid(timed.id).event.startDate.toJSDate().toISOString()).toBe(utc(tehran(1405, 9, 15, '09:00')));

    // Reading the feed marks it used.
    expect((await client.get('/api/v1/calendar/feed')).body.lastUsedAt).toBeTruthy();
  });

  it('stops serving a reset or revoked address, and unknown ones are 404', async () => {
    const { client } = await admin('en');
    const first = (await client.post('/api/v1/calendar/feed')).body.url;
    expect((await fetchFeed(first)).status).toBe(200);
    const second = (await client.post('/api/v1/calendar/feed')).body.url;
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    expect((await client.delete('/api/v1/calendar/feed')).status).toBe(204);
    expect((await fetchFeed(second)).status).toBe(404);
    expect((await client.get('/api/v1/calendar/feed')).body.createdAt).toBeNull();
    expect((await fetchFeed(`${server.url}/ical/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetchFeed(`${server.url}/ical/nonsense.ics`)).status).toBe(404);
    expect((await fetchFeed(`${server.url}/ical/${'A'.repeat(43)}`)).status).toBe(404);
    // The feed API needs a session, and a feed is personal: an API key cannot make one.
    expect((await fetch(`${server.url}/api/v1/calendar/feed`, { method: 'POST' })).status).toBe(401);
    const key = await client.post('/api/v1/api-keys', { name: 'Calendar sync' });
    expect(key.status).toBe(201);
    const integration = new ApiClient(server.url).withBearer(key.body.secret);
    const refused = await integration.post('/api/v1/calendar/feed');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('calendar_feed_user_only');
    // It reads the workspace's calendar as it reads every record.
    expect((await integration.get(`/api/v1/calendar?from=${azar.from}&to=${azar.to}`)).status).toBe(200);
  });

  it("never shows another user's events in my feed, and ends when I leave the workspace", async () => {
    const a = await admin('en');
    const b = await memberOf(a.workspace.id, 'member');
    const aOwn = await meeting(a.client, { subject: 'A private', occurredAt: tehran(1405, 9, 3, '10:00'), endsAt: tehran(1405, 9, 3, '11:00'), attendees: [{ userId: a.user.id }] });
    const bOwn = await meeting(b.client, { subject: 'B private', occurredAt: tehran(1405, 9, 4, '10:00'), endsAt: tehran(1405, 9, 4, '11:00'), attendees: [{ userId: b.user.id }] });
    const shared = await meeting(b.client, { subject: 'Together', occurredAt: tehran(1405, 9, 5, '10:00'), endsAt: tehran(1405, 9, 5, '11:00'), attendees: [{ userId: a.user.id }] });
    await task(b.client, { title: 'B task', dueDate: jalaliDay(1405, 9, 6) });
    const uids = async (client: ApiClient) => {
      const feed = await fetchFeed((await client.post('/api/v1/calendar/feed')).body.url);
      expect(feed.status).toBe(200);
      return parseFeed(feed.text).map((e) => e.event.uid);
    };
    expect((await uids(a.client)).sort()).toEqual([`${aOwn.id}@peyvand`, `${shared.id}@peyvand`].sort());
    const bFeedUids = await uids(b.client);
    expect(bFeedUids).toContain(`${bOwn.id}@peyvand`);
    expect(bFeedUids).not.toContain(`${aOwn.id}@peyvand`);
    // An English user's feed speaks English.
    const bUrl = (await b.client.post('/api/v1/calendar/feed')).body.url;
    expect((await fetchFeed(bUrl)).text).toContain('X-WR-CALNAME:Peyvand');
    // B leaves the workspace: the address stops working.
    await sql('delete from memberships where workspace_id = $1 and user_id = $2', [a.workspace.id, b.user.id]);
    expect((await fetchFeed(bUrl)).status).toBe(404);
  });
});
