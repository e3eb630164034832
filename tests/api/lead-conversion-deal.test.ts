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
const count = async (table: string, workspaceId: string) => (await sql(`select count(*)::int as n from ${table} where workspace_id = $1`, [workspaceId]))[0].n;

async function admin(locale: 'fa' | 'en' = 'en') {
  const account = await signUp(server.url, { locale });
  const client = new ApiClient(server.url, { locale });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

async function qualifiedLead(client: ApiClient) {
  const lead = (await client.post('/api/v1/leads', { firstName: 'Nima', lastName: 'Sadeghi', companyName: 'Epsilon Co', email: 'nima@epsilon.example', status: 'qualified' })).body;
  expect(lead.status).toBe('qualified');
  return lead;
}

describe('lead conversion with a deal', () => {
  it('creates the person, the organisation and the deal (source lead) in one step and links them', async () => {
    const { client, workspace, user } = await admin();
    const pipeline = (await client.get('/api/v1/pipelines')).body.items[0];
    const proposal = pipeline.stages.find((s: { name: string }) => s.name === 'Proposal');
    const lead = await qualifiedLead(client);
    const converted = await client.post(`/api/v1/leads/${lead.id}/convert`, { deal: { stageId: proposal.id, amount: '۴۵۰٬۰۰۰٬۰۰۰', expectedCloseDate: '2026-10-01' } });
    expect(converted.status).toBe(200);
    const { personId, organizationId, dealId } = converted.body;
    expect(dealId).toBeTruthy();
    expect(converted.body.lead).toMatchObject({ status: 'converted', convertedDealId: dealId, convertedPersonId: personId });
    const deal = (await client.get(`/api/v1/deals/${dealId}`)).body;
    expect(deal).toMatchObject({
      title: 'Epsilon Co',
      source: 'lead',
      leadId: lead.id,
      stageId: proposal.id,
      organization: { id: organizationId, name: 'Epsilon Co' },
      people: [{ id: personId, isPrimary: true }],
      ownerId: user.id,
      amount: '450000000.00',
      expectedCloseDate: '2026-10-01',
    });
    const [row] = await sql('select converted_deal_id from leads where id = $1', [lead.id]);
    expect(row.converted_deal_id).toBe(dealId);
    expect(await count('deals', workspace.id)).toBe(1);
    // The deal shows on the new person's timeline.
    const timeline = await client.get(`/api/v1/timeline/person/${personId}`);
    expect(timeline.body.items.some((i: { kind: string; entityId: string }) => i.kind === 'deal.created' && i.entityId === dealId)).toBe(true);
  });

  it('without `deal` no deal is created', async () => {
    const { client, workspace } = await admin();
    const lead = await qualifiedLead(client);
    const converted = await client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(converted.status).toBe(200);
    expect(converted.body.dealId).toBeNull();
    expect(await count('deals', workspace.id)).toBe(0);
  });

  it('an invalid deal part rolls back the whole conversion: no person, organisation or deal, the lead unchanged', async () => {
    for (const locale of ['fa', 'en'] as const) {
      const { client, workspace } = await admin(locale);
      const lead = await qualifiedLead(client);
      const people = await count('people', workspace.id);
      const failed = await client.post(`/api/v1/leads/${lead.id}/convert`, { deal: { amount: 'abc', stageId: '00000000-0000-4000-8000-000000000000' } });
      expect(failed.status).toBe(400);
      expect(failed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['deal.amount', 'deal.stageId']);
      const stageError = failed.body.errors.find((e: { path: string }) => e.path === 'deal.stageId');
      expect(stageError.message).toBe(locale === 'fa' ? 'این مرحله در فضای کاری پیدا نشد یا بایگانی شده است.' : 'No such active stage in this workspace.');
      expect(await count('people', workspace.id)).toBe(people);
      expect(await count('organizations', workspace.id)).toBe(0);
      expect(await count('deals', workspace.id)).toBe(0);
      const [row] = await sql('select status, converted_person_id, converted_deal_id from leads where id = $1', [lead.id]);
      expect(row).toMatchObject({ status: 'qualified', converted_person_id: null, converted_deal_id: null });
      // A currency without a rate is a 422 and also leaves nothing behind.
      const noRate = await client.post(`/api/v1/leads/${lead.id}/convert`, { deal: { amount: '10', currency: 'EUR' } });
      expect(noRate.status).toBe(422);
      expect(await count('organizations', workspace.id)).toBe(0);
      expect(await count('deals', workspace.id)).toBe(0);
    }
  });
});
