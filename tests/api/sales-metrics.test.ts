import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnel as funnelQuery } from '#server/modules/sales-analytics/index.ts';
import { ApiClient, signUp } from '../support/api-client.ts';
import { seedDeal, seedHistory, seedLostReason, seedOrganization, seedPipeline, type DealSpec } from '../support/sales-seed.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);

async function admin(locale: 'fa' | 'en' = 'en') {
  const account = await signUp(server.url, { locale });
  const client = new ApiClient(server.url, { locale });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

/*
 * Fiscal year 1404 (2025-03-21 … 2026-03-20) of a Jalali workspace, reps Ali (admin) and Bahar.
 *   won  w1 Ali   1,000  created 04-01, closed 04-11 (10 days)  history Q → N → P → W
 *   won  w2 Ali   3,000  created 04-01, closed 05-01 (30 days)  history Q → W
 *   won  w3 Bahar 2,000  created 05-01, closed 05-16 (15 days)  history Q → N → W
 *   lost l1 Bahar   500  Price, to Rival A      history Q → L
 *   lost l2 Ali     700  Price, to Rival B      history Q → N → P → L
 *   lost l3 Bahar   800  Timing                 history Q → L
 *   lost l4 Ali      10  no reason              history Q → L
 *   open o1 Ali   5,000                         history Q → N
 *   open o2 Bahar   100                         history Q
 *   lost before the range (2025-01-01), a deleted won deal, and another workspace's won deal.
 * Leads in range: 3 (2 converted, 1 of them Bahar's); one before the range, one deleted.
 */
async function seedWorld() {
  const owner = await admin('fa');
  const workspaceId: string = owner.workspace.id;
  const ali: string = owner.user.id;
  const baharAccount = await signUp(server.url, { locale: 'en', name: 'بهار' });
  const bahar: string = baharAccount.user.id;
  await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [workspaceId, bahar, 'member']);
  const p = await seedPipeline(sql, workspaceId, 'فروش');
  const s = p.stages as Record<'Qualification' | 'Needs analysis' | 'Proposal' | 'Won' | 'Lost', string>;
  const price = await seedLostReason(sql, workspaceId, 'قیمت', 'Price');
  const timing = await seedLostReason(sql, workspaceId, 'زمان‌بندی', 'Timing');
  const rivalA = await seedOrganization(sql, workspaceId, 'رقیب الف', 'competitor');
  const rivalB = await seedOrganization(sql, workspaceId, 'رقیب ب', 'competitor');

  const deal = async (spec: Omit<DealSpec, 'pipelineId' | 'stageId'> & { stage: keyof typeof s; path: (keyof typeof s)[]; stepDays?: number }) => {
    const { stage, path, stepDays, ...rest } = spec;
    const id = await seedDeal(sql, workspaceId, { pipelineId: p.id, stageId: s[stage], createdBy: rest.ownerId, ...rest });
    await seedHistory(sql, workspaceId, id, p.id, path.map((name) => s[name]), rest.ownerId ?? null, stepDays ?? 1);
    return id;
  };
  const ids = {
    w1: await deal({ title: 'w1', stage: 'Won', status: 'won', amountBase: '1000.00', ownerId: ali, createdAt: '2025-04-01T06:00:00Z', closedOn: '2025-04-11', path: ['Qualification', 'Needs analysis', 'Proposal', 'Won'] }),
    w2: await deal({ title: 'w2', stage: 'Won', status: 'won', amountBase: '3000.00', ownerId: ali, createdAt: '2025-04-01T06:00:00Z', closedOn: '2025-05-01', path: ['Qualification', 'Won'] }),
    w3: await deal({ title: 'w3', stage: 'Won', status: 'won', amountBase: '2000.00', ownerId: bahar, createdAt: '2025-05-01T06:00:00Z', closedOn: '2025-05-16', path: ['Qualification', 'Needs analysis', 'Won'] }),
    l1: await deal({ title: 'l1', stage: 'Lost', status: 'lost', amountBase: '500.00', ownerId: bahar, createdAt: '2025-04-01T06:00:00Z', closedOn: '2025-04-05', lostReasonId: price, competitorId: rivalA, path: ['Qualification', 'Lost'] }),
    l2: await deal({ title: 'l2', stage: 'Lost', status: 'lost', amountBase: '700.00', ownerId: ali, createdAt: '2025-04-02T06:00:00Z', closedOn: '2025-06-01', lostReasonId: price, competitorId: rivalB, path: ['Qualification', 'Needs analysis', 'Proposal', 'Lost'] }),
    l3: await deal({ title: 'l3', stage: 'Lost', status: 'lost', amountBase: '800.00', ownerId: bahar, createdAt: '2025-04-03T06:00:00Z', closedOn: '2025-06-02', lostReasonId: timing, path: ['Qualification', 'Lost'] }),
    l4: await deal({ title: 'l4', stage: 'Lost', status: 'lost', amountBase: '10.00', ownerId: ali, createdAt: '2025-04-04T06:00:00Z', closedOn: '2025-06-03', path: ['Qualification', 'Lost'] }),
    o1: await deal({ title: 'o1', stage: 'Needs analysis', amountBase: '5000.00', ownerId: ali, createdAt: '2025-06-01T06:00:00Z', path: ['Qualification', 'Needs analysis'] }),
    o2: await deal({ title: 'o2', stage: 'Qualification', amountBase: '100.00', ownerId: bahar, createdAt: '2025-06-01T06:00:00Z', path: ['Qualification'] }),
    early: await deal({ title: 'early', stage: 'Lost', status: 'lost', amountBase: '99.00', ownerId: ali, createdAt: '2024-12-01T06:00:00Z', closedOn: '2025-01-01', lostReasonId: timing, path: ['Qualification', 'Lost'] }),
    deleted: await deal({ title: 'deleted', stage: 'Won', status: 'won', amountBase: '88888.00', ownerId: ali, createdAt: '2025-04-01T06:00:00Z', closedOn: '2025-04-02', deleted: true, path: ['Qualification', 'Won'] }),
  };
  const lead = (ownerId: string, createdAt: string, converted: boolean, deleted = false) =>
    sql(
      `insert into leads (workspace_id, first_name, status, owner_id, created_at, converted_at, deleted_at)
       values ($1, 'سرنخ', $2, $3, $4, case when $5 then $4::timestamptz + interval '3 days' end, case when $6 then now() end)`,
      [workspaceId, converted ? 'converted' : 'new', ownerId, createdAt, converted, deleted],
    );
  await lead(ali, '2025-04-10T08:00:00Z', true);
  await lead(ali, '2025-04-11T08:00:00Z', false);
  await lead(bahar, '2025-05-10T08:00:00Z', true);
  await lead(ali, '2025-03-01T08:00:00Z', true);
  await lead(ali, '2025-04-12T08:00:00Z', false, true);
  // Quotes out of draft count as issued; drafts do not. Orders count by creation.
  await sql(`insert into quotes (workspace_id, number, status, owner_id, issue_date, currency) values ($1, 1, 'sent', $2, '2025-05-01', 'IRR'), ($1, 2, 'draft', $2, '2025-05-02', 'IRR')`, [workspaceId, ali]);
  await sql(`insert into orders (workspace_id, number, owner_id, order_date, currency, created_at) values ($1, 1, $2, '2025-05-20', 'IRR', '2025-05-20T08:00:00Z')`, [workspaceId, bahar]);
  // Calls and meetings count when done, by owner, in the range: Ali 2 calls (one on w1) and 1 meeting;
  // Bahar 1 call (on o2) and 1 meeting. Planned, cancelled, deleted and earlier ones do not count.
  const activity = async (ownerId: string, type: string, status: string, occurredAt: string, dealId?: string, deleted = false) => {
    const [row] = await sql(
      `insert into activities (workspace_id, type, status, direction, occurred_at, owner_id, deleted_at)
       values ($1, $2, $3, 'outbound', $4, $5, case when $6 then now() end) returning id`,
      [workspaceId, type, status, occurredAt, ownerId, deleted],
    );
    if (dealId) await sql(`insert into activity_links (workspace_id, activity_id, entity_type, entity_id, occurred_at) values ($1, $2, 'deal', $3, $4)`, [workspaceId, row.id, dealId, occurredAt]);
  };
  await activity(ali, 'call', 'done', '2025-04-10T08:00:00Z', ids.w1);
  await activity(ali, 'call', 'done', '2025-04-12T08:00:00Z');
  await activity(ali, 'meeting', 'done', '2025-05-01T08:00:00Z');
  await activity(ali, 'call', 'planned', '2025-05-02T08:00:00Z', ids.w1);
  await activity(ali, 'meeting', 'cancelled', '2025-05-03T08:00:00Z');
  await activity(ali, 'call', 'done', '2025-05-04T08:00:00Z', ids.w1, true);
  await activity(ali, 'call', 'done', '2025-03-20T20:00:00Z');
  await activity(ali, 'note', 'done', '2025-05-05T08:00:00Z');
  await activity(bahar, 'call', 'done', '2025-06-01T08:00:00Z', ids.o2);
  await activity(bahar, 'meeting', 'done', '2025-06-02T08:00:00Z');

  const stranger = await admin('en');
  const theirs = await seedPipeline(sql, stranger.workspace.id, 'Theirs');
  await seedDeal(sql, stranger.workspace.id, { title: 'theirs', pipelineId: theirs.id, stageId: theirs.stages.Won!, status: 'won', amountBase: '123.00', closedOn: '2025-04-10', createdAt: '2025-04-01T06:00:00Z' });
  return { owner, workspaceId, ali, bahar, p, price, timing, rivalA, rivalB, ids, stranger, theirs };
}

let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await seedWorld();
});
afterAll(async () => {
  await server?.close();
});

const FY1404 = 'from=2025-03-21&to=2026-03-20';

describe('sales metrics', () => {
  it('computes conversion, win rate, deal size, cycle and velocity as checked by hand and by SQL', async () => {
    const res = await world.owner.client.get(`/api/v1/sales-metrics?${FY1404}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2025-03-21', to: '2026-03-20', currency: 'IRR', moneyDisplay: 'toman' });
    expect(res.body.leadConversion).toEqual({ created: 3, converted: 2, rate: 0.6667 });
    expect(res.body.winRate).toEqual({ won: 3, lost: 4, rate: 0.4286 });
    expect(res.body.averageDealSize).toBe('2000.00');
    // Cycles 10, 30 and 15 days: average 18.3, median 15.
    expect(res.body.salesCycleDays).toEqual({ average: 18.3, median: 15 });
    // 2 open deals × 3/7 × 2,000 ÷ 55/3 days = 36,000 / 385 = 93.5065 a day.
    expect(res.body.pipelineVelocity).toEqual({ openDeals: 2, perDay: '93.51' });

    const [hand] = await sql(
      `select count(*) filter (where status = 'won')::int as won, count(*) filter (where status = 'lost')::int as lost,
         round(avg(amount_base) filter (where status = 'won'), 2)::text as avg,
         round(avg(closed_on - (created_at at time zone 'Asia/Tehran')::date) filter (where status = 'won'), 1)::float8 as cycle
       from deals where workspace_id = $1 and deleted_at is null and status in ('won', 'lost') and closed_on between '2025-03-21' and '2026-03-20'`,
      [world.workspaceId],
    );
    expect(hand).toEqual({ won: res.body.winRate.won, lost: res.body.winRate.lost, avg: res.body.averageDealSize, cycle: res.body.salesCycleDays.average });
    const [leads] = await sql(
      `select count(*)::int as created, count(converted_at)::int as converted from leads
       where workspace_id = $1 and deleted_at is null and created_at >= '2025-03-21 00:00+03:30' and created_at < '2026-03-21 00:00+03:30'`,
      [world.workspaceId],
    );
    expect(leads).toEqual({ created: res.body.leadConversion.created, converted: res.body.leadConversion.converted });
  });

  it('builds the stage funnel from the furthest stage each deal reached, lost stages aside', async () => {
    const res = await world.owner.client.get(`/api/v1/sales-metrics?${FY1404}&pipelineId=${world.p.id}`);
    expect(res.status).toBe(200);
    expect(res.body.funnel).toHaveLength(1);
    expect(res.body.funnel[0]).toMatchObject({ pipelineId: world.p.id, name: 'فروش' });
    expect(res.body.funnel[0].stages.map((st: any) => [st.name, st.reached, st.conversionToNext])).toEqual([
      ['Qualification', 9, 0.5556],
      ['Needs analysis', 5, 0.8],
      ['Proposal', 4, 0.75],
      ['Won', 3, null],
    ]);
    // Hand-written: deals (created in range) with a history row at or past each position.
    const hand = await sql(
      `select st.name, (select count(distinct h.deal_id) from deal_stage_history h join pipeline_stages s2 on s2.id = h.stage_id
          join deals d on d.id = h.deal_id
          where h.workspace_id = $1 and s2.kind <> 'lost' and s2.position >= st.position and d.deleted_at is null
            and d.created_at >= '2025-03-21 00:00+03:30' and d.created_at < '2026-03-21 00:00+03:30')::int as reached
       from pipeline_stages st where st.pipeline_id = $2 and st.kind <> 'lost' order by st.position`,
      [world.workspaceId, world.p.id],
    );
    expect(hand.map((r: any) => r.reached)).toEqual(res.body.funnel[0].stages.map((st: any) => st.reached));
    const direct = await funnelQuery(server.peyvand.database.db, world.workspaceId, { from: '2025-03-21', to: '2026-03-20', pipelineId: world.p.id });
    expect(direct).toEqual(res.body.funnel);
  });

  it('reports per rep, activity, lost reasons and competitors', async () => {
    const res = await world.owner.client.get(`/api/v1/sales-metrics?${FY1404}`);
    const rep = (id: string) => res.body.reps.find((r: any) => r.owner?.id === id);
    expect(rep(world.ali)).toEqual({ owner: { id: world.ali, name: 'نرگس افشار' }, wonCount: 2, wonAmount: '4000.00', lostCount: 2, winRate: 0.5, averageCycleDays: 20 });
    expect(rep(world.bahar)).toEqual({ owner: { id: world.bahar, name: 'بهار' }, wonCount: 1, wonAmount: '2000.00', lostCount: 2, winRate: 0.3333, averageCycleDays: 15 });
    const act = (id: string) => res.body.activity.find((a: any) => a.user?.id === id);
    // Ali moved w1 three times, w2 once, l2 three times, l4 once, o1 once = 9; Bahar w3 2, l1 1, l3 1 = 4.
    expect(act(world.ali)).toEqual({ user: { id: world.ali, name: 'نرگس افشار' }, dealsCreated: 5, stageMoves: 9, dealsWon: 2, dealsLost: 2, quotesIssued: 1, ordersCreated: 0, calls: 2, meetings: 1 });
    expect(act(world.bahar)).toEqual({ user: { id: world.bahar, name: 'بهار' }, dealsCreated: 4, stageMoves: 4, dealsWon: 1, dealsLost: 2, quotesIssued: 0, ordersCreated: 1, calls: 1, meetings: 1 });
    const [held] = await sql(
      `select count(*) filter (where type = 'call')::int as calls, count(*) filter (where type = 'meeting')::int as meetings from activities
       where workspace_id = $1 and owner_id = $2 and status = 'done' and deleted_at is null
         and occurred_at >= '2025-03-21 00:00+03:30' and occurred_at < '2026-03-21 00:00+03:30'`,
      [world.workspaceId, world.ali],
    );
    expect(held).toEqual({ calls: act(world.ali).calls, meetings: act(world.ali).meetings });
    // In one pipeline only the calls and meetings on its deals count.
    const inPipeline = await world.owner.client.get(`/api/v1/sales-metrics?${FY1404}&pipelineId=${world.p.id}`);
    const piped = (id: string) => inPipeline.body.activity.find((a: any) => a.user?.id === id);
    expect([piped(world.ali).calls, piped(world.ali).meetings, piped(world.bahar).calls, piped(world.bahar).meetings]).toEqual([1, 0, 1, 0]);
    const [moves] = await sql(
      `select count(*)::int as n from deal_stage_history h join deals d on d.id = h.deal_id
       where h.workspace_id = $1 and h.moved_by = $2 and h.entered_at > d.created_at and d.deleted_at is null
         and h.entered_at >= '2025-03-21 00:00+03:30' and h.entered_at < '2026-03-21 00:00+03:30'`,
      [world.workspaceId, world.ali],
    );
    expect(moves.n).toBe(9);
    expect(res.body.lostReasons).toEqual([
      { reason: { id: world.price, labelFa: 'قیمت', labelEn: 'Price' }, count: 2, amount: '1200.00' },
      { reason: { id: world.timing, labelFa: 'زمان‌بندی', labelEn: 'Timing' }, count: 1, amount: '800.00' },
      { reason: null, count: 1, amount: '10.00' },
    ]);
    expect(res.body.competitors).toEqual([
      { competitor: { id: world.rivalB, name: 'رقیب ب' }, count: 1, amount: '700.00' },
      { competitor: { id: world.rivalA, name: 'رقیب الف' }, count: 1, amount: '500.00' },
    ]);
  });

  it('filters by owner and by range', async () => {
    const mine = await world.owner.client.get(`/api/v1/sales-metrics?${FY1404}&ownerId=${world.ali}`);
    expect(mine.status).toBe(200);
    expect(mine.body.winRate).toEqual({ won: 2, lost: 2, rate: 0.5 });
    expect(mine.body.leadConversion).toEqual({ created: 2, converted: 1, rate: 0.5 });
    expect(mine.body.averageDealSize).toBe('2000.00');
    expect(mine.body.pipelineVelocity.openDeals).toBe(1);
    expect(mine.body.reps.map((r: any) => r.owner.id)).toEqual([world.ali]);
    expect(mine.body.activity.map((a: any) => a.user.id)).toEqual([world.ali]);
    // April only: w1 won, l1 lost.
    const april = await world.owner.client.get('/api/v1/sales-metrics?from=2025-04-01&to=2025-04-30');
    expect(april.body.winRate).toEqual({ won: 1, lost: 1, rate: 0.5 });
    expect(april.body.averageDealSize).toBe('1000.00');
    expect(april.body.salesCycleDays).toEqual({ average: 10, median: 10 });
    // Nothing closed: no rates, no size, no velocity rather than a division by zero.
    const empty = await world.owner.client.get('/api/v1/sales-metrics?from=2024-01-01&to=2024-01-31');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ winRate: { won: 0, lost: 0, rate: null }, averageDealSize: null, salesCycleDays: { average: null, median: null }, pipelineVelocity: { perDay: null }, leadConversion: { rate: null } });
  });

  it('rejects bad input with 400s, other workspaces’ pipelines with 404, and needs a member', async () => {
    const reversed = await world.owner.client.get('/api/v1/sales-metrics?from=2025-05-01&to=2025-04-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0]).toMatchObject({ path: 'to', code: 'range_reversed', message: 'تاریخ پایان باید بعد از تاریخ شروع باشد.' });
    expect((await world.owner.client.get('/api/v1/sales-metrics?pipelineId=nope')).status).toBe(400);
    expect((await world.owner.client.get(`/api/v1/sales-metrics?pipelineId=${world.theirs.id}`)).status).toBe(404);
    expect((await new ApiClient(server.url).get('/api/v1/sales-metrics')).status).toBe(401);
  });

  it('keeps each workspace to its own deals and leads', async () => {
    const theirs = await world.stranger.client.get(`/api/v1/sales-metrics?${FY1404}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.winRate).toEqual({ won: 1, lost: 0, rate: 1 });
    expect(theirs.body.averageDealSize).toBe('123.00');
    expect(theirs.body.leadConversion.created).toBe(0);
    expect(theirs.body.lostReasons).toEqual([]);
    expect(theirs.body.funnel.find((f: any) => f.pipelineId === world.p.id)).toBeUndefined();
    const mine = await world.owner.client.get(`/api/v1/sales-metrics?${FY1404}`);
    expect(mine.body.winRate.won).toBe(3);
  });
});
