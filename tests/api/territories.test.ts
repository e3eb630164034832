import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const { sql, admin, memberOf, auditOf } = testAccounts(() => server);

/** The same session speaking Persian. */
const inPersian = (client: ApiClient) => {
  const fa = new ApiClient(server.url, { locale: 'fa' });
  fa.cookies = client.cookies;
  return fa;
};

const pathsOf = (body: { errors?: Array<{ path: string }> }) => (body.errors ?? []).map((e) => e.path).sort();

describe('territories: create, read, update, archive', () => {
  it('creates a territory with provinces, free regions and members; reads, lists and audits it', async () => {
    const { client, workspace, user } = await admin();
    const rep = await memberOf(workspace.id, 'member');
    const created = await client.post('/api/v1/territories', {
      name: ' تهران و البرز ',
      description: 'مشتریان پایتخت',
      regions: ['ir-23', 'IR-30', 'کرج', 'IR-23'],
      members: [
        { userId: rep.user.id, role: 'rep' },
        { userId: user.id, role: 'manager' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'تهران و البرز', description: 'مشتریان پایتخت', parentId: null, regions: ['IR-23', 'IR-30', 'کرج'], version: 1, archivedAt: null });
    expect(created.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort()).toEqual(
      [
        [rep.user.id, 'rep'],
        [user.id, 'manager'],
      ].sort(),
    );
    const [row] = await sql('select name, regions, workspace_id from territories where id = $1', [created.body.id]);
    expect(row).toMatchObject({ name: 'تهران و البرز', regions: ['IR-23', 'IR-30', 'کرج'], workspace_id: workspace.id });
    expect((await sql('select count(*)::int as n from territory_members where territory_id = $1 and workspace_id = $2', [created.body.id, workspace.id]))[0].n).toBe(2);

    const got = await client.get(`/api/v1/territories/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.members).toHaveLength(2);
    const child = await client.post('/api/v1/territories', { name: 'غرب تهران', parentId: created.body.id, regions: ['IR-23'] });
    expect(child.status).toBe(201);
    const list = await client.get('/api/v1/territories');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['تهران و البرز', 'غرب تهران']);
    expect(list.body.nextCursor).toBeNull();
    const firstPage = await client.get('/api/v1/territories?limit=1');
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await client.get(`/api/v1/territories?limit=1&cursor=${firstPage.body.nextCursor}`);
    expect(secondPage.body.items.map((t: { id: string }) => t.id)).toEqual([child.body.id]);
    expect((await client.get('/api/v1/territories?cursor=garbage')).status).toBe(400);
    expect((await auditOf(workspace.id, created.body.id)).map((a: { action: string }) => a.action)).toEqual(['territory.created']);
  });

  it('updates with the current version, refuses a stale one, archives and restores', async () => {
    const { client, workspace } = await admin();
    const territory = (await client.post('/api/v1/territories', { name: 'شمال' })).body;
    const updated = await client.patch(`/api/v1/territories/${territory.id}`, { version: 1, name: 'شمال کشور', regions: ['IR-01', 'IR-02', 'IR-27'], description: '' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, name: 'شمال کشور', regions: ['IR-01', 'IR-02', 'IR-27'], description: null });
    const stale = await client.patch(`/api/v1/territories/${territory.id}`, { version: 1, name: 'overwrite' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await sql('select name from territories where id = $1', [territory.id]))[0].name).toBe('شمال کشور');

    expect((await client.delete(`/api/v1/territories/${territory.id}`)).status).toBe(204);
    expect((await sql('select archived_at from territories where id = $1', [territory.id]))[0].archived_at).not.toBeNull();
    expect((await client.get('/api/v1/territories')).body.items).toHaveLength(0);
    expect((await client.get('/api/v1/territories?archived=true')).body.items.map((t: { id: string }) => t.id)).toEqual([territory.id]);
    const editArchived = await client.patch(`/api/v1/territories/${territory.id}`, { version: 3, name: 'x' });
    expect(editArchived.status).toBe(409);
    expect(editArchived.body.code).toBe('territory_archived');
    const restored = await client.post(`/api/v1/territories/${territory.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    expect((await auditOf(workspace.id, territory.id)).map((a: { action: string }) => a.action).sort()).toEqual(
      ['territory.archived', 'territory.created', 'territory.restored', 'territory.updated'].sort(),
    );
  });

  it('reports bad input per field in the caller language, with nothing written', async () => {
    const { client, workspace } = await admin('en');
    const missing = await client.post('/api/v1/territories', { regions: ['IR-99', 'IR-23'], members: [{ userId: 'nobody', role: 'boss' }] });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('validation_failed');
    expect(pathsOf(missing.body)).toEqual(['members.0.role', 'name']);
    const province = await client.post('/api/v1/territories', { name: 'X', regions: ['IR-23', 'ir-99'] });
    expect(province.status).toBe(400);
    expect(province.body.errors).toEqual([{ path: 'regions.1', code: 'unknown_province', message: 'There is no province with code "IR-99".' }]);
    const fa = await inPersian(client).post('/api/v1/territories', { name: 'X', regions: ['IR-99'] });
    expect(fa.body.detail).toBe('برخی از مقادیر واردشده معتبر نیستند.');
    expect(fa.body.errors[0].message).toBe('استانی با کد «IR-99» نیست.');
    const unknownField = await client.post('/api/v1/territories', { name: 'X', color: 'red' });
    expect(unknownField.body.errors[0].message).toBe('Unknown fields: color');
    const tooLong = await inPersian(client).post('/api/v1/territories', { name: 'ن'.repeat(121) });
    expect(tooLong.body.errors[0]).toMatchObject({ path: 'name', message: 'حداکثر ۱۲۰ نویسه مجاز است.' });
    expect((await sql('select count(*)::int as n from territories where workspace_id = $1', [workspace.id]))[0].n).toBe(0);
  });

  it('keeps the tree a tree: no parent from elsewhere, no cycles', async () => {
    const { client } = await admin('en');
    const other = await admin('en');
    const foreign = (await other.client.post('/api/v1/territories', { name: 'Foreign' })).body;
    const badParent = await client.post('/api/v1/territories', { name: 'A', parentId: foreign.id });
    expect(badParent.status).toBe(400);
    expect(badParent.body.errors).toEqual([{ path: 'parentId', code: 'parent_not_found', message: 'No such parent territory in this workspace.' }]);
    const a = (await client.post('/api/v1/territories', { name: 'A' })).body;
    const b = (await client.post('/api/v1/territories', { name: 'B', parentId: a.id })).body;
    const c = (await client.post('/api/v1/territories', { name: 'C', parentId: b.id })).body;
    const cycle = await client.patch(`/api/v1/territories/${a.id}`, { version: 1, parentId: c.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].code).toBe('parent_cycle');
    const self = await inPersian(client).patch(`/api/v1/territories/${a.id}`, { version: 1, parentId: a.id });
    expect(self.body.errors[0].message).toBe('قلمرو نمی‌تواند زیرمجموعهٔ خودش یا یکی از زیرمجموعه‌هایش باشد.');
    expect((await sql('select parent_id from territories where id = $1', [a.id]))[0].parent_id).toBeNull();
  });

  it('takes only members of the workspace as reps and managers', async () => {
    const { client, workspace, user } = await admin('en');
    const outsider = await admin('en');
    const rep = await memberOf(workspace.id, 'member');
    const territory = (await client.post('/api/v1/territories', { name: 'Isfahan', regions: ['IR-10'] })).body;
    const refused = await client.request('PUT', `/api/v1/territories/${territory.id}/members`, [
      { userId: rep.user.id, role: 'rep' },
      { userId: outsider.user.id, role: 'rep' },
      { userId: rep.user.id, role: 'manager' },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'members.1.userId', code: 'member_not_in_workspace', message: 'This user is not a member of this workspace.' },
      { path: 'members.2.userId', code: 'duplicate_member', message: 'This user is listed more than once.' },
    ]);
    expect((await sql('select count(*)::int as n from territory_members where territory_id = $1', [territory.id]))[0].n).toBe(0);
    const set = await client.request('PUT', `/api/v1/territories/${territory.id}/members`, [
      { userId: rep.user.id, role: 'rep' },
      { userId: user.id, role: 'manager' },
    ]);
    expect(set.status).toBe(200);
    expect(set.body.members).toHaveLength(2);
    const replaced = await client.request('PUT', `/api/v1/territories/${territory.id}/members`, [{ userId: rep.user.id }]);
    expect(replaced.body.members).toEqual([{ userId: rep.user.id, name: rep.input.name, email: rep.input.email, role: 'rep' }]);
    expect(await sql('select user_id, role from territory_members where territory_id = $1', [territory.id])).toEqual([{ user_id: rep.user.id, role: 'rep' }]);
    expect((await auditOf(workspace.id, territory.id)).filter((a: { action: string }) => a.action === 'territory.members_changed')).toHaveLength(2);
  });

  it('replaces members safely when two replacements arrive at once', async () => {
    const { client, workspace, user } = await admin('en');
    const rep = await memberOf(workspace.id, 'member');
    const territory = (await client.post('/api/v1/territories', { name: 'Busy' })).body;
    const sets = [
      [{ userId: rep.user.id }, { userId: user.id, role: 'manager' }],
      [{ userId: user.id, role: 'manager' }, { userId: rep.user.id }],
      [{ userId: rep.user.id }],
    ];
    const answers = await Promise.all(sets.map((members) => client.request('PUT', `/api/v1/territories/${territory.id}/members`, members)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const stored = await sql('select user_id from territory_members where territory_id = $1 order by user_id', [territory.id]);
    expect([1, 2]).toContain(stored.length);
  });

  it('lets every member read territories but only sales.configure change them', async () => {
    const { client, workspace } = await admin('en');
    const territory = (await client.post('/api/v1/territories', { name: 'Fars', regions: ['IR-07'] })).body;
    const member = await memberOf(workspace.id, 'member');
    expect((await member.client.get('/api/v1/territories')).body.items).toHaveLength(1);
    expect((await member.client.get('/api/v1/territories/coverage')).status).toBe(200);
    const create = await member.client.post('/api/v1/territories', { name: 'Mine' });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('forbidden');
    expect((await member.client.patch(`/api/v1/territories/${territory.id}`, { version: 1, name: 'x' })).status).toBe(403);
    expect((await member.client.delete(`/api/v1/territories/${territory.id}`)).status).toBe(403);
    const manager = await memberOf(workspace.id, 'manager');
    expect((await manager.client.patch(`/api/v1/territories/${territory.id}`, { version: 1, name: 'Fars province' })).status).toBe(200);
  });
});

describe('territories: workspace isolation', () => {
  it('another workspace can neither read nor change a territory, nor see it in lists or coverage', async () => {
    const owner = await admin('en');
    const stranger = await admin('en');
    const territory = (await owner.client.post('/api/v1/territories', { name: 'Secret', regions: ['IR-21'] })).body;
    expect((await stranger.client.get(`/api/v1/territories/${territory.id}`)).status).toBe(404);
    const patch = await stranger.client.patch(`/api/v1/territories/${territory.id}`, { version: 1, name: 'Stolen' });
    expect(patch.status).toBe(404);
    expect(patch.body.code).toBe('territory_not_found');
    expect((await stranger.client.delete(`/api/v1/territories/${territory.id}`)).status).toBe(404);
    expect((await stranger.client.request('PUT', `/api/v1/territories/${territory.id}/members`, [{ userId: stranger.user.id }])).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/territories/${territory.id}/restore`)).status).toBe(404);
    expect((await stranger.client.get('/api/v1/territories?archived=true')).body.items).toEqual([]);
    expect((await stranger.client.get('/api/v1/territories/coverage')).body.items).toEqual([]);
    const org = await stranger.client.post('/api/v1/organizations', { name: 'Stranger Co', territoryId: territory.id });
    expect(org.status).toBe(400);
    expect(org.body.errors).toEqual([{ path: 'territoryId', code: 'territory_not_found', message: 'No such sales territory in this workspace.' }]);
    const [row] = await sql('select name, version, archived_at from territories where id = $1', [territory.id]);
    expect(row).toEqual({ name: 'Secret', version: 1, archived_at: null });
    expect((await sql('select count(*)::int as n from territory_members where territory_id = $1', [territory.id]))[0].n).toBe(0);
  });
});

describe('organisations in territories', () => {
  it('sets, changes and clears the territory; lists and filters organisations by it', async () => {
    const { client, workspace } = await admin('en');
    const tehran = (await client.post('/api/v1/territories', { name: 'Tehran', regions: ['IR-23'] })).body;
    const south = (await client.post('/api/v1/territories', { name: 'South', regions: ['IR-18', 'IR-22'] })).body;
    const alpha = await client.post('/api/v1/organizations', { name: 'Alpha', territoryId: tehran.id });
    expect(alpha.status).toBe(201);
    expect(alpha.body.territoryId).toBe(tehran.id);
    const beta = (await client.post('/api/v1/organizations', { name: 'Beta', territoryId: south.id })).body;
    const gamma = (await client.post('/api/v1/organizations', { name: 'Gamma' })).body;
    expect(gamma.territoryId).toBeNull();
    expect((await sql('select territory_id from organizations where id = $1', [alpha.body.id]))[0].territory_id).toBe(tehran.id);

    const byParam = await client.get(`/api/v1/organizations?territoryId=${tehran.id}`);
    expect(byParam.status).toBe(200);
    expect(byParam.body.items.map((o: { name: string }) => o.name)).toEqual(['Alpha']);
    const filter = encodeURIComponent(JSON.stringify({ op: 'and', conditions: [{ field: 'territoryId', op: 'in', value: [tehran.id, south.id] }] }));
    expect((await client.get(`/api/v1/organizations?filter=${filter}&sort=name:asc`)).body.items.map((o: { name: string }) => o.name)).toEqual(['Alpha', 'Beta']);
    const none = encodeURIComponent(JSON.stringify({ op: 'and', conditions: [{ field: 'territoryId', op: 'is_empty' }] }));
    expect((await client.get(`/api/v1/organizations?filter=${none}`)).body.items.map((o: { name: string }) => o.name)).toEqual(['Gamma']);
    const both = encodeURIComponent(JSON.stringify({ op: 'and', conditions: [{ field: 'name', op: 'contains', value: 'Bet' }] }));
    expect((await client.get(`/api/v1/organizations?territoryId=${tehran.id}&filter=${both}`)).body.items).toEqual([]);

    const fields = await client.get('/api/v1/fields/organization');
    const territoryField = fields.body.items?.find?.((f: { key: string }) => f.key === 'territoryId') ?? fields.body.find?.((f: { key: string }) => f.key === 'territoryId');
    expect(territoryField).toMatchObject({ type: 'enum', sortable: false });
    expect(territoryField.options).toEqual(
      expect.arrayContaining([
        { value: tehran.id, label: { fa: 'Tehran', en: 'Tehran' } },
        { value: south.id, label: { fa: 'South', en: 'South' } },
      ]),
    );

    const moved = await client.patch(`/api/v1/organizations/${beta.id}`, { version: beta.version, territoryId: tehran.id });
    expect(moved.status).toBe(200);
    expect(moved.body.territoryId).toBe(tehran.id);
    const cleared = await client.patch(`/api/v1/organizations/${beta.id}`, { version: moved.body.version, territoryId: null });
    expect(cleared.body.territoryId).toBeNull();
    expect((await client.get(`/api/v1/organizations/${alpha.body.id}`)).body.territoryId).toBe(tehran.id);

    expect((await client.delete(`/api/v1/territories/${south.id}`)).status).toBe(204);
    const archivedChoice = await client.patch(`/api/v1/organizations/${gamma.id}`, { version: gamma.version, territoryId: south.id });
    expect(archivedChoice.status).toBe(400);
    expect(archivedChoice.body.errors[0]).toMatchObject({ path: 'territoryId', code: 'territory_archived' });
    const notUuid = await client.post('/api/v1/organizations', { name: 'Delta', territoryId: 'tehran' });
    expect(notUuid.status).toBe(400);
    expect(pathsOf(notUuid.body)).toEqual(['territoryId']);
    const audit = await auditOf(workspace.id, beta.id);
    expect(audit.find((a: { action: string; after: { territoryId: string | null } }) => a.action === 'organization.updated' && a.after.territoryId === tehran.id)).toBeDefined();
  });
});

// ---------- coverage ----------

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Jalali month and day of a Gregorian calendar day, from ICU (independent of common/src/calendar). */
function persianMonthDay(day: Date): { month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'UTC', month: 'numeric', day: 'numeric' }).formatToParts(day);
  return { month: Number(parts.find((p) => p.type === 'month')!.value), day: Number(parts.find((p) => p.type === 'day')!.value) };
}

/** The fiscal year starting 1 <startMonth> that today (Tehran) falls in, found by walking days with ICU. */
function expectedJalaliFiscalYear(startMonth: number): { start: string; end: string } {
  const todayInTehran = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
  let day = new Date(`${todayInTehran}T00:00:00Z`);
  while (!(persianMonthDay(day).month === startMonth && persianMonthDay(day).day === 1)) day = new Date(day.getTime() - DAY_MS);
  const start = day;
  day = new Date(start.getTime() + 300 * DAY_MS);
  while (!(persianMonthDay(day).month === startMonth && persianMonthDay(day).day === 1)) day = new Date(day.getTime() + DAY_MS);
  return { start: isoDay(start), end: isoDay(day) };
}

async function seedPipeline(workspaceId: string) {
  const [pipeline] = await sql(`insert into pipelines (workspace_id, name) values ($1, 'Coverage test') returning id`, [workspaceId]);
  const [stage] = await sql(`insert into pipeline_stages (workspace_id, pipeline_id, name, kind) values ($1, $2, 'Any', 'open') returning id`, [workspaceId, pipeline.id]);
  return { pipelineId: pipeline.id as string, stageId: stage.id as string };
}

type SeedDeal = { territoryId: string | null; status: 'open' | 'won' | 'lost'; amountBase: string; closedOn?: string; deleted?: boolean };

async function seedDeals(workspaceId: string, deals: SeedDeal[]) {
  const { pipelineId, stageId } = await seedPipeline(workspaceId);
  for (const [i, d] of deals.entries()) {
    await sql(
      `insert into deals (workspace_id, title, pipeline_id, stage_id, status, territory_id, amount, currency, amount_base, closed_on, deleted_at)
       values ($1, $2, $3, $4, $5, $6, $7, 'IRR', $7, $8, $9)`,
      [workspaceId, `Deal ${i}`, pipelineId, stageId, d.status, d.territoryId, d.amountBase, d.closedOn ?? null, d.deleted ? new Date().toISOString() : null],
    );
  }
}

/** The coverage figures written by hand in SQL, straight from the tables. */
async function handComputed(workspaceId: string, territoryId: string | null, fiscalYear: { start: string; end: string }) {
  const same = territoryId ? 'territory_id = $2' : '(territory_id is null and $2::uuid is null)';
  const [row] = await sql(
    `select
      (select count(*)::int from territory_members where workspace_id = $1 and ${same} and role = 'rep') as reps,
      (select count(*)::int from organizations where workspace_id = $1 and ${same} and deleted_at is null and merged_into_id is null) as organizations,
      (select count(*)::int from organizations where workspace_id = $1 and ${same} and deleted_at is null and merged_into_id is null and owner_id is null) as without_owner,
      (select count(*)::int from deals where workspace_id = $1 and ${same} and status = 'open' and deleted_at is null) as open_deals,
      (select coalesce(sum(amount_base), 0)::numeric(24, 2)::text from deals where workspace_id = $1 and ${same} and status = 'open' and deleted_at is null) as open_pipeline,
      (select count(*)::int from deals where workspace_id = $1 and ${same} and status = 'won' and deleted_at is null and closed_on >= $3 and closed_on < $4) as won_deals,
      (select coalesce(sum(amount_base), 0)::numeric(24, 2)::text from deals where workspace_id = $1 and ${same} and status = 'won' and deleted_at is null and closed_on >= $3 and closed_on < $4) as won`,
    [workspaceId, territoryId, fiscalYear.start, fiscalYear.end],
  );
  return row;
}

describe('territories: coverage', () => {
  it('counts reps, organisations, open pipeline and won this fiscal year exactly as SQL over the rows does', async () => {
    // A Persian workspace counts in the Jalali calendar: the fiscal year starts on 1 Farvardin.
    const { client, workspace, user } = await admin('fa');
    const rep1 = await memberOf(workspace.id, 'member');
    const rep2 = await memberOf(workspace.id, 'member');
    const tehran = (await client.post('/api/v1/territories', { name: 'Tehran', regions: ['IR-23'], members: [{ userId: rep1.user.id }, { userId: rep2.user.id }, { userId: user.id, role: 'manager' }] })).body;
    const south = (await client.post('/api/v1/territories', { name: 'South', regions: ['IR-22'], members: [{ userId: rep2.user.id }] })).body;
    const empty = (await client.post('/api/v1/territories', { name: 'Empty' })).body;

    await client.post('/api/v1/organizations', { name: 'Owned in Tehran', territoryId: tehran.id });
    await client.post('/api/v1/organizations', { name: 'Orphan in Tehran', territoryId: tehran.id, ownerId: null });
    const trashed = (await client.post('/api/v1/organizations', { name: 'Trashed in Tehran', territoryId: tehran.id })).body;
    expect((await client.delete(`/api/v1/organizations/${trashed.id}`)).status).toBe(204);
    await client.post('/api/v1/organizations', { name: 'Orphan in South', territoryId: south.id, ownerId: null });
    await client.post('/api/v1/organizations', { name: 'Nowhere', ownerId: null });

    const fy = expectedJalaliFiscalYear(1);
    const dayBefore = isoDay(new Date(Date.parse(`${fy.start}T00:00:00Z`) - DAY_MS));
    const lastDay = isoDay(new Date(Date.parse(`${fy.end}T00:00:00Z`) - DAY_MS));
    await seedDeals(workspace.id, [
      { territoryId: tehran.id, status: 'open', amountBase: '125000000000.10' },
      { territoryId: tehran.id, status: 'open', amountBase: '0.20' },
      { territoryId: tehran.id, status: 'open', amountBase: '999999999.99', deleted: true },
      { territoryId: tehran.id, status: 'won', amountBase: '50000000.05', closedOn: fy.start },
      { territoryId: tehran.id, status: 'won', amountBase: '7000000.00', closedOn: lastDay },
      { territoryId: tehran.id, status: 'won', amountBase: '3000000.00', closedOn: dayBefore },
      { territoryId: tehran.id, status: 'won', amountBase: '4000000.00', closedOn: fy.end },
      { territoryId: tehran.id, status: 'lost', amountBase: '8000000.00', closedOn: fy.start },
      { territoryId: south.id, status: 'open', amountBase: '1.01' },
      { territoryId: south.id, status: 'won', amountBase: '2.02', closedOn: fy.start, deleted: true },
      { territoryId: null, status: 'open', amountBase: '5.00' },
      { territoryId: null, status: 'won', amountBase: '6.00', closedOn: lastDay },
    ]);

    const coverage = await client.get('/api/v1/territories/coverage');
    expect(coverage.status).toBe(200);
    expect(coverage.body.currency).toBe('IRR');
    expect(coverage.body.fiscalYear).toMatchObject({ calendar: 'jalali', start: fy.start, end: fy.end });
    const rowOf = (id: string) => coverage.body.items.find((r: { territory: { id: string } }) => r.territory.id === id);
    expect(coverage.body.items.map((r: { territory: { name: string } }) => r.territory.name)).toEqual(['Empty', 'South', 'Tehran']);

    // By hand: what the seeded rows add up to.
    expect(rowOf(tehran.id)).toEqual({
      territory: { id: tehran.id, name: 'Tehran', parentId: null, regions: ['IR-23'] },
      reps: 2,
      managers: 1,
      organizations: 2,
      organizationsWithoutOwner: 1,
      openDeals: 2,
      openPipeline: '125000000000.30',
      wonDeals: 2,
      wonThisYear: '57000000.05',
    });
    expect(rowOf(south.id)).toMatchObject({ reps: 1, managers: 0, organizations: 1, organizationsWithoutOwner: 1, openDeals: 1, openPipeline: '1.01', wonDeals: 0, wonThisYear: '0.00' });
    expect(rowOf(empty.id)).toMatchObject({ reps: 0, organizations: 0, openDeals: 0, openPipeline: '0.00', wonThisYear: '0.00' });
    expect(coverage.body.unassigned).toMatchObject({ territory: null, organizations: 1, organizationsWithoutOwner: 1, openDeals: 1, openPipeline: '5.00', wonDeals: 1, wonThisYear: '6.00' });

    // And the same figures from SQL written straight over the tables.
    for (const [id, row] of [
      [tehran.id, rowOf(tehran.id)],
      [south.id, rowOf(south.id)],
      [empty.id, rowOf(empty.id)],
      [null, coverage.body.unassigned],
    ] as const) {
      const expected = await handComputed(workspace.id, id, fy);
      expect(
        {
          reps: row.reps,
          organizations: row.organizations,
          without_owner: row.organizationsWithoutOwner,
          open_deals: row.openDeals,
          open_pipeline: row.openPipeline,
          won_deals: row.wonDeals,
          won: row.wonThisYear,
        },
        String(id),
      ).toEqual(id === null ? { ...expected, reps: 0 } : expected);
    }

    // Archived territories leave the table unless asked for.
    await client.delete(`/api/v1/territories/${empty.id}`);
    expect((await client.get('/api/v1/territories/coverage')).body.items).toHaveLength(2);
    expect((await client.get('/api/v1/territories/coverage?archived=true')).body.items).toHaveLength(3);
  });

  it("follows the workspace's fiscal year start month (1 Mehr in a Jalali workspace)", async () => {
    const { client, workspace } = await admin('fa');
    const territory = (await client.post('/api/v1/territories', { name: 'Mehr year' })).body;
    const current = (await client.get('/api/v1/workspace')).body;
    expect((await client.patch('/api/v1/workspace', { version: current.version, fiscalYearStartMonth: 7 })).status).toBe(200);
    const fy = expectedJalaliFiscalYear(7);
    const before = isoDay(new Date(Date.parse(`${fy.start}T00:00:00Z`) - DAY_MS));
    await seedDeals(workspace.id, [
      { territoryId: territory.id, status: 'won', amountBase: '100.00', closedOn: fy.start },
      { territoryId: territory.id, status: 'won', amountBase: '1000.00', closedOn: before },
    ]);
    const coverage = (await client.get('/api/v1/territories/coverage')).body;
    expect(coverage.fiscalYear).toMatchObject({ start: fy.start, end: fy.end });
    expect(coverage.items[0]).toMatchObject({ wonDeals: 1, wonThisYear: '100.00' });
  });

  it('counts Gregorian fiscal years in a Gregorian workspace (1 July)', async () => {
    const { client, workspace } = await admin('en');
    const current = (await client.get('/api/v1/workspace')).body;
    expect(current.calendar).toBe('gregorian');
    await client.patch('/api/v1/workspace', { version: current.version, fiscalYearStartMonth: 7 });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
    const [year, month] = today.split('-').map(Number) as [number, number];
    const label = month >= 7 ? year : year - 1;
    const territory = (await client.post('/api/v1/territories', { name: 'July year' })).body;
    await seedDeals(workspace.id, [
      { territoryId: territory.id, status: 'won', amountBase: '10.00', closedOn: `${label}-07-01` },
      { territoryId: territory.id, status: 'won', amountBase: '20.00', closedOn: `${label}-06-30` },
      { territoryId: territory.id, status: 'won', amountBase: '40.00', closedOn: `${label + 1}-06-30` },
    ]);
    const coverage = (await client.get('/api/v1/territories/coverage')).body;
    expect(coverage.fiscalYear).toEqual({ label, calendar: 'gregorian', start: `${label}-07-01`, end: `${label + 1}-07-01` });
    expect(coverage.items[0]).toMatchObject({ wonDeals: 2, wonThisYear: '50.00' });
  });
});

// ---------- teams ----------

describe('teams', () => {
  it('creates a team with a manager and members, updates it with versions, archives it', async () => {
    const { client, workspace, user } = await admin('en');
    const rep = await memberOf(workspace.id, 'member');
    const created = await client.post('/api/v1/teams', { name: 'فروش سازمانی', managerId: user.id, members: [{ userId: rep.user.id }, { userId: user.id }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'فروش سازمانی', managerId: user.id, manager: { userId: user.id }, version: 1 });
    expect(created.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual([rep.user.id, user.id].sort());
    expect((await sql('select count(*)::int as n from team_members where team_id = $1 and workspace_id = $2', [created.body.id, workspace.id]))[0].n).toBe(2);
    const renamed = await client.patch(`/api/v1/teams/${created.body.id}`, { version: 1, name: 'فروش شرکتی', managerId: rep.user.id });
    expect(renamed.body).toMatchObject({ version: 2, name: 'فروش شرکتی', managerId: rep.user.id });
    expect((await client.patch(`/api/v1/teams/${created.body.id}`, { version: 1, name: 'x' })).status).toBe(409);
    const members = await client.request('PUT', `/api/v1/teams/${created.body.id}/members`, [{ userId: rep.user.id }]);
    expect(members.status).toBe(200);
    expect(await sql('select user_id from team_members where team_id = $1', [created.body.id])).toEqual([{ user_id: rep.user.id }]);
    expect((await client.get('/api/v1/teams')).body.items).toHaveLength(1);
    expect((await client.delete(`/api/v1/teams/${created.body.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/teams')).body.items).toHaveLength(0);
    expect((await client.get('/api/v1/teams?archived=true')).body.items).toHaveLength(1);
    expect((await client.post(`/api/v1/teams/${created.body.id}/restore`)).body.archivedAt).toBeNull();
    expect((await auditOf(workspace.id, created.body.id)).map((a: { action: string }) => a.action).sort()).toEqual(
      ['team.archived', 'team.created', 'team.members_changed', 'team.restored', 'team.updated'].sort(),
    );
  });

  it('refuses managers and members from outside the workspace, in fa and en', async () => {
    const { client, workspace } = await admin('en');
    const outsider = await admin('en');
    const bad = await client.post('/api/v1/teams', { name: 'T', managerId: outsider.user.id });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'managerId', code: 'member_not_in_workspace', message: 'This user is not a member of this workspace.' }]);
    const fa = await inPersian(client).post('/api/v1/teams', { name: 'T', members: [{ userId: outsider.user.id }] });
    expect(fa.body.errors).toEqual([{ path: 'members.0.userId', code: 'member_not_in_workspace', message: 'این کاربر عضو این فضای کاری نیست.' }]);
    expect((await client.post('/api/v1/teams', { name: '' })).body.errors[0].path).toBe('name');
    expect((await sql('select count(*)::int as n from teams where workspace_id = $1', [workspace.id]))[0].n).toBe(0);
    const member = await memberOf(workspace.id, 'member');
    expect((await member.client.post('/api/v1/teams', { name: 'Mine' })).status).toBe(403);
  });

  it('keeps teams inside their workspace', async () => {
    const owner = await admin('en');
    const stranger = await admin('en');
    const team = (await owner.client.post('/api/v1/teams', { name: 'Private team' })).body;
    expect((await stranger.client.get(`/api/v1/teams/${team.id}`)).status).toBe(404);
    expect((await stranger.client.patch(`/api/v1/teams/${team.id}`, { version: 1, name: 'Stolen' })).status).toBe(404);
    expect((await stranger.client.request('PUT', `/api/v1/teams/${team.id}/members`, [{ userId: stranger.user.id }])).status).toBe(404);
    expect((await stranger.client.delete(`/api/v1/teams/${team.id}`)).status).toBe(404);
    expect((await stranger.client.get('/api/v1/teams?archived=true')).body.items).toEqual([]);
    expect((await sql('select name, version from teams where id = $1', [team.id]))[0]).toEqual({ name: 'Private team', version: 1 });
  });
});
