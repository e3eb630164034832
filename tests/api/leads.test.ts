import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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



/** A signed-up admin with a client on the records server. */
async function admin(locale: 'fa' | 'en' = 'en') {
  const account = await signUp(server.url, { locale });
  const client = new ApiClient(server.url, { locale });
  client.cookies = account.client.cookies;
  return { ...account, client, main: account.client };
}

/** Another user who joins `workspaceId` with `role` (a built-in one, or one made here with `permissions`). */
async function memberOf(workspaceId: string, role: string, permissions?: string[]) {
  const account = await signUp(server.url, { locale: 'en' });
  if (permissions) {
    await sql(`insert into roles (workspace_id, key, name_fa, name_en, permissions) values ($1, $2, $2, $2, $3)`, [workspaceId, role, permissions]);
  }
  await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [workspaceId, account.user.id, role]);
  expect((await account.client.post('/api/v1/me/active-workspace', { workspaceId })).status).toBe(204);
  const client = new ApiClient(server.url, { locale: 'en' });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

const leadRow = async (id: string) => (await sql('select * from leads where id = $1', [id]))[0];
const countIn = async (table: string, workspaceId: string) => (await sql(`select count(*)::int as n from ${table} where workspace_id = $1`, [workspaceId]))[0].n;

describe('leads: create, read, update', () => {
  it('creates a lead from messy input, scored at once, and shows the reasons', async () => {
    const { client, user } = await admin();
    const created = await client.post('/api/v1/leads', {
      firstName: ' علي ',
      lastName: 'رضايي',
      email: ' Ali@Peyvand.IR ',
      phone: '+98 (912) 123-4567',
      companyName: 'پیوند',
      jobTitle: 'CEO',
      source: 'referral',
      tags: ['نمایشگاه ۱۴۰۳'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'علي',
      email: 'ali@peyvand.ir',
      phone: '+989121234567',
      status: 'new',
      source: 'referral',
      ownerId: user.id,
      score: 85,
      readOnly: false,
      version: 1,
    });
    expect(created.body.tags.map((t: { name: string }) => t.name)).toEqual(['نمایشگاه ۱۴۰۳']);
    const got = await client.get(`/api/v1/leads/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.scoreReasons).toEqual([
      { rule: 'has_email', points: 10, labelFa: 'ایمیل دارد', labelEn: 'Has an email address' },
      { rule: 'has_mobile', points: 10, labelFa: 'شماره موبایل دارد', labelEn: 'Has a mobile number' },
      { rule: 'has_company', points: 15, labelFa: 'نام شرکت مشخص است', labelEn: 'Company is known' },
      { rule: 'decision_maker', points: 20, labelFa: 'سمت شغلی تصمیم‌گیرنده', labelEn: 'Job title suggests a decision-maker' },
      { rule: 'source_referral', points: 20, labelFa: 'معرفی‌شده', labelEn: 'Came by referral' },
      { rule: 'business_email', points: 10, labelFa: 'ایمیل سازمانی', labelEn: 'Business email domain' },
    ]);
    const [stored] = await sql('select score, search_key, score_reasons from leads where id = $1', [created.body.id]);
    expect(stored.score).toBe(85);
    expect(stored.search_key).toContain('علیرضایی');
    expect(stored.score_reasons).toHaveLength(6);
  });

  it('reports every bad field in the caller language, with nothing written', async () => {
    const { client, workspace } = await admin('en');
    const en = await client.post('/api/v1/leads', { firstName: 'Test', email: 'not-an-email', source: 'fax' });
    expect(en.status).toBe(400);
    expect(en.body.code).toBe('validation_failed');
    expect(en.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'source']);
    expect(en.body.errors.find((e: { path: string }) => e.path === 'email').message).toBe('Not a valid email address.');
    const phone = await client.post('/api/v1/leads', { firstName: 'Test', phone: '0912' });
    expect(phone.status).toBe(400);
    expect(phone.body.errors).toEqual([{ path: 'phone', code: 'invalid_phone', message: 'Not a valid phone number, e.g. 09121234567 or +989121234567.' }]);
    const fa = await new ApiClient(server.url, { locale: 'fa' }).request('POST', '/api/v1/leads', { firstName: 'Test', phone: '0912' }, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
    expect(fa.body.detail).toBe('برخی از مقادیر واردشده معتبر نیستند.');
    expect(fa.body.errors[0].message).toContain('شماره تلفن معتبر نیست');
    const unknown = await client.post('/api/v1/leads', { firstName: 'X', salary: 10 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toBe('Unknown fields: salary');
    expect((await client.post('/api/v1/leads', {})).body.errors[0]).toMatchObject({ path: 'lastName', code: 'identity_required' });
    const malformed = await fetch(`${server.url}/api/v1/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: '{"firstName":',
    });
    expect(malformed.status).toBe(400);
    expect((await client.get('/api/v1/leads/not-a-uuid')).status).toBe(400);
    expect(await countIn('leads', workspace.id)).toBe(0);
  });

  it('updates with the current version, refuses a stale one, and rescores', async () => {
    const { client } = await admin();
    const lead = (await client.post('/api/v1/leads', { lastName: 'کریمی', source: 'web' })).body;
    const updated = await client.patch(`/api/v1/leads/${lead.id}`, { version: 1, companyName: 'شرکت کریمی', status: 'contacted' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, status: 'contacted', score: 35 });
    const stale = await client.patch(`/api/v1/leads/${lead.id}`, { version: 1, notes: 'overwrite' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await leadRow(lead.id)).notes).toBeNull();
  });

  it('enforces the status lifecycle with 409 invalid_status_transition naming both ends', async () => {
    const { client } = await admin('en');
    const lead = (await client.post('/api/v1/leads', { lastName: 'Ahmadi' })).body;
    const skip = await client.patch(`/api/v1/leads/${lead.id}`, { version: 1, status: 'qualified' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'invalid_status_transition', detail: 'A lead cannot go from "new" to "qualified".' });
    const manual = await client.patch(`/api/v1/leads/${lead.id}`, { version: 1, status: 'converted' });
    expect(manual.body.detail).toBe('A lead cannot go from "new" to "converted". Use "convert lead" to convert it.');
    const fa = await new ApiClient(server.url, { locale: 'fa' }).request('PATCH', `/api/v1/leads/${lead.id}`, { version: 1, status: 'qualified' }, {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    });
    expect(fa.body.detail).toBe('وضعیت سرنخ نمی‌تواند از «جدید» به «واجد شرایط» تغییر کند.');
    let version = 1;
    for (const status of ['contacted', 'unqualified', 'contacted', 'qualified']) {
      const step = await client.patch(`/api/v1/leads/${lead.id}`, { version, status });
      expect(step.status, status).toBe(200);
      version = step.body.version;
    }
    expect((await leadRow(lead.id)).status).toBe('qualified');
  });

  it('moves to the trash and back', async () => {
    const { client } = await admin();
    const lead = (await client.post('/api/v1/leads', { lastName: 'حذفی', email: 'gone@example.com' })).body;
    expect((await client.delete(`/api/v1/leads/${lead.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/leads')).body.items).toEqual([]);
    expect((await client.get('/api/v1/leads?deleted=true')).body.items.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    const edit = await client.patch(`/api/v1/leads/${lead.id}`, { version: 2, notes: 'x' });
    expect(edit.body.code).toBe('lead_deleted');
    const restored = await client.post(`/api/v1/leads/${lead.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await client.get('/api/v1/leads')).body.items).toHaveLength(1);
  });
});

describe('leads: hostile input never reaches the database as an error', () => {
  it('removes NUL characters, refuses forged cursors with 400, and never answers 500', async () => {
    const { client } = await admin('en');
    const created = await client.post('/api/v1/leads', { firstName: 'Null\u0000Byte', notes: 'a\u0000b', tags: ['t\u0000ag'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ firstName: 'NullByte', notes: 'ab' });
    expect((await client.get(`/api/v1/leads?q=${encodeURIComponent('Null\u0000')}`)).status).toBe(200);
    const filter = { op: 'and', conditions: [{ field: 'firstName', op: 'contains', value: 'x\u0000' }] };
    expect((await client.get(`/api/v1/leads?filter=${encodeURIComponent(JSON.stringify(filter))}`)).status).toBe(200);
    const forged = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const [sort, cursor] of [
      ['score:desc', forged({ f: 'score', d: 'desc', v: 'many', id: '00000000-0000-4000-8000-000000000000' })],
      ['createdAt:desc', forged({ f: 'createdAt', d: 'desc', v: 'then', id: '00000000-0000-4000-8000-000000000000' })],
      ['createdAt:desc', forged({ f: 'createdAt', d: 'desc', v: null, id: "1' or '1'='1" })],
      ['lastName:asc', forged({ f: 'score', d: 'desc', v: '1', id: '00000000-0000-4000-8000-000000000000' })],
    ]) {
      const response = await client.get(`/api/v1/leads?sort=${sort}&cursor=${cursor}`);
      expect(response.status, cursor).toBe(400);
      expect(response.body.errors[0].path).toBe('cursor');
    }
    for (const body of [{ ids: [], action: 'delete' }, { ids: ['x'], action: 'delete' }, { ids: [created.body.id], action: 'tag', tagIds: ['nope'] }, []]) {
      const response = await client.post('/api/v1/leads/bulk', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await client.post(`/api/v1/leads/${created.body.id}/convert`, { person: { custom: 'x' } })).status).toBe(400);
    expect((await client.patch(`/api/v1/leads/${created.body.id}`, { version: 'one' })).status).toBe(400);
    expect((await client.get('/api/v1/leads?limit=1000')).status).toBe(400);
    expect((await client.get('/api/v1/leads?sort=score')).status).toBe(400);
    expect((await client.get('/api/v1/leads?sort=custom.nothing:asc')).status).toBe(400);
    expect(server.logs.join('')).not.toContain('unhandled error');
  });
});

describe('leads: list', () => {
  let client: ApiClient;
  let workspaceId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const account = await admin();
    client = account.client;
    workspaceId = account.workspace.id;
    const create = async (key: string, body: Record<string, unknown>) => {
      const response = await client.post('/api/v1/leads', body);
      expect(response.status).toBe(201);
      ids[key] = response.body.id;
    };
    await create('ali', { firstName: 'علی', lastName: 'کاظمی', source: 'referral', companyName: 'پیوند', email: 'ali@peyvand.ir' });
    await create('sara', { firstName: 'سارا', lastName: 'یزدانی', source: 'web', phone: '09127654321', tags: ['گرم'] });
    await create('reza', { firstName: 'رضا', lastName: 'بهرامی', source: 'manual', status: 'contacted' });
  });

  const names = (body: { items: Array<{ firstName: string }> }) => body.items.map((l) => l.firstName);

  it('lists newest first and finds «علی» when searched as «علي»', async () => {
    expect(names((await client.get('/api/v1/leads')).body)).toEqual(['رضا', 'سارا', 'علی']);
    expect(names((await client.get(`/api/v1/leads?q=${encodeURIComponent('علي كاظمي')}`)).body)).toEqual(['علی']);
    expect(names((await client.get(`/api/v1/leads?q=${encodeURIComponent('۰۹۱۲۷۶۵۴۳۲۱')}`)).body)).toEqual(['سارا']);
  });

  it('filters by status, source, owner and tag', async () => {
    expect(names((await client.get('/api/v1/leads?status=contacted')).body)).toEqual(['رضا']);
    expect(names((await client.get('/api/v1/leads?source=web,referral')).body)).toEqual(['سارا', 'علی']);
    expect(names((await client.get('/api/v1/leads?ownerId=me')).body)).toHaveLength(3);
    const tagId = (await sql(`select id from tags where workspace_id = $1`, [workspaceId]))[0].id;
    expect(names((await client.get(`/api/v1/leads?tag=${tagId}`)).body)).toEqual(['سارا']);
    const bad = await client.get('/api/v1/leads?status=new,lost');
    expect(bad.status).toBe(400);
  });

  it('sorts by score and pages with a cursor', async () => {
    const scores = (await client.get('/api/v1/leads?sort=score:desc')).body.items.map((l: { firstName: string; score: number }) => [l.firstName, l.score]);
    expect(scores).toEqual([
      ['علی', 55],
      ['سارا', 20],
      ['رضا', 10],
    ]);
    const first = await client.get('/api/v1/leads?sort=score:desc&limit=2');
    expect(names(first.body)).toEqual(['علی', 'سارا']);
    const second = await client.get(`/api/v1/leads?sort=score:desc&limit=2&cursor=${first.body.nextCursor}`);
    expect(names(second.body)).toEqual(['رضا']);
    expect(second.body.nextCursor).toBeNull();
    expect((await client.get('/api/v1/leads?cursor=garbage')).status).toBe(400);
  });

  it('takes a JSON filter and a saved view of leads', async () => {
    const filter = { op: 'or', conditions: [{ field: 'score', op: 'gte', value: 40 }, { field: 'status', op: 'eq', value: 'contacted' }] };
    expect(names((await client.get(`/api/v1/leads?filter=${encodeURIComponent(JSON.stringify(filter))}`)).body)).toEqual(['رضا', 'علی']);
    const badFilter = await client.get(`/api/v1/leads?filter=${encodeURIComponent(JSON.stringify({ op: 'and', conditions: [{ field: 'salary', op: 'eq', value: 1 }] }))}`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors[0].path).toBe('filter.conditions.0.field');
    expect((await client.get('/api/v1/leads?filter=%7Bnot-json')).body.errors[0].path).toBe('filter');

    const view = await client.post('/api/v1/views', {
      entityType: 'lead',
      name: 'گرم‌ها',
      filter: { op: 'and', conditions: [{ field: 'source', op: 'in', value: ['web', 'referral'] }] },
      sort: [{ field: 'score', direction: 'asc' }],
    });
    expect(view.status).toBe(201);
    expect(names((await client.get(`/api/v1/leads?view=${view.body.id}`)).body)).toEqual(['سارا', 'علی']);
    expect(names((await client.get(`/api/v1/leads?view=${view.body.id}&sort=score:desc`)).body)).toEqual(['علی', 'سارا']);
    const peopleView = await client.post('/api/v1/views', { entityType: 'person', name: 'p', filter: { op: 'and', conditions: [] } });
    expect((await client.get(`/api/v1/leads?view=${peopleView.body.id}`)).body.code).toBe('view_not_for_leads');
  });
});

describe('leads: conversion', () => {
  it('makes a person and an organisation in one step; the lead stays, read-only, and the person timeline says where it came from', async () => {
    const { client, workspace } = await admin('en');
    const lead = (
      await client.post('/api/v1/leads', {
        firstName: 'نگار',
        lastName: 'صالحی',
        email: 'negar@example.ir',
        phone: '09351234567',
        companyName: 'شرکت نمونه',
        jobTitle: 'مدیر خرید',
        source: 'event',
        tags: ['VIP'],
      })
    ).body;
    const converted = await client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(converted.status).toBe(200);
    expect(converted.body).toMatchObject({ organizationCreated: true, lead: { status: 'converted', readOnly: true } });
    const { personId, organizationId } = converted.body;

    const person = (await client.get(`/api/v1/people/${personId}`)).body;
    expect(person).toMatchObject({ firstName: 'نگار', lastName: 'صالحی', jobTitle: 'مدیر خرید' });
    expect(person.emails[0].value).toBe('negar@example.ir');
    expect(person.phones[0].value).toBe('+989351234567');
    expect(person.tags.map((t: { name: string }) => t.name)).toEqual(['VIP']);
    expect(person.organizations).toEqual([expect.objectContaining({ organizationId, name: 'شرکت نمونه', role: 'مدیر خرید', isPrimary: true })]);

    const [row] = await sql('select status, converted_person_id, converted_organization_id, converted_at from leads where id = $1', [lead.id]);
    expect(row).toMatchObject({ status: 'converted', converted_person_id: personId, converted_organization_id: organizationId });
    expect(row.converted_at).not.toBeNull();

    const timeline = await client.get(`/api/v1/timeline/person/${personId}`);
    expect(timeline.status).toBe(200);
    const fromLead = timeline.body.items.find((i: { kind: string }) => i.kind === 'person.created_from_lead');
    expect(fromLead.data.after).toMatchObject({ leadId: lead.id, personId });
    expect(timeline.body.items.map((i: { kind: string }) => i.kind)).toContain('lead.converted');
    const audit = await sql(`select action, entity_type from audit_log where workspace_id = $1 and entity_id = $2 and action = 'lead.converted'`, [workspace.id, lead.id]);
    expect(audit).toEqual([{ action: 'lead.converted', entity_type: 'lead' }]);

    const edit = await client.patch(`/api/v1/leads/${lead.id}`, { version: converted.body.lead.version, notes: 'late note' });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'lead_converted', detail: 'This lead was converted and is read-only; make changes on the person instead.' });
    const again = await client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('lead_converted');
    expect((await client.delete(`/api/v1/leads/${lead.id}`)).status).toBe(409);
    expect(await countIn('people', workspace.id)).toBe(1);
    const kept = await client.get(`/api/v1/leads/${lead.id}`);
    expect(kept.body).toMatchObject({ convertedPersonId: personId, readOnly: true });
  });

  it('links an existing organisation or none, and rolls everything back when a part fails', async () => {
    const { client, workspace } = await admin('en');
    const org = (await client.post('/api/v1/organizations', { name: 'آکمه' })).body;
    const lead = (await client.post('/api/v1/leads', { firstName: 'کیان', companyName: 'Acme' })).body;

    const missing = await client.post(`/api/v1/leads/${lead.id}/convert`, { organization: { mode: 'existing', organizationId: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ path: 'organization.organizationId', message: 'No such organisation in this workspace.' });
    const badPerson = await client.post(`/api/v1/leads/${lead.id}/convert`, { person: { phone: 'nope' } });
    expect(badPerson.status).toBe(400);
    expect(badPerson.body.errors[0].path).toBe('person.phones.0');
    expect(await countIn('organizations', workspace.id)).toBe(1);
    expect(await countIn('people', workspace.id)).toBe(0);
    expect((await leadRow(lead.id)).status).toBe('new');
    const badMode = await client.post(`/api/v1/leads/${lead.id}/convert`, { organization: { mode: 'merge' } });
    expect(badMode.status).toBe(400);

    const linked = await client.post(`/api/v1/leads/${lead.id}/convert`, { organization: { mode: 'existing', organizationId: org.id }, role: 'مشاور' });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ organizationId: org.id, organizationCreated: false });
    const person = (await client.get(`/api/v1/people/${linked.body.personId}`)).body;
    expect(person.organizations).toEqual([expect.objectContaining({ organizationId: org.id, role: 'مشاور' })]);

    const solo = (await client.post('/api/v1/leads', { firstName: 'تنها', companyName: 'هیچ' })).body;
    const none = await client.post(`/api/v1/leads/${solo.id}/convert`, { organization: { mode: 'none' } });
    expect(none.body.organizationId).toBeNull();
    expect(await countIn('organizations', workspace.id)).toBe(1);
  });
});

describe('leads: bulk actions', () => {
  it('changes status all or nothing, tags, reassigns, deletes and restores', async () => {
    const { client, workspace } = await admin('en');
    const colleague = await memberOf(workspace.id, 'member');
    const a = (await client.post('/api/v1/leads', { lastName: 'الف' })).body;
    const b = (await client.post('/api/v1/leads', { lastName: 'ب', status: 'qualified' })).body;

    const refused = await client.post('/api/v1/leads/bulk', { action: 'set_status', ids: [a.id, b.id], status: 'contacted' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_status_transitions');
    expect(refused.body.errors).toEqual([{ path: 'ids.1', code: 'invalid_status_transition', message: 'A lead cannot go from "qualified" to "contacted".' }]);
    expect((await leadRow(a.id)).status).toBe('new');

    expect((await client.post('/api/v1/leads/bulk', { action: 'set_status', ids: [a.id], status: 'contacted' })).body).toEqual({ action: 'set_status', matched: 1, changed: 1 });
    const tag = (await client.post('/api/v1/tags', { name: 'داغ' })).body;
    const tagged = await client.post('/api/v1/leads/bulk', { action: 'tag', ids: [a.id, b.id], tagIds: [tag.id] });
    expect(tagged.body).toMatchObject({ changed: 2 });
    const assigned = await client.post('/api/v1/leads/bulk', { action: 'assign_owner', ids: [a.id, b.id], ownerId: colleague.user.id });
    expect(assigned.body).toMatchObject({ changed: 2 });
    expect((await leadRow(b.id)).owner_id).toBe(colleague.user.id);
    expect((await client.post('/api/v1/leads/bulk', { action: 'assign_owner', ids: [a.id] })).body.errors[0].path).toBe('ownerId');
    expect((await client.post('/api/v1/leads/bulk', { action: 'delete', ids: [a.id, b.id] })).body).toMatchObject({ changed: 2 });
    expect((await client.post('/api/v1/leads/bulk', { action: 'restore', ids: [a.id, b.id] })).body).toMatchObject({ changed: 2 });
    expect((await client.post('/api/v1/leads/bulk', { action: 'archive', ids: [a.id] })).status).toBe(400);
  });
});

describe('leads: permissions and workspace isolation', () => {
  it('members read and write but do not delete; a read-only role cannot write; no records.read sees nothing', async () => {
    const owner = await admin('en');
    const lead = (await owner.client.post('/api/v1/leads', { lastName: 'مشترک' })).body;
    const member = await memberOf(owner.workspace.id, 'member');
    expect((await member.client.get(`/api/v1/leads/${lead.id}`)).status).toBe(200);
    expect((await member.client.patch(`/api/v1/leads/${lead.id}`, { version: 1, status: 'contacted' })).status).toBe(200);
    expect((await member.client.delete(`/api/v1/leads/${lead.id}`)).status).toBe(403);
    expect((await member.client.post('/api/v1/leads/bulk', { action: 'delete', ids: [lead.id] })).status).toBe(403);
    const reader = await memberOf(owner.workspace.id, 'reader', ['records.read']);
    expect((await reader.client.get('/api/v1/leads')).body.items).toHaveLength(1);
    expect((await reader.client.post('/api/v1/leads', { lastName: 'نه' })).status).toBe(403);
    expect((await reader.client.post(`/api/v1/leads/${lead.id}/convert`, {})).status).toBe(403);
    const outsider = await memberOf(owner.workspace.id, 'outsider', ['members.read']);
    expect((await outsider.client.get('/api/v1/leads')).status).toBe(403);
    expect(await countIn('leads', owner.workspace.id)).toBe(1);
  });

  it("workspace A can neither read, change nor convert workspace B's leads; nothing changes in the database", async () => {
    const a = await admin('en');
    const b = await admin('en');
    const lead = (await b.client.post('/api/v1/leads', { firstName: 'محرمانه', companyName: 'ب', email: 'secret@b.example' })).body;
    const before = await leadRow(lead.id);
    const keyA = (await a.main.post('/api/v1/api-keys', { name: 'A' })).body.secret;
    for (const asA of [a.client, new ApiClient(server.url, { locale: 'en' }).withBearer(keyA)]) {
      expect((await asA.get(`/api/v1/leads/${lead.id}`)).status).toBe(404);
      expect((await asA.patch(`/api/v1/leads/${lead.id}`, { version: 1, notes: 'hacked' })).status).toBe(404);
      expect((await asA.post(`/api/v1/leads/${lead.id}/convert`, {})).status).toBe(404);
      expect((await asA.delete(`/api/v1/leads/${lead.id}`)).status).toBe(404);
      expect((await asA.post(`/api/v1/leads/${lead.id}/restore`)).status).toBe(404);
      expect((await asA.post('/api/v1/leads/bulk', { action: 'set_status', ids: [lead.id], status: 'contacted' })).status).toBe(404);
      expect((await asA.get(`/api/v1/leads?q=${encodeURIComponent('محرمانه')}`)).body.items).toEqual([]);
    }
    expect(await leadRow(lead.id)).toEqual(before);
    expect(await countIn('people', a.workspace.id)).toBe(0);
    expect(await countIn('people', b.workspace.id)).toBe(0);
  });
});

describe('leads: API documentation and idempotency', () => {
  it('documents every leads endpoint in OpenAPI', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/leads/bulk', '/api/v1/leads/{id}/restore', '/api/v1/leads/{id}/convert']),
    );
    const params = doc.paths['/api/v1/leads'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'status', 'source', 'ownerId', 'filter', 'view', 'sort', 'deleted', 'cursor', 'limit']));
  });

  it('creates one lead for a retried POST with the same Idempotency-Key', async () => {
    const { client, workspace } = await admin();
    const body = { lastName: 'تکراری', email: 'retry@example.com' };
    const first = await client.post('/api/v1/leads', body, { 'idempotency-key': 'lead-retry-1' });
    const second = await client.post('/api/v1/leads', body, { 'idempotency-key': 'lead-retry-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await countIn('leads', workspace.id)).toBe(1);
  });
});
