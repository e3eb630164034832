import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#server/kernel/http/context.ts';
import { findByNameKey } from '#server/modules/organizations/index.ts';
import { PERMISSIONS } from '#server/modules/members/members.permissions.ts';
import { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { sql, admin, memberOf, auditOf, adminsByWorkspace } = testAccounts(() => server);

/** The admin client of a workspace made by admin() in this file. */
async function workspaceAdmin(workspaceId: string): Promise<ApiClient> {
  const client = adminsByWorkspace.get(workspaceId);
  if (!client) throw new Error(`no admin recorded for workspace ${workspaceId}`);
  return client;
}


describe('organisations: create, read, update', () => {
  it('creates an organisation with validated identifiers, a normalised website and contacts; indexes and audits it', async () => {
    const { client, workspace, user } = await admin();
    const created = await client.post('/api/v1/organizations', {
      name: 'شركت پيوند نوين',
      nameLatin: 'Peyvand Novin',
      industry: 'نرم‌افزار',
      size: '11-50',
      website: 'www.peyvand.ir/about',
      nationalId: '۱۰۳۸۰۲۸۴۷۹۰',
      economicCode: '4111-1111-1111',
      emails: ['Info@Peyvand.IR'],
      phones: ['(021) 8877 6655'],
      addresses: [{ province: 'تهران', city: 'تهران', postalCode: '1234567890' }],
      tags: ['شریک'],
    });
    expect(created.status).toBe(201);
    const org = created.body;
    expect(org).toMatchObject({
      name: 'شركت پيوند نوين',
      type: 'prospect',
      size: '11-50',
      website: 'https://www.peyvand.ir/about',
      nationalId: '10380284790',
      economicCode: '411111111111',
      ownerId: user.id,
      peopleCount: 0,
      version: 1,
    });
    expect(org.emails).toEqual([{ value: 'info@peyvand.ir', primary: true }]);
    expect(org.phones).toEqual([{ value: '+982188776655', raw: '(021) 8877 6655', primary: true }]);
    expect(org.tags.map((t: { name: string }) => t.name)).toEqual(['شریک']);
    const [row] = await sql('select search_key from organizations where id = $1', [org.id]);
    expect(row.search_key.startsWith('شرکتپیوندنوین|')).toBe(true);
    for (const part of ['peyvandnovin', '10380284790', 'peyvand.ir', 'info@peyvand.ir', '02188776655']) expect(row.search_key).toContain(part);
    expect(await sql('select kind, value from contact_points where entity_id = $1 order by kind', [org.id])).toEqual([
      { kind: 'email', value: 'info@peyvand.ir' },
      { kind: 'phone', value: '+982188776655' },
    ]);
    expect((await auditOf(workspace.id, org.id)).map((a: { action: string }) => a.action).sort()).toEqual(['organization.created', 'record.tagged']);
    expect((await client.get(`/api/v1/organizations/${org.id}`)).body).toEqual(org);
  });

  it('refuses a wrong national ID, website, economic code, type or phone, all at once, and writes nothing', async () => {
    const { workspace } = await admin('fa');
    const client = await workspaceAdmin(workspace.id);
    const response = await client.post('/api/v1/organizations', {
      name: 'سازمان',
      nationalId: '10380284791',
      website: 'not a website',
      economicCode: 'abc',
      phones: ['12'],
    });
    expect(response.status).toBe(400);
    const byPath = Object.fromEntries(response.body.errors.map((e: { path: string }) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(['economicCode', 'nationalId', 'phones.0', 'website']);
    expect(byPath.nationalId.message).toMatch(/شناسه/);
    const badType = await client.post('/api/v1/organizations', { name: 'سازمان', type: 'friend' });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].path).toBe('type');
    const noName = await client.post('/api/v1/organizations', { name: '\u200c' });
    expect(noName.status).toBe(400);
    expect(await sql('select count(*)::int as n from organizations where workspace_id = $1', [workspace.id])).toEqual([{ n: 0 }]);
  });

  it('updates with a version (409 when stale), clears with null, verifies, deletes and restores', async () => {
    const { client, workspace } = await admin();
    const org = (await client.post('/api/v1/organizations', { name: 'تامین‌کننده', type: 'supplier', website: 'https://example.com' })).body;
    const updated = await client.patch(`/api/v1/organizations/${org.id}`, { version: 1, type: 'customer', website: null, nameLatin: 'Supplier' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ type: 'customer', website: null, nameLatin: 'Supplier', version: 2 });
    expect((await client.patch(`/api/v1/organizations/${org.id}`, { version: 1, name: 'دیگر' })).status).toBe(409);
    const verified = await client.post(`/api/v1/organizations/${org.id}/verify`);
    expect(verified.body.lastVerifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await client.delete(`/api/v1/organizations/${org.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/organizations?deleted=true')).body.items.map((o: { id: string }) => o.id)).toEqual([org.id]);
    expect((await client.get('/api/v1/organizations')).body.items).toEqual([]);
    expect((await client.patch(`/api/v1/organizations/${org.id}`, { version: 4, name: 'x' })).body.code).toBe('organization_deleted');
    expect((await client.post(`/api/v1/organizations/${org.id}/restore`)).body.deletedAt).toBeNull();
    const actions = (await auditOf(workspace.id, org.id)).map((a: { action: string }) => a.action).sort();
    expect(actions).toEqual(['organization.created', 'organization.deleted', 'organization.restored', 'organization.updated', 'organization.verified']);
  });
});

describe('organisations and their people', () => {
  it('links people with roles from the organisation side, one primary organisation per person, and unlinks them', async () => {
    const { client, workspace } = await admin();
    const first = (await client.post('/api/v1/organizations', { name: 'نخست' })).body;
    const second = (await client.post('/api/v1/organizations', { name: 'دوم' })).body;
    const person = (await client.post('/api/v1/people', { firstName: 'کیان', organizations: [{ organizationId: first.id, isPrimary: true }] })).body;
    const colleague = (await client.post('/api/v1/people', { firstName: 'مهسا' })).body;

    const linked = await client.post(`/api/v1/organizations/${second.id}/people`, { personId: person.id, role: 'مشاور', isPrimary: true });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ personId: person.id, organizationId: second.id, role: 'مشاور', isPrimary: true });
    await client.post(`/api/v1/organizations/${second.id}/people`, { personId: colleague.id, role: 'حسابدار' });
    const detail = (await client.get(`/api/v1/people/${person.id}`)).body;
    expect(detail.organizations.map((o: { name: string; isPrimary: boolean }) => [o.name, o.isPrimary])).toEqual([
      ['دوم', true],
      ['نخست', false],
    ]);
    const people = await client.get(`/api/v1/organizations/${second.id}/people?limit=1`);
    expect(people.body.items).toHaveLength(1);
    expect(people.body.items[0]).toMatchObject({ firstName: 'مهسا', role: 'حسابدار', isPrimary: false });
    const rest = await client.get(`/api/v1/organizations/${second.id}/people?limit=1&cursor=${people.body.nextCursor}`);
    expect(rest.body.items[0]).toMatchObject({ firstName: 'کیان', role: 'مشاور', isPrimary: true });
    expect((await client.get(`/api/v1/organizations/${second.id}`)).body.peopleCount).toBe(2);
    expect((await client.get('/api/v1/people?q=دوم')).body.items.map((p: { id: string }) => p.id).sort()).toEqual([person.id, colleague.id].sort());

    expect((await client.delete(`/api/v1/organizations/${second.id}/people/${colleague.id}`)).status).toBe(204);
    const again = await client.delete(`/api/v1/organizations/${second.id}/people/${colleague.id}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('person_not_linked');
    expect((await client.get('/api/v1/people?q=دوم')).body.items.map((p: { id: string }) => p.id)).toEqual([person.id]);

    const audit = await auditOf(workspace.id, colleague.id);
    const unlinked = audit.find((a: { action: string }) => a.action === 'person.organization_unlinked');
    expect(unlinked.after).toEqual({ personId: colleague.id, organizationId: second.id });
    expect(audit.find((a: { action: string }) => a.action === 'person.organization_linked').after).toMatchObject({ personId: colleague.id, organizationId: second.id });
    const missing = await client.post(`/api/v1/organizations/${second.id}/people`, { personId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('person_not_found');
  });

  it("keeps people's search keys in step with a rename, a delete and a restore of their organisation", async () => {
    const { client } = await admin();
    const org = (await client.post('/api/v1/organizations', { name: 'قدیم' })).body;
    const person = (await client.post('/api/v1/people', { firstName: 'سینا', organizations: [{ organizationId: org.id }] })).body;
    const found = async (q: string) => (await client.get(`/api/v1/people?q=${encodeURIComponent(q)}`)).body.items.map((p: { id: string }) => p.id);
    await client.patch(`/api/v1/organizations/${org.id}`, { version: 1, name: 'جدید' });
    expect(await found('جدید')).toEqual([person.id]);
    expect(await found('قدیم')).toEqual([]);
    await client.delete(`/api/v1/organizations/${org.id}`);
    expect(await found('جدید')).toEqual([]);
    expect((await client.get(`/api/v1/people/${person.id}`)).body.organizations).toEqual([]);
    await client.post(`/api/v1/organizations/${org.id}/restore`);
    expect(await found('جدید')).toEqual([person.id]);
  });
});

describe('organisation lists', () => {
  it('searches, filters by type, sorts by name in Persian order, and pages by keyset', async () => {
    const { client } = await admin();
    for (const [name, type] of [
      ['گلستان', 'customer'],
      ['پارس', 'partner'],
      ['بهار', 'customer'],
      ['آفتاب', 'competitor'],
    ]) {
      await client.post('/api/v1/organizations', { name, type, nationalId: name === 'پارس' ? '14007650912' : undefined });
    }
    const names = async (query: string) => (await client.get(`/api/v1/organizations?${query}`)).body.items.map((o: { name: string }) => o.name);
    expect(await names('sort=name:asc')).toEqual(['آفتاب', 'بهار', 'پارس', 'گلستان']);
    const filter = encodeURIComponent(JSON.stringify({ op: 'and', conditions: [{ field: 'type', op: 'eq', value: 'customer' }] }));
    expect(await names(`filter=${filter}&sort=name:desc`)).toEqual(['گلستان', 'بهار']);
    expect(await names('q=۱۴۰۰۷۶۵۰۹۱۲')).toEqual(['پارس']);
    const page1 = await client.get('/api/v1/organizations?sort=name:asc&limit=3');
    const page2 = await client.get(`/api/v1/organizations?sort=name:asc&limit=3&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((o: { name: string }) => o.name)).toEqual(['آفتاب', 'بهار', 'پارس', 'گلستان']);
    expect(page2.body.nextCursor).toBeNull();
    expect(await names('stale=true')).toHaveLength(4);
  });

  it('bulk-tags and bulk-deletes organisations, all or nothing', async () => {
    const { client } = await admin();
    const stranger = await admin();
    const ids: string[] = [];
    for (const name of ['الف', 'ب']) ids.push((await client.post('/api/v1/organizations', { name })).body.id);
    const tag = (await client.post('/api/v1/organizations', { name: 'ج', tags: ['کلیدی'] })).body.tags[0];
    expect((await client.post('/api/v1/organizations/bulk', { ids, action: 'tag', tagIds: [tag.id] })).body).toEqual({ action: 'tag', matched: 2, changed: 2 });
    expect((await client.get(`/api/v1/organizations?tag=${tag.id}`)).body.items).toHaveLength(3);
    const foreign = (await stranger.client.post('/api/v1/organizations', { name: 'د' })).body;
    expect((await client.post('/api/v1/organizations/bulk', { ids: [...ids, foreign.id], action: 'delete' })).status).toBe(404);
    expect((await client.get('/api/v1/organizations')).body.items).toHaveLength(3);
    expect((await client.post('/api/v1/organizations/bulk', { ids, action: 'delete' })).body.changed).toBe(2);
  });
});

describe('organisations for lead conversion and imports', () => {
  it('finds an organisation by name whatever the Persian spelling, and only a live one with that exact name', async () => {
    const { client, workspace } = await admin();
    const org = (await client.post('/api/v1/organizations', { name: 'شرکت پیوند', nameLatin: 'Peyvand' })).body;
    await client.post('/api/v1/organizations', { name: 'شرکت پیوند گستر' });
    const db = server.peyvand.database.db;
    expect((await findByNameKey(db, workspace.id, 'شركت  پيوند'))?.id).toBe(org.id);
    expect((await findByNameKey(db, workspace.id, 'شرکت‌پیوند'))?.id).toBe(org.id);
    expect(await findByNameKey(db, workspace.id, 'شرکت')).toBeUndefined();
    expect(await findByNameKey(db, workspace.id, 'Peyvand')).toBeUndefined();
    const other = await admin();
    expect(await findByNameKey(db, other.workspace.id, 'شرکت پیوند')).toBeUndefined();
    await client.delete(`/api/v1/organizations/${org.id}`);
    expect(await findByNameKey(db, workspace.id, 'شرکت پیوند')).toBeUndefined();
  });

  it('creates an organisation and a person inside one caller transaction, and rolls both back together', async () => {
    const { workspace } = await admin();
    const db = server.peyvand.database.db;
    const { people, organizations } = server.peyvand.services;
    const ctx = systemContext(workspace.id, PERMISSIONS, 'en');
    const { person, org } = await db.transaction(async (tx) => {
      const org = await organizations.createWithin(tx, ctx, { name: 'واردشده', phones: ['09120000001'] });
      const person = await people.createWithin(tx, ctx, { firstName: 'سرنخ', organizations: [{ organizationId: org.id, role: 'خریدار' }] });
      return { person, org };
    });
    expect(person.organizations).toEqual([expect.objectContaining({ organizationId: org.id, role: 'خریدار' })]);
    expect(person.ownerId).toBeNull();
    await expect(
      db.transaction(async (tx) => {
        await organizations.createWithin(tx, ctx, { name: 'نیمه‌کاره' });
        await people.createWithin(tx, ctx, { firstName: 'خطا', phones: ['bad phone'] });
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await sql(`select count(*)::int as n from organizations where workspace_id = $1 and name = 'نیمه‌کاره'`, [workspace.id])).toEqual([{ n: 0 }]);
    const updated = await db.transaction((tx) => organizations.updateWithin(tx, ctx, org.id, { version: org.version, industry: 'پخش' }));
    expect(updated.industry).toBe('پخش');
  });
});

describe('organisations: permissions and workspace isolation', () => {
  it("keeps workspace B out of A's organisations: 404 everywhere and nothing changed", async () => {
    const a = await admin();
    const b = await admin();
    const org = (await a.client.post('/api/v1/organizations', { name: 'الف محرمانه' })).body;
    const personA = (await a.client.post('/api/v1/people', { firstName: 'کارمند', organizations: [{ organizationId: org.id }] })).body;
    const orgB = (await b.client.post('/api/v1/organizations', { name: 'ب' })).body;
    const personB = (await b.client.post('/api/v1/people', { firstName: 'نفوذی' })).body;
    const snapshot = async () => [
      await sql('select * from organizations where id = $1', [org.id]),
      await sql('select person_id, organization_id, role, is_primary from person_organizations where workspace_id = $1 order by person_id', [a.workspace.id]),
      await sql('select person_id, organization_id from person_organizations where workspace_id = $1', [b.workspace.id]),
    ];
    const before = await snapshot();
    const refused = [
      await b.client.get(`/api/v1/organizations/${org.id}`),
      await b.client.patch(`/api/v1/organizations/${org.id}`, { version: 1, name: 'hacked' }),
      await b.client.delete(`/api/v1/organizations/${org.id}`),
      await b.client.post(`/api/v1/organizations/${org.id}/restore`),
      await b.client.post(`/api/v1/organizations/${org.id}/verify`),
      await b.client.get(`/api/v1/organizations/${org.id}/people`),
      await b.client.post(`/api/v1/organizations/${org.id}/people`, { personId: personB.id }),
      await b.client.post(`/api/v1/organizations/${orgB.id}/people`, { personId: personA.id }),
      await b.client.delete(`/api/v1/organizations/${org.id}/people/${personA.id}`),
      await b.client.post('/api/v1/organizations/bulk', { ids: [org.id], action: 'delete' }),
      await b.client.patch(`/api/v1/people/${personB.id}`, { version: 1, organizations: [{ organizationId: org.id }] }),
    ];
    expect(refused.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 400]);
    expect((await b.client.get('/api/v1/organizations?q=محرمانه')).body.items).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('lets members create and edit organisations but not delete them', async () => {
    const { client, workspace } = await admin();
    const member = await memberOf(workspace.id, 'member');
    const org = (await member.client.post('/api/v1/organizations', { name: 'ساخت عضو' })).body;
    expect(org.ownerId).toBe(member.user.id);
    expect((await member.client.delete(`/api/v1/organizations/${org.id}`)).status).toBe(403);
    expect((await client.delete(`/api/v1/organizations/${org.id}`)).status).toBe(204);
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/organizations', '/api/v1/organizations/{id}', '/api/v1/organizations/{id}/people', '/api/v1/organizations/{id}/people/{personId}']),
    );
  });
});
