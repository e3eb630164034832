import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '#server/kernel/jobs/index.ts';
import { remindersRepository } from '#server/modules/notifications/index.ts';
import { dispatchDueReminders } from '#server/modules/notifications/notifications.dispatcher.ts';
import { ApiClient } from '../support/api-client.ts';
import { testAccounts } from '../support/test-accounts.ts';
import { createTestPostgresDatabase, testEngine } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { startTestSmtp } from '../support/test-smtp.ts';

/** A real local HTTP server standing in for the SMS gateway: records every request it gets. */
async function startSmsGateway() {
  const received: Array<{ path: string; body: Record<string, string> }> = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: raw ? JSON.parse(raw) : {} });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `sms-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  return {
    url,
    received,
    to: (phone: string) => received.filter((r) => r.body.to === phone),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitUntil<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const smsProvider = (url: string) => ({
  kind: 'generic_http',
  config: { url, method: 'POST', bodyFormat: 'json', toField: 'to', textField: 'text', messageIdPath: 'id' },
});

const TASK_TITLE = 'تماس با آقای رضایی';
const DUE_AT = '2026-03-21T11:00:00.000Z'; // 14:30 in Tehran, 1 Farvardin 1405
const FIRE_AT = new Date('2026-03-21T10:45:00.000Z');
let now = new Date('2026-03-21T04:00:00.000Z');
const clock = () => now;

function taskReminder(workspaceId: string, userId: string, overrides: Partial<Parameters<typeof remindersRepository.schedule>[1]> = {}) {
  const taskId = randomUUID();
  return {
    workspaceId,
    userId,
    event: 'task_due' as const,
    entityType: 'task',
    entityId: taskId,
    fireAt: FIRE_AT,
    dedupeKey: `task:${taskId}`,
    data: { title: TASK_TITLE, dueAt: DUE_AT },
    ...overrides,
  };
}

describe('notifications', () => {
  let server: TestServer;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  const accounts = testAccounts(() => server);
  const { sql } = accounts;
  const schedule = (reminder: Parameters<typeof remindersRepository.schedule>[1]) => remindersRepository.schedule(server.peyvand.database.db, reminder);
  const dispatch = () => server.peyvand.services.notifications.dispatchDue();
  const mailsTo = (email: string) => server.smtp.received.filter((m) => JSON.stringify(m.parsed.to).includes(email));
  const deliveriesOf = (userId: string) =>
    sql(
      `select d.channel, d.status, d.destination, d.attempts, d.provider_message_id, d.error from notification_deliveries d
       join notifications n on n.id = d.notification_id where n.user_id = $1 order by d.channel`,
      [userId],
    );

  beforeAll(async () => {
    gateway = await startSmsGateway();
    server = await startTestServer({ clock });
  });
  afterAll(async () => {
    await server?.close();
    await gateway?.close();
  });

  it('a reminder fires once at its time: in the app, by email (Persian, RTL) and by SMS through the workspace gateway', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    const { client, user, workspace } = await accounts.admin('fa');
    expect((await client.request('PUT', '/api/v1/sms-provider', smsProvider(gateway.url))).status).toBe(200);
    const prefs = await client.request('PUT', '/api/v1/notifications/preferences', {
      matrix: { task_due: { sms: true } },
      profile: { phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷' },
    });
    expect(prefs.status).toBe(200);
    expect(prefs.body.profile).toEqual({ phone: '+989121234567', meetingLeadMinutes: 15, occasionLeadDays: 0 });
    expect(prefs.body.matrix.task_due).toEqual({ in_app: true, email: true, sms: true });

    await schedule(taskReminder(workspace.id, user.id));
    now = new Date(FIRE_AT.getTime() - 60_000);
    await dispatch();
    let list = await client.get('/api/v1/notifications');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ items: [], nextCursor: null, unreadCount: 0 });

    now = new Date(FIRE_AT.getTime() + 60_000);
    await dispatch();
    await dispatch();
    list = await client.get('/api/v1/notifications');
    expect(list.body.unreadCount).toBe(1);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      event: 'task_due',
      entityType: 'task',
      title: `یادآوری کار: ${TASK_TITLE}`,
      body: 'موعد انجام: شنبه ۱ فروردین ۱۴۰۵، ۱۴:۳۰',
      link: '/tasks',
      readAt: null,
    });

    const mail = await server.smtp.waitFor(user.email);
    expect(mail.raw).toMatch(new RegExp(`^To: ${user.email.replace(/[.+]/g, '\\$&')}\\r?$`, 'm'));
    expect(mail.parsed.subject).toBe(`یادآوری کار: ${TASK_TITLE}`);
    expect(mail.parsed.text).toContain('موعد انجام: شنبه ۱ فروردین ۱۴۰۵، ۱۴:۳۰');
    expect(mail.parsed.text).toContain(`${server.url}/tasks`);
    expect(mail.parsed.html).toContain('dir="rtl"');
    expect(mail.parsed.html).toContain(TASK_TITLE);

    const sms = await waitUntil(async () => gateway.to('+989121234567')[0], 'the SMS');
    expect(sms.body.text).toBe(`یادآوری کار: ${TASK_TITLE}\nموعد انجام: شنبه ۱ فروردین ۱۴۰۵، ۱۴:۳۰`);

    const deliveries = await waitUntil(async () => {
      const rows = await deliveriesOf(user.id);
      return rows.every((r) => r.status === 'sent') && rows;
    }, 'both deliveries sent');
    expect(deliveries).toMatchObject([
      { channel: 'email', status: 'sent', destination: user.email, attempts: 1, error: null },
      { channel: 'sms', status: 'sent', destination: '+989121234567', attempts: 1, provider_message_id: expect.stringMatching(/^sms-\d+$/), error: null },
    ]);
    await dispatch();
    expect(mailsTo(user.email)).toHaveLength(1);
    expect(gateway.to('+989121234567')).toHaveLength(1);
    expect(await sql('select status from reminders where workspace_id = $1', [workspace.id])).toEqual([{ status: 'fired' }]);

    // Read one, then all; the bell follows.
    expect((await client.post(`/api/v1/notifications/${list.body.items[0].id}/read`)).status).toBe(204);
    expect((await client.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
    expect((await client.get('/api/v1/notifications?unread=true')).body.items).toHaveLength(0);
    expect((await client.post('/api/v1/notifications/read-all')).body).toEqual({ updated: 0 });
  });

  it('many due reminders, several dispatchers at once: each fires exactly once; the list pages by keyset', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    const { client, user, workspace } = await accounts.admin('en');
    // Only in the app: this test is about counting, not mail.
    await client.request('PUT', '/api/v1/notifications/preferences', { matrix: { task_due: { email: false } } });
    for (let i = 0; i < 45; i++) await schedule(taskReminder(workspace.id, user.id));
    now = new Date(FIRE_AT.getTime() + 1000);
    const { services } = server.peyvand;
    // A batch of 10 makes the dispatchers loop and interleave.
    const fired = await Promise.all([0, 1, 2].map(() => dispatchDueReminders(server.peyvand.database.db, server.peyvand.jobs, now, 10)));
    await services.notifications.dispatchDue();
    const [counts] = await sql(
      `select count(*)::int as notifications, count(distinct reminder_id)::int as reminders from notifications where workspace_id = $1`,
      [workspace.id],
    );
    expect(counts).toEqual({ notifications: 45, reminders: 45 });
    // Whatever the ticker took, the three dispatchers never fired more than there was.
    expect(fired.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(45);

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/notifications?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.unreadCount).toBe(45);
      for (const item of page.body.items) seen.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(45);
    expect((await client.post('/api/v1/notifications/read-all')).body).toEqual({ updated: 45 });
    expect((await client.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
  });

  it('preferences: defaults, partial changes, channels turned off, and phone validation', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    const { client, user, workspace } = await accounts.admin('en');
    const defaults = await client.get('/api/v1/notifications/preferences');
    expect(defaults.status).toBe(200);
    expect(defaults.body).toEqual({
      events: ['task_due', 'meeting_soon', 'record_assigned', 'birthday', 'anniversary'],
      channels: ['in_app', 'email', 'sms'],
      matrix: {
        task_due: { in_app: true, email: true, sms: false },
        meeting_soon: { in_app: true, email: true, sms: false },
        record_assigned: { in_app: true, email: true, sms: false },
        birthday: { in_app: true, email: false, sms: false },
        anniversary: { in_app: true, email: false, sms: false },
      },
      profile: { phone: null, meetingLeadMinutes: 15, occasionLeadDays: 0 },
    });

    const changed = await client.request('PUT', '/api/v1/notifications/preferences', {
      matrix: { task_due: { in_app: false, email: false }, meeting_soon: { email: false } },
      profile: { meetingLeadMinutes: 30 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.matrix.task_due).toEqual({ in_app: false, email: false, sms: false });
    expect(changed.body.matrix.meeting_soon).toEqual({ in_app: true, email: false, sms: false });
    expect(changed.body.matrix.record_assigned).toEqual({ in_app: true, email: true, sms: false });
    expect(changed.body.profile).toEqual({ phone: null, meetingLeadMinutes: 30, occasionLeadDays: 0 });

    // task_due: every channel off → nothing at all; meeting_soon: in the app only.
    await schedule(taskReminder(workspace.id, user.id));
    const meetingId = randomUUID();
    await schedule({
      workspaceId: workspace.id,
      userId: user.id,
      event: 'meeting_soon',
      entityType: 'activity',
      entityId: meetingId,
      fireAt: FIRE_AT,
      dedupeKey: `activity:${meetingId}:${user.id}`,
      data: { subject: 'Quarterly review', occurredAt: '2026-03-21T11:00:00.000Z', type: 'meeting' },
    });
    now = new Date(FIRE_AT.getTime() + 1000);
    await dispatch();
    const list = await client.get('/api/v1/notifications');
    expect(list.body.items.map((n: any) => [n.event, n.title, n.body])).toEqual([['meeting_soon', 'Meeting soon: Quarterly review', 'Starts Saturday, 21 March 2026, 14:30']]);
    expect(await sql('select status from reminders where workspace_id = $1 order by event', [workspace.id])).toEqual([{ status: 'fired' }, { status: 'fired' }]);
    expect(await deliveriesOf(user.id)).toEqual([]);

    // Bad input: a clear field error, nothing saved.
    const bad = await client.request('PUT', '/api/v1/notifications/preferences', { profile: { phone: '12ab' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'profile.phone', code: 'invalid_phone', message: 'Not a valid mobile number (e.g. 09121234567).' }]);
    const landline = await client.request('PUT', '/api/v1/notifications/preferences', { profile: { phone: '021-88776655' } });
    expect(landline.body.errors).toEqual([expect.objectContaining({ path: 'profile.phone', code: 'not_mobile' })]);
    for (const body of [{ matrix: { nope: { email: true } } }, { matrix: { task_due: { fax: true } } }, { profile: { meetingLeadMinutes: -1 } }, { profile: { occasionLeadDays: 1.5 } }]) {
      expect((await client.request('PUT', '/api/v1/notifications/preferences', body)).status).toBe(400);
    }
    const cleared = await client.request('PUT', '/api/v1/notifications/preferences', { profile: { phone: '+98 912 000 1111' } });
    expect(cleared.body.profile.phone).toBe('+989120001111');
    expect((await client.request('PUT', '/api/v1/notifications/preferences', { profile: { phone: '' } })).body.profile).toEqual({
      phone: null,
      meetingLeadMinutes: 30,
      occasionLeadDays: 0,
    });
  });

  it('record assigned: the new owner hears of a record given to them, and of a bulk change once, with the count', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    const admin = await accounts.admin('en');
    const colleague = await accounts.memberOf(admin.workspace.id, 'member');
    const created = await admin.client.post('/api/v1/people', { firstName: 'Reza', lastName: 'Karimi', ownerId: colleague.user.id });
    expect(created.status).toBe(201);
    let list = await colleague.client.get('/api/v1/notifications');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      event: 'record_assigned',
      entityType: 'person',
      entityId: created.body.id,
      title: 'Person “Reza Karimi” was assigned to you',
      body: `Assigned by ${admin.user.name}`,
      link: `/people/${created.body.id}`,
    });
    const mail = await server.smtp.waitFor(colleague.user.email);
    expect(mail.parsed.subject).toBe('Person “Reza Karimi” was assigned to you');
    expect(mail.parsed.html).toContain('dir="ltr"');

    // The admin's own records tell nobody anything.
    const ids: string[] = [];
    for (const name of ['Ali', 'Sara', 'Mina']) ids.push((await admin.client.post('/api/v1/people', { firstName: name, lastName: 'Test' })).body.id);
    expect((await admin.client.get('/api/v1/notifications')).body.items).toEqual([]);

    const bulk = await admin.client.post('/api/v1/people/bulk', { ids, action: 'assign_owner', ownerId: colleague.user.id });
    expect(bulk.status).toBe(200);
    list = await colleague.client.get('/api/v1/notifications');
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.map((n: any) => n.title)).toContain('3 people were assigned to you');
    const batch = list.body.items.find((n: any) => n.data.count === 3);
    expect(batch.link).toBe('/people');
    await waitUntil(async () => mailsTo(colleague.user.email).length === 2, 'the second email');
    expect(mailsTo(colleague.user.email).map((m) => m.parsed.subject)).toContain('3 people were assigned to you');

    // Back to the admin, by the colleague: the admin is told; a no-op reassignment tells nobody.
    const back = await colleague.client.patch(`/api/v1/people/${created.body.id}`, { ownerId: admin.user.id, version: created.body.version });
    expect(back.status).toBe(200);
    const adminList = await admin.client.get('/api/v1/notifications');
    expect(adminList.body.items.map((n: any) => n.title)).toEqual(['Person “Reza Karimi” was assigned to you']);
    await admin.client.post('/api/v1/people/bulk', { ids, action: 'assign_owner', ownerId: colleague.user.id });
    expect((await colleague.client.get('/api/v1/notifications')).body.items).toHaveLength(2);
  });

  it('record assigned: a handover of mixed records is one notification, in the new owner language, saying how many', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    const admin = await accounts.admin('fa');
    const colleague = await accounts.memberOf(admin.workspace.id, 'member');
    await sql(`update users set locale = 'fa', calendar = 'jalali' where id = $1`, [colleague.user.id]);
    await admin.client.post('/api/v1/people', { firstName: 'علی', lastName: 'رضایی' });
    await admin.client.post('/api/v1/people', { firstName: 'سارا', lastName: 'رضایی' });
    await admin.client.post('/api/v1/organizations', { name: 'صنایع پارس' });
    const handover = await admin.client.post('/api/v1/handover', { fromUserId: admin.user.id, toUserId: colleague.user.id });
    expect(handover.status).toBe(200);
    const faClient = new ApiClient(server.url, { locale: 'fa' });
    faClient.cookies = colleague.client.cookies;
    const list = await faClient.get('/api/v1/notifications');
    expect(list.body.items.map((n: any) => [n.title, n.link, n.data.count])).toEqual([['۳ رکورد به شما سپرده شد', '/', 3]]);
    const mail = await server.smtp.waitFor(colleague.user.email);
    expect(mail.parsed.subject).toBe('۳ رکورد به شما سپرده شد');
    expect(mail.parsed.html).toContain('dir="rtl"');
  });

  it('tasks: a task given to a colleague tells them at once, and again when it is due (through the tasks API)', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    const admin = await accounts.admin('en');
    const colleague = await accounts.memberOf(admin.workspace.id, 'member');
    const task = await admin.client.post('/api/v1/tasks', {
      title: 'Call Reza back',
      dueDate: '2026-03-21',
      dueTime: '14:30',
      reminderMinutes: 15,
      ownerId: colleague.user.id,
    });
    expect(task.status).toBe(201);
    let list = await colleague.client.get('/api/v1/notifications');
    expect(list.body.items.map((n: any) => [n.event, n.title, n.link])).toEqual([['record_assigned', 'Task “Call Reza back” was assigned to you', '/tasks']]);

    now = new Date('2026-03-21T10:44:00.000Z');
    await dispatch();
    expect((await colleague.client.get('/api/v1/notifications')).body.items).toHaveLength(1);
    now = new Date('2026-03-21T10:46:00.000Z');
    await dispatch();
    list = await colleague.client.get('/api/v1/notifications');
    expect(list.body.items[0]).toMatchObject({
      event: 'task_due',
      entityId: task.body.id,
      title: 'Task due: Call Reza back',
      body: 'Due Saturday, 21 March 2026, 14:30',
      link: '/tasks',
    });
    await waitUntil(async () => mailsTo(colleague.user.email).length === 2, 'two emails');
    expect(mailsTo(colleague.user.email).map((m) => m.parsed.subject).sort()).toEqual(['Task due: Call Reza back', 'Task “Call Reza back” was assigned to you']);
  });

  it('birthdays and anniversaries: on their Jalali day in a Jalali workspace, on month/day in a Gregorian one, at 09:00 local time, once', async () => {
    // The day before first (the ticker also scans new workspaces, with this same clock).
    now = new Date('2026-03-20T04:00:00.000Z');
    const { client, user, workspace } = await accounts.admin('fa');
    const person = async (body: Record<string, unknown>) => {
      const response = await client.post('/api/v1/people', body);
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    // Born 1996-03-20 = 1 Farvardin 1375: celebrated on 1 Farvardin, which in 2026 is 21 March (not 20 March).
    const maryam = await person({ firstName: 'مریم', lastName: 'احمدی', birthday: '1996-03-20' });
    const wedding = await person({ firstName: 'کاوه', lastName: 'نوری', anniversary: '1995-03-21' });
    await person({ firstName: 'بی', lastName: 'تاریخ' });
    const scan = () => server.peyvand.services.notifications.scheduleOccasions(now, { force: true });
    const remindersOf = () => sql('select event, entity_id, dedupe_key, fire_at from reminders where workspace_id = $1 order by event', [workspace.id]);

    await scan();
    expect(await remindersOf()).toEqual([]);

    now = new Date('2026-03-21T04:00:00.000Z'); // 07:30 in Tehran
    await scan();
    await scan();
    const scheduled = await remindersOf();
    expect(scheduled.map((r) => [r.event, r.entity_id, r.dedupe_key])).toEqual([
      ['anniversary', wedding, `anniversary:${wedding}:1405`],
      ['birthday', maryam, `birthday:${maryam}:1405`],
    ]);
    expect(scheduled.map((r) => new Date(r.fire_at).toISOString())).toEqual(['2026-03-21T05:30:00.000Z', '2026-03-21T05:30:00.000Z']);
    await dispatch();
    expect((await client.get('/api/v1/notifications')).body.items).toEqual([]);

    now = new Date('2026-03-21T05:31:00.000Z');
    await dispatch();
    const list = await client.get('/api/v1/notifications');
    expect(list.body.items.map((n: any) => [n.event, n.title, n.body, n.link]).sort()).toEqual([
      ['anniversary', 'سالگرد کاوه نوری', 'سالگرد کاوه نوری: شنبه ۱ فروردین ۱۴۰۵', `/people/${wedding}`],
      ['birthday', 'تولد مریم احمدی', 'روز تولد مریم احمدی: شنبه ۱ فروردین ۱۴۰۵', `/people/${maryam}`],
    ]);
    // Birthdays are not emailed by default.
    expect(await deliveriesOf(user.id)).toEqual([]);
    await scan();
    await dispatch();
    expect((await client.get('/api/v1/notifications')).body.items).toHaveLength(2);

    // A Gregorian workspace keeps the Gregorian month and day; an owner with lead days hears early.
    const other = await accounts.admin('en');
    await sql(`update workspaces set calendar = 'gregorian' where id = $1`, [other.workspace.id]);
    const john = (await other.client.post('/api/v1/people', { firstName: 'John', lastName: 'Doe', birthday: '1996-03-20' })).body.id;
    const leap = (await other.client.post('/api/v1/people', { firstName: 'Leap', lastName: 'Day', birthday: '2000-02-29' })).body.id;
    const otherReminders = () => sql('select dedupe_key from reminders where workspace_id = $1 order by dedupe_key', [other.workspace.id]);
    now = new Date('2026-03-20T04:00:00.000Z');
    await scan();
    expect(await otherReminders()).toEqual([{ dedupe_key: `birthday:${john}:2026` }]);
    await other.client.request('PUT', '/api/v1/notifications/preferences', { profile: { occasionLeadDays: 2 } });
    now = new Date('2026-02-26T04:00:00.000Z'); // 28 February is two days ahead; 2026 has no 29 February
    await scan();
    expect((await otherReminders()).map((r) => r.dedupe_key).sort()).toEqual([`birthday:${john}:2026`, `birthday:${leap}:2026`].sort());
  });

  it('a crash inside the dispatch transaction leaves nothing behind; the next run fires each reminder once, one job per delivery', async () => {
    const { user, workspace } = await accounts.admin('en');
    // Due far ahead of the test clock, so the ticker (which uses that clock) leaves them to this test.
    const later = new Date('2030-01-02T00:00:00.000Z');
    for (let i = 0; i < 3; i++) await schedule(taskReminder(workspace.id, user.id, { fireAt: new Date('2030-01-01T00:00:00.000Z') }));
    const { jobs, database } = server.peyvand;
    let sends = 0;
    const crashing: JobQueue = {
      ...jobs,
      send: async (name, data, options) => {
        if (++sends === 2) throw new Error('simulated crash');
        return jobs.send(name, data, options);
      },
    };
    await expect(dispatchDueReminders(database.db, crashing, later)).rejects.toThrow('simulated crash');
    expect(await sql('select count(*)::int as n from notifications where workspace_id = $1', [workspace.id])).toEqual([{ n: 0 }]);
    expect(await sql('select distinct status from reminders where workspace_id = $1', [workspace.id])).toEqual([{ status: 'pending' }]);

    await server.peyvand.services.notifications.dispatchDue(later);
    await server.peyvand.services.notifications.dispatchDue(later);
    const deliveries = await sql(
      `select d.id from notification_deliveries d join notifications n on n.id = d.notification_id where n.workspace_id = $1 and d.channel = 'email'`,
      [workspace.id],
    );
    expect(deliveries).toHaveLength(3);
    for (const { id } of deliveries) {
      expect(await sql(`select count(*)::int as n from pgboss.job where name = 'notification.deliver' and data::text like $1`, [`%${id}%`])).toEqual([{ n: 1 }]);
    }
    await waitUntil(async () => mailsTo(user.email).length === 3, 'three emails');
  });

  it('isolation: a user sees and changes only their own notifications, in the current workspace only', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    const owner = await accounts.admin('en');
    const colleague = await accounts.memberOf(owner.workspace.id, 'member');
    const stranger = await accounts.admin('en');
    await schedule(taskReminder(owner.workspace.id, colleague.user.id));
    await schedule(taskReminder(stranger.workspace.id, stranger.user.id));
    now = new Date(FIRE_AT.getTime() + 1000);
    await dispatch();
    const mine = await colleague.client.get('/api/v1/notifications');
    expect(mine.body.items).toHaveLength(1);
    const id = mine.body.items[0].id;

    // The admin of the same workspace and an admin of another one see none of it and cannot mark it.
    expect((await owner.client.get('/api/v1/notifications')).body).toMatchObject({ items: [], unreadCount: 0 });
    expect((await stranger.client.get('/api/v1/notifications')).body.items.map((n: any) => n.id)).not.toContain(id);
    for (const client of [owner.client, stranger.client]) {
      const response = await client.post(`/api/v1/notifications/${id}/read`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('notification_not_found');
      await client.post('/api/v1/notifications/read-all');
    }
    expect((await colleague.client.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 1 });

    // The colleague's own workspace (from sign-up) shows nothing of the other one.
    expect((await colleague.client.post('/api/v1/me/active-workspace', { workspaceId: colleague.workspace.id })).status).toBe(204);
    expect((await colleague.client.get('/api/v1/notifications')).body).toMatchObject({ items: [], unreadCount: 0 });
    expect((await colleague.client.post(`/api/v1/notifications/${id}/read`)).status).toBe(404);
    expect((await colleague.client.post('/api/v1/me/active-workspace', { workspaceId: owner.workspace.id })).status).toBe(204);
    expect((await colleague.client.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 1 });

    // Preferences are per user and workspace.
    await colleague.client.request('PUT', '/api/v1/notifications/preferences', { matrix: { birthday: { email: true } } });
    expect((await owner.client.get('/api/v1/notifications/preferences')).body.matrix.birthday.email).toBe(false);

    // An API key acts for no user: it has no notifications.
    const key = await owner.client.post('/api/v1/api-keys', { name: 'ERP sync' });
    expect(key.status).toBe(201);
    const viaKey = await new ApiClient(server.url).withBearer(key.body.secret).get('/api/v1/notifications');
    expect(viaKey.status).toBe(403);
    expect(viaKey.body.code).toBe('notifications_user_only');

    // The OpenAPI document describes the routes.
    const doc = await new ApiClient(server.url).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/api/v1/notifications')).sort()).toEqual([
      '/api/v1/notifications',
      '/api/v1/notifications/preferences',
      '/api/v1/notifications/read-all',
      '/api/v1/notifications/unread-count',
      '/api/v1/notifications/{id}/read',
    ]);

    // Bad ids and anonymous calls: clear errors, never a 500.
    expect((await colleague.client.post('/api/v1/notifications/not-a-uuid/read')).status).toBe(400);
    expect((await new ApiClient(server.url).get('/api/v1/notifications')).status).toBe(401);
    expect((await colleague.client.get('/api/v1/notifications?cursor=garbage')).status).toBe(400);
  });
});

describe('notifications across restarts', () => {
  const engine = testEngine();
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  let dataDir: string | undefined;
  let pg: Awaited<ReturnType<typeof createTestPostgresDatabase>> | undefined;
  let current: TestServer | undefined;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    gateway = await startSmsGateway();
    if (engine === 'postgres') pg = await createTestPostgresDatabase();
    else dataDir = mkdtempSync(join(tmpdir(), 'peyvand-notify-'));
  });
  afterAll(async () => {
    await current?.close();
    await smtp?.close();
    await gateway?.close();
    await pg?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A server on the same database as the last one (which must be closed first). */
  const start = async (jobsMode: 'inline' | 'off' = 'inline') => {
    current = await startTestServer({ clock, smtp, jobsMode, ...(pg ? { databaseUrl: pg.url } : { dataDir }) });
    return current;
  };
  const stop = async () => {
    await current?.close();
    current = undefined;
  };
  const sql = (text: string, values?: unknown[]) => current!.peyvand.database.executeSql(text, values).then((r) => r.rows);
  /** Every notification.deliver job is done (none waiting, retrying or running). */
  const jobsSettled = () =>
    waitUntil(
      async () => {
        const [row] = await sql(`select count(*)::int as open from pgboss.job where name = 'notification.deliver' and state in ('created', 'retry', 'active')`);
        return row.open === 0;
      },
      'delivery jobs to settle',
    );

  it('exactly once: a commit before the delivery job and two restarts still give one notification, one email, one SMS', async () => {
    now = new Date('2026-03-21T04:00:00.000Z');
    // First server: the web process only (no workers, no ticker), so delivery waits for a restart.
    let server = await start('off');
    const accounts = testAccounts(() => server);
    const { client, user, workspace } = await accounts.admin('fa');
    expect((await client.request('PUT', '/api/v1/sms-provider', smsProvider(gateway.url))).status).toBe(200);
    await client.request('PUT', '/api/v1/notifications/preferences', { matrix: { task_due: { sms: true } }, profile: { phone: '09121112233' } });
    await remindersRepository.schedule(server.peyvand.database.db, taskReminder(workspace.id, user.id));
    now = new Date(FIRE_AT.getTime() + 60_000);
    expect(await server.peyvand.services.notifications.dispatchDue()).toBe(1);
    expect(await sql(`select status from notification_deliveries where workspace_id = $1 order by channel`, [workspace.id])).toEqual([
      { status: 'queued' },
      { status: 'queued' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received).toHaveLength(0);
    expect(gateway.received).toHaveLength(0);
    await stop();

    // Second server, same database, jobs running: the committed deliveries go out once.
    server = await start('inline');
    await smtp.waitFor(user.email);
    await waitUntil(async () => gateway.received.length === 1, 'the SMS');
    await jobsSettled();
    expect(await server.peyvand.services.notifications.dispatchDue()).toBe(0);
    await stop();

    // Third server: the ticker and a dispatch again; nothing is redone.
    server = await start('inline');
    expect(await server.peyvand.services.notifications.dispatchDue()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await jobsSettled();
    expect(await sql('select count(*)::int as n from notifications where workspace_id = $1', [workspace.id])).toEqual([{ n: 1 }]);
    expect(await sql(`select channel, status, attempts from notification_deliveries where workspace_id = $1 order by channel`, [workspace.id])).toEqual([
      { channel: 'email', status: 'sent', attempts: 1 },
      { channel: 'sms', status: 'sent', attempts: 1 },
    ]);
    expect(smtp.received.filter((m) => JSON.stringify(m.parsed.to).includes(user.email))).toHaveLength(1);
    expect(gateway.received.map((r) => r.body.to)).toEqual(['+989121112233']);
    expect(smtp.received[0]!.parsed.subject).toBe(`یادآوری کار: ${TASK_TITLE}`);
  });

  it('a failing gateway: the delivery row records the failure and the email still goes out', async () => {
    const server = current ?? (await start('inline'));
    const accounts = testAccounts(() => server);
    const { client, user, workspace } = await accounts.admin('en');
    // A gateway that is not there: connection refused.
    expect((await client.request('PUT', '/api/v1/sms-provider', smsProvider('http://127.0.0.1:9/send'))).status).toBe(200);
    await client.request('PUT', '/api/v1/notifications/preferences', { matrix: { task_due: { sms: true } }, profile: { phone: '09121112244' } });
    await remindersRepository.schedule(server.peyvand.database.db, taskReminder(workspace.id, user.id));
    now = new Date(FIRE_AT.getTime() + 60_000);
    await server.peyvand.services.notifications.dispatchDue();
    await smtp.waitFor(user.email);
    const sms = await waitUntil(async () => {
      const [row] = await sql(`select status, attempts, error from notification_deliveries where workspace_id = $1 and channel = 'sms'`, [workspace.id]);
      return row?.status === 'failed' && row;
    }, 'the failed SMS delivery');
    expect(sms.attempts).toBeGreaterThanOrEqual(1);
    expect(sms.error).toBeTruthy();
  });
});
