import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/*
 * Merging duplicate customers keeps their sales whole: deals, the competitor a deal was lost to,
 * the people on deals, quotes, orders and the customer copied onto order lines all follow the
 * survivor.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows as any[]);

describe('merging customers moves their sales', () => {
  it('moves deals, lost-to competitors, quotes, orders and order lines from the merged organisation to the survivor', async () => {
    const { client, workspace } = await signUp(server.url, { locale: 'en' });
    const survivor = (await client.post('/api/v1/organizations', { name: 'صنایع آوا', type: 'customer' })).body;
    const duplicate = (await client.post('/api/v1/organizations', { name: 'صنايع آوا', type: 'competitor' })).body;
    const deal = (await client.post('/api/v1/deals', { title: 'Seats', organizationId: duplicate.id, amount: '1000' })).body;
    expect(deal.id, JSON.stringify(deal)).toBeTruthy();
    const pipeline = (await client.get('/api/v1/pipelines')).body.items[0];
    const lost = pipeline.stages.find((s: { kind: string }) => s.kind === 'lost');
    const reason = (await client.get('/api/v1/lost-reasons')).body.items[0];
    const lostDeal = (await client.post('/api/v1/deals', { title: 'Lost one', organizationId: survivor.id, amount: '5' })).body;
    expect((await client.post(`/api/v1/deals/${lostDeal.id}/move`, { stageId: lost.id, lostReasonId: reason.id, competitorId: duplicate.id })).status).toBe(200);
    const quote = (await client.post('/api/v1/quotes', { organizationId: duplicate.id, lines: [{ description: 'x', unitPrice: '10' }] })).body;
    const order = (await client.post('/api/v1/orders', { organizationId: duplicate.id, status: 'confirmed', lines: [{ description: 'x', unitPrice: '10' }, { description: 'y', unitPrice: '20' }] })).body;
    expect(order.id, JSON.stringify(order)).toBeTruthy();

    const merged = await client.post(`/api/v1/organizations/${survivor.id}/merge`, { otherId: duplicate.id, version: survivor.version, otherVersion: duplicate.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);

    const [dealRow] = await sql('select organization_id from deals where id = $1 and workspace_id = $2', [deal.id, workspace.id]);
    expect(dealRow.organization_id).toBe(survivor.id);
    const [lostRow] = await sql('select competitor_id from deals where id = $1', [lostDeal.id]);
    expect(lostRow.competitor_id).toBe(survivor.id);
    expect((await sql('select organization_id from quotes where id = $1', [quote.id]))[0].organization_id).toBe(survivor.id);
    expect((await sql('select organization_id from orders where id = $1', [order.id]))[0].organization_id).toBe(survivor.id);
    expect(await sql('select distinct organization_id from order_lines where order_id = $1', [order.id])).toEqual([{ organization_id: survivor.id }]);
    // The survivor's 360° page lists them, and its order summary counts the moved order.
    expect((await client.get(`/api/v1/deals?organizationId=${survivor.id}`)).body.items.map((d: { id: string }) => d.id)).toContain(deal.id);
    expect((await client.get(`/api/v1/orders/summary?organizationId=${survivor.id}`)).body.orderCount).toBe(1);
    const [entry] = (await client.get(`/api/v1/audit-log?entityId=${survivor.id}&action=organization.merged`)).body.items;
    expect(entry.after.moved).toMatchObject({ deals: [deal.id], dealsLostTo: [lostDeal.id], quotes: 1, orders: 1 });
  });

  it('moves the merged person onto their deals, once where both were on the same deal, and their orders', async () => {
    const { client, workspace } = await signUp(server.url, { locale: 'en' });
    const survivor = (await client.post('/api/v1/people', { firstName: 'Ali', lastName: 'Rezaei', emails: ['ali@example.com'] })).body;
    const duplicate = (await client.post('/api/v1/people', { firstName: 'Ali', lastName: 'Rezaie', emails: ['a.rezaei@example.com'] })).body;
    const shared = (await client.post('/api/v1/deals', { title: 'Both on it', people: [{ personId: survivor.id }, { personId: duplicate.id, role: 'champion' }] })).body;
    const onlyDuplicate = (await client.post('/api/v1/deals', { title: 'Only the duplicate', people: [{ personId: duplicate.id, role: 'decision maker' }] })).body;
    const order = (await client.post('/api/v1/orders', { personId: duplicate.id, lines: [{ description: 'x', unitPrice: '10' }] })).body;

    const merged = await client.post(`/api/v1/people/${survivor.id}/merge`, { otherId: duplicate.id, version: survivor.version, otherVersion: duplicate.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);

    const links = await sql('select deal_id, person_id, role from deal_people where workspace_id = $1 order by deal_id, person_id', [workspace.id]);
    expect(links.filter((l) => l.person_id === duplicate.id)).toEqual([]);
    expect(links.filter((l) => l.deal_id === shared.id)).toHaveLength(1);
    expect(links.find((l) => l.deal_id === onlyDuplicate.id)).toMatchObject({ person_id: survivor.id, role: 'decision maker' });
    expect((await sql('select person_id from orders where id = $1', [order.id]))[0].person_id).toBe(survivor.id);
    expect((await client.get(`/api/v1/deals?personId=${survivor.id}`)).body.items.map((d: { id: string }) => d.id).sort()).toEqual([shared.id, onlyDuplicate.id].sort());
  });
});
