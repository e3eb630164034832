import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importRuns } from '../support/import-runs.ts';
import { testAccounts } from '../support/test-accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
/** 2025-03-19 09:30 in Tehran (UTC+03:30): Jalali 1403/12/29, the day before the leap-year 30 Esfand. */
const START = new Date('2025-03-19T06:00:00.000Z');
let now = START;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  now = START;
});

const { sql, admin, memberOf, auditOf } = testAccounts(() => server);
const { upload, runToEnd } = importRuns(() => server);

const codes = (body: { errors: Array<{ path: string; code: string }> }) => body.errors.map((e) => `${e.path}:${e.code}`).sort();
const remindersOf = (taskId: string) => sql(`select user_id, event, fire_at, status, dedupe_key, data from reminders where entity_type = 'task' and entity_id = $1`, [taskId]);

describe('tasks: create, read, update, delete', () => {
  it('creates a task linked to records, with its due moment in the workspace zone, and reads it back', async () => {
    const { client, user, workspace } = await admin();
    const person = (await client.post('/api/v1/people', { firstName: 'سارا', lastName: 'احمدی' })).body;
    const org = (await client.post('/api/v1/organizations', { name: 'آلفا' })).body;
    const deal = (await client.post('/api/v1/deals', { title: 'قرارداد', amount: 100 })).body;
    const created = await client.post('/api/v1/tasks', {
      title: 'تماس با سارا',
      description: 'درباره‌ی پیش‌فاکتور',
      dueDate: '۲۰۲۵-۰۳-۲۱',
      dueTime: '۱۰:۰۰',
      priority: 'high',
      links: [
        { entityType: 'person', entityId: person.id },
        { entityType: 'organization', entityId: org.id },
        { entityType: 'deal', entityId: deal.id },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      title: 'تماس با سارا',
      description: 'درباره‌ی پیش‌فاکتور',
      owner: { id: user.id, name: 'نرگس افشار' },
      dueDate: '2025-03-21',
      dueTime: '10:00',
      dueAt: '2025-03-21T06:30:00.000Z',
      allDay: false,
      priority: 'high',
      status: 'open',
      completedAt: null,
      completedBy: null,
      reminderMinutes: null,
      recurrence: null,
      seriesId: null,
      source: 'manual',
      overdue: false,
      version: 1,
    });
    expect(created.body.links).toEqual([
      { entityType: 'deal', entityId: deal.id, name: 'قرارداد', deleted: false },
      { entityType: 'organization', entityId: org.id, name: 'آلفا', deleted: false },
      { entityType: 'person', entityId: person.id, name: 'سارا احمدی', deleted: false },
    ]);
    expect((await client.get(`/api/v1/tasks/${created.body.id}`)).body).toEqual(created.body);

    const ofPerson = await client.get(`/api/v1/tasks?entityType=person&entityId=${person.id}`);
    expect(ofPerson.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
    expect((await client.get(`/api/v1/tasks?ownerId=me&status=open,in_progress&dueFrom=2025-03-21&dueTo=1404/01/01`)).body.items).toHaveLength(1);
    expect((await client.get(`/api/v1/tasks?dueFrom=2025-03-22`)).body.items).toHaveLength(0);

    const patched = await client.patch(`/api/v1/tasks/${created.body.id}`, { version: 1, title: 'تماس دوباره', dueTime: null, links: [{ entityType: 'person', entityId: person.id }] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ title: 'تماس دوباره', dueTime: null, allDay: true, dueAt: '2025-03-21T20:29:59.999Z', version: 2 });
    expect(patched.body.links.map((l: { entityType: string }) => l.entityType)).toEqual(['person']);

    expect((await client.delete(`/api/v1/tasks/${created.body.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/tasks/${created.body.id}`)).status).toBe(404);
    expect((await client.get(`/api/v1/tasks?entityType=person&entityId=${person.id}`)).body.items).toEqual([]);

    const audit = await auditOf(workspace.id, created.body.id);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['task.created', 'task.updated', 'task.deleted']);
    expect(audit[0].after).toMatchObject({ ownerId: user.id, title: 'تماس با سارا' });
    expect(audit[1].before).toMatchObject({ ownerId: user.id, title: 'تماس با سارا' });
    expect(audit[1].after).toMatchObject({ ownerId: user.id, title: 'تماس دوباره' });
  });

  it('refuses bad input with per-field errors in the caller language, never a 500', async () => {
    for (const locale of ['fa', 'en'] as const) {
      const { client } = await admin(locale);
      const other = await admin();
      const foreignPerson = (await other.client.post('/api/v1/people', { firstName: 'X' })).body;
      const missing = await client.post('/api/v1/tasks', { dueDate: '2025-03-20' });
      expect(missing.status).toBe(400);
      expect(codes(missing.body)).toEqual(['title:invalid_type']);
      const bad = await client.post('/api/v1/tasks', {
        title: 'T',
        dueDate: '2025-02-30',
        dueTime: '25:00',
        ownerId: other.user.id,
        links: [
          { entityType: 'person', entityId: foreignPerson.id },
          { entityType: 'lead', entityId: '00000000-0000-4000-8000-000000000000' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(codes(bad.body)).toEqual(['dueDate:invalid_date', 'dueTime:invalid_time', 'links.0.entityId:person_not_found', 'links.1.entityId:lead_not_found', 'ownerId:owner_not_member']);
      const message = bad.body.errors.find((e: { path: string }) => e.path === 'ownerId').message;
      expect(message).toBe(locale === 'fa' ? 'مسئول باید یکی از اعضای این فضای کاری باشد.' : 'The owner must be a member of this workspace.');
      const undated = await client.post('/api/v1/tasks', { title: 'T', dueTime: '10:00', reminderMinutes: 30, recurrence: { frequency: 'weekly' } });
      expect(codes(undated.body)).toEqual(['dueTime:time_without_date', 'recurrence:recurrence_without_date', 'reminderMinutes:reminder_without_date']);
      const untilBefore = await client.post('/api/v1/tasks', { title: 'T', dueDate: '2025-03-20', recurrence: { frequency: 'daily', interval: 400, until: '2025-03-01' } });
      expect(codes(untilBefore.body)).toEqual(['recurrence.interval:too_big']);
      const untilEarly = await client.post('/api/v1/tasks', { title: 'T', dueDate: '2025-03-20', recurrence: { frequency: 'daily', until: '2025-03-01' } });
      expect(codes(untilEarly.body)).toEqual(['recurrence.until:until_before_due']);
      const list = await client.get('/api/v1/tasks?status=finished&dueFrom=x');
      expect(list.status).toBe(400);
      const task = (await client.post('/api/v1/tasks', { title: 'T' })).body;
      const viaPatch = await client.patch(`/api/v1/tasks/${task.id}`, { version: task.version, status: 'done' });
      expect(codes(viaPatch.body)).toEqual(['status:status_use_complete']);
      expect(viaPatch.body.errors[0].message).toBe(locale === 'fa' ? 'برای انجام‌شده کردن کار از «انجام شد» استفاده کنید.' : 'Use complete to mark a task as done.');
    }
  });

  it('refuses a stale version with 409 and keeps the newer change', async () => {
    const { client } = await admin();
    const task = (await client.post('/api/v1/tasks', { title: 'Original' })).body;
    expect((await client.patch(`/api/v1/tasks/${task.id}`, { version: 1, title: 'First' })).status).toBe(200);
    const stale = await client.patch(`/api/v1/tasks/${task.id}`, { version: 1, title: 'Second' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await client.post(`/api/v1/tasks/${task.id}/complete`, { version: 1 })).status).toBe(409);
    expect((await client.get(`/api/v1/tasks/${task.id}`)).body).toMatchObject({ title: 'First', version: 2, status: 'open' });
  });

  it('lets an owner other than the caller be a member only, and a member delete only their own tasks', async () => {
    const { client, workspace } = await admin();
    const member = await memberOf(workspace.id, 'member');
    const assigned = await client.post('/api/v1/tasks', { title: 'For the member', ownerId: member.user.id });
    expect(assigned.body.owner).toEqual({ id: member.user.id, name: member.user.name });
    const adminsOwn = (await client.post('/api/v1/tasks', { title: 'Admin only' })).body;
    expect((await member.client.delete(`/api/v1/tasks/${adminsOwn.id}`)).status).toBe(403);
    expect((await member.client.delete(`/api/v1/tasks/${assigned.body.id}`)).status).toBe(204);
  });
});

describe('my tasks', () => {
  it('sorts the caller’s open tasks into overdue, today, upcoming and undated by the workspace day', async () => {
    const { client, workspace } = await admin();
    const member = await memberOf(workspace.id, 'member');
    const make = async (title: string, extra: Record<string, unknown> = {}) => {
      const response = await client.post('/api/v1/tasks', { title, ...extra });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    await make('yesterday', { dueDate: '2025-03-18' });
    await make('this morning', { dueDate: '2025-03-19', dueTime: '08:00' });
    await make('today all day', { dueDate: '2025-03-19' });
    await make('this evening', { dueDate: '2025-03-19', dueTime: '17:00' });
    await make('tomorrow', { dueDate: '1403/12/30' });
    await make('in two weeks', { dueDate: '2025-04-02', priority: 'urgent' });
    await make('in fifteen days', { dueDate: '2025-04-03' });
    await make('someday');
    await make('not mine', { dueDate: '2025-03-19', ownerId: member.user.id });
    const done = await make('done today', { dueDate: '2025-03-19' });
    await client.post(`/api/v1/tasks/${done.id}/complete`, { version: done.version });

    const titles = (tasks: Array<{ title: string }>) => tasks.map((t) => t.title);
    const mine = (await client.get('/api/v1/tasks/mine')).body;
    expect(titles(mine.overdue)).toEqual(['yesterday', 'this morning']);
    expect(mine.overdue.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
    expect(titles(mine.today)).toEqual(['this evening', 'today all day']);
    expect(titles(mine.upcoming)).toEqual(['tomorrow', 'in two weeks']);
    expect(titles(mine.noDate)).toEqual(['someday']);
    expect(titles((await member.client.get('/api/v1/tasks/mine')).body.today)).toEqual(['not mine']);

    // 00:30 in Tehran on 20 March while it is still the 19th in UTC: the workspace's day counts.
    now = new Date('2025-03-19T21:00:00.000Z');
    const later = (await client.get('/api/v1/tasks/mine')).body;
    expect(titles(later.overdue)).toEqual(['yesterday', 'this morning', 'this evening', 'today all day']);
    expect(titles(later.today)).toEqual(['tomorrow']);
    expect(titles(later.upcoming)).toEqual(['in two weeks', 'in fifteen days']);

    // The same clock in a workspace on UTC: still the 19th there, and an all-day task ends at UTC midnight.
    await sql(`update workspaces set timezone = 'UTC' where id = $1`, [workspace.id]);
    const utcToday = await make('utc today', { dueDate: '2025-03-19' });
    expect(utcToday.dueAt).toBe('2025-03-19T23:59:59.999Z');
    const inUtc = (await client.get('/api/v1/tasks/mine')).body;
    expect(titles(inUtc.today)).toEqual(['utc today']);
    expect(titles(inUtc.upcoming)).toEqual(['tomorrow', 'in two weeks']);
  });
});

describe('recurrence', () => {
  it('completing a Jalali monthly task creates the next one on the same Jalali day, clamped at Esfand, once', async () => {
    const { client, user, workspace } = await admin();
    const person = (await client.post('/api/v1/people', { firstName: 'Reza' })).body;
    const first = (
      await client.post('/api/v1/tasks', {
        title: 'صورت‌حساب ماهانه',
        dueDate: '۱۴۰۳/۱۱/۳۰',
        dueTime: '09:00',
        priority: 'high',
        reminderMinutes: 60,
        recurrence: { frequency: 'monthly', interval: 1, calendar: 'jalali' },
        links: [{ entityType: 'person', entityId: person.id }],
      })
    ).body;
    expect(first).toMatchObject({ dueDate: '2025-02-18', seriesId: first.id, recurrence: { frequency: 'monthly', interval: 1, calendar: 'jalali', until: null } });

    const completed = await client.post(`/api/v1/tasks/${first.id}/complete`, { version: first.version });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.task).toMatchObject({ id: first.id, status: 'done', completedAt: START.toISOString(), completedBy: { id: user.id } });
    const next = completed.body.next;
    // 1403/12/30 exists: 1403 is a leap year.
    expect(next).toMatchObject({
      title: 'صورت‌حساب ماهانه',
      dueDate: '2025-03-20',
      dueTime: '09:00',
      dueAt: '2025-03-20T05:30:00.000Z',
      priority: 'high',
      reminderMinutes: 60,
      status: 'open',
      seriesId: first.id,
      owner: { id: user.id },
      links: [{ entityType: 'person', entityId: person.id, name: 'Reza', deleted: false }],
    });
    expect(await remindersOf(next.id)).toMatchObject([{ user_id: user.id, status: 'pending', fire_at: new Date('2025-03-20T04:30:00.000Z') }]);

    // Completing again (current version) and reopening then completing never makes a second next task.
    const again = await client.post(`/api/v1/tasks/${first.id}/complete`, { version: completed.body.task.version });
    expect(again.body.next).toBeNull();
    const reopened = await client.post(`/api/v1/tasks/${first.id}/reopen`, { version: completed.body.task.version });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, completedBy: null });
    expect((await client.post(`/api/v1/tasks/${first.id}/complete`, { version: reopened.body.version })).body.next).toBeNull();
    const series = await sql('select due_date from tasks where series_id = $1 order by due_date', [first.id]);
    expect(series).toHaveLength(2);

    // 1403/12/30 → 1404/01/30: the series keeps its 30th.
    const third = (await client.post(`/api/v1/tasks/${next.id}/complete`, { version: next.version })).body.next;
    expect(third.dueDate).toBe('2025-04-19');
    const audit = await auditOf(workspace.id, next.id);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['task.created', 'task.completed']);
    expect(audit[1].after).toMatchObject({ status: 'done', ownerId: user.id });
  });

  it('creates no next task after `until`, and steps weekly in days', async () => {
    const { client } = await admin();
    const weekly = (await client.post('/api/v1/tasks', { title: 'W', dueDate: '2025-03-19', recurrence: { frequency: 'weekly', interval: 2, until: '2025-04-02' } })).body;
    const second = (await client.post(`/api/v1/tasks/${weekly.id}/complete`, { version: weekly.version })).body.next;
    // An English workspace counts in the Gregorian calendar unless the rule says otherwise.
    expect(second).toMatchObject({ dueDate: '2025-04-02', allDay: true, recurrence: { calendar: 'gregorian', until: '2025-04-02' } });
    expect((await client.post(`/api/v1/tasks/${second.id}/complete`, { version: second.version })).body.next).toBeNull();
  });
});

describe('reminders', () => {
  it('schedules the owner’s task_due reminder with the task and moves or cancels it with the task', async () => {
    const { client, user, workspace } = await admin();
    const member = await memberOf(workspace.id, 'member');
    const task = (await client.post('/api/v1/tasks', { title: 'Call back', dueDate: '2025-03-20', dueTime: '10:00', reminderMinutes: 30 })).body;
    expect(await remindersOf(task.id)).toEqual([
      {
        user_id: user.id,
        event: 'task_due',
        fire_at: new Date('2025-03-20T06:00:00.000Z'),
        status: 'pending',
        dedupe_key: `task:${task.id}`,
        data: { title: 'Call back', dueAt: '2025-03-20T06:30:00.000Z' },
      },
    ]);

    const moved = (await client.patch(`/api/v1/tasks/${task.id}`, { version: task.version, dueTime: '11:00', ownerId: member.user.id })).body;
    expect(await remindersOf(task.id)).toMatchObject([{ user_id: member.user.id, fire_at: new Date('2025-03-20T07:00:00.000Z'), status: 'pending' }]);
    const audit = await auditOf(workspace.id, task.id);
    expect(audit.at(-1).after).toMatchObject({ ownerId: member.user.id });

    const done = (await client.post(`/api/v1/tasks/${task.id}/complete`, { version: moved.version })).body.task;
    expect((await remindersOf(task.id))[0].status).toBe('cancelled');
    const reopened = (await client.post(`/api/v1/tasks/${task.id}/reopen`, { version: done.version })).body;
    expect((await remindersOf(task.id))[0].status).toBe('pending');
    const cancelled = (await client.patch(`/api/v1/tasks/${task.id}`, { version: reopened.version, status: 'cancelled' })).body;
    expect((await remindersOf(task.id))[0].status).toBe('cancelled');
    await client.patch(`/api/v1/tasks/${task.id}`, { version: cancelled.version, status: 'open' });
    expect((await remindersOf(task.id))[0].status).toBe('pending');
    expect((await client.delete(`/api/v1/tasks/${task.id}`)).status).toBe(204);
    expect((await remindersOf(task.id))[0].status).toBe('cancelled');

    const undated = (await client.post('/api/v1/tasks', { title: 'No date' })).body;
    expect(await remindersOf(undated.id)).toEqual([]);
  });
});

describe('workspace isolation', () => {
  it('another workspace can neither read, list, change, complete nor delete a task', async () => {
    const owner = await admin();
    const stranger = await admin('fa');
    const task = (await owner.client.post('/api/v1/tasks', { title: 'Secret', dueDate: '2025-03-19' })).body;
    expect((await stranger.client.get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await stranger.client.get('/api/v1/tasks')).body.items).toEqual([]);
    expect((await stranger.client.get('/api/v1/tasks/mine')).body.today).toEqual([]);
    expect((await stranger.client.patch(`/api/v1/tasks/${task.id}`, { version: 1, title: 'Mine now' })).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/tasks/${task.id}/complete`, { version: 1 })).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/tasks/${task.id}/reopen`, { version: 1 })).status).toBe(404);
    const refused = await stranger.client.delete(`/api/v1/tasks/${task.id}`);
    expect(refused.status).toBe(404);
    expect(refused.body.detail).toBe('این کار در فضای کاری پیدا نشد.');
    expect((await owner.client.get(`/api/v1/tasks/${task.id}`)).body).toMatchObject({ title: 'Secret', version: 1, status: 'open' });
  });
});

describe('leads come with a follow-up task', () => {
  it('a lead created by hand gets a task for its owner, linked to it, due the next day', async () => {
    const { client, user, workspace } = await admin('fa');
    const member = await memberOf(workspace.id, 'member');
    const lead = await client.post('/api/v1/leads', { firstName: 'آرش', lastName: 'کمالی', companyName: 'پیوند', ownerId: member.user.id });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const tasks = (await client.get(`/api/v1/tasks?entityType=lead&entityId=${lead.body.id}`)).body.items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      title: 'پیگیری سرنخ: آرش کمالی',
      owner: { id: member.user.id },
      dueDate: '2025-03-20',
      allDay: true,
      source: 'lead',
      status: 'open',
      links: [{ entityType: 'lead', entityId: lead.body.id, name: 'آرش کمالی', deleted: false }],
    });
    expect((await member.client.get('/api/v1/tasks/mine')).body.upcoming.map((t: { id: string }) => t.id)).toEqual([tasks[0].id]);
    const audit = await auditOf(workspace.id, tasks[0].id);
    expect(audit).toMatchObject([{ action: 'task.created', after: { ownerId: member.user.id, source: 'lead' } }]);
    expect(user.id).not.toBe(member.user.id);
  });

  it('imported leads each get one, written with the import, titled in the workspace language', async () => {
    const { client, user, workspace } = await admin();
    const csv = 'نام,نام خانوادگی,ایمیل,شرکت\nآرش,کمالی,arash@example.com,پیوند\nمینا,رضایی,mina@example.com,\n';
    const run = await runToEnd(client, (await upload(client, 'lead', csv)).import.id);
    expect(run.counts).toMatchObject({ created: 2, errors: 0 });
    const rows = await sql(
      `select t.title, t.owner_id, t.due_date::text as due_date, t.source, l.first_name
         from tasks t join task_links k on k.task_id = t.id and k.entity_type = 'lead' join leads l on l.id = k.entity_id
        where t.workspace_id = $1 order by l.first_name`,
      [workspace.id],
    );
    expect(rows).toEqual([
      { title: 'Follow up lead: آرش کمالی', owner_id: user.id, due_date: '2025-03-20', source: 'lead', first_name: 'آرش' },
      { title: 'Follow up lead: مینا رضایی', owner_id: user.id, due_date: '2025-03-20', source: 'lead', first_name: 'مینا' },
    ]);
  });
});

describe('handover and merge', () => {
  it('a handover moves the user’s open tasks and their reminders, not the done ones', async () => {
    const { client, user, workspace } = await admin();
    const member = await memberOf(workspace.id, 'member');
    const open = (await client.post('/api/v1/tasks', { title: 'Open', ownerId: member.user.id, dueDate: '2025-03-21', reminderMinutes: 10 })).body;
    const finished = (await client.post('/api/v1/tasks', { title: 'Finished', ownerId: member.user.id })).body;
    await client.post(`/api/v1/tasks/${finished.id}/complete`, { version: finished.version });
    const handover = await client.post('/api/v1/handover', { fromUserId: member.user.id, toUserId: user.id });
    expect(handover.status, JSON.stringify(handover.body)).toBe(200);
    expect(handover.body.moved.task).toBe(1);
    expect((await client.get(`/api/v1/tasks/${open.id}`)).body).toMatchObject({ owner: { id: user.id }, version: 2 });
    expect((await client.get(`/api/v1/tasks/${finished.id}`)).body.owner.id).toBe(member.user.id);
    expect(await remindersOf(open.id)).toMatchObject([{ user_id: user.id, status: 'pending' }]);
    const audit = await auditOf(workspace.id, open.id);
    expect(audit.at(-1)).toMatchObject({ action: 'task.owner_changed', after: { ownerId: user.id } });
  });

  it('merging two people moves the merged one’s task links to the survivor, once per task', async () => {
    const { client } = await admin();
    const survivor = (await client.post('/api/v1/people', { firstName: 'Sara', lastName: 'A' })).body;
    const duplicate = (await client.post('/api/v1/people', { firstName: 'Sara', lastName: 'B' })).body;
    const both = (await client.post('/api/v1/tasks', { title: 'Both', links: [{ entityType: 'person', entityId: survivor.id }, { entityType: 'person', entityId: duplicate.id }] })).body;
    const onlyDuplicate = (await client.post('/api/v1/tasks', { title: 'Dup', links: [{ entityType: 'person', entityId: duplicate.id }] })).body;
    const merged = await client.post(`/api/v1/people/${survivor.id}/merge`, { otherId: duplicate.id, version: survivor.version, otherVersion: duplicate.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await client.get(`/api/v1/tasks/${both.id}`)).body.links.map((l: { entityId: string }) => l.entityId)).toEqual([survivor.id]);
    expect((await client.get(`/api/v1/tasks/${onlyDuplicate.id}`)).body.links.map((l: { entityId: string }) => l.entityId)).toEqual([survivor.id]);
    expect((await client.get(`/api/v1/tasks?entityType=person&entityId=${survivor.id}`)).body.items).toHaveLength(2);
  });
});
