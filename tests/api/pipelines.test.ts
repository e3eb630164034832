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

async function admin(locale: 'fa' | 'en' = 'en') {
  const account = await signUp(server.url, { locale });
  const client = new ApiClient(server.url, { locale });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

async function memberOf(workspaceId: string, role: string) {
  const account = await signUp(server.url, { locale: 'en' });
  await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [workspaceId, account.user.id, role]);
  expect((await account.client.post('/api/v1/me/active-workspace', { workspaceId })).status).toBe(204);
  const client = new ApiClient(server.url, { locale: 'en' });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

describe('pipelines', () => {
  it('a new workspace has the default pipeline and lost reasons in its language', async () => {
    const { client: fa, workspace: faWs } = await admin('fa');
    const { client: en } = await admin('en');
    const [faPipelines, enPipelines] = [await fa.get('/api/v1/pipelines'), await en.get('/api/v1/pipelines')];
    expect(faPipelines.status).toBe(200);
    expect(faPipelines.body.items).toHaveLength(1);
    const faStages = faPipelines.body.items[0].stages;
    expect(faStages.map((s: { name: string }) => s.name)).toEqual(['ارزیابی اولیه', 'نیازسنجی', 'ارائه پیشنهاد', 'مذاکره', 'موفق', 'ناموفق']);
    expect(enPipelines.body.items[0]).toMatchObject({ name: 'Sales', isDefault: true });
    expect(enPipelines.body.items[0].stages.map((s: { name: string; probability: number; kind: string }) => [s.name, s.probability, s.kind])).toEqual([
      ['Qualification', 10, 'open'],
      ['Needs analysis', 25, 'open'],
      ['Proposal', 50, 'open'],
      ['Negotiation', 75, 'open'],
      ['Won', 100, 'won'],
      ['Lost', 0, 'lost'],
    ]);
    // Created with the workspace, in its transaction: the rows are there before any visit.
    expect((await sql('select count(*)::int as n from pipelines where workspace_id = $1', [faWs.id]))[0].n).toBe(1);
    const reasons = await fa.get('/api/v1/lost-reasons');
    expect(reasons.body.items.length).toBeGreaterThanOrEqual(5);
  });

  it('creates the default pipeline on first visit for a workspace that has none (once, even when asked twice at once)', async () => {
    const { client, workspace } = await admin('en');
    await sql('delete from pipelines where workspace_id = $1', [workspace.id]);
    await sql('delete from deal_lost_reasons where workspace_id = $1', [workspace.id]);
    const [a, b] = await Promise.all([client.get('/api/v1/pipelines'), client.get('/api/v1/pipelines')]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect((await sql('select count(*)::int as n from pipelines where workspace_id = $1', [workspace.id]))[0].n).toBe(1);
    expect((await sql('select count(*)::int as n from pipeline_stages where workspace_id = $1', [workspace.id]))[0].n).toBe(6);
  });

  it('creates a pipeline, keeps the stage-kind invariants and the won/lost probabilities, in both languages', async () => {
    const { client } = await admin('en');
    const created = await client.post('/api/v1/pipelines', {
      name: 'Renewals',
      stages: [
        { name: 'Contacted', probability: 30, kind: 'open' },
        { name: 'Renewed', kind: 'won' },
        { name: 'Churned', kind: 'lost' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.stages.map((s: { probability: number }) => s.probability)).toEqual([30, 100, 0]);

    const noLost = await client.post('/api/v1/pipelines', { name: 'Bad', stages: [{ name: 'A', kind: 'open' }, { name: 'B', kind: 'won' }, { name: 'C', kind: 'won' }] });
    expect(noLost.status).toBe(400);
    expect(noLost.body.errors[0]).toMatchObject({ path: 'stages', code: 'stages_need_kinds' });
    expect(noLost.body.errors[0].message).toBe('Give at least one open, one won and one lost stage.');

    const { client: fa } = await admin('fa');
    const wonAt50 = await fa.post('/api/v1/pipelines', { name: 'بد', stages: [{ name: 'الف', kind: 'open' }, { name: 'ب', kind: 'won', probability: 50 }, { name: 'ج', kind: 'lost' }] });
    expect(wonAt50.status).toBe(400);
    expect(wonAt50.body.errors[0]).toMatchObject({ path: 'stages.1.probability', code: 'won_probability', message: 'احتمال مرحله‌ی موفق همیشه ۱۰۰ است.' });

    const outOfRange = await client.post(`/api/v1/pipelines/${created.body.id}/stages`, { name: 'X', probability: 140, kind: 'open' });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.errors[0].path).toBe('probability');

    // The only lost stage cannot turn into an open one.
    const lost = created.body.stages[2];
    const reopen = await client.patch(`/api/v1/pipelines/${created.body.id}/stages/${lost.id}`, { version: lost.version, kind: 'open', probability: 20 });
    expect(reopen.status).toBe(422);
    expect(reopen.body.code).toBe('pipeline_needs_stage_kinds');
  });

  it('adds, edits (version), reorders and archives stages; only sales.configure may', async () => {
    const { client, workspace } = await admin('en');
    const pipeline = (await client.get('/api/v1/pipelines')).body.items[0];
    const added = await client.post(`/api/v1/pipelines/${pipeline.id}/stages`, { name: 'Demo', probability: 40, kind: 'open' });
    expect(added.status).toBe(201);
    // A new open stage goes after the open ones, before won and lost.
    expect(added.body.stages.map((s: { name: string }) => s.name)).toEqual(['Qualification', 'Needs analysis', 'Proposal', 'Negotiation', 'Demo', 'Won', 'Lost']);
    const demo = added.body.stages[4];
    const edited = await client.patch(`/api/v1/pipelines/${pipeline.id}/stages/${demo.id}`, { version: demo.version, probability: 45, rottingDays: 14 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ probability: 45, rottingDays: 14, version: demo.version + 1 });
    const stale = await client.patch(`/api/v1/pipelines/${pipeline.id}/stages/${demo.id}`, { version: demo.version, probability: 50 });
    expect(stale.status).toBe(409);

    const ids = added.body.stages.map((s: { id: string }) => s.id);
    const reordered = await client.request('PUT', `/api/v1/pipelines/${pipeline.id}/stage-order`, { stageIds: [ids[4], ...ids.slice(0, 4), ...ids.slice(5)] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.stages[0].name).toBe('Demo');
    const partial = await client.request('PUT', `/api/v1/pipelines/${pipeline.id}/stage-order`, { stageIds: ids.slice(1) });
    expect(partial.status).toBe(400);
    expect(partial.body.errors[0].code).toBe('stage_order_mismatch');

    const archived = await client.delete(`/api/v1/pipelines/${pipeline.id}/stages/${demo.id}`);
    expect(archived.status).toBe(200);
    expect(archived.body.pipeline.stages.map((s: { name: string }) => s.name)).not.toContain('Demo');
    const [row] = await sql('select archived_at from pipeline_stages where id = $1', [demo.id]);
    expect(row.archived_at).not.toBeNull();
    const withArchived = await client.get('/api/v1/pipelines?archived=true');
    expect(withArchived.body.items[0].stages.map((s: { name: string }) => s.name)).toContain('Demo');

    const rep = await memberOf(workspace.id, 'member');
    expect((await rep.client.get('/api/v1/pipelines')).status).toBe(200);
    expect((await rep.client.post('/api/v1/pipelines', { name: 'Mine' })).status).toBe(403);
    expect((await rep.client.post('/api/v1/lost-reasons', { labelFa: 'الف', labelEn: 'A' })).status).toBe(403);
    expect((await rep.client.post('/api/v1/exchange-rates', { currency: 'EUR', rate: '1', validFrom: '2026-01-01' })).status).toBe(403);
    expect((await rep.client.get('/api/v1/exchange-rates')).status).toBe(200);
  });

  it('lost reasons: create, rename, archive; duplicates are a 409', async () => {
    const { client } = await admin('en');
    const created = await client.post('/api/v1/lost-reasons', { labelFa: 'تأخیر در پرداخت', labelEn: 'Late payment' });
    expect(created.status).toBe(201);
    expect((await client.post('/api/v1/lost-reasons', { labelFa: 'دیگر', labelEn: 'Late payment' })).status).toBe(409);
    const renamed = await client.patch(`/api/v1/lost-reasons/${created.body.id}`, { labelEn: 'Payment terms' });
    expect(renamed.body.labelEn).toBe('Payment terms');
    expect((await client.delete(`/api/v1/lost-reasons/${created.body.id}`)).status).toBe(204);
    const list = await client.get('/api/v1/lost-reasons');
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
  });

  it('another workspace cannot see or change these pipelines', async () => {
    const { client } = await admin('en');
    const { client: other } = await admin('en');
    const pipeline = (await client.get('/api/v1/pipelines')).body.items[0];
    expect((await other.get(`/api/v1/pipelines/${pipeline.id}`)).status).toBe(404);
    expect((await other.patch(`/api/v1/pipelines/${pipeline.id}`, { version: 1, name: 'Hijack' })).status).toBe(404);
    expect((await other.post(`/api/v1/pipelines/${pipeline.id}/stages`, { name: 'X', kind: 'open' })).status).toBe(404);
    expect((await other.delete(`/api/v1/pipelines/${pipeline.id}/stages/${pipeline.stages[0].id}`)).status).toBe(404);
  });
});

describe('exchange rates', () => {
  it('CRUD with ISO codes and decimal strings; the default currency needs no rate', async () => {
    const { client } = await admin('en');
    const created = await client.post('/api/v1/exchange-rates', { currency: 'usd', rate: '۵۸۰٬۰۰۰', validFrom: '2026-01-01' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ currency: 'USD', rate: '580000', validFrom: '2026-01-01' });
    await client.post('/api/v1/exchange-rates', { currency: 'USD', rate: '600000.5', validFrom: '2026-03-01' });
    expect((await client.post('/api/v1/exchange-rates', { currency: 'USD', rate: 1, validFrom: '2026-03-01' })).status).toBe(409);

    const bad = await client.post('/api/v1/exchange-rates', { currency: 'XYZ', rate: '-3', validFrom: '2026-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort()).toEqual(['currency:invalid_currency', 'rate:must_be_positive']);
    const irr = await client.post('/api/v1/exchange-rates', { currency: 'IRR', rate: '2', validFrom: '2026-01-01' });
    expect(irr.body.errors[0].code).toBe('default_currency_rate');

    const lookup = async (date: string, currency = 'USD') => (await client.get(`/api/v1/exchange-rates/lookup?currency=${currency}&date=${date}`)).body.rate;
    expect(await lookup('2025-12-31')).toBeNull();
    expect(await lookup('2026-02-15')).toBe('580000');
    expect(await lookup('2026-03-01')).toBe('600000.5');
    expect(await lookup('2026-01-01', 'IRR')).toBe('1');

    const patched = await client.patch(`/api/v1/exchange-rates/${created.body.id}`, { rate: '590000' });
    expect(patched.body.rate).toBe('590000');
    expect((await client.get('/api/v1/exchange-rates?on=2026-02-01')).body.items.map((r: { rate: string }) => r.rate)).toEqual(['590000']);
    expect((await client.delete(`/api/v1/exchange-rates/${created.body.id}`)).status).toBe(204);
    expect(await lookup('2026-02-15')).toBeNull();

    const { client: fa } = await admin('fa');
    const faBad = await fa.post('/api/v1/exchange-rates', { currency: 'ABC', rate: 'abc', validFrom: '2026-01-01' });
    expect(faBad.body.errors.find((e: { path: string }) => e.path === 'currency').message).toBe('کد ارز معتبر نیست (مثلاً IRR، USD، EUR).');
    const { client: other } = await admin('en');
    expect((await other.patch(`/api/v1/exchange-rates/${patched.body.id}`, { rate: '1' })).status).toBe(404);
  });
});
