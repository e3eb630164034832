import { sql as drizzleSql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedPageQuery } from '#server/modules/activities/activities.repository.ts';
import { ApiClient, signUp } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);
const codes = (body: { errors: Array<{ path: string; code: string }> }) => body.errors.map((e) => `${e.path}:${e.code}`).sort();

async function admin(locale: 'fa' | 'en' = 'en', name?: string) {
  const account = await signUp(server.url, { locale, ...(name ? { name } : {}) });
  const client = new ApiClient(server.url, { locale });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

async function memberOf(workspaceId: string, role = 'member', name = 'بهار') {
  const account = await signUp(server.url, { locale: 'en', name });
  await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [workspaceId, account.user.id, role]);
  expect((await account.client.post('/api/v1/me/active-workspace', { workspaceId })).status).toBe(204);
  const client = new ApiClient(server.url, { locale: 'en' });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

const person = async (client: ApiClient, body: Record<string, unknown> = {}) => {
  const res = await client.post('/api/v1/people', { firstName: 'سارا', lastName: 'احمدی', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
};
const organization = async (client: ApiClient, name = 'آلفا') => (await client.post('/api/v1/organizations', { name })).body as { id: string; version: number };

const FUTURE = '2031-03-10T07:30:00.000Z';
const minutesBefore = (iso: string, minutes: number) => new Date(new Date(iso).getTime() - minutes * 60_000).toISOString();
const remindersOf = (activityId: string) =>
  sql(`select user_id, event, fire_at, status, dedupe_key, data from reminders where entity_type = 'activity' and entity_id = $1 order by user_id`, [activityId]).then((rows) =>
    rows.map((r: any) => ({ ...r, fire_at: new Date(r.fire_at).toISOString() })),
  );

describe('activities: every type', () => {
  it('logs a call, meeting, email, sms, chat and note, each with its own fields, links and names', async () => {
    const { client, user } = await admin();
    const sara = await person(client);
    const org = await organization(client);
    const links = [
      { entityType: 'person', entityId: sara.id },
      { entityType: 'organization', entityId: org.id },
    ];
    const call = await client.post('/api/v1/activities', {
      type: 'call',
      direction: 'outbound',
      phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
      durationSeconds: 125,
      callOutcome: 'connected',
      bodyText: 'درباره‌ی تمدید قرارداد صحبت شد',
      occurredAt: '2026-11-20T09:00:00Z',
      links,
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    expect(call.body).toMatchObject({
      type: 'call',
      status: 'done',
      direction: 'outbound',
      phone: '+989121234567',
      durationSeconds: 125,
      callOutcome: 'connected',
      bodyHtml: null,
      bodyText: 'درباره‌ی تمدید قرارداد صحبت شد',
      occurredAt: '2026-11-20T09:00:00.000Z',
      owner: { id: user.id, name: 'نرگس افشار' },
      createdBy: { id: user.id, name: 'نرگس افشار' },
      version: 1,
    });
    expect(call.body.links).toEqual([
      { entityType: 'organization', entityId: org.id, name: 'آلفا', deleted: false },
      { entityType: 'person', entityId: sara.id, name: 'سارا احمدی', deleted: false },
    ]);

    const meeting = await client.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'جلسه‌ی معرفی محصول',
      occurredAt: FUTURE,
      endsAt: '2031-03-10T08:30:00Z',
      place: 'دفتر مرکزی',
      attendees: [{ userId: user.id }, { personId: sara.id }, { email: 'Guest@Example.com', name: 'مهمان' }, { email: 'nobody@example.com' }],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    expect(meeting.body).toMatchObject({ type: 'meeting', status: 'planned', place: 'دفتر مرکزی', endsAt: '2031-03-10T08:30:00.000Z', links: [] });
    const attendeeRows = meeting.body.attendees.map((a: any) => [a.userId, a.personId, a.email, a.name, a.response]);
    // Colleagues first, then customers, then bare addresses.
    expect(attendeeRows.slice(0, 2)).toEqual([
      [user.id, null, null, 'نرگس افشار', 'needs_action'],
      [null, sara.id, null, 'سارا احمدی', 'needs_action'],
    ]);
    expect(attendeeRows.slice(2)).toEqual(
      expect.arrayContaining([
        [null, null, 'guest@example.com', 'مهمان', 'needs_action'],
        [null, null, 'nobody@example.com', 'nobody@example.com', 'needs_action'],
      ]),
    );

    const email = await client.post('/api/v1/activities', {
      type: 'email',
      subject: 'پیش‌فاکتور',
      direction: 'outbound',
      emailAddress: 'Sara@Example.com',
      bodyHtml: '<p>سلام <b>سارا</b> جان</p><p>پیش‌فاکتور پیوست است.</p>',
      links,
    });
    expect(email.status).toBe(201);
    expect(email.body).toMatchObject({ type: 'email', status: 'done', emailAddress: 'sara@example.com', bodyHtml: '<p>سلام <b>سارا</b> جان</p><p>پیش‌فاکتور پیوست است.</p>', bodyText: 'سلام سارا جان\nپیش‌فاکتور پیوست است.', deliveryStatus: null });

    const sms = await client.post('/api/v1/activities', { type: 'sms', direction: 'inbound', phone: '+98 912 765 4321', bodyText: 'ممنون، فردا تماس می‌گیرم', links: [links[0]] });
    expect(sms.body).toMatchObject({ type: 'sms', phone: '+989127654321', bodyText: 'ممنون، فردا تماس می‌گیرم' });
    const chat = await client.post('/api/v1/activities', { type: 'chat', chatChannel: 'bale', direction: 'inbound', bodyText: 'قیمت نسخه‌ی سازمانی؟', links: [links[0]] });
    expect(chat.body).toMatchObject({ type: 'chat', chatChannel: 'bale' });
    const note = await client.post('/api/v1/activities', { type: 'note', bodyHtml: '<ul><li>بودجه تأیید شد</li><li>تصمیم‌گیر: مدیرعامل</li></ul>', links: [links[1]] });
    expect(note.body).toMatchObject({ type: 'note', status: 'done', bodyText: 'بودجه تأیید شد\nتصمیم‌گیر: مدیرعامل' });

    const got = await client.get(`/api/v1/activities/${meeting.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.attendees).toHaveLength(4);
    expect(got.body.attendees.map((a: any) => a.name)).toEqual(expect.arrayContaining(['نرگس افشار', 'سارا احمدی', 'مهمان', 'nobody@example.com']));

    const audit = await sql(`select action from audit_log where entity_type = 'activity' and entity_id = $1`, [call.body.id]);
    expect(audit.map((a: any) => a.action)).toEqual(['activity.created']);
  });

  it('logs a quick call with the person’s primary phone, or the number dialled, in E.164', async () => {
    const { client } = await admin();
    const sara = await person(client, { phones: [{ value: '021-88776655' }, { value: '09351112233', primary: true }] });
    const quick = await client.post('/api/v1/activities/calls', { personId: sara.id, direction: 'inbound', durationSeconds: 40, callOutcome: 'connected', note: 'درخواست دمو' });
    expect(quick.status, JSON.stringify(quick.body)).toBe(201);
    expect(quick.body).toMatchObject({ type: 'call', status: 'done', direction: 'inbound', phone: '+989351112233', durationSeconds: 40, bodyText: 'درخواست دمو' });
    expect(quick.body.links).toEqual([{ entityType: 'person', entityId: sara.id, name: 'سارا احمدی', deleted: false }]);
    const dialled = await client.post('/api/v1/activities/calls', { personId: sara.id, direction: 'outbound', phone: '00989121234567', callOutcome: 'no_answer' });
    expect(dialled.body.phone).toBe('+989121234567');
    const noPhones = await person(client, { firstName: 'رضا' });
    const withoutNumber = await client.post('/api/v1/activities/calls', { personId: noPhones.id, direction: 'outbound' });
    expect(withoutNumber.status).toBe(201);
    expect(withoutNumber.body.phone).toBeNull();
    const nobody = await client.post('/api/v1/activities/calls', { direction: 'outbound', phone: '09121234567' });
    expect(nobody.status).toBe(400);
    expect(codes(nobody.body)).toEqual(['links:links_required']);
    const ghost = await client.post('/api/v1/activities/calls', { personId: '00000000-0000-4000-8000-000000000000', direction: 'outbound' });
    expect(ghost.status).toBe(400);
    expect(codes(ghost.body)).toContain('personId:person_not_found');
  });
});

describe('activities: OpenAPI', () => {
  it('documents every activities endpoint with its body', async () => {
    const doc = await new ApiClient(server.url).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths).filter((p) => p.startsWith('/api/v1/activities'));
    expect(paths.sort()).toEqual(['/api/v1/activities', '/api/v1/activities/calls', '/api/v1/activities/{id}', '/api/v1/activities/{id}/complete', '/api/v1/activities/{id}/reschedule']);
    const create = doc.body.paths['/api/v1/activities'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(create)).toContain('occurredAt');
  });
});

describe('activities: validation', () => {
  it('explains every problem at once in English', async () => {
    const { client } = await admin('en');
    const sara = await person(client);
    const res = await client.post('/api/v1/activities', {
      type: 'call',
      phone: '12',
      status: 'planned',
      callOutcome: 'busy',
      chatChannel: 'bale',
      occurredAt: '2026-11-20T10:00:00Z',
      endsAt: '2026-11-20T09:00:00Z',
      links: [{ entityType: 'deal', entityId: '00000000-0000-4000-8000-000000000001' }, { entityType: 'person', entityId: sara.id }],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(codes(res.body)).toEqual(['chatChannel:not_for_type', 'direction:direction_required', 'endsAt:ends_before_start', 'links.0.entityId:link_not_found', 'phone:invalid_phone']);
    expect(res.body.errors.find((e: any) => e.code === 'direction_required').message).toBe('Say whether the call was inbound or outbound.');
    const planned = await client.post('/api/v1/activities', { type: 'note', status: 'planned', bodyText: 'x', links: [{ entityType: 'person', entityId: sara.id }] });
    expect(codes(planned.body)).toEqual(['status:planned_not_allowed']);
    const shape = await client.post('/api/v1/activities', { type: 'fax', links: [] });
    expect(shape.status).toBe(400);
    expect(codes(shape.body)).toEqual(['type:invalid_value']);
    const noLinks = await client.post('/api/v1/activities', { type: 'note', bodyText: 'x' });
    expect(codes(noLinks.body)).toEqual(['links:links_required']);
    const badAttendee = await client.post('/api/v1/activities', { type: 'meeting', occurredAt: FUTURE, attendees: [{ userId: 'not-a-member' }, { personId: sara.id }, { personId: sara.id }] });
    expect(codes(badAttendee.body)).toEqual(['attendees.0.userId:user_not_member', 'attendees.2:duplicate_attendee']);
    const nul = await client.post('/api/v1/activities', { type: 'note', bodyText: 'a\u0000b', links: [{ entityType: 'person', entityId: sara.id }] });
    expect(nul.status).toBe(201);
    expect(nul.body.bodyText).toBe('ab');
  });

  it('speaks Persian to a Persian caller', async () => {
    const { client } = await admin('fa');
    const res = await client.post('/api/v1/activities', { type: 'meeting', occurredAt: '2026-11-20T10:00:00Z', endsAt: '2026-11-20T09:00:00Z' });
    expect(res.status).toBe(400);
    expect(res.body.title ?? res.body.message).toBeTruthy();
    const messages = Object.fromEntries(res.body.errors.map((e: any) => [e.code, e.message]));
    expect(messages.ends_before_start).toBe('پایان جلسه نمی‌تواند پیش از شروع آن باشد.');
    expect(messages.links_required).toContain('دست‌کم به یک مخاطب');
    const missing = await client.get('/api/v1/activities/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('activity_not_found');
    expect(JSON.stringify(missing.body)).toContain('این فعالیت در فضای کاری پیدا نشد.');
    const bad = await client.get('/api/v1/activities?entityType=person');
    expect(bad.status).toBe(400);
    expect(codes(bad.body)).toEqual(['entityId:entity_pair']);
    const cursor = await client.get(`/api/v1/activities?cursor=${Buffer.from(JSON.stringify({ at: '2026-01-01T00:00:00Z', id: 'x' })).toString('base64url')}`);
    expect(cursor.status).toBe(400);
  });
});

describe('activities: update, complete, reschedule, delete', () => {
  it('replaces links and attendees, keeps link times in step, and refuses a stale version with 409', async () => {
    const { client } = await admin();
    const sara = await person(client);
    const reza = await person(client, { firstName: 'رضا', lastName: 'کریمی' });
    const created = (await client.post('/api/v1/activities', { type: 'note', bodyText: 'اول', occurredAt: '2026-10-01T08:00:00Z', links: [{ entityType: 'person', entityId: sara.id }] })).body;
    const patched = await client.patch(`/api/v1/activities/${created.id}`, {
      version: 1,
      occurredAt: '2026-10-02T08:00:00Z',
      links: [
        { entityType: 'person', entityId: reza.id },
        { entityType: 'person', entityId: reza.id },
      ],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body.links.map((l: any) => l.entityId)).toEqual([reza.id]);
    const moved = await client.patch(`/api/v1/activities/${created.id}`, { version: 2, occurredAt: '2026-10-03T08:00:00Z' });
    expect(moved.status).toBe(200);
    const rows = await sql('select entity_id, occurred_at from activity_links where activity_id = $1', [created.id]);
    expect(rows.map((r: any) => [r.entity_id, new Date(r.occurred_at).toISOString()])).toEqual([[reza.id, '2026-10-03T08:00:00.000Z']]);
    const stale = await client.patch(`/api/v1/activities/${created.id}`, { version: 2, bodyText: 'دیر رسید' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const typeChange = await client.patch(`/api/v1/activities/${created.id}`, { version: 3, type: 'call' });
    expect(typeChange.status).toBe(400);
    const audit = await sql(`select action from audit_log where entity_type = 'activity' and entity_id = $1 order by occurred_at`, [created.id]);
    expect(audit.map((a: any) => a.action)).toEqual(['activity.created', 'activity.updated', 'activity.updated']);
  });

  it('completes a planned call, reschedules keeping the duration, deletes softly', async () => {
    const { client } = await admin();
    const sara = await person(client);
    const planned = (await client.post('/api/v1/activities', { type: 'meeting', subject: 'دمو', occurredAt: FUTURE, endsAt: '2031-03-10T08:30:00Z', links: [{ entityType: 'person', entityId: sara.id }] })).body;
    expect(planned.status).toBe('planned');
    const moved = await client.post(`/api/v1/activities/${planned.id}/reschedule`, { version: 1, occurredAt: '2031-03-11T10:00:00Z' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ occurredAt: '2031-03-11T10:00:00.000Z', endsAt: '2031-03-11T11:00:00.000Z', version: 2 });
    const [link] = await sql('select occurred_at from activity_links where activity_id = $1', [planned.id]);
    expect(new Date(link.occurred_at).toISOString()).toBe('2031-03-11T10:00:00.000Z');
    const backwards = await client.post(`/api/v1/activities/${planned.id}/reschedule`, { version: 2, occurredAt: '2031-03-11T10:00:00Z', endsAt: '2031-03-11T09:00:00Z' });
    expect(codes(backwards.body)).toEqual(['endsAt:ends_before_start']);
    const done = await client.post(`/api/v1/activities/${planned.id}/complete`, { version: 2, durationSeconds: 3000, note: 'قرار شد پیشنهاد قیمت بفرستیم' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', durationSeconds: 3000, bodyText: 'قرار شد پیشنهاد قیمت بفرستیم', version: 3 });
    const again = await client.post(`/api/v1/activities/${planned.id}/complete`, { version: 3 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('activity_not_planned');
    expect((await client.delete(`/api/v1/activities/${planned.id}`)).status).toBe(204);
    expect((await client.delete(`/api/v1/activities/${planned.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/activities/${planned.id}`)).status).toBe(404);
    const [row] = await sql('select deleted_at from activities where id = $1', [planned.id]);
    expect(row.deleted_at).not.toBeNull();
    expect((await client.get(`/api/v1/activities?entityType=person&entityId=${sara.id}`)).body.items).toEqual([]);
    const actions = await sql(`select action from audit_log where entity_type = 'activity' and entity_id = $1 order by occurred_at`, [planned.id]);
    expect(actions.map((a: any) => a.action)).toEqual(['activity.created', 'activity.rescheduled', 'activity.completed', 'activity.deleted']);
  });

  it('lets a member without records.delete delete the activities they logged, and no one else’s', async () => {
    const { client, workspace } = await admin();
    const sara = await person(client);
    const rep = await memberOf(workspace.id, 'member');
    const mine = (await rep.client.post('/api/v1/activities/calls', { personId: sara.id, phone: '09121234567', direction: 'outbound', durationSeconds: 60 })).body;
    const theirs = (await client.post('/api/v1/activities/calls', { personId: sara.id, phone: '09121234567', direction: 'inbound', durationSeconds: 30 })).body;
    const refused = await rep.client.delete(`/api/v1/activities/${theirs.id}`);
    expect(refused.status).toBe(403);
    expect((await sql('select deleted_at from activities where id = $1', [theirs.id]))[0].deleted_at).toBeNull();
    expect((await rep.client.delete(`/api/v1/activities/${mine.id}`)).status).toBe(204);
    expect((await sql('select deleted_at from activities where id = $1', [mine.id]))[0].deleted_at).not.toBeNull();
  });
});

describe('activities: lists', () => {
  it('lists newest first with filters and keyset pages, by linked record too', async () => {
    const { client, user } = await admin();
    const sara = await person(client);
    const other = await person(client, { firstName: 'رضا' });
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const res = await client.post('/api/v1/activities', {
        type: day % 2 ? 'call' : 'note',
        direction: 'outbound',
        bodyText: `روز ${day}`,
        occurredAt: `2026-09-0${day}T08:00:00Z`,
        links: [{ entityType: 'person', entityId: day === 5 ? other.id : sara.id }],
      });
      ids.push(res.body.id);
    }
    const all = await client.get('/api/v1/activities?limit=2');
    expect(all.body.items.map((a: any) => a.id)).toEqual([ids[4], ids[3]]);
    const next = await client.get(`/api/v1/activities?limit=2&cursor=${all.body.nextCursor}`);
    expect(next.body.items.map((a: any) => a.id)).toEqual([ids[2], ids[1]]);
    const last = await client.get(`/api/v1/activities?limit=2&cursor=${next.body.nextCursor}`);
    expect(last.body).toMatchObject({ nextCursor: null });
    expect(last.body.items.map((a: any) => a.id)).toEqual([ids[0]]);

    const ofSara = await client.get(`/api/v1/activities?entityType=person&entityId=${sara.id}&limit=3`);
    expect(ofSara.body.items.map((a: any) => a.id)).toEqual([ids[3], ids[2], ids[1]]);
    const ofSara2 = await client.get(`/api/v1/activities?entityType=person&entityId=${sara.id}&limit=3&cursor=${ofSara.body.nextCursor}`);
    expect(ofSara2.body.items.map((a: any) => a.id)).toEqual([ids[0]]);
    const calls = await client.get(`/api/v1/activities?entityType=person&entityId=${sara.id}&type=call`);
    expect(calls.body.items.map((a: any) => a.id)).toEqual([ids[2], ids[0]]);
    const ranged = await client.get('/api/v1/activities?from=2026-09-02T00:00:00Z&to=2026-09-04T00:00:00Z&type=note,call&status=done');
    expect(ranged.body.items.map((a: any) => a.id)).toEqual([ids[2], ids[1]]);
    const mine = await client.get('/api/v1/activities?ownerId=me');
    expect(mine.body.items).toHaveLength(5);
    expect((await client.get(`/api/v1/activities?ownerId=${user.id}x`)).body.items).toHaveLength(0);
    const ghost = await client.get('/api/v1/activities?entityType=deal&entityId=00000000-0000-4000-8000-000000000000');
    expect(ghost.status).toBe(404);
  });
});

describe('activities: timeline and merge', () => {
  it('shows the activity on the timeline of each linked person, organisation and deal', async () => {
    const { client } = await admin();
    const sara = await person(client);
    const org = await organization(client);
    const deal = (await client.post('/api/v1/deals', { title: 'قرارداد پشتیبانی', organizationId: org.id })).body;
    const call = (
      await client.post('/api/v1/activities', {
        type: 'call',
        direction: 'outbound',
        bodyText: 'پیگیری پیشنهاد',
        links: [
          { entityType: 'person', entityId: sara.id },
          { entityType: 'organization', entityId: org.id },
          { entityType: 'deal', entityId: deal.id },
        ],
      })
    ).body;
    for (const [type, id] of [
      ['person', sara.id],
      ['organization', org.id],
      ['deal', deal.id],
    ]) {
      const timeline = await client.get(`/api/v1/timeline/${type}/${id}`);
      expect(timeline.status).toBe(200);
      const item = timeline.body.items.find((i: any) => i.source === 'activities');
      expect(item, `${type} timeline`).toMatchObject({ id: call.id, kind: 'activity.call', entityType: 'activity', entityId: call.id });
      expect(item.data.activity).toMatchObject({ id: call.id, bodyText: 'پیگیری پیشنهاد', type: 'call' });
      expect(item.data.activity.links).toHaveLength(3);
      // The audit entry of the activity is not on the customer's timeline a second time.
      expect(timeline.body.items.filter((i: any) => i.entityId === call.id)).toHaveLength(1);
    }
  });

  it('pages a timeline by (occurredAt, id) and keeps the activities of a merged-away person', async () => {
    const { client } = await admin();
    const survivor = await person(client, { firstName: 'مریم', lastName: 'رضایی', emails: ['maryam@example.com'] });
    const duplicate = await person(client, { firstName: 'مریم', lastName: 'رضائی' });
    const both = (
      await client.post('/api/v1/activities', {
        type: 'meeting',
        occurredAt: '2026-08-01T08:00:00Z',
        links: [
          { entityType: 'person', entityId: survivor.id },
          { entityType: 'person', entityId: duplicate.id },
        ],
        attendees: [{ personId: survivor.id }, { personId: duplicate.id }],
      })
    ).body;
    const own: string[] = [];
    for (let i = 0; i < 3; i++) {
      own.push((await client.post('/api/v1/activities', { type: 'note', bodyText: `یادداشت ${i}`, occurredAt: `2026-08-0${i + 2}T08:00:00Z`, links: [{ entityType: 'person', entityId: duplicate.id }] })).body.id);
    }
    const onlyDuplicateMeeting = (
      await client.post('/api/v1/activities', { type: 'meeting', occurredAt: '2026-08-09T08:00:00Z', links: [{ entityType: 'person', entityId: duplicate.id }], attendees: [{ personId: duplicate.id }] })
    ).body;
    const s = (await client.get(`/api/v1/people/${survivor.id}`)).body;
    const d = (await client.get(`/api/v1/people/${duplicate.id}`)).body;
    const merged = await client.post(`/api/v1/people/${survivor.id}/merge`, { otherId: duplicate.id, version: s.version, otherVersion: d.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const links = await sql(`select activity_id, entity_id from activity_links where entity_type = 'person' and entity_id in ($1, $2)`, [survivor.id, duplicate.id]);
    expect(links.every((l: any) => l.entity_id === survivor.id)).toBe(true);
    expect(links).toHaveLength(5);
    const attendees = await sql('select activity_id, person_id from activity_attendees where activity_id in ($1, $2)', [both.id, onlyDuplicateMeeting.id]);
    expect(attendees.map((a: any) => [a.activity_id, a.person_id]).sort()).toEqual([[both.id, survivor.id], [onlyDuplicateMeeting.id, survivor.id]].sort());

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/timeline/person/${survivor.id}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.filter((i: any) => i.source === 'activities').map((i: any) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([onlyDuplicateMeeting.id, ...own.slice().reverse(), both.id]);
  });

  it('counts activities linked to the merged-away id (before hooks ran) on the survivor’s timeline', async () => {
    const { client, workspace } = await admin();
    const survivor = await person(client, { firstName: 'نیما' });
    const gone = await person(client, { firstName: 'نیما۲' });
    const note = (await client.post('/api/v1/activities', { type: 'note', bodyText: 'قدیمی', links: [{ entityType: 'person', entityId: gone.id }] })).body;
    // A record merged by an older version (no activity hook yet): only merged_into_id points at the survivor.
    await sql('update people set merged_into_id = $1 where id = $2 and workspace_id = $3', [survivor.id, gone.id, workspace.id]);
    const timeline = await client.get(`/api/v1/timeline/person/${survivor.id}`);
    expect(timeline.body.items.filter((i: any) => i.source === 'activities').map((i: any) => i.id)).toEqual([note.id]);
  });

  it('moves organisation links on an organisation merge', async () => {
    const { client } = await admin();
    const a = await organization(client, 'بتا');
    const b = await organization(client, 'بتا کو');
    const act = (await client.post('/api/v1/activities', { type: 'note', bodyText: 'x', links: [{ entityType: 'organization', entityId: b.id }, { entityType: 'organization', entityId: a.id }] })).body;
    const merged = await client.post(`/api/v1/organizations/${a.id}/merge`, { otherId: b.id, version: a.version, otherVersion: b.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const got = await client.get(`/api/v1/activities/${act.id}`);
    expect(got.body.links).toEqual([{ entityType: 'organization', entityId: a.id, name: 'بتا', deleted: false }]);
  });
});

describe('activities: reminders', () => {
  it('schedules meeting_soon for the owner and attendee colleagues, moves them on reschedule, cancels on complete and delete', async () => {
    const { client, user, workspace } = await admin();
    const colleague = await memberOf(workspace.id, 'member', 'بهار');
    await sql('insert into notification_profiles (workspace_id, user_id, meeting_lead_minutes) values ($1, $2, 30)', [workspace.id, colleague.user.id]);
    const sara = await person(client);
    const meeting = (
      await client.post('/api/v1/activities', {
        type: 'meeting',
        subject: 'جلسه‌ی قرارداد',
        occurredAt: FUTURE,
        attendees: [{ userId: colleague.user.id }, { personId: sara.id }],
        links: [{ entityType: 'person', entityId: sara.id }],
      })
    ).body;
    let reminders = await remindersOf(meeting.id);
    expect(reminders.map((r: any) => [r.user_id, r.event, r.fire_at, r.status, r.dedupe_key]).sort()).toEqual(
      [
        [user.id, 'meeting_soon', minutesBefore(FUTURE, 15), 'pending', `activity:${meeting.id}:${user.id}`],
        [colleague.user.id, 'meeting_soon', minutesBefore(FUTURE, 30), 'pending', `activity:${meeting.id}:${colleague.user.id}`],
      ].sort(),
    );
    expect(reminders[0].data).toMatchObject({ activityId: meeting.id, type: 'meeting', subject: 'جلسه‌ی قرارداد', occurredAt: FUTURE });

    const later = '2031-03-12T06:00:00.000Z';
    const moved = (await client.post(`/api/v1/activities/${meeting.id}/reschedule`, { version: 1, occurredAt: later })).body;
    reminders = await remindersOf(meeting.id);
    expect(reminders).toHaveLength(2);
    expect(reminders.every((r: any) => r.status === 'pending')).toBe(true);
    expect(reminders.map((r: any) => r.fire_at).sort()).toEqual([minutesBefore(later, 30), minutesBefore(later, 15)].sort());

    // An explicit lead time applies to everyone; a removed attendee's reminder is cancelled.
    const patched = await client.patch(`/api/v1/activities/${meeting.id}`, { version: moved.version, reminderMinutes: 60, attendees: [{ personId: sara.id }] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    reminders = await remindersOf(meeting.id);
    const byUser = Object.fromEntries(reminders.map((r: any) => [r.user_id, r]));
    expect(byUser[user.id]).toMatchObject({ status: 'pending', fire_at: minutesBefore(later, 60) });
    expect(byUser[colleague.user.id]).toMatchObject({ status: 'cancelled' });

    const done = await client.post(`/api/v1/activities/${meeting.id}/complete`, { version: patched.body.version });
    expect(done.status).toBe(200);
    expect((await remindersOf(meeting.id)).map((r: any) => r.status)).toEqual(['cancelled', 'cancelled']);

    const call = (await client.post('/api/v1/activities', { type: 'call', direction: 'outbound', occurredAt: FUTURE, links: [{ entityType: 'person', entityId: sara.id }] })).body;
    expect(call.status).toBe('planned');
    expect((await remindersOf(call.id)).map((r: any) => r.status)).toEqual(['pending']);
    const cancelled = await client.patch(`/api/v1/activities/${call.id}`, { version: 1, status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    expect((await remindersOf(call.id)).map((r: any) => r.status)).toEqual(['cancelled']);
    const call2 = (await client.post('/api/v1/activities', { type: 'call', direction: 'outbound', occurredAt: FUTURE, links: [{ entityType: 'person', entityId: sara.id }] })).body;
    expect((await client.delete(`/api/v1/activities/${call2.id}`)).status).toBe(204);
    expect((await remindersOf(call2.id)).map((r: any) => r.status)).toEqual(['cancelled']);
    // A call logged after the fact reminds nobody.
    const past = (await client.post('/api/v1/activities/calls', { personId: sara.id, direction: 'outbound' })).body;
    expect(await remindersOf(past.id)).toEqual([]);
  });

  it('hands planned activities and their reminders over to the new owner', async () => {
    const { client, workspace } = await admin();
    const leaving = await memberOf(workspace.id, 'member', 'رفتنی');
    const staying = await memberOf(workspace.id, 'member', 'ماندنی');
    const sara = await person(client);
    const planned = (await client.post('/api/v1/activities', { type: 'call', direction: 'outbound', occurredAt: FUTURE, ownerId: leaving.user.id, links: [{ entityType: 'person', entityId: sara.id }] })).body;
    const done = (await client.post('/api/v1/activities', { type: 'call', direction: 'outbound', ownerId: leaving.user.id, links: [{ entityType: 'person', entityId: sara.id }] })).body;
    const res = await client.post('/api/v1/handover', { fromUserId: leaving.user.id, toUserId: staying.user.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.moved.activity).toBe(1);
    expect((await client.get(`/api/v1/activities/${planned.id}`)).body.owner).toEqual({ id: staying.user.id, name: 'ماندنی' });
    expect((await client.get(`/api/v1/activities/${done.id}`)).body.owner.id).toBe(leaving.user.id);
    const reminders = await remindersOf(planned.id);
    expect(reminders.map((r: any) => [r.user_id, r.status]).sort()).toEqual([[leaving.user.id, 'cancelled'], [staying.user.id, 'pending']].sort());
  });
});

describe('activities: workspace isolation', () => {
  it('never reads, links to or changes another workspace’s records', async () => {
    const mine = await admin();
    const theirs = await admin();
    const theirPerson = await person(theirs.client);
    const theirActivity = (await theirs.client.post('/api/v1/activities', { type: 'note', bodyText: 'محرمانه', links: [{ entityType: 'person', entityId: theirPerson.id }] })).body;
    expect((await mine.client.get(`/api/v1/activities/${theirActivity.id}`)).status).toBe(404);
    expect((await mine.client.patch(`/api/v1/activities/${theirActivity.id}`, { version: 1, bodyText: 'hacked' })).status).toBe(404);
    expect((await mine.client.post(`/api/v1/activities/${theirActivity.id}/reschedule`, { version: 1, occurredAt: FUTURE })).status).toBe(404);
    expect((await mine.client.delete(`/api/v1/activities/${theirActivity.id}`)).status).toBe(404);
    expect((await mine.client.get('/api/v1/activities')).body.items).toEqual([]);
    expect((await mine.client.get(`/api/v1/activities?entityType=person&entityId=${theirPerson.id}`)).status).toBe(404);
    const linked = await mine.client.post('/api/v1/activities', { type: 'note', bodyText: 'x', links: [{ entityType: 'person', entityId: theirPerson.id }] });
    expect(linked.status).toBe(400);
    expect(codes(linked.body)).toEqual(['links.0.entityId:link_not_found']);
    const attendee = await mine.client.post('/api/v1/activities', { type: 'meeting', occurredAt: FUTURE, attendees: [{ personId: theirPerson.id }, { userId: theirs.user.id }] });
    expect(codes(attendee.body)).toEqual(['attendees.0.personId:person_not_found', 'attendees.1.userId:user_not_member']);
    const quick = await mine.client.post('/api/v1/activities/calls', { personId: theirPerson.id, direction: 'outbound' });
    expect(quick.status).toBe(400);
    const [row] = await sql('select body_text, version, deleted_at from activities where id = $1', [theirActivity.id]);
    expect(row).toMatchObject({ body_text: 'محرمانه', version: 1, deleted_at: null });
  });
});

describe('activities: stored XSS', () => {
  const PAYLOADS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<body onload=alert(1)>',
    '<svg/onload=alert(1)><svg><script>alert(2)</script></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">کلیک</a>',
    '<a href="jav&#x09;ascript:alert(1)">کلیک</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">داده</a>',
    '<a href="vbscript:msgbox(1)">v</a>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">متن</p>',
    '<<script>script>alert(1)<</script>/script>',
    '<scr<script>ipt>alert(1)</scr</script>ipt>',
    '<div><p>باز <b>ناتمام',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">e</a>',
    '<!--<img src=x onerror=alert(1)>-->',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  ];
  const DANGER = [/<script/i, /onerror/i, /onload/i, /onclick/i, /javascript:/i, /vbscript:/i, /data:/i, /<svg/i, /<iframe/i, /<style/i, /<object/i, /<embed/i, /<form/i, /<meta/i, /<img/i, /<math/i, /style=/i, /<[^>]*alert/i];
  // An unclosed <style> makes the rest of the document style text: tested on its own below.
  const SWALLOWING = PAYLOADS.filter((p) => p.startsWith('<math>'));

  it('stores and returns none of the payloads, while the Persian text survives', async () => {
    const { client } = await admin();
    const sara = await person(client);
    const html = `<p dir="rtl">سلام <b>سارا</b>، جلسه خوب بود.</p>${PAYLOADS.filter((p) => !SWALLOWING.includes(p)).join('')}<p>پایان یادداشت</p>`;
    const res = await client.post('/api/v1/activities', { type: 'note', bodyHtml: html, links: [{ entityType: 'person', entityId: sara.id }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [row] = await sql('select body_html, body_text from activities where id = $1', [res.body.id]);
    for (const stored of [row.body_html, res.body.bodyHtml, (await client.get(`/api/v1/activities/${res.body.id}`)).body.bodyHtml]) {
      for (const danger of DANGER) expect(stored, `${danger}`).not.toMatch(danger);
      expect(stored).toContain('<p dir="rtl">سلام <b>سارا</b>، جلسه خوب بود.</p>');
      expect(stored).toContain('<p>پایان یادداشت</p>');
      expect(stored).toContain('کلیک');
      expect(stored).toContain('باز <b>ناتمام');
    }
    expect(row.body_text).toContain('سلام سارا، جلسه خوب بود.');
    expect(row.body_text).toContain('پایان یادداشت');
    // Safe links stay, with rel/target added.
    const link = await client.post('/api/v1/activities', { type: 'email', direction: 'outbound', bodyHtml: '<a href="https://peyvand.example/دمو" onmouseover="x()">دمو</a>', links: [{ entityType: 'person', entityId: sara.id }] });
    expect(link.body.bodyHtml).toMatch(/^<a href="https:\/\/peyvand\.example\/دمو" rel="noopener noreferrer nofollow" target="_blank">دمو<\/a>$/);

    // Each payload on its own too, through PATCH (meeting minutes of a meeting).
    const meeting = (await client.post('/api/v1/activities', { type: 'meeting', occurredAt: '2026-01-01T08:00:00Z', links: [{ entityType: 'person', entityId: sara.id }] })).body;
    let version = meeting.version;
    for (const payload of PAYLOADS) {
      const patched = await client.patch(`/api/v1/activities/${meeting.id}`, { version, bodyHtml: `<p>صورت‌جلسه</p>${payload}` });
      expect(patched.status).toBe(200);
      version = patched.body.version;
      const [stored] = await sql('select body_html, body_text from activities where id = $1', [meeting.id]);
      for (const danger of DANGER) expect(stored.body_html ?? '', `${payload} → ${stored.body_html}`).not.toMatch(danger);
      expect(stored.body_html).toContain('<p>صورت‌جلسه</p>');
      expect(stored.body_text).toMatch(/^صورت‌جلسه/);
    }
    // The timeline hands out the same sanitised HTML.
    const timeline = await client.get(`/api/v1/timeline/person/${sara.id}`);
    for (const item of timeline.body.items.filter((i: any) => i.source === 'activities')) {
      for (const danger of DANGER) expect(item.data.activity.bodyHtml ?? '').not.toMatch(danger);
    }
  });
});

describe('activities: a customer with 10,000 activities', () => {
  it('reads a timeline page as one range of activity_links_subject_idx, on the first page and deep down', async () => {
    const { client, workspace, user } = await admin();
    const busy = await person(client, { firstName: 'پرکار' });
    const quiet = await person(client, { firstName: 'کم‌کار' });
    await sql(
      `with made as (
         insert into activities (workspace_id, type, status, body_text, occurred_at, owner_id, created_by)
         select $1, (array['call','meeting','email','sms','chat','note'])[1 + g % 6], 'done', 'فعالیت ' || g,
                timestamptz '2020-01-01' + g * interval '37 minutes', $2, $2
         from generate_series(1, 14000) g
         returning id, occurred_at
       ), numbered as (select id, occurred_at, row_number() over (order by occurred_at) as n from made)
       insert into activity_links (workspace_id, activity_id, entity_type, entity_id, occurred_at)
       select $1, id, 'person', case when n <= 10000 then $3::uuid else $4::uuid end, occurred_at from numbered`,
      [workspace.id, user.id, busy.id, quiet.id],
    );
    await sql('analyze activities');
    await sql('analyze activity_links');
    expect((await sql('select count(*)::int as n from activity_links where entity_id = $1', [busy.id]))[0].n).toBe(10000);

    const first = await client.get(`/api/v1/timeline/person/${busy.id}?limit=50`);
    expect(first.status).toBe(200);
    // The newest entry is the person's creation (today); the 49 after it are its latest activities.
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items.filter((i: any) => i.source === 'activities')).toHaveLength(49);
    const [middle] = await sql('select activity_id, occurred_at from activity_links where entity_id = $1 order by occurred_at desc limit 1 offset 7000', [busy.id]);
    const deep = { at: new Date(middle.occurred_at), id: middle.activity_id as string };

    for (const before of [undefined, deep]) {
      const statement = linkedPageQuery(workspace.id, 'person', [busy.id], {}, before, 51);
      const result = (await server.peyvand.database.db.execute(drizzleSql`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${statement}`)) as unknown as { rows: Record<string, string>[] };
      const plan = result.rows.map((r) => Object.values(r)[0]).join('\n');
      if (process.env.PEYVAND_SHOW_PLANS) console.log(`${server.engine} ${before ? 'deep page' : 'first page'}:\n${plan}`);
      expect(plan, plan).toMatch(/Index (Only )?Scan using activity_links_subject_idx on activity_links/);
      expect(plan, plan).not.toMatch(/Seq Scan on activity_links|Bitmap Heap Scan on activity_links/);
      // The walk stops after a page: the index scan returns at most limit rows, not 10,000.
      const scanned = [...plan.matchAll(/activity_links_subject_idx on activity_links l \(actual rows=(\d+)/g)].map((m) => Number(m[1]));
      expect(scanned.length, plan).toBeGreaterThan(0);
      for (const rows of scanned) expect(rows, plan).toBeLessThanOrEqual(51);
    }
  });
});
