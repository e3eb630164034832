import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

/*
 * People by the organisations they work at: the `organizations` (by id) and `organizationName`
 * filter fields, saved views over them, organisations by the people they have, and the
 * organisations every people-list item carries for the grid's Company column.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { sql, admin } = testAccounts(() => server);

async function world() {
  const account = await admin();
  const { client } = account;
  const org = async (name: string) => (await client.post('/api/v1/organizations', { name })).body as { id: string };
  const alpha = await org('آلفا');
  const tile = await org('كاشي يزد'); // Arabic yeh and kaf, as some keyboards type them
  const beta = await org('Beta Trading');
  const gone = await org('سازمان حذف‌شده');
  const person = async (firstName: string, organizations: Array<{ organizationId: string; role?: string; isPrimary?: boolean }> = []) => {
    const created = await client.post('/api/v1/people', { firstName, lastName: 'تست', organizations });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string };
  };
  const mina = await person('مینا', [
    { organizationId: beta.id, role: 'مشاور' },
    { organizationId: alpha.id, role: 'مدیر خرید', isPrimary: true },
  ]);
  const reza = await person('رضا', [{ organizationId: beta.id }, { organizationId: tile.id }]);
  const nobody = await person('بی‌سازمان');
  const orphan = await person('یتیم', [{ organizationId: gone.id }]);
  expect((await client.delete(`/api/v1/organizations/${gone.id}`)).status).toBe(204);
  return { ...account, alpha, tile, beta, gone, mina, reza, nobody, orphan };
}

const filterQuery = (conditions: unknown[], op: 'and' | 'or' = 'and') => `filter=${encodeURIComponent(JSON.stringify({ op, conditions }))}`;

async function ids(client: ApiClient, list: string, query: string): Promise<string[]> {
  const response = await client.get(`/api/v1/${list}?limit=200&${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((r: { id: string }) => r.id).sort();
}

describe('people filtered by organisation', () => {
  it('"works at" by id: eq, in, neq, not_in, is_empty, is_not_empty; deleted organisations do not count', async () => {
    const { client, alpha, beta, tile, gone, mina, reza, nobody, orphan } = await world();
    const people = (conditions: unknown[]) => ids(client, 'people', filterQuery(conditions));
    const sorted = (...list: Array<{ id: string }>) => list.map((p) => p.id).sort();

    expect(await people([{ field: 'organizations', op: 'eq', value: alpha.id }])).toEqual(sorted(mina));
    expect(await people([{ field: 'organizations', op: 'in', value: [alpha.id, tile.id] }])).toEqual(sorted(mina, reza));
    expect(await people([{ field: 'organizations', op: 'in', value: [beta.id] }])).toEqual(sorted(mina, reza));
    // "Not at Alpha" includes people with no organisation at all.
    expect(await people([{ field: 'organizations', op: 'neq', value: alpha.id }])).toEqual(sorted(reza, nobody, orphan));
    expect(await people([{ field: 'organizations', op: 'not_in', value: [alpha.id, beta.id] }])).toEqual(sorted(nobody, orphan));
    expect(await people([{ field: 'organizations', op: 'is_empty' }])).toEqual(sorted(nobody, orphan));
    expect(await people([{ field: 'organizations', op: 'is_not_empty' }])).toEqual(sorted(mina, reza));
    expect(await people([{ field: 'organizations', op: 'eq', value: gone.id }])).toEqual([]);
    // Combined with other fields and in OR groups.
    expect(
      await ids(client, 'people', filterQuery([{ field: 'organizations', op: 'eq', value: alpha.id }, { field: 'organizations', op: 'is_empty' }], 'or')),
    ).toEqual(sorted(mina, nobody, orphan));
    expect(await ids(client, 'people', `q=${encodeURIComponent('رضا')}&${filterQuery([{ field: 'organizations', op: 'eq', value: beta.id }])}`)).toEqual(sorted(reza));
  });

  it('"organisation name contains" is Persian-normalised like every text filter', async () => {
    const { client, mina, reza, nobody, orphan } = await world();
    const people = (conditions: unknown[]) => ids(client, 'people', filterQuery(conditions));
    const sorted = (...list: Array<{ id: string }>) => list.map((p) => p.id).sort();
    // Stored with Arabic ي/ك, searched with Persian ی/ک, and the other way round.
    expect(await people([{ field: 'organizationName', op: 'contains', value: 'کاشی' }])).toEqual(sorted(reza));
    expect(await people([{ field: 'organizationName', op: 'contains', value: 'لفا' }])).toEqual(sorted(mina));
    expect(await people([{ field: 'organizationName', op: 'contains', value: 'trading' }])).toEqual(sorted(mina, reza));
    expect(await people([{ field: 'organizationName', op: 'starts_with', value: 'كاشی' }])).toEqual(sorted(reza));
    expect(await people([{ field: 'organizationName', op: 'eq', value: 'آلفا' }])).toEqual(sorted(mina));
    // The deleted organisation's name finds nobody; "does not contain" means no organisation matches.
    expect(await people([{ field: 'organizationName', op: 'contains', value: 'حذف' }])).toEqual([]);
    expect(await people([{ field: 'organizationName', op: 'not_contains', value: 'trading' }])).toEqual(sorted(nobody, orphan));
    expect(await people([{ field: 'organizationName', op: 'is_empty' }])).toEqual(sorted(nobody, orphan));
  });

  it('works in saved views; bad values are 400 invalid_filter at their path; the fields are not sortable', async () => {
    const { client, alpha, beta, mina, reza } = await world();
    const view = await client.post('/api/v1/views', {
      entityType: 'person',
      name: 'در آلفا یا بتا',
      filter: { op: 'and', conditions: [{ field: 'organizations', op: 'in', value: [alpha.id, beta.id] }] },
      sort: [{ field: 'firstName', direction: 'asc' }],
    });
    expect(view.status, JSON.stringify(view.body)).toBe(201);
    const listed = await client.get(`/api/v1/people?view=${view.body.id}`);
    expect(listed.body.items.map((p: { firstName: string }) => p.firstName)).toEqual(['رضا', 'مینا']);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([reza.id, mina.id]);

    const refusedView = await client.post('/api/v1/views', {
      entityType: 'person',
      name: 'بد',
      filter: { op: 'and', conditions: [{ field: 'organizations', op: 'contains', value: 'x' }] },
    });
    expect(refusedView.status).toBe(400);

    const bad = await client.get(`/api/v1/people?${filterQuery([{ field: 'organizations', op: 'in', value: ['not-an-id'] }])}`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_filter');
    expect(bad.body.errors[0].path).toBe('filter.conditions.0.value');
    expect((await client.get('/api/v1/people?sort=organizations:asc')).status).toBe(400);
    expect((await client.get('/api/v1/people?sort=organizationName:desc')).status).toBe(400);
  });

  it('organisations filtered by "has person X"', async () => {
    const { client, alpha, beta, tile, mina, reza, nobody } = await world();
    const orgs = (conditions: unknown[]) => ids(client, 'organizations', filterQuery(conditions));
    expect(await orgs([{ field: 'people', op: 'eq', value: mina.id }])).toEqual([alpha.id, beta.id].sort());
    expect(await orgs([{ field: 'people', op: 'in', value: [reza.id, nobody.id] }])).toEqual([beta.id, tile.id].sort());
    expect(await orgs([{ field: 'people', op: 'is_empty' }])).toEqual([]);
    // A person in the trash no longer counts.
    expect((await client.delete(`/api/v1/people/${reza.id}`)).status).toBe(204);
    expect(await orgs([{ field: 'people', op: 'is_empty' }])).toEqual([tile.id]);
  });
});

describe('people list items carry their organisations', () => {
  it('each item has its live organisations, primary first, with role; none for people without', async () => {
    const { client, alpha, beta, tile, mina, reza, nobody, orphan } = await world();
    const page = await client.get('/api/v1/people?limit=200&sort=firstName:asc');
    expect(page.status).toBe(200);
    const byId = new Map(page.body.items.map((p: { id: string }) => [p.id, p]));
    expect((byId.get(mina.id) as any).organizations).toEqual([
      { organizationId: alpha.id, name: 'آلفا', nameLatin: null, type: 'prospect', role: 'مدیر خرید', isPrimary: true },
      { organizationId: beta.id, name: 'Beta Trading', nameLatin: null, type: 'prospect', role: 'مشاور', isPrimary: false },
    ]);
    expect((byId.get(reza.id) as any).organizations.map((o: { organizationId: string }) => o.organizationId).sort()).toEqual([beta.id, tile.id].sort());
    expect((byId.get(nobody.id) as any).organizations).toEqual([]);
    expect((byId.get(orphan.id) as any).organizations).toEqual([]); // its only organisation is in the trash

    // Small pages carry them too, and the list item is documented in OpenAPI.
    const small = await client.get('/api/v1/people?limit=1&sort=firstName:desc');
    expect(small.body.items[0].organizations).toBeInstanceOf(Array);
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    const schema = doc.paths['/api/v1/people'].get.responses['200'].content['application/json'].schema;
    const item = schema.properties.items.items;
    const resolved = item.$ref ? doc.components.schemas[item.$ref.split('/').pop()] : item;
    expect(Object.keys(resolved.properties.organizations.items.properties).sort()).toEqual(['isPrimary', 'name', 'nameLatin', 'organizationId', 'role', 'type']);
  });

  it("never shows another workspace's organisations", async () => {
    const a = await world();
    const b = await admin();
    const person = (await b.client.post('/api/v1/people', { firstName: 'B' })).body;
    // A link row pointing across workspaces (which the API never makes) is not shown.
    await sql('insert into person_organizations (workspace_id, person_id, organization_id) values ($1, $2, $3)', [a.workspace.id, person.id, a.alpha.id]);
    const items = (await b.client.get('/api/v1/people')).body.items;
    expect(items.find((p: { id: string }) => p.id === person.id).organizations).toEqual([]);
  });
});
