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

type Stage = { id: string; name: string; kind: string; probability: number; version: number };

/** A signed-up admin with a client, its default pipeline and lost reasons. */
async function admin(locale: 'fa' | 'en' = 'en') {
  const account = await signUp(server.url, { locale });
  const client = new ApiClient(server.url, { locale });
  client.cookies = account.client.cookies;
  const pipeline = (await client.get('/api/v1/pipelines')).body.items[0] as { id: string; stages: Stage[] };
  const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!;
  const lostReasons = (await client.get('/api/v1/lost-reasons')).body.items as Array<{ id: string }>;
  return { ...account, client, pipeline, stage, lostReasons };
}

async function memberOf(workspaceId: string, role: string) {
  const account = await signUp(server.url, { locale: 'en' });
  await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [workspaceId, account.user.id, role]);
  expect((await account.client.post('/api/v1/me/active-workspace', { workspaceId })).status).toBe(204);
  const client = new ApiClient(server.url, { locale: 'en' });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

const codes = (body: { errors: Array<{ path: string; code: string }> }) => body.errors.map((e) => `${e.path}:${e.code}`).sort();

describe('deals: create, read, update, delete', () => {
  it('creates a deal in the first open stage of the default pipeline, owned by its creator, and reads it back', async () => {
    const { client, user, pipeline, stage } = await admin();
    const org = (await client.post('/api/v1/organizations', { name: 'آلفا' })).body;
    const person = (await client.post('/api/v1/people', { firstName: 'سارا', lastName: 'احمدی' })).body;
    const created = await client.post('/api/v1/deals', {
      title: 'قرارداد پشتیبانی',
      organizationId: org.id,
      people: [{ personId: person.id, role: 'decision maker' }],
      amount: '۱۲۵٬۰۰۰٬۰۰۰',
      expectedCloseDate: '2026-12-01',
      tags: ['VIP'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'قرارداد پشتیبانی',
      pipelineId: pipeline.id,
      stageId: stage('Qualification').id,
      stage: { name: 'Qualification', kind: 'open', probability: 10 },
      status: 'open',
      organization: { id: org.id, name: 'آلفا' },
      people: [{ id: person.id, name: 'سارا احمدی', role: 'decision maker', isPrimary: true }],
      ownerId: user.id,
      owner: { id: user.id },
      amount: '125000000.00',
      currency: 'IRR',
      exchangeRate: '1',
      amountBase: '125000000.00',
      probability: 10,
      probabilityOverride: null,
      closedOn: null,
      source: 'manual',
      version: 1,
    });
    expect(created.body.tags.map((t: { name: string }) => t.name)).toEqual(['VIP']);
    const got = await client.get(`/api/v1/deals/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.amountBase).toBe('125000000.00');
    const [row] = await sql('select amount::text, amount_base::text, search_key from deals where id = $1', [created.body.id]);
    expect(row).toMatchObject({ amount: '125000000.00', amount_base: '125000000.00' });
    expect(row.search_key).toContain('آلفا');
    const history = await sql('select stage_id, left_at from deal_stage_history where deal_id = $1', [created.body.id]);
    expect(history).toEqual([{ stage_id: stage('Qualification').id, left_at: null }]);
    const audit = await sql(`select action from audit_log where entity_type = 'deal' and entity_id = $1`, [created.body.id]);
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['deal.created', 'record.tagged']);
  });

  it('refuses bad input with per-field errors in the caller language, never a 500', async () => {
    for (const locale of ['fa', 'en'] as const) {
      const { client } = await admin(locale);
      const missing = await client.post('/api/v1/deals', { amount: '10' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('title');
      const bad = await client.post('/api/v1/deals', {
        title: 'X',
        amount: 'ده هزار',
        currency: 'XXQ',
        organizationId: '00000000-0000-4000-8000-000000000000',
        people: [{ personId: '00000000-0000-4000-8000-000000000001' }],
        ownerId: 'nobody',
        lineItems: [{ description: 'a', unitPrice: '1.234', discountPercent: '120' }],
      });
      expect(bad.status).toBe(400);
      expect(codes(bad.body)).toEqual([
        'amount:not_a_number',
        'currency:invalid_currency',
        'lineItems.0.discountPercent:discount_range',
        'lineItems.0.unitPrice:too_many_decimals',
        'organizationId:organization_not_found',
        'ownerId:owner_not_member',
        'people.0.personId:person_not_found',
      ]);
      const message = bad.body.errors.find((e: { path: string }) => e.path === 'organizationId').message;
      expect(message).toBe(locale === 'fa' ? 'این سازمان در فضای کاری پیدا نشد.' : 'No such organisation in this workspace.');
    }
  });

  it('updates with the version read; a stale version is a 409; delete and restore', async () => {
    const { client } = await admin();
    const deal = (await client.post('/api/v1/deals', { title: 'Old', amount: 100 })).body;
    const updated = await client.patch(`/api/v1/deals/${deal.id}`, { version: deal.version, title: 'New', probability: 35, forecastCategory: 'commit' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'New', probability: 35, probabilityOverride: 35, forecastCategory: 'commit', version: 2 });
    const stale = await client.patch(`/api/v1/deals/${deal.id}`, { version: deal.version, title: 'Stale' });
    expect(stale.status).toBe(409);
    expect((await client.get(`/api/v1/deals/${deal.id}`)).body.title).toBe('New');

    expect((await client.delete(`/api/v1/deals/${deal.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/deals')).body.items.map((d: { id: string }) => d.id)).not.toContain(deal.id);
    expect((await client.get('/api/v1/deals?deleted=true')).body.items.map((d: { id: string }) => d.id)).toContain(deal.id);
    expect((await client.patch(`/api/v1/deals/${deal.id}`, { version: 3, title: 'x' })).status).toBe(409);
    const restored = await client.post(`/api/v1/deals/${deal.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
  });

  it('an Idempotency-Key makes a retried create return the first deal, not a second one', async () => {
    const { client, workspace } = await admin();
    const headers = { 'idempotency-key': `deal-${Date.now()}` };
    const first = await client.post('/api/v1/deals', { title: 'Once' }, headers);
    const again = await client.post('/api/v1/deals', { title: 'Once' }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await sql('select count(*)::int as n from deals where workspace_id = $1', [workspace.id]))[0].n).toBe(1);
  });
});

describe('deals: money', () => {
  it('the amount follows the line items exactly: 3 × 0.1 is 0.30, discounts are exact', async () => {
    const { client } = await admin();
    const deal = await client.post('/api/v1/deals', {
      title: 'Lines',
      lineItems: [
        { description: 'a', unitPrice: '0.1' },
        { description: 'b', unitPrice: '0.1' },
        { description: 'c', unitPrice: '0.1' },
      ],
    });
    expect(deal.status).toBe(201);
    expect(deal.body.amount).toBe('0.30');
    expect(deal.body.lineItems.map((l: { netAmount: string }) => l.netAmount)).toEqual(['0.10', '0.10', '0.10']);
    const discounted = await client.patch(`/api/v1/deals/${deal.body.id}`, {
      version: deal.body.version,
      lineItems: [{ description: 'License', quantity: '3', unitPrice: '33333333.33', discountPercent: '12.5' }],
    });
    // 3 × 33,333,333.33 = 99,999,999.99; less 12.5 % (12,499,999.99875 → 12,500,000.00) = 87,499,999.99
    expect(discounted.body.amount).toBe('87499999.99');
    expect(discounted.body.lineItems[0]).toMatchObject({ quantity: '3.000', unitPrice: '33333333.33', discountPercent: '12.50', netAmount: '87499999.99' });
    // An amount sent with the lines wins over their total.
    const explicit = await client.patch(`/api/v1/deals/${deal.body.id}`, { version: discounted.body.version, amount: '5', lineItems: [{ description: 'x', unitPrice: '9' }] });
    expect(explicit.body.amount).toBe('5.00');
  });

  it('converts other currencies with the rate in force, and answers 422 when none is known', async () => {
    const { client } = await admin('fa');
    const noRate = await client.post('/api/v1/deals', { title: 'USD deal', amount: '1000', currency: 'USD' });
    expect(noRate.status).toBe(422);
    expect(noRate.body.code).toBe('exchange_rate_missing');
    expect(noRate.body.errors[0].path).toBe('currency');
    await client.post('/api/v1/exchange-rates', { currency: 'USD', rate: '580000.5', validFrom: '2020-01-01' });
    const usd = await client.post('/api/v1/deals', { title: 'USD deal', amount: '1000.10', currency: 'usd' });
    expect(usd.status).toBe(201);
    // 1000.10 × 580000.5 = 580,058,500.05
    expect(usd.body).toMatchObject({ currency: 'USD', exchangeRate: '580000.5', amount: '1000.10', amountBase: '580058500.05' });
    // A manual rate on the deal wins; changing the amount keeps the deal's rate.
    const manual = await client.patch(`/api/v1/deals/${usd.body.id}`, { version: usd.body.version, exchangeRate: '600000' });
    expect(manual.body.amountBase).toBe('600060000.00');
    const moreUnits = await client.patch(`/api/v1/deals/${usd.body.id}`, { version: manual.body.version, amount: '2' });
    expect(moreUnits.body).toMatchObject({ exchangeRate: '600000', amountBase: '1200000.00' });
    const [row] = await sql('select amount_base::text from deals where id = $1', [usd.body.id]);
    expect(row.amount_base).toBe('1200000.00');
    // Sending the same currency again (as a form does) keeps the rate; another currency takes its own.
    const sameCurrency = await client.patch(`/api/v1/deals/${usd.body.id}`, { version: moreUnits.body.version, amount: '3', currency: 'USD' });
    expect(sameCurrency.body).toMatchObject({ exchangeRate: '600000', amountBase: '1800000.00' });
    const toRial = await client.patch(`/api/v1/deals/${usd.body.id}`, { version: sameCurrency.body.version, currency: 'IRR' });
    expect(toRial.body).toMatchObject({ currency: 'IRR', exchangeRate: '1', amount: '3.00', amountBase: '3.00' });
  });

  it("defaults the territory to the organisation's", async () => {
    const { client, workspace } = await admin();
    const [territory] = await sql(`insert into territories (workspace_id, name) values ($1, 'Tehran') returning id`, [workspace.id]);
    const org = (await client.post('/api/v1/organizations', { name: 'Beta' })).body;
    await sql('update organizations set territory_id = $1 where id = $2', [territory.id, org.id]);
    const deal = await client.post('/api/v1/deals', { title: 'T', organizationId: org.id });
    expect(deal.body.territoryId).toBe(territory.id);
  });
});

describe('deals: moving on the board', () => {
  it('moves across stages with stage history and durations; ranks cards between neighbours', async () => {
    const { client, stage } = await admin();
    const a = (await client.post('/api/v1/deals', { title: 'A' })).body;
    const b = (await client.post('/api/v1/deals', { title: 'B' })).body;
    const c = (await client.post('/api/v1/deals', { title: 'C' })).body;
    // New cards go on top: C, B, A.
    const column = async (name: string) => (await client.get(`/api/v1/deals/board`)).body.columns.find((col: { stage: { name: string } }) => col.stage.name === name);
    expect((await column('Qualification')).deals.map((d: { title: string }) => d.title)).toEqual(['C', 'B', 'A']);
    const moved = await client.post(`/api/v1/deals/${a.id}/move`, { stageId: stage('Qualification').id, afterId: c.id });
    expect(moved.status).toBe(200);
    expect((await column('Qualification')).deals.map((d: { title: string }) => d.title)).toEqual(['C', 'A', 'B']);

    // Two days in Qualification (backdated), then Proposal.
    await sql(`update deal_stage_history set entered_at = now() - interval '2 days' where deal_id = $1`, [b.id]);
    const toProposal = await client.post(`/api/v1/deals/${b.id}/move`, { stageId: stage('Proposal').id, version: b.version });
    expect(toProposal.status).toBe(200);
    expect(toProposal.body).toMatchObject({ stageId: stage('Proposal').id, status: 'open', probability: 50, version: b.version + 1 });
    const stale = await client.post(`/api/v1/deals/${b.id}/move`, { stageId: stage('Negotiation').id, version: b.version });
    expect(stale.status).toBe(409);
    const history = await client.get(`/api/v1/deals/${b.id}/stage-history`);
    expect(history.status).toBe(200);
    expect(history.body.map((h: { stage: { name: string } }) => h.stage.name)).toEqual(['Qualification', 'Proposal']);
    expect(history.body[0].durationSeconds).toBeGreaterThanOrEqual(2 * 86400);
    expect(history.body[0].durationSeconds).toBeLessThan(2 * 86400 + 120);
    expect(history.body[0].leftAt).not.toBeNull();
    expect(history.body[1].leftAt).toBeNull();
    const rows = await sql('select count(*)::int as n from deal_stage_history where deal_id = $1 and left_at is null', [b.id]);
    expect(rows[0].n).toBe(1);
  });

  it('two moves of one card at once with the same version: one wins, the other gets 409, history stays whole', async () => {
    const { client, stage } = await admin();
    const deal = (await client.post('/api/v1/deals', { title: 'race' })).body;
    const results = await Promise.all([
      client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('Proposal').id, version: deal.version }),
      client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('Negotiation').id, version: deal.version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const stays = await sql('select stage_id, left_at from deal_stage_history where deal_id = $1 order by entered_at', [deal.id]);
    expect(stays).toHaveLength(2);
    expect(stays.filter((s: { left_at: unknown }) => s.left_at === null)).toHaveLength(1);
    const winner = results.find((r) => r.status === 200)!.body;
    expect(stays[1].stage_id).toBe(winner.stageId);
  });

  it('renormalises a column when ranks get too close', async () => {
    const { client, stage, workspace } = await admin();
    const top = (await client.post('/api/v1/deals', { title: 'top' })).body;
    const bottom = (await client.post('/api/v1/deals', { title: 'bottom' })).body;
    await sql('update deals set board_rank = 1 where id = $1', [bottom.id]);
    await sql('update deals set board_rank = 1.0000000001 where id = $1', [top.id]);
    const mid = (await client.post('/api/v1/deals', { title: 'mid' })).body;
    const moved = await client.post(`/api/v1/deals/${mid.id}/move`, { stageId: stage('Qualification').id, afterId: bottom.id, beforeId: null });
    expect(moved.status).toBe(200);
    const moved2 = await client.post(`/api/v1/deals/${mid.id}/move`, { stageId: stage('Qualification').id, beforeId: top.id });
    expect(moved2.status).toBe(200);
    const order = await sql(`select title, board_rank::text as r from deals where workspace_id = $1 order by board_rank, id`, [workspace.id]);
    expect(order.map((o: { title: string }) => o.title)).toEqual(['bottom', 'mid', 'top']);
    // The column was renumbered (1, 2) before the midpoint was taken.
    expect(order.map((o: { r: string }) => Number(o.r))).toEqual([1, 1.5, 2]);
  });

  it('won and lost: closedOn in the workspace time zone, lost needs a reason, competitor must be a competitor, reopening clears closedOn', async () => {
    const { client, stage, lostReasons } = await admin('fa');
    const deal = (await client.post('/api/v1/deals', { title: 'W', amount: '10' })).body;
    const won = await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('موفق').id });
    expect(won.body).toMatchObject({ status: 'won', probability: 100 });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
    expect(won.body.closedOn).toBe(today);
    expect(won.body.closedAt).not.toBeNull();

    const noReason = await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('ناموفق').id });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('lost_reason_required');
    expect(noReason.body.detail ?? noReason.body.title).toContain('دلیل شکست');
    const customer = (await client.post('/api/v1/organizations', { name: 'مشتری', type: 'customer' })).body;
    const rival = (await client.post('/api/v1/organizations', { name: 'رقیب', type: 'competitor' })).body;
    const notRival = await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('ناموفق').id, lostReasonId: lostReasons[0]!.id, competitorId: customer.id });
    expect(notRival.status).toBe(400);
    expect(codes(notRival.body)).toEqual(['competitorId:competitor_not_competitor']);
    const lost = await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('ناموفق').id, lostReasonId: lostReasons[0]!.id, competitorId: rival.id, lostNote: 'ارزان‌تر' });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', probability: 0, lostReason: { id: lostReasons[0]!.id }, competitor: { id: rival.id, name: 'رقیب' }, lostNote: 'ارزان‌تر' });

    const reopened = await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('مذاکره').id });
    expect(reopened.body).toMatchObject({ status: 'open', closedOn: null, closedAt: null, lostReason: null, competitor: null });
    const actions = await sql(`select action from audit_log where entity_type = 'deal' and entity_id = $1 order by occurred_at, id`, [deal.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['deal.created', 'deal.won', 'deal.lost', 'deal.reopened']);
  });

  it('archiving a stage moves its open deals (with history); won deals stay', async () => {
    const { client, pipeline, stage } = await admin();
    const open = (await client.post('/api/v1/deals', { title: 'open', stageId: stage('Needs analysis').id })).body;
    const noTarget = await client.delete(`/api/v1/pipelines/${pipeline.id}/stages/${stage('Needs analysis').id}`);
    expect(noTarget.status).toBe(422);
    const archived = await client.delete(`/api/v1/pipelines/${pipeline.id}/stages/${stage('Needs analysis').id}?moveTo=${stage('Proposal').id}`);
    expect(archived.status).toBe(200);
    expect(archived.body.movedDeals).toBe(1);
    const after = (await client.get(`/api/v1/deals/${open.id}`)).body;
    expect(after.stageId).toBe(stage('Proposal').id);
    const history = (await client.get(`/api/v1/deals/${open.id}/stage-history`)).body;
    expect(history.map((h: { stage: { name: string; archived: boolean } }) => [h.stage.name, h.stage.archived])).toEqual([
      ['Needs analysis', true],
      ['Proposal', false],
    ]);
  });

  it('editing a stage probability changes open deals from now on and rewrites no history', async () => {
    const { client, pipeline, stage } = await admin();
    const deal = (await client.post('/api/v1/deals', { title: 'p', stageId: stage('Proposal').id, amount: '1000' })).body;
    const before = await sql('select * from deal_stage_history where deal_id = $1', [deal.id]);
    const proposal = stage('Proposal');
    await client.patch(`/api/v1/pipelines/${pipeline.id}/stages/${proposal.id}`, { version: proposal.version, probability: 60 });
    expect((await client.get(`/api/v1/deals/${deal.id}`)).body.probability).toBe(60);
    expect(await sql('select * from deal_stage_history where deal_id = $1', [deal.id])).toEqual(before);
  });
});

describe('deals: board and lists', () => {
  it('board totals equal the SQL sums; weighted uses each deal’s effective probability; columns page', async () => {
    const { client, stage, workspace, pipeline } = await admin();
    for (let i = 0; i < 53; i += 1) await client.post('/api/v1/deals', { title: `q${i}`, amount: `${i}.33` });
    await client.post('/api/v1/deals', { title: 'override', stageId: stage('Proposal').id, amount: '1000', probability: 90 });
    await client.post('/api/v1/deals', { title: 'plain', stageId: stage('Proposal').id, amount: '0.05' });
    const board = await client.get(`/api/v1/deals/board?pipelineId=${pipeline.id}`);
    expect(board.status).toBe(200);
    expect(board.body.columns).toHaveLength(6);
    const [sums] = await sql(
      `select count(*)::int as n, sum(amount_base)::text as total from deals where workspace_id = $1 and stage_id = $2 and deleted_at is null`,
      [workspace.id, stage('Qualification').id],
    );
    const q = board.body.columns[0];
    expect(q.count).toBe(53);
    expect(q.count).toBe(sums.n);
    expect(q.totalBase).toBe(sums.total);
    expect(q.deals).toHaveLength(50);
    expect(q.nextCursor).not.toBeNull();
    const more = await client.get(`/api/v1/deals/board/column?stageId=${stage('Qualification').id}&cursor=${q.nextCursor}`);
    expect(more.body.items).toHaveLength(3);
    expect(new Set([...q.deals, ...more.body.items].map((d: { id: string }) => d.id)).size).toBe(53);
    const proposal = board.body.columns.find((c: { stage: { name: string } }) => c.stage.name === 'Proposal');
    // 1000 × 90 % + 0.05 × 50 % = 900.025 → 900.03
    expect(proposal).toMatchObject({ count: 2, totalBase: '1000.05', weightedBase: '900.03' });
    const searched = await client.get(`/api/v1/deals/board?q=override`);
    expect(searched.body.columns.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(1);
  });

  it('lists with q, filters, sorts (keyset), saved views, tags and custom fields', async () => {
    const { client } = await admin();
    const field = await client.post('/api/v1/custom-fields', { entityType: 'deal', key: 'channel', labelFa: 'کانال', labelEn: 'Channel', type: 'text' });
    expect(field.status).toBe(201);
    const org = (await client.post('/api/v1/organizations', { name: 'گاما' })).body;
    const big = (await client.post('/api/v1/deals', { title: 'Big one', amount: '900', organizationId: org.id, tags: ['hot'], custom: { channel: 'web' } })).body;
    expect(big.custom).toEqual({ channel: 'web' });
    await client.post('/api/v1/deals', { title: 'Small one', amount: '10' });
    await client.post('/api/v1/deals', { title: 'Middle', amount: '500', custom: { channel: 'phone' } });
    const byOrg = await client.get(`/api/v1/deals?q=${encodeURIComponent('گاما')}`);
    expect(byOrg.body.items.map((d: { title: string }) => d.title)).toEqual(['Big one']);
    const sorted = await client.get('/api/v1/deals?sort=amountBase:desc&limit=2');
    expect(sorted.body.items.map((d: { title: string }) => d.title)).toEqual(['Big one', 'Middle']);
    const next = await client.get(`/api/v1/deals?sort=amountBase:desc&limit=2&cursor=${sorted.body.nextCursor}`);
    expect(next.body.items.map((d: { title: string }) => d.title)).toEqual(['Small one']);
    const filter = JSON.stringify({ op: 'and', conditions: [{ field: 'custom.channel', op: 'eq', value: 'phone' }] });
    expect((await client.get(`/api/v1/deals?filter=${encodeURIComponent(filter)}`)).body.items.map((d: { title: string }) => d.title)).toEqual(['Middle']);
    const amountFilter = JSON.stringify({ op: 'and', conditions: [{ field: 'amountBase', op: 'gte', value: 500 }, { field: 'status', op: 'eq', value: 'open' }] });
    expect((await client.get(`/api/v1/deals?filter=${encodeURIComponent(amountFilter)}&sort=title:asc`)).body.items.map((d: { title: string }) => d.title)).toEqual(['Big one', 'Middle']);
    const view = await client.post('/api/v1/views', { entityType: 'deal', name: 'Tagged hot', filter: { op: 'and', conditions: [{ field: 'tags', op: 'has_any', value: [big.tags[0].id] }] } });
    expect(view.status, view.text).toBe(201);
    const viaView = await client.get(`/api/v1/deals?view=${view.body.id}`);
    expect(viaView.body.items.map((d: { title: string }) => d.title)).toEqual(['Big one']);
    const fields = await client.get('/api/v1/fields/deal');
    expect(fields.status).toBe(200);
    const names = fields.body.items.map((f: { field?: string; key?: string; name?: string }) => f.field ?? f.key ?? f.name);
    expect(names).toEqual(expect.arrayContaining(['title', 'stage', 'amountBase', 'expectedCloseDate', 'custom.channel']));
    const bad = await client.get('/api/v1/deals?sort=nope:asc');
    expect(bad.status).toBe(400);
  });
});

describe('deals: OpenAPI', () => {
  it('documents every pipelines, exchange-rates and deals endpoint', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/exchange-rates',
        '/api/v1/exchange-rates/{id}',
        '/api/v1/pipelines',
        '/api/v1/pipelines/{id}/stages/{stageId}',
        '/api/v1/pipelines/{id}/stage-order',
        '/api/v1/lost-reasons',
        '/api/v1/deals',
        '/api/v1/deals/{id}',
        '/api/v1/deals/{id}/move',
        '/api/v1/deals/{id}/restore',
        '/api/v1/deals/{id}/stage-history',
        '/api/v1/deals/board',
        '/api/v1/deals/board/column',
      ]),
    );
    const params = doc.paths['/api/v1/deals'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'pipelineId', 'status', 'ownerId', 'organizationId', 'personId', 'tag', 'filter', 'view', 'sort', 'deleted', 'cursor', 'limit']));
  });
});

describe('deals: fields', () => {
  it('every field of GET /fields/deal filters, and exactly the sortable ones sort', async () => {
    const { client } = await admin();
    await client.post('/api/v1/custom-fields', { entityType: 'deal', key: 'budget_year', labelFa: 'سال بودجه', labelEn: 'Budget year', type: 'number' });
    await client.post('/api/v1/deals', { title: 'One', amount: '5' });
    const fields = (await client.get('/api/v1/fields/deal')).body.items as Array<{ key: string; operators: string[]; sortable: boolean }>;
    expect(fields.length).toBeGreaterThan(20);
    for (const field of fields) {
      const condition = field.operators.includes('is_empty') ? { field: field.key, op: 'is_empty' } : { field: field.key, op: 'eq', value: true };
      const filter = encodeURIComponent(JSON.stringify({ op: 'and', conditions: [condition] }));
      const filtered = await client.get(`/api/v1/deals?filter=${filter}`);
      expect(filtered.status, `filter ${field.key}: ${filtered.text}`).toBe(200);
      const sorted = await client.get(`/api/v1/deals?sort=${field.key}:asc`);
      expect(sorted.status, `sort ${field.key}: ${sorted.text}`).toBe(field.sortable ? 200 : 400);
    }
  });
});

describe('deals: timeline, handover, isolation', () => {
  it("shows deal events on the deal's, its organisation's and its people's timelines, with names", async () => {
    const { client, stage } = await admin();
    const org = (await client.post('/api/v1/organizations', { name: 'Delta' })).body;
    const person = (await client.post('/api/v1/people', { firstName: 'Reza', lastName: 'K' })).body;
    const deal = (await client.post('/api/v1/deals', { title: 'Timeline deal', organizationId: org.id, people: [{ personId: person.id }] })).body;
    await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('Won').id });
    const own = await client.get(`/api/v1/timeline/deal/${deal.id}`);
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { kind: string }) => i.kind)).toEqual(['deal.won', 'deal.created']);
    for (const path of [`/api/v1/timeline/organization/${org.id}`, `/api/v1/timeline/person/${person.id}`]) {
      const timeline = await client.get(path);
      const dealItems = timeline.body.items.filter((i: { entityType: string }) => i.entityType === 'deal');
      expect(dealItems.map((i: { kind: string }) => i.kind)).toEqual(['deal.won', 'deal.created']);
      expect(dealItems[0].references).toContainEqual({ entityType: 'deal', id: deal.id, name: 'Timeline deal', deleted: false });
    }
  });

  it('a handover moves the deals of the departing owner', async () => {
    const { client, workspace, user } = await admin();
    const other = await memberOf(workspace.id, 'member');
    const mine = (await client.post('/api/v1/deals', { title: 'Mine' })).body;
    const theirs = (await other.client.post('/api/v1/deals', { title: 'Theirs' })).body;
    const handover = await client.post('/api/v1/handover', { fromUserId: user.id, toUserId: other.user.id });
    expect(handover.status).toBe(200);
    expect(handover.body.moved.deal).toBe(1);
    const [row] = await sql('select owner_id, version from deals where id = $1', [mine.id]);
    expect(row).toMatchObject({ owner_id: other.user.id, version: 2 });
    expect((await sql('select owner_id from deals where id = $1', [theirs.id]))[0].owner_id).toBe(other.user.id);
  });

  it('another workspace gets 404 on get, patch, move, history and cannot see the deal on its board', async () => {
    const { client, stage, pipeline } = await admin();
    const deal = (await client.post('/api/v1/deals', { title: 'Secret', amount: '77' })).body;
    const { client: other, stage: otherStage } = await admin();
    expect((await other.get(`/api/v1/deals/${deal.id}`)).status).toBe(404);
    expect((await other.patch(`/api/v1/deals/${deal.id}`, { version: 1, title: 'Hacked' })).status).toBe(404);
    expect((await other.post(`/api/v1/deals/${deal.id}/move`, { stageId: otherStage('Won').id })).status).toBe(404);
    expect((await other.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage('Won').id })).status).toBe(404);
    expect((await other.get(`/api/v1/deals/${deal.id}/stage-history`)).status).toBe(404);
    expect((await other.delete(`/api/v1/deals/${deal.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/deals/board?pipelineId=${pipeline.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/deals?organizationId=${deal.id}`)).body.items).toEqual([]);
    const board = await other.get('/api/v1/deals/board');
    expect(board.body.columns.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(0);
    expect((await other.get(`/api/v1/deals/board/column?stageId=${stage('Qualification').id}`)).status).toBe(404);
    // Their stage cannot take our deal, and our stage cannot take theirs.
    const theirs = (await other.post('/api/v1/deals', { title: 'Theirs' })).body;
    const crossed = await other.post(`/api/v1/deals/${theirs.id}/move`, { stageId: stage('Won').id });
    expect(crossed.status).toBe(400);
    expect((await client.get(`/api/v1/deals/${deal.id}`)).body).toMatchObject({ title: 'Secret', version: 1 });
  });
});
