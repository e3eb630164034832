import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLeadImportAdapter,
  createOrganizationImportAdapter,
  createPersonImportAdapter,
  type ImportAdapter,
  type RunOptions,
} from '#server/modules/imports/index.ts';
import { findDuplicates } from '#server/modules/search/index.ts';
import type { ApiClient } from '../support/api-client.ts';
import { importRuns } from '../support/import-runs.ts';
import { testAccounts } from '../support/test-accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/*
 * The batch path of CSV imports ('create' and 'skip': rows checked first, duplicates found for
 * the whole batch, records written with multi-row INSERTs) against the row-by-row path it
 * replaced, which stays as the reference: the same file gives the same records, contact points,
 * organisation links, tags, search keys and audit entries, and the same counts and row errors.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { sql, admin } = testAccounts(() => server);
const { importsService, upload, runToEnd, allErrors } = importRuns(() => server);
type Account = Awaited<ReturnType<typeof admin>>;

/** The adapters as app.ts builds them, with and without their batch path. */
function adapters(): Record<'person' | 'organization' | 'lead', ImportAdapter> {
  const services = server.peyvand.services;
  return {
    person: createPersonImportAdapter({ people: services.people, organizations: services.organizations, findDuplicates }),
    organization: createOrganizationImportAdapter({ organizations: services.organizations, findDuplicates }),
    lead: createLeadImportAdapter({ leads: services.leads, findDuplicates }),
  };
}

/** Runs `work` with the row-by-row engine for `entity` (its adapter without the batch path). */
async function rowByRow<T>(entity: 'person' | 'organization' | 'lead', work: () => Promise<T>): Promise<T> {
  const { batch, ...alone } = adapters()[entity];
  expect(batch).toBeDefined();
  importsService().registerAdapter(alone);
  try {
    return await work();
  } finally {
    importsService().registerAdapter(adapters()[entity]);
  }
}

/** Counts the calls of the row-by-row `create` and of the batch path's `createMany` from now on. */
function watch(entity: 'person' | 'organization' | 'lead') {
  const adapter = adapters()[entity];
  const calls = { create: 0, createMany: 0 };
  importsService().registerAdapter({
    ...adapter,
    create: (...args) => (calls.create++, adapter.create(...args)),
    batch: { ...adapter.batch!, createMany: (...args) => (calls.createMany++, adapter.batch!.createMany(...args)) },
  });
  return calls;
}

/** Uploads, sets the duplicate mode, and runs the import in this process with `options` (batch size …). */
async function importFile(account: Account, entity: string, csv: string, mode: 'skip' | 'create' | 'update', options: RunOptions = {}) {
  const { import: imp } = await upload(account.client, entity, csv);
  const patched = await account.client.patch(`/api/v1/imports/${imp.id}`, { duplicateMode: mode, version: imp.version });
  expect(patched.status).toBe(200);
  await sql(`update imports set status = 'queued' where id = $1`, [imp.id]);
  const data = { importId: imp.id, workspaceId: account.workspace.id, actor: { type: 'user' as const, id: account.user.id, name: account.input.name }, locale: 'fa' as const };
  expect(await importsService().run(data, options)).toBe('completed');
  const done = (await account.client.get(`/api/v1/imports/${imp.id}`)).body;
  const errors = (await allErrors(account.client, imp.id)).map((e) => [e.rowNumber, e.field, e.code]);
  return { counts: done.counts, errors };
}

/** Ids, times and actors differ between workspaces; everything else must not. */
const neutral = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v) => (['id', 'createdAt', 'updatedAt', 'createdBy', 'ownerId', 'organizationId', 'personId', 'updatedAt'].includes(key) ? undefined : v)));

/** What an import left in a workspace, with ids replaced by names so two workspaces compare. */
async function snapshot(workspaceId: string) {
  const people = await sql(
    `select p.id, p.first_name, p.last_name, p.first_name_latin, p.last_name_latin, p.emails, p.phones, p.addresses, p.birthday::text as birthday,
            p.job_title, p.source, p.custom, p.search_key, p.version, p.owner_id = p.created_by as owned_by_creator
       from people p where p.workspace_id = $1 order by p.search_key`,
    [workspaceId],
  );
  const leads = await sql(`select id, first_name, last_name, search_key from leads where workspace_id = $1`, [workspaceId]);
  const nameOf = new Map([...people, ...leads].map((p: any) => [p.id, `${p.first_name} ${p.last_name}`.trim() || p.search_key]));
  const organizations = await sql(`select id, name, name_latin, search_key, type, custom from organizations where workspace_id = $1 order by search_key`, [workspaceId]);
  const orgName = new Map(organizations.map((o: any) => [o.id, o.name]));
  const tags = await sql(`select id, name, name_key from tags where workspace_id = $1 order by name_key`, [workspaceId]);
  const tagName = new Map(tags.map((t: any) => [t.id, t.name]));
  const named = (rows: any[], f: (r: any) => string) => rows.map(f).sort();
  const contactPoints = named(await sql(`select entity_type, entity_id, kind, value from contact_points where workspace_id = $1`, [workspaceId]), (r) =>
    [r.entity_type, nameOf.get(r.entity_id) ?? orgName.get(r.entity_id) ?? r.entity_id, r.kind, r.value].join(' '),
  );
  const links = named(await sql(`select person_id, organization_id, role, is_primary from person_organizations where workspace_id = $1`, [workspaceId]), (r) =>
    [nameOf.get(r.person_id), orgName.get(r.organization_id), r.role, r.is_primary].join(' '),
  );
  const taggings = named(await sql(`select tag_id, entity_type, entity_id from taggings where workspace_id = $1`, [workspaceId]), (r) =>
    [r.entity_type, nameOf.get(r.entity_id) ?? orgName.get(r.entity_id) ?? r.entity_id, tagName.get(r.tag_id)].join(' '),
  );
  const audit = named(await sql(`select action, entity_type, entity_id, before, after from audit_log where workspace_id = $1 and entity_type in ('person', 'organization', 'lead', 'tag')`, [workspaceId]), (r) =>
    JSON.stringify([r.action, r.entity_type, nameOf.get(r.entity_id) ?? orgName.get(r.entity_id) ?? tagName.get(r.entity_id) ?? '?', neutral(r.before), neutral(r.after)]),
  );
  return {
    people: people.map(({ id: _id, ...p }: any) => p),
    organizations: organizations.map(({ id: _id, ...o }: any) => o),
    tags: tags.map(({ id: _id, ...t }: any) => t),
    contactPoints,
    links,
    taggings,
    audit,
  };
}

/**
 * Imports `csv` in a fresh workspace through the batch path and in another row by row; the
 * counts, row errors and everything written must be the same. Returns the batch path's result.
 */
async function sameAsRowByRow(entity: 'person' | 'organization' | 'lead', csv: string, mode: 'skip' | 'create', options: RunOptions) {
  const batched = await admin('fa');
  const reference = await admin('fa');
  const viaBatch = await importFile(batched, entity, csv, mode, options);
  const viaRows = await rowByRow(entity, () => importFile(reference, entity, csv, mode, options));
  expect(viaBatch).toEqual(viaRows);
  expect(await snapshot(batched.workspace.id)).toEqual(await snapshot(reference.workspace.id));
  return { ...viaBatch, workspaceId: batched.workspace.id };
}

/** The same starting point in a workspace: a custom field, an organisation and a tag that exist already. */
async function prepareWorkspace(account: Account) {
  const field = await account.client.post('/api/v1/custom-fields', { entityType: 'person', key: 'customer_code', labelFa: 'کد مشتری', labelEn: 'Customer code', type: 'text' });
  expect(field.status).toBe(201);
  expect((await account.client.post('/api/v1/organizations', { name: 'شرکت پیوند', nameLatin: 'Peyvand Co' })).status).toBe(201);
  expect((await account.client.post('/api/v1/tags', { name: 'نمایشگاه' })).status).toBeLessThan(300);
}

const PEOPLE = [
  'نام,نام خانوادگی,نام (لاتین),نام خانوادگی (لاتین),ایمیل,موبایل,شرکت,سمت,تاریخ تولد,شهر,برچسب‌ها,کد مشتری',
  'علی,رضایی,Ali,Rezaei,"ali@example.com, A.Rezaei@Example.com",09121234567,شرکت پیوند,مدیر فروش,1365/04/21,تهران,"مشتری ویژه، نمایشگاه",C-1',
  'سارا,احمدی,Sara,Ahmadi,sara@example.com,"۰۹۳۵۱۱۱۲۲۳۳; 021-88776655",صنایع نو,کارشناس,,شیراز,VIP,C-2',
  'مریم,کريمي,,,,+98 912 000 0001,صنايع نو,,1370/1/1,,"vip;نمایشگاه",',
  'Omid,Jafari,,,omid@example.com,,Peyvand Co,CTO,1990-05-01,,,C-4',
  'رضا,نوری,,,,09127778899,,,,,,',
  ',,,,info@example.org,,,,,,خبرنامه,',
  'نیما,کاظمی,Nima,Kazemi,nima@example.com,,Acme Trading,,,,"خبرنامه، مشتری ویژه",C-7',
].join('\n');

describe('batch import = row-by-row import', () => {
  it('people: the same records, contact points, organisation links, tags, search keys and audit entries', async () => {
    const batched = await admin('fa');
    const reference = await admin('fa');
    await prepareWorkspace(batched);
    await prepareWorkspace(reference);

    const calls = watch('person');
    const viaBatch = await importFile(batched, 'person', PEOPLE, 'skip', { batchSize: 4 });
    expect(calls).toEqual({ create: 0, createMany: 2 });
    const viaRows = await rowByRow('person', () => importFile(reference, 'person', PEOPLE, 'skip', { batchSize: 4 }));
    expect(viaBatch).toEqual(viaRows);
    expect(viaBatch).toEqual({ counts: { created: 7, updated: 0, skipped: 0, errors: 0 }, errors: [] });

    const a = await snapshot(batched.workspace.id);
    const b = await snapshot(reference.workspace.id);
    expect(a).toEqual(b);
    // What the comparison covers is really there.
    expect(a.people).toHaveLength(7);
    expect(a.people.every((p: any) => p.search_key && p.version === 1 && p.owned_by_creator && p.source === 'import')).toBe(true);
    expect(a.organizations.map((o: any) => o.name).sort()).toEqual(['Acme Trading', 'شرکت پیوند', 'صنایع نو'].sort());
    expect(a.links).toContain('علی رضایی شرکت پیوند مدیر فروش true');
    expect(a.links).toContain('Omid Jafari شرکت پیوند CTO true'); // found by its Latin name
    expect(a.links).toContain('مریم کریمی صنایع نو  true'); // «صنايع نو» is the organisation the row before created
    expect(a.tags.map((t: any) => t.name).sort()).toEqual(['VIP', 'خبرنامه', 'مشتری ویژه', 'نمایشگاه'].sort());
    expect(a.taggings.filter((t: string) => t.startsWith('person مریم'))).toEqual(['person مریم کریمی VIP', 'person مریم کریمی نمایشگاه']);
    expect(a.contactPoints).toContain('person علی رضایی email a.rezaei@example.com');
    expect(a.contactPoints).toContain('person سارا احمدی phone +982188776655');
    const actions = (list: string[]) => list.map((e) => JSON.parse(e)[0] as string).reduce<Record<string, number>>((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), {});
    expect(actions(a.audit)).toMatchObject({ 'person.created': 7, 'organization.created': 3, 'person.organization_linked': 5, 'record.tagged': 5, 'tag.created': 4 });

    // The search keys are the real ones: search and the list's quick search find the imported people.
    const search = async (q: string) => (await batched.client.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body.items.map((r: any) => r.title);
    expect(await search('علي رضايي')).toContain('علی رضایی');
    expect(await search('09351112233')).toContain('سارا احمدی');
    expect(await search('Kazemi')).toContain('نیما کاظمی');
    const listed = await batched.client.get(`/api/v1/people?q=${encodeURIComponent('صنایع نو')}`);
    expect(listed.body.items.map((p: any) => p.displayName).sort()).toEqual(['سارا احمدی', 'مریم کریمی'].sort());
    // One person.created entry per person, with the whole person as the API shows it.
    const [ali] = await sql(`select id from people where workspace_id = $1 and first_name = 'علی'`, [batched.workspace.id]);
    const [created] = await sql(`select after from audit_log where workspace_id = $1 and entity_id = $2 and action = 'person.created'`, [batched.workspace.id, ali.id]);
    expect(created.after).toEqual(JSON.parse(JSON.stringify((await batched.client.get(`/api/v1/people/${ali.id}`)).body)));
  });

  it('organisations and leads, with duplicates inside the file', async () => {
    const organizations = [
      'نام سازمان,نام لاتین,نوع,شناسه ملی,تلفن,ایمیل,برچسب‌ها',
      'پیوند,Peyvand,مشتری,10100302030,021-88776655,info@peyvand.example,شریک',
      'پيوند نوین,,,10100302030,,,', // the same national ID
      'آرمان,Arman,رقیب,,,hello@arman.example,"رقیب، بازار"',
      'ARMAN,,,,,,', // the Latin name of the one before
      'سپهر,,,,021-88776655,,', // the same phone as the first
      'نوآوران,,شریک,,,,بازار',
    ].join('\n');
    const leads = [
      'نام,نام خانوادگی,ایمیل,موبایل,شرکت,وضعیت,برچسب‌ها',
      'آرش,کمالی,arash@example.com,09120001122,پیوند,تماس گرفته شده,داغ',
      'آرش,کمالي,,,پيوند,,', // the same name at the same company
      'بهار,سعیدی,ARASH@example.com,,,,', // the same email
      'بهار,سعیدی,,,ری,,', // a short company, a long name: found by the name
      'بهار,سعیدی,,,ری,,',
      ',لی,,,ری,,', // a short company and a short name: the row-by-row search finds neither
      ',لی,,,ری,,',
      'کاوه,یزدی,,۰۹۱۲۰۰۰۱۱۲۲,,جدید,"داغ، نمایشگاه"', // the same phone as the first
      'لیلا,امینی,leila@example.com,,نوآوران,واجد شرایط,',
    ].join('\n');
    expect((await sameAsRowByRow('organization', organizations, 'skip', { batchSize: 3 })).counts).toMatchObject({ created: 3, skipped: 3 });
    const viaBatch = await sameAsRowByRow('lead', leads, 'skip', { batchSize: 3 });
    expect(viaBatch.counts).toMatchObject({ created: 5, skipped: 4 });
    const [lead] = await sql(`select status, source, score, score_reasons, search_key from leads where workspace_id = $1 and email = 'arash@example.com'`, [viaBatch.workspaceId]);
    expect(lead).toMatchObject({ status: 'contacted', source: 'import', search_key: expect.stringContaining('پیوند') });
    expect(lead.score).toBeGreaterThan(0);
  });
});

describe('duplicates inside one file, per mode', () => {
  const csv = [
    'نام,نام خانوادگی,ایمیل,موبایل,شرکت',
    'مینا,صادقی,mina@example.com,,پیوند', // row 2: created
    'مينا,صادقي,mina2@example.com,,پيوند', // 3: the same name at the same organisation
    'رضا,نوری,MINA@example.com,,', // 4: the same email
    'نیما,کاظمی,nima@example.com,09121110000,', // 5: created (the next batch)
    `${'ن'.repeat(101)},کریمی,z@example.com,,`, // 6: refused (name too long): not created …
    'کسی,دیگر,z@example.com,,', // 7: … so this one is no duplicate
    'آرش,نیکو,,۰۹۱۲۱۱۱۰۰۰۰,', // 8: the phone of row 5, committed by the batch before
    'لیلا,امینی,mina@example.com,12345,', // 9: unreadable phone: reported before anything else
    `${'ن'.repeat(101)},کاظمی,nima@example.com,,`, // 10: a duplicate is skipped before its values are judged
    'مینا,صادقی,,,شرکت دیگر', // 11: another organisation
  ].join('\n');

  it('skip: within a batch, across batches and against the workspace, as row by row', async () => {
    const { counts, errors } = await sameAsRowByRow('person', csv, 'skip', { batchSize: 3 });
    expect(counts).toEqual({ created: 4, updated: 0, skipped: 4, errors: 2 });
    expect(errors).toEqual([
      [6, 'firstName', 'too_big'],
      [9, 'phone', 'invalid_phone'],
    ]);

    // Again in one batch: the same answers.
    const once = await admin('fa');
    expect(await importFile(once, 'person', csv, 'skip')).toEqual({ counts, errors });
    // The whole file again: every row is now a duplicate of a record, but for the unreadable phone.
    expect((await importFile(once, 'person', csv, 'skip')).counts).toEqual({ created: 0, updated: 0, skipped: 9, errors: 1 });
  });

  it('create: every valid row is created, duplicates or not', async () => {
    expect((await sameAsRowByRow('person', csv, 'create', { batchSize: 4 })).counts).toEqual({ created: 7, updated: 0, skipped: 0, errors: 3 });
  });

  it('update stays row by row and finds the rows of the same file', async () => {
    const account = await admin('fa');
    const result = await importFile(account, 'person', csv, 'update', { batchSize: 3 });
    expect(result.counts).toEqual({ created: 4, updated: 3, skipped: 0, errors: 3 }); // row 10 updates row 5 with a name too long
    expect((await sql(`select count(*)::int as n from people where workspace_id = $1`, [account.workspace.id]))[0].n).toBe(4);
  });
});

describe('a row the database refuses', () => {
  // A NUL character passes every rule of the application; PostgreSQL refuses it in text (SQLSTATE 22021).
  const csv = ['نام,نام خانوادگی,ایمیل,سمت', 'الف,یکم,a1@example.com,', 'ب,دوم,a2@example.com,مدیر\u0000فروش', 'پ,سوم,a3@example.com,', 'ت,چهارم,a4@example.com,'].join('\n');

  it('is reported with its row number; the other rows of its batch land', async () => {
    const account = await admin('en');
    const calls = watch('person');
    const { import: imp } = await upload(account.client, 'person', csv);
    const dry = await runToEnd(account.client, imp.id, 'dry-run');
    expect(dry.counts).toEqual({ created: 3, updated: 0, skipped: 0, errors: 1 });
    expect((await sql(`select count(*)::int as n from people where workspace_id = $1`, [account.workspace.id]))[0].n).toBe(0);

    const done = await runToEnd(account.client, imp.id);
    expect(done).toMatchObject({ status: 'completed', committedRows: 4, counts: { created: 3, updated: 0, skipped: 0, errors: 1 } });
    // Each run tried the batch once, then did its rows one by one.
    expect(calls).toEqual({ create: 8, createMany: 2 });
    const [error] = await allErrors(account.client, imp.id);
    expect(error).toMatchObject({ rowNumber: 3, field: null, code: 'rejected_by_database' });
    expect(error.message).toContain('database refused');
    const people = await sql(`select last_name from people where workspace_id = $1 order by last_name`, [account.workspace.id]);
    expect(people.map((p: any) => p.last_name)).toEqual(['سوم', 'چهارم', 'یکم'].sort());
    const audit = await sql(`select count(*)::int as n from audit_log where workspace_id = $1 and action = 'person.created'`, [account.workspace.id]);
    expect(audit[0].n).toBe(3);
  });
});

describe('workspace isolation', () => {
  it("one workspace's records, organisations and tags are never another's duplicates or links", async () => {
    const a = await admin('fa');
    const b = await admin('fa');
    const csv = ['نام,نام خانوادگی,ایمیل,موبایل,شرکت,برچسب‌ها', 'علی,رضایی,ali@example.com,09121234567,پیوند,VIP', 'سارا,احمدی,sara@example.com,,پیوند,VIP'].join('\n');
    expect((await importFile(a, 'person', csv, 'skip')).counts).toEqual({ created: 2, updated: 0, skipped: 0, errors: 0 });
    const before = await snapshot(a.workspace.id);

    expect((await importFile(b, 'person', csv, 'skip')).counts).toEqual({ created: 2, updated: 0, skipped: 0, errors: 0 });
    expect(await snapshot(a.workspace.id)).toEqual(before);
    const rows = await sql(
      `select p.workspace_id = o.workspace_id and o.workspace_id = t.workspace_id and t.workspace_id = cp.workspace_id as same
         from people p join person_organizations po on po.person_id = p.id join organizations o on o.id = po.organization_id
         join taggings tg on tg.entity_id = p.id join tags t on t.id = tg.tag_id join contact_points cp on cp.entity_id = p.id
        where p.workspace_id = $1`,
      [b.workspace.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: any) => r.same)).toBe(true);
    expect(await snapshot(b.workspace.id)).toEqual(before);
    const search = async (client: ApiClient) => (await client.get(`/api/v1/search?q=${encodeURIComponent('رضایی')}`)).body.items.length;
    expect(await search(a.client)).toBe(1);
    expect(await search(b.client)).toBe(1);
  });
});
