import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/* API spec of /api/v1/tags and /api/v1/views over real HTTP, on the engine of this run. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);

/** An admin (who signed the workspace up) and a plain member of the same workspace. */
async function team() {
  const admin = await signUp(server.url);
  const member = await signUp(server.url, { name: 'رضا', locale: 'en' });
  await sql(`insert into memberships (workspace_id, user_id, role_key) values ($1, $2, 'member')`, [admin.workspace.id, member.user.id]);
  const switched = await member.client.post('/api/v1/me/active-workspace', { workspaceId: admin.workspace.id });
  expect(switched.status).toBe(204);
  return { admin, member };
}

describe('documentation and access', () => {
  it('documents both resources in OpenAPI, with the filter tree inline (no dangling references)', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tags', '/api/v1/tags/{id}', '/api/v1/views', '/api/v1/views/{id}']));
    const viewPaths = JSON.stringify(doc.paths['/api/v1/views']);
    expect(viewPaths).toContain('has_any');
    for (const ref of viewPaths.match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? []) {
      const name = ref.split('/').pop()!.replace('"', '');
      expect(doc.components.schemas?.[name], ref).toBeDefined();
    }
  });

  it('answers 401 problem+json to an anonymous caller', async () => {
    const response = await new ApiClient(server.url, { locale: 'en' }).get('/api/v1/tags');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('tags', () => {
  it('creates a tag once, whatever the spelling, and answers 200 with the existing one', async () => {
    const { client } = await signUp(server.url);
    const created = await client.post('/api/v1/tags', { name: 'مشتري ويژه', color: '#AA0000' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'مشتري ويژه', color: '#aa0000' });
    const again = await client.post('/api/v1/tags', { name: 'مشتری‌ویژه' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    // The web app asks with ?limit=200; the whole list comes back anyway.
    const list = await client.get('/api/v1/tags?limit=200');
    expect(list.body.items).toEqual([{ ...created.body, usage: { person: 0, organization: 0, lead: 0, deal: 0, total: 0 } }]);
  });

  it('replays a retried POST with the same Idempotency-Key', async () => {
    const { client } = await signUp(server.url);
    const first = await client.post('/api/v1/tags', { name: 'تکرار' }, { 'idempotency-key': 'tag-1' });
    const retry = await client.post('/api/v1/tags', { name: 'تکرار' }, { 'idempotency-key': 'tag-1' });
    expect(retry.status).toBe(first.status);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
  });

  it('renames and recolours; a taken name is a 409 in the caller language; bad input a 400 per field', async () => {
    const { client } = await signUp(server.url);
    const vip = (await client.post('/api/v1/tags', { name: 'VIP' })).body;
    const other = (await client.post('/api/v1/tags', { name: 'عمده' })).body;
    const taken = await client.patch(`/api/v1/tags/${other.id}`, { name: 'vip' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'tag_name_taken' });
    expect(taken.body.detail).toContain('«VIP»');
    const badColor = await client.patch(`/api/v1/tags/${vip.id}`, { color: 'red' });
    expect(badColor.status).toBe(400);
    expect(badColor.body.errors.map((e: { path: string }) => e.path)).toEqual(['color']);
    const nothing = await client.patch(`/api/v1/tags/${vip.id}`, {});
    expect(nothing.status).toBe(400);
    const recoloured = await client.patch(`/api/v1/tags/${vip.id}`, { color: '#00FF00' });
    expect(recoloured.body).toMatchObject({ id: vip.id, name: 'VIP', color: '#00ff00' });
  });

  it('deletes a tag (audited), then 404s in English when asked in English', async () => {
    const { client } = await signUp(server.url, { locale: 'en' });
    const tag = (await client.post('/api/v1/tags', { name: 'موقت' })).body;
    expect((await client.delete(`/api/v1/tags/${tag.id}`)).status).toBe(204);
    const gone = await client.delete(`/api/v1/tags/${tag.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'tag_not_found', detail: 'No such tag.' });
    const audit = (await client.get(`/api/v1/audit-log?entityId=${tag.id}`)).body.items.map((e: { action: string }) => e.action);
    expect(audit.sort()).toEqual(['tag.created', 'tag.deleted']);
  });

  it('keeps workspaces apart', async () => {
    const a = await signUp(server.url);
    const b = await signUp(server.url);
    const tag = (await a.client.post('/api/v1/tags', { name: 'فقط الف' })).body;
    expect((await b.client.get('/api/v1/tags')).body.items).toEqual([]);
    expect((await b.client.patch(`/api/v1/tags/${tag.id}`, { name: 'دزدیده' })).status).toBe(404);
    expect((await b.client.delete(`/api/v1/tags/${tag.id}`)).status).toBe(404);
  });
});

describe('saved views', () => {
  const highBudget = { op: 'and', conditions: [{ field: 'firstName', op: 'contains', value: 'علي' }, { op: 'or', conditions: [{ field: 'ownerId', op: 'eq', value: 'me' }, { field: 'tags', op: 'is_empty' }] }] };

  it('saves a view whose filter fits the people list; refuses one that does not, at the exact path, in fa and en', async () => {
    const { client } = await signUp(server.url);
    const saved = await client.post('/api/v1/views', { entityType: 'person', name: 'علی‌های من', filter: highBudget, sort: [{ field: 'lastName' }], columns: ['firstName', 'lastName'] });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ visibility: 'private', filter: highBudget, sort: [{ field: 'lastName', direction: 'asc' }], version: 1, canEdit: true });

    const wrong = { op: 'and', conditions: [{ field: 'firstName', op: 'contains', value: 'x' }, { op: 'or', conditions: [{ field: 'birthday', op: 'eq', value: '2024-02-30' }] }] };
    const fa = await client.post('/api/v1/views', { entityType: 'person', name: 'x', filter: wrong });
    expect(fa.status).toBe(400);
    expect(fa.body).toMatchObject({ code: 'invalid_filter', detail: 'فیلتر معتبر نیست.' });
    expect(fa.body.errors).toEqual([{ path: 'filter.conditions.1.conditions.0.value', code: 'invalid_value', message: expect.stringContaining('YYYY-MM-DD') }]);
    const en = await new ApiClient(server.url, { locale: 'en' });
    en.cookies = client.cookies;
    const enAnswer = await en.post('/api/v1/views', { entityType: 'person', name: 'x', filter: { op: 'and', conditions: [{ field: 'nope', op: 'eq', value: 1 }] } });
    expect(enAnswer.body.errors[0]).toEqual({ path: 'filter.conditions.0.field', code: 'unknown_field', message: 'There is no field "nope" to filter on.' });

    const tooDeep = { op: 'and', conditions: [{ op: 'or', conditions: [{ op: 'and', conditions: [{ op: 'or', conditions: [{ op: 'and', conditions: [] }] }] }] }] };
    const deep = await client.post('/api/v1/views', { entityType: 'person', name: 'x', filter: tooDeep });
    expect(deep.status).toBe(400);
    expect(deep.body.code).toBe('validation_failed');
    expect(deep.body.errors.every((e: { path: string }) => e.path.startsWith('filter.conditions.0.conditions.0.conditions.0.conditions.0'))).toBe(true);
    expect((await client.get('/api/v1/views?entityType=person')).body.items).toHaveLength(1);
  });

  it('private views stay private; shared views are changed by their owner or an admin; stale versions get 409', async () => {
    const { admin, member } = await team();
    const privateView = (await member.client.post('/api/v1/views', { entityType: 'person', name: 'خصوصی', filter: highBudget })).body;
    const sharedView = (await member.client.post('/api/v1/views', { entityType: 'person', name: 'همگانی', visibility: 'shared', filter: highBudget })).body;

    const adminList = (await admin.client.get('/api/v1/views?entityType=person&limit=200')).body.items;
    expect(adminList.map((v: { id: string }) => v.id)).toEqual([sharedView.id]);
    expect(adminList[0]).toMatchObject({ ownerName: 'رضا', canEdit: true });
    expect((await admin.client.get(`/api/v1/views/${privateView.id}`)).status).toBe(404);
    expect((await admin.client.patch(`/api/v1/views/${privateView.id}`, { version: 1, name: 'x' })).status).toBe(404);

    const byAdmin = await admin.client.patch(`/api/v1/views/${sharedView.id}`, { version: 1, name: 'همگانی (ویرایش مدیر)' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ version: 2, ownerName: 'رضا' });
    const hide = await admin.client.patch(`/api/v1/views/${sharedView.id}`, { version: 2, visibility: 'private' });
    expect(hide.status).toBe(403);
    expect(hide.body.code).toBe('view_visibility_owner_only');
    const stale = await member.client.patch(`/api/v1/views/${sharedView.id}`, { version: 1, name: 'قدیمی' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');

    const adminShared = (await admin.client.post('/api/v1/views', { entityType: 'person', name: 'نمای مدیر', visibility: 'shared', filter: highBudget })).body;
    const refused = await member.client.patch(`/api/v1/views/${adminShared.id}`, { version: 1, name: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'view_not_editable', detail: 'Only its owner or a workspace admin can change a shared view.' });
    expect((await member.client.delete(`/api/v1/views/${adminShared.id}`)).status).toBe(403);
    expect((await admin.client.delete(`/api/v1/views/${adminShared.id}`)).status).toBe(204);
    expect((await member.client.get(`/api/v1/views/${adminShared.id}`)).status).toBe(404);
  });

  it('an API key sees shared views and may not save a private one', async () => {
    const { client } = await signUp(server.url, { locale: 'en' });
    const key = (await client.post('/api/v1/api-keys', { name: 'sync' })).body.secret;
    await client.post('/api/v1/views', { entityType: 'person', name: 'mine', filter: highBudget });
    const shared = (await client.post('/api/v1/views', { entityType: 'person', name: 'team', visibility: 'shared', filter: highBudget })).body;
    const asKey = client.withBearer(key);
    asKey.cookies = new Map();
    expect((await asKey.get('/api/v1/views')).body.items.map((v: { id: string }) => v.id)).toEqual([shared.id]);
    const refused = await asKey.post('/api/v1/views', { entityType: 'person', name: 'x', visibility: 'private', filter: highBudget });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('private_view_needs_user');
  });
});
