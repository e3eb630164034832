import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast as forecastQuery } from '#server/modules/sales-analytics/index.ts';
import { ApiClient, signUp } from '../support/api-client.ts';
import { seedDeal, seedOrganization, seedPipeline, seedTeam, seedTerritory, type SeededPipeline } from '../support/sales-seed.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);

/** A signed-up admin with a client in `locale`. */
async function admin(locale: 'fa' | 'en' = 'en') {
  const account = await signUp(server.url, { locale });
  const client = new ApiClient(server.url, { locale });
  client.cookies = account.client.cookies;
  return { ...account, client };
}

async function memberOf(workspaceId: string, role: string, name: string) {
  const account = await signUp(server.url, { locale: 'en', name });
  await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [workspaceId, account.user.id, role]);
  return account;
}

type World = Awaited<ReturnType<typeof seedWorld>>;

/*
 * Workspace W (Jalali, fiscal year from Farvardin, Tehran) with reps Ali (the admin) and Bahar:
 *   won  d1 1,000,000.50 closed 1403/12/30 (2025-03-20, the leap day)  Ali, North
 *   won  d3   300,000.00 closed 1403/12/01 (2025-02-19)                Ali
 *   won  d2 2,500,000.25 closed 1404/01/01 (2025-03-21)                Bahar
 *   won  deleted 777 in Esfand, and d14 (other pipeline) 444 on 2025-03-10
 *   lost d4   700,000.00 closed 2025-03-05 (not forecast)
 *   open d7 1,000,000.00 Proposal 50 %, commit, 2027-04-10 (1406/01/21) Ali
 *   open d8   333,333.33 Negotiation 75 % overridden to 90 %, best case, 2027-04-15 Bahar, North
 *   open d9   123,456.78 Qualification 10 %, pipeline, 2027-05-01 (1406/02/11) Ali
 *   open d10 999 omitted, 2027-04-20
 *   open d11 40,000 commit, expected 2025-01-01 (overdue) Bahar
 *   open d12 55,000 no expected date, no owner
 * Teams: Tehran (Ali, Bahar), Key accounts (Bahar). Another workspace has a big Esfand win.
 */
async function seedWorld() {
  const owner = await admin('fa');
  const workspaceId: string = owner.workspace.id;
  const ali: string = owner.user.id;
  const bahar = (await memberOf(workspaceId, 'member', 'بهار')).user.id as string;
  const p = await seedPipeline(sql, workspaceId, 'فروش', [
    { name: 'Qualification', position: 1, probability: 10, kind: 'open' },
    { name: 'Proposal', position: 2, probability: 50, kind: 'open' },
    { name: 'Negotiation', position: 3, probability: 75, kind: 'open' },
    { name: 'Won', position: 4, probability: 100, kind: 'won' },
    { name: 'Lost', position: 5, probability: 0, kind: 'lost' },
  ]);
  const other = await seedPipeline(sql, workspaceId, 'تمدید', undefined, 11);
  const north = await seedTerritory(sql, workspaceId, 'شمال');
  const tehran = await seedTeam(sql, workspaceId, 'تیم تهران', [ali, bahar]);
  const keyAccounts = await seedTeam(sql, workspaceId, 'مشتریان کلیدی', [bahar]);
  const org = await seedOrganization(sql, workspaceId, 'شرکت پیوند');
  const won = (title: string, amountBase: string, closedOn: string, extra: Partial<Parameters<typeof seedDeal>[2]> = {}) =>
    seedDeal(sql, workspaceId, { title, pipelineId: p.id, stageId: p.stages.Won!, status: 'won', amountBase, closedOn, ownerId: ali, ...extra });
  const open = (title: string, stage: string, amountBase: string, extra: Partial<Parameters<typeof seedDeal>[2]> = {}) =>
    seedDeal(sql, workspaceId, { title, pipelineId: p.id, stageId: p.stages[stage]!, amountBase, ownerId: ali, ...extra });
  const ids = {
    d1: await won('قرارداد روز کبیسه', '1000000.50', '2025-03-20', { territoryId: north, organizationId: org }),
    d3: await won('قرارداد اول اسفند', '300000.00', '2025-02-19'),
    d2: await won('قرارداد نوروز', '2500000.25', '2025-03-21', { ownerId: bahar }),
    deleted: await won('حذف‌شده', '777.00', '2025-03-01', { deleted: true }),
    d14: await seedDeal(sql, workspaceId, { title: 'تمدید اسفند', pipelineId: other.id, stageId: other.stages.Won!, status: 'won', amountBase: '444.00', closedOn: '2025-03-10', ownerId: ali }),
    d4: await seedDeal(sql, workspaceId, { title: 'باخته', pipelineId: p.id, stageId: p.stages.Lost!, status: 'lost', amountBase: '700000.00', closedOn: '2025-03-05', ownerId: ali }),
    d7: await open('پیشنهاد فروردین', 'Proposal', '1000000.00', { forecastCategory: 'commit', expectedCloseDate: '2027-04-10' }),
    d8: await open('مذاکره فروردین', 'Negotiation', '333333.33', { ownerId: bahar, territoryId: north, probability: 90, forecastCategory: 'best_case', expectedCloseDate: '2027-04-15' }),
    d9: await open('ارزیابی اردیبهشت', 'Qualification', '123456.78', { expectedCloseDate: '2027-05-01' }),
    d10: await open('کنارگذاشته', 'Proposal', '999.00', { forecastCategory: 'omitted', expectedCloseDate: '2027-04-20' }),
    d11: await open('عقب‌افتاده', 'Proposal', '40000.00', { ownerId: bahar, forecastCategory: 'commit', expectedCloseDate: '2025-01-01' }),
    d12: await open('بی‌تاریخ', 'Qualification', '55000.00', { ownerId: null }),
  };
  const stranger = await admin('en');
  const strangerPipeline = await seedPipeline(sql, stranger.workspace.id, 'Theirs');
  await seedDeal(sql, stranger.workspace.id, { title: 'Not yours', pipelineId: strangerPipeline.id, stageId: strangerPipeline.stages.Won!, status: 'won', amountBase: '9999999.00', closedOn: '2025-03-01' });
  return { owner, workspaceId, ali, bahar, p, other, north, tehran, keyAccounts, ids, stranger, strangerPipeline };
}

let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await seedWorld();
});
afterAll(async () => {
  await server?.close();
});

/** Hand-written: Σ amount_base of won deals of pipeline P closed in [start, end). */
async function wonSum(start: string, end: string, pipelineId?: string) {
  const [row] = await sql(
    `select coalesce(sum(amount_base), 0)::numeric(24,2)::text as s, count(*)::int as n from deals
     where workspace_id = $1 and deleted_at is null and status = 'won' and closed_on >= $2 and closed_on < $3 and ($4::uuid is null or pipeline_id = $4)`,
    [world.workspaceId, start, end, pipelineId ?? null],
  );
  return row as { s: string; n: number };
}

const cell = (body: any, bucket: string, group: string | null = null) => body.cells.find((c: any) => c.bucket === bucket && c.group === group);
const totalOf = (body: any, bucket: string) => body.totals.find((t: any) => t.bucket === bucket);

describe('forecast: periods of the workspace calendar', () => {
  it('buckets won deals into Jalali months, the leap day 1403/12/30 in Esfand, with fa labels', async () => {
    const { client } = world.owner;
    const res = await client.get(`/api/v1/forecast?period=month&from=2025-02-19&to=2025-04-21&pipelineId=${world.p.id}`);
    expect(res.status).toBe(200);
    expect(res.body.buckets.map((b: any) => b.key)).toEqual(['overdue', '1403-12', '1404-01', '1404-02', 'undated']);
    expect(res.body.buckets[1]).toMatchObject({ kind: 'period', start: '2025-02-19', end: '2025-03-21', label: 'اسفند ۱۴۰۳', labelEn: 'Esfand 1403' });
    expect(res.body.buckets[2].label).toBe('فروردین ۱۴۰۴');
    const esfand = await wonSum('2025-02-19', '2025-03-21', world.p.id);
    expect(esfand).toEqual({ s: '1300000.50', n: 2 });
    expect(cell(res.body, '1403-12')).toMatchObject({ closedWon: esfand.s, counts: { closedWon: 2, commit: 0, pipeline: 0 } });
    expect(cell(res.body, '1404-01')).toMatchObject({ closedWon: '2500000.25', counts: { closedWon: 1 } });
    expect(cell(res.body, '1404-02')).toBeUndefined();
    // Open deals whose expected day has passed are overdue; those without one are undated.
    expect(cell(res.body, 'overdue')).toMatchObject({ closedWon: '0.00', commit: '40000.00', bestCase: '40000.00', pipeline: '40000.00', weighted: '20000.00', counts: { commit: 1 } });
    expect(cell(res.body, 'undated')).toMatchObject({ pipeline: '55000.00', weighted: '5500.00', counts: { pipeline: 1 } });
    expect(res.body.total).toMatchObject({ closedWon: '3800000.75', counts: { closedWon: 3 } });
    expect(res.body).toMatchObject({ calendar: 'jalali', currency: 'IRR', moneyDisplay: 'toman', from: '2025-02-19', to: '2025-04-21' });
  });

  it('puts 1403/12/30 in Q4 and fiscal year 1403, and every pipeline when none is chosen', async () => {
    const { client } = world.owner;
    const quarters = await client.get('/api/v1/forecast?period=quarter&from=2024-12-21&to=2025-06-22');
    expect(quarters.status).toBe(200);
    expect(quarters.body.buckets.filter((b: any) => b.kind === 'period').map((b: any) => [b.key, b.label])).toEqual([
      ['FY1403-Q4', 'سه‌ماههٔ چهارم ۱۴۰۳'],
      ['FY1404-Q1', 'سه‌ماههٔ اول ۱۴۰۴'],
      ['FY1404-Q2', 'سه‌ماههٔ دوم ۱۴۰۴'],
    ]);
    const q4 = await wonSum('2024-12-21', '2025-03-21');
    expect(q4).toEqual({ s: '1300444.50', n: 3 });
    expect(cell(quarters.body, 'FY1403-Q4')).toMatchObject({ closedWon: q4.s, counts: { closedWon: 3 } });
    const years = await client.get('/api/v1/forecast?period=year&from=2024-03-20&to=2028-03-19');
    expect(years.body.buckets.filter((b: any) => b.kind === 'period').map((b: any) => b.label)).toEqual(['سال مالی ۱۴۰۳', 'سال مالی ۱۴۰۴', 'سال مالی ۱۴۰۵', 'سال مالی ۱۴۰۶']);
    expect(cell(years.body, 'FY1403').closedWon).toBe((await wonSum('2024-03-20', '2025-03-21')).s);
    expect(cell(years.body, 'FY1406')).toMatchObject({ commit: '1000000.00', bestCase: '1333333.33', pipeline: '1456790.11' });
  });

  it('sums commit, best case, pipeline and weighted (deal probability over the stage’s) of open deals', async () => {
    const { client } = world.owner;
    const res = await client.get(`/api/v1/forecast?period=month&from=2027-03-21&to=2027-05-21&pipelineId=${world.p.id}`);
    expect(res.status).toBe(200);
    // 1,000,000 × 50 % + 333,333.33 × 90 % = 799,999.997 → 800,000.00; the omitted deal is out.
    expect(cell(res.body, '1406-01')).toEqual({
      bucket: '1406-01',
      group: null,
      closedWon: '0.00',
      commit: '1000000.00',
      bestCase: '1333333.33',
      pipeline: '1333333.33',
      weighted: '800000.00',
      counts: { closedWon: 0, commit: 1, bestCase: 2, pipeline: 2 },
    });
    const [hand] = await sql(
      `select round(sum(d.amount_base * coalesce(d.probability, s.probability)) / 100, 2)::text as w
       from deals d join pipeline_stages s on s.id = d.stage_id
       where d.workspace_id = $1 and d.status = 'open' and d.forecast_category <> 'omitted' and d.deleted_at is null
         and d.expected_close_date >= '2027-04-21' and d.expected_close_date < '2027-05-22'`,
      [world.workspaceId],
    );
    expect(cell(res.body, '1406-02')).toMatchObject({ pipeline: '123456.78', weighted: hand.w });
    expect(hand.w).toBe('12345.68');
  });

  it('groups by owner, territory and team with names, and team totals count a deal once', async () => {
    const { client } = world.owner;
    const base = `/api/v1/forecast?period=month&from=2027-03-21&to=2027-05-21&pipelineId=${world.p.id}`;
    const byOwner = await client.get(`${base}&groupBy=owner`);
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.groups).toEqual(
      expect.arrayContaining([
        { key: world.ali, name: 'نرگس افشار' },
        { key: world.bahar, name: 'بهار' },
        { key: null, name: null },
      ]),
    );
    expect(cell(byOwner.body, '1406-01', world.ali)).toMatchObject({ commit: '1000000.00', weighted: '500000.00' });
    expect(cell(byOwner.body, '1406-01', world.bahar)).toMatchObject({ bestCase: '333333.33', weighted: '300000.00' });
    expect(cell(byOwner.body, 'undated', null)).toMatchObject({ pipeline: '55000.00' });
    expect(totalOf(byOwner.body, '1406-01')).toMatchObject({ pipeline: '1333333.33', weighted: '800000.00' });

    const byTerritory = await client.get(`${base}&groupBy=territory`);
    expect(byTerritory.body.groups).toContainEqual({ key: world.north, name: 'شمال' });
    expect(cell(byTerritory.body, '1406-01', world.north)).toMatchObject({ pipeline: '333333.33' });
    expect(cell(byTerritory.body, '1406-01', null)).toMatchObject({ pipeline: '1000000.00' });

    const byTeam = await client.get(`${base}&groupBy=team`);
    expect(byTeam.status).toBe(200);
    expect(byTeam.body.groups).toEqual(
      expect.arrayContaining([
        { key: world.tehran, name: 'تیم تهران' },
        { key: world.keyAccounts, name: 'مشتریان کلیدی' },
      ]),
    );
    expect(cell(byTeam.body, '1406-01', world.tehran)).toMatchObject({ pipeline: '1333333.33', counts: { pipeline: 2 } });
    expect(cell(byTeam.body, '1406-01', world.keyAccounts)).toMatchObject({ pipeline: '333333.33', counts: { pipeline: 1 } });
    expect(totalOf(byTeam.body, '1406-01')).toMatchObject({ pipeline: '1333333.33', counts: { pipeline: 2 } });
  });

  it('follows a Gregorian workspace calendar and fiscal start month', async () => {
    const { client, workspace } = await admin('en');
    const p = await seedPipeline(sql, workspace.id, 'Sales');
    await seedDeal(sql, workspace.id, { title: 'March', pipelineId: p.id, stageId: p.stages.Won!, status: 'won', amountBase: '10.00', closedOn: '2025-03-31' });
    await seedDeal(sql, workspace.id, { title: 'April', pipelineId: p.id, stageId: p.stages.Won!, status: 'won', amountBase: '5.00', closedOn: '2025-04-01' });
    await sql(`update workspaces set calendar = 'gregorian', fiscal_year_start_month = 4 where id = $1`, [workspace.id]);
    const months = await client.get('/api/v1/forecast?period=month&from=2025-03-01&to=2025-04-30');
    expect(months.body.buckets.filter((b: any) => b.kind === 'period').map((b: any) => b.label)).toEqual(['March 2025', 'April 2025']);
    expect(cell(months.body, '2025-03').closedWon).toBe('10.00');
    const years = await client.get('/api/v1/forecast?period=year&from=2024-04-01&to=2025-04-01');
    expect(years.body.buckets.filter((b: any) => b.kind === 'period').map((b: any) => [b.key, b.start, b.label])).toEqual([
      ['FY2024', '2024-04-01', 'FY 2024'],
      ['FY2025', '2025-04-01', 'FY 2025'],
    ]);
    expect(cell(years.body, 'FY2024').closedWon).toBe('10.00');
    expect(cell(years.body, 'FY2025').closedWon).toBe('5.00');
  });

  it('is callable directly with (db, workspaceId, params), as the benchmarks do', async () => {
    const result = await forecastQuery(server.peyvand.database.db, world.workspaceId, { period: 'month', from: '2025-02-19', to: '2025-03-20', pipelineId: world.p.id, today: '2025-03-10', locale: 'en' });
    expect(result.buckets.map((b) => b.label)).toEqual(['Overdue', 'Esfand 1403', 'No close date']);
    expect(result.cells.find((c) => c.bucket === '1403-12')?.closedWon).toBe('1300000.50');
    // On 2025-03-10 the deal expected on 2025-01-01 is overdue still; the 2027 ones are out of range.
    expect(result.cells.find((c) => c.bucket === 'overdue')?.commit).toBe('40000.00');
  });
});

describe('forecast drill-down', () => {
  it('lists the deals behind a cell, largest first, one keyset page at a time', async () => {
    const { client } = world.owner;
    const base = `/api/v1/forecast/deals?period=month&from=2025-02-19&to=2025-04-20&pipelineId=${world.p.id}&bucket=1403-12&category=closedWon`;
    const first = await client.get(`${base}&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({
      id: world.ids.d1,
      title: 'قرارداد روز کبیسه',
      status: 'won',
      amountBase: '1000000.50',
      organization: { name: 'شرکت پیوند' },
      owner: { id: world.ali, name: 'نرگس افشار' },
      stage: { name: 'Won', kind: 'won', probability: 100 },
      closedOn: '2025-03-20',
    });
    const second = await client.get(`${base}&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((d: any) => d.title)).toEqual(['قرارداد اول اسفند']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('drills into overdue, undated, a group and a category', async () => {
    const { client } = world.owner;
    const base = `/api/v1/forecast/deals?period=month&from=2027-03-21&to=2027-05-21&pipelineId=${world.p.id}`;
    const overdue = await client.get(`${base}&bucket=overdue&category=commit`);
    expect(overdue.body.items.map((d: any) => d.id)).toEqual([world.ids.d11]);
    const undated = await client.get(`${base}&bucket=undated&category=pipeline&groupBy=owner&group=unassigned`);
    expect(undated.body.items.map((d: any) => d.id)).toEqual([world.ids.d12]);
    const bestCase = await client.get(`${base}&bucket=1406-01&category=bestCase`);
    expect(bestCase.body.items.map((d: any) => d.id)).toEqual([world.ids.d7, world.ids.d8]);
    expect(bestCase.body.items[1]).toMatchObject({ probability: 90, forecastCategory: 'best_case', expectedCloseDate: '2027-04-15', stage: { probability: 75 } });
    const keyAccounts = await client.get(`${base}&bucket=1406-01&category=pipeline&groupBy=team&group=${world.keyAccounts}`);
    expect(keyAccounts.body.items.map((d: any) => d.id)).toEqual([world.ids.d8]);
  });
});

describe('forecast: bad input, permissions and isolation', () => {
  it('answers bad parameters with 400 problems naming the field, in the caller’s language', async () => {
    const { client } = world.owner;
    const week = await client.get('/api/v1/forecast?period=week');
    expect(week.status).toBe(400);
    expect(week.body.code).toBe('validation_failed');
    const reversed = await client.get('/api/v1/forecast?from=2025-05-01&to=2025-04-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([{ path: 'to', code: 'range_reversed', message: 'تاریخ پایان باید بعد از تاریخ شروع باشد.' }]);
    const tooLong = await client.get('/api/v1/forecast?period=month&from=2000-01-01&to=2025-01-01');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0]).toMatchObject({ path: 'to', code: 'range_too_long' });
    const badDate = await client.get('/api/v1/forecast?from=2025-02-30');
    expect(badDate.status).toBe(400);
    const persianDigits = await client.get(`/api/v1/forecast?from=${encodeURIComponent('۲۰۲۵-۰۲-۱۹')}&to=2025-03-20&pipelineId=${world.p.id}`);
    expect(persianDigits.status).toBe(200);
    expect(cell(persianDigits.body, '1403-12').closedWon).toBe('1300000.50');
    const bucket = await client.get('/api/v1/forecast/deals?from=2025-02-19&to=2025-03-20&bucket=1399-01');
    expect(bucket.status).toBe(400);
    expect(bucket.body.errors[0]).toMatchObject({ path: 'bucket', code: 'unknown_bucket' });
    const cursor = await client.get('/api/v1/forecast/deals?from=2025-02-19&to=2025-03-20&bucket=1403-12&cursor=nonsense');
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0]).toMatchObject({ path: 'cursor' });
  });

  it('needs a signed-in member with records.read', async () => {
    expect((await new ApiClient(server.url).get('/api/v1/forecast')).status).toBe(401);
    const account = await signUp(server.url, { locale: 'en' });
    await sql(`insert into roles (workspace_id, key, name_fa, name_en, permissions) values ($1, 'blind', 'blind', 'blind', '{}')`, [world.workspaceId]);
    await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [world.workspaceId, account.user.id, 'blind']);
    expect((await account.client.post('/api/v1/me/active-workspace', { workspaceId: world.workspaceId })).status).toBe(204);
    const res = await account.client.get('/api/v1/forecast');
    expect(res.status).toBe(403);
  });

  it('never shows another workspace’s deals, nor takes its pipeline', async () => {
    const mine = await world.owner.client.get('/api/v1/forecast?period=month&from=2025-02-19&to=2025-03-20');
    expect(cell(mine.body, '1403-12').closedWon).toBe((await wonSum('2025-02-19', '2025-03-21')).s);
    expect(cell(mine.body, '1403-12').closedWon).toBe('1300444.50');
    const theirs = await world.stranger.client.get('/api/v1/forecast?period=month&from=2025-02-19&to=2025-03-20');
    expect(theirs.status).toBe(200);
    // An English sign-up gets a Gregorian workspace.
    expect(theirs.body.buckets[1].label).toBe('February 2025');
    expect(theirs.body.cells.map((c: any) => c.closedWon)).toEqual(['9999999.00']);
    const foreignPipeline = await world.stranger.client.get(`/api/v1/forecast?pipelineId=${world.p.id}`);
    expect(foreignPipeline.status).toBe(404);
    expect(foreignPipeline.body.code).toBe('pipeline_not_found');
    const drill = await world.stranger.client.get('/api/v1/forecast/deals?from=2025-02-19&to=2025-03-20&bucket=2025-03&category=closedWon');
    expect(drill.body.items.map((d: any) => d.title)).toEqual(['Not yours']);
  });
});
