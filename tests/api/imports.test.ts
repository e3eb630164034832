import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVcards } from '#server/modules/imports/vcard.ts';
import { ApiClient, signUp } from '../support/api-client.ts';
import { importRuns } from '../support/import-runs.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const fixture = (name: string) => readFile(new URL(`../fixtures/imports/${name}`, import.meta.url));
const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);
const { importsService, rawPost, upload, settled, runToEnd, allErrors } = importRuns(() => server);

async function download(client: ApiClient, path: string) {
  const headers: Record<string, string> = {};
  if (client.options.locale) headers['accept-language'] = client.options.locale;
  headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(server.url + path, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const peopleOf = (workspaceId: string) =>
  sql(
    `select p.first_name, p.last_name, p.emails, p.phones, p.birthday::text as birthday, p.job_title, p.addresses, p.source,
            (select string_agg(o.name, ',') from person_organizations po join organizations o on o.id = po.organization_id where po.person_id = p.id) as org
       from people p where p.workspace_id = $1 and p.deleted_at is null order by p.last_name, p.first_name`,
    [workspaceId],
  );

/** The same session, asking for English answers. */
function inEnglish(client: ApiClient): ApiClient {
  const english = new ApiClient(server.url, { locale: 'en' });
  english.cookies = new Map(client.cookies);
  return english;
}

const count = async (table: string, workspaceId: string) => Number((await sql(`select count(*)::int as n from ${table} where workspace_id = $1`, [workspaceId]))[0].n);

describe('CSV upload: what Excel and other tools write', () => {
  it('Excel "CSV UTF-8" on Persian Windows (BOM, ;, CRLF, Persian digits, Arabic ي/ك) imports cleanly', async () => {
    const { client, workspace } = await signUp(server.url);
    const { import: imp, preview } = await upload(client, 'person', await fixture('people-excel-fa.csv'), 'مخاطبین.csv');
    expect(imp).toMatchObject({ status: 'uploaded', delimiter: ';', totalRows: 4, fileName: 'مخاطبین.csv', entityType: 'person' });
    expect(preview.header).toEqual(['نام', 'نام خانوادگی', 'موبایل', 'ایمیل', 'شرکت', 'سمت', 'تاریخ تولد', 'نشانی', 'شهر']);
    expect(preview.rows).toHaveLength(4);
    expect(preview.mapping).toEqual({
      نام: 'firstName',
      'نام خانوادگی': 'lastName',
      موبایل: 'phone',
      ایمیل: 'email',
      شرکت: 'organization',
      سمت: 'jobTitle',
      'تاریخ تولد': 'birthday',
      نشانی: 'addressLine',
      شهر: 'city',
    });
    expect(preview.fields.find((f: any) => f.key === 'firstName').label).toBe('نام');

    const done = await runToEnd(client, imp.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, committedRows: 4, counts: { created: 4, updated: 0, skipped: 0, errors: 0 } });

    const rows = await peopleOf(workspace.id);
    const ali = rows.find((r: any) => r.first_name === 'علی');
    expect(ali).toMatchObject({
      last_name: 'رضایی',
      birthday: '1986-07-12',
      job_title: 'مدیر فروش',
      org: 'شرکت پیوند',
      source: 'import',
    });
    expect(ali.phones[0].value).toBe('+989121234567');
    expect(ali.emails[0].value).toBe('ali.rezaei@example.com');
    expect(ali.addresses[0]).toMatchObject({ line: 'خیابان ولیعصر، کوچه ۱۲\nپلاک ۴', city: 'تهران' });
    expect(rows.find((r: any) => r.first_name === 'حسین')).toMatchObject({ org: 'شرکت پیوند' });
    expect(rows.find((r: any) => r.first_name === 'حسین').phones[0].value).toBe('+989127778899');
    expect(rows.find((r: any) => r.first_name === 'سارا')).toMatchObject({ last_name: 'احمدی; نژاد', birthday: '1990-05-01' });
    expect(rows.find((r: any) => r.first_name === 'مریم')).toMatchObject({ birthday: '1991-03-21' });
    // «شركت پيوند» (Arabic letters) and «شرکت پیوند» are one organisation.
    expect(await count('organizations', workspace.id)).toBe(1);
    // The uploaded file is removed once the import is done.
    expect((await client.get(`/api/v1/imports/${imp.id}/preview`)).body.code).toBe('upload_missing');
  });

  it('a comma CSV without BOM, with English headers, LF and a quoted comma', async () => {
    const { client, workspace } = await signUp(server.url, { locale: 'en' });
    const { import: imp, preview } = await upload(client, 'person', await fixture('people-comma.csv'));
    expect(imp.delimiter).toBe(',');
    expect(preview.mapping).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      Phone: 'phone',
      Company: 'organization',
      'Job Title': 'jobTitle',
      Birthday: 'birthday',
    });
    expect(preview.fields.find((f: any) => f.key === 'firstName').label).toBe('First name');
    const done = await runToEnd(client, imp.id);
    expect(done.counts).toEqual({ created: 3, updated: 0, skipped: 0, errors: 0 });
    const rows = await peopleOf(workspace.id);
    expect(rows.map((r: any) => [r.first_name, r.last_name, r.phones[0]?.value ?? null, r.org])).toEqual([
      ['Omid', 'Jafari, Jr.', null, 'Acme Trading'],
      ['Reza', 'Karimi', '+989121234500', 'Acme Trading'],
      ['Neda', 'Sadeghi', '+14155550100', null],
    ]);
  });

  it('refuses what is not UTF-8 CSV, with a message in the caller language, and keeps nothing', async () => {
    const { client, workspace } = await signUp(server.url);
    // «نام,ایمیل» saved by Excel's plain "CSV" on Persian Windows: Windows-1256, not UTF-8.
    const cp1256 = Buffer.from([0xe4, 0xc7, 0xe3, 0x2c, 0xc7, 0xed, 0xe3, 0xed, 0xe1, 0x0a]);
    const fa = await rawPost(client, '/api/v1/imports?entityType=person', cp1256);
    expect(fa.status).toBe(400);
    expect(fa.body).toMatchObject({ code: 'not_utf8' });
    expect(fa.body.detail).toContain('CSV UTF-8');
    expect(fa.body.detail).toMatch(/UTF-8 ذخیره نشده/);
    const en = await rawPost(inEnglish(client), '/api/v1/imports?entityType=person', Buffer.from('\ufeffa,b', 'utf16le'));
    expect(en.body).toMatchObject({ code: 'utf16_file' });
    expect(en.body.detail).toMatch(/UTF-16/);
    expect((await rawPost(client, '/api/v1/imports?entityType=person', '')).body.code).toBe('empty_file');
    expect((await rawPost(client, '/api/v1/imports?entityType=person', 'a,b\n1,"2\n')).body.code).toBe('invalid_csv');
    expect((await rawPost(client, '/api/v1/imports?entityType=deal', 'a\n1\n')).status).toBe(400);
    const json = await client.post('/api/v1/imports?entityType=person', { rows: [] });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('unsupported_media_type');
    expect(await count('imports', workspace.id)).toBe(0);
  });
});

describe('mapping, dry run and errors', () => {
  it('invalid rows are reported per field in fa and en; the dry run changes nothing; the run imports the rest', async () => {
    const { client, workspace } = await signUp(server.url);
    const { import: imp } = await upload(client, 'person', await fixture('people-invalid.csv'));
    const auditBefore = await count('audit_log', workspace.id);

    const dry = await runToEnd(client, imp.id, 'dry-run');
    expect(dry).toMatchObject({ status: 'completed', dryRun: true, totalRows: 7, counts: { created: 2, updated: 0, skipped: 0, errors: 4 } });
    expect(await count('people', workspace.id)).toBe(0);
    expect(await count('contact_points', workspace.id)).toBe(0);
    expect(await count('audit_log', workspace.id)).toBe(auditBefore);

    const fa = await allErrors(client, imp.id);
    expect(fa.map((e) => [e.rowNumber, e.field, e.code])).toEqual([
      [3, 'email', 'invalid_email'],
      [4, 'phone', 'invalid_phone'],
      [5, 'birthday', 'invalid_date'],
      [7, null, 'name_or_contact_required'],
    ]);
    expect(fa[0].message).toBe('«not-an-email» نشانی ایمیل معتبری نیست.');
    const en = await allErrors(inEnglish(client), imp.id);
    expect(en[1].message).toBe('"12345" is not a valid phone number.');
    expect(en[2].message).toContain('is not a valid date');

    const done = await runToEnd(client, imp.id);
    expect(done).toMatchObject({ status: 'completed', dryRun: false, counts: { created: 2, updated: 0, skipped: 0, errors: 4 } });
    expect((await peopleOf(workspace.id)).map((p: any) => p.first_name).sort()).toEqual(['نیما', 'پرویز'].sort());
    expect(await allErrors(client, imp.id)).toHaveLength(4);
    // A finished import cannot be started again.
    expect((await client.post(`/api/v1/imports/${imp.id}/start`, {})).body.code).toBe('import_not_startable');
  });

  it('the mapping is validated; a stale version gets 409; required fields must be mapped', async () => {
    const { client } = await signUp(server.url, { locale: 'en' });
    const csv = 'Company,Kind,Homepage\nPeyvand,مشتری,https://peyvand.example\n';
    const { import: imp, preview } = await upload(client, 'organization', csv);
    expect(preview.mapping).toEqual({ Company: 'name', Kind: 'type' });

    const bad = await client.patch(`/api/v1/imports/${imp.id}`, { mapping: { Nope: 'name', Homepage: 'shoeSize' }, version: imp.version });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.code).sort()).toEqual(['unknown_column', 'unknown_field']);
    const twice = await client.patch(`/api/v1/imports/${imp.id}`, { mapping: { Company: 'name', Kind: 'name' }, version: imp.version });
    expect(twice.body.errors[0].code).toBe('field_mapped_twice');

    const unmapped = await client.patch(`/api/v1/imports/${imp.id}`, { mapping: { Kind: 'type', Homepage: 'website' }, version: imp.version });
    expect(unmapped.status).toBe(200);
    expect((await client.patch(`/api/v1/imports/${imp.id}`, { duplicateMode: 'update', version: imp.version })).status).toBe(409);
    const missing = await client.post(`/api/v1/imports/${imp.id}/start`, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'required_fields_unmapped' });
    expect(missing.body.detail).toContain('Name');

    const fixed = await client.patch(`/api/v1/imports/${imp.id}`, { mapping: { Company: 'name', Kind: 'type', Homepage: 'website' }, version: unmapped.body.version });
    expect(fixed.body.mapping).toEqual({ Company: 'name', Kind: 'type', Homepage: 'website' });
    const done = await runToEnd(client, imp.id);
    expect(done.counts.created).toBe(1);
    const [org] = await sql('select name, type, website from organizations where workspace_id = (select workspace_id from imports where id = $1)', [imp.id]);
    expect(org).toEqual({ name: 'Peyvand', type: 'customer', website: 'https://peyvand.example' });
  });
});

describe('duplicates', () => {
  it('skip, update and create: same email or phone is the same person', async () => {
    const { client, workspace } = await signUp(server.url);
    await runToEnd(client, (await upload(client, 'person', 'نام,نام خانوادگی,ایمیل,موبایل,سمت\nعلی,رضایی,ali@example.com,09121234567,کارشناس\n')).import.id);
    const again = 'نام,نام خانوادگی,ایمیل,موبایل,سمت\nعلي,رضايي,ALI@example.com,09351112233,مدیر\nرضا,نوری,,۰۹۱۲۱۲۳۴۵۶۷,\n';

    const skip = await upload(client, 'person', again);
    expect(skip.import.duplicateMode).toBe('skip');
    expect((await runToEnd(client, skip.import.id)).counts).toEqual({ created: 0, updated: 0, skipped: 2, errors: 0 });
    expect(await count('people', workspace.id)).toBe(1);

    const update = await upload(client, 'person', again);
    await client.patch(`/api/v1/imports/${update.import.id}`, { duplicateMode: 'update', version: update.import.version });
    expect((await runToEnd(client, update.import.id)).counts).toEqual({ created: 0, updated: 2, skipped: 0, errors: 0 });
    const [person] = await peopleOf(workspace.id);
    expect(person.job_title).toBe('مدیر');
    expect(person.phones.map((p: any) => p.value)).toEqual(['+989121234567', '+989351112233']);
    expect(person.emails.map((e: any) => e.value)).toEqual(['ali@example.com']);
    expect(person.first_name).toBe('رضا'); // the second row matched the same person by phone and renamed them

    const create = await upload(client, 'person', again);
    await client.patch(`/api/v1/imports/${create.import.id}`, { duplicateMode: 'create', version: create.import.version });
    expect((await runToEnd(client, create.import.id)).counts).toEqual({ created: 2, updated: 0, skipped: 0, errors: 0 });
    expect(await count('people', workspace.id)).toBe(3);
  });

  it('rows repeating inside one file find each other; the same name at the same organisation is a duplicate', async () => {
    const { client, workspace } = await signUp(server.url);
    const csv = [
      'نام,نام خانوادگی,ایمیل,شرکت',
      'مینا,صادقی,mina@example.com,پیوند',
      'مینا,صادقی,mina@example.com,پیوند',
      'مينا,صادقي,,پيوند',
      'مینا,صادقی,,شرکت دیگر',
    ].join('\n');
    const done = await runToEnd(client, (await upload(client, 'person', csv)).import.id);
    expect(done.counts).toEqual({ created: 2, updated: 0, skipped: 2, errors: 0 });
    expect(await count('people', workspace.id)).toBe(2);
  });
});

describe('a run that dies half way', () => {
  const bigCsv = (n: number) => ['نام,نام خانوادگی,ایمیل', ...Array.from({ length: n }, (_, i) => `نفر,${i + 1},person${i + 1}@example.com`)].join('\r\n');

  it('resumes after the last committed batch: no row lost, none twice', async () => {
    const { client, workspace, user } = await signUp(server.url);
    const rows = 230; // batches of 20: the last one is partial
    const { import: imp } = await upload(client, 'person', bigCsv(rows));
    expect(imp.totalRows).toBe(rows);
    // Queued by hand, so this test drives the runs itself instead of the worker.
    await sql(`update imports set status = 'queued' where id = $1`, [imp.id]);
    const data = { importId: imp.id, workspaceId: workspace.id, actor: { type: 'user' as const, id: user.id, name: 'test' }, locale: 'fa' as const };
    const crash = (at: number, when: 'beforeCommit' | 'afterCommit') => ({
      batchSize: 20,
      faults: {
        [when]: (batch: number) => {
          if (batch === at) throw new Error(`crash in batch ${batch}`);
        },
      },
    });

    // Dies inside batch 4: batches 1–3 are committed, batch 4 is rolled back with its counts.
    await expect(importsService().run(data, crash(4, 'beforeCommit'))).rejects.toThrow('crash in batch 4');
    expect(await count('people', workspace.id)).toBe(60);
    expect((await client.get(`/api/v1/imports/${imp.id}`)).body).toMatchObject({ status: 'running', committedRows: 60, progress: 26, counts: { created: 60 } });

    // Dies right after committing its 2nd batch.
    await expect(importsService().run(data, crash(2, 'afterCommit'))).rejects.toThrow('crash in batch 2');
    expect(await count('people', workspace.id)).toBe(100);

    // Two runners at once (a retried job and a slow first one): only one applies each batch.
    await Promise.all([importsService().run(data, { batchSize: 20 }), importsService().run(data, { batchSize: 20 })]);
    const done = (await client.get(`/api/v1/imports/${imp.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', committedRows: rows, totalRows: rows, counts: { created: rows, updated: 0, skipped: 0, errors: 0 } });
    expect(await count('people', workspace.id)).toBe(rows);
    const [distinct] = await sql(`select count(distinct emails->0->>'value')::int as n from people where workspace_id = $1`, [workspace.id]);
    expect(distinct.n).toBe(rows);
    const [lastNames] = await sql(`select min(last_name::int)::int as lo, max(last_name::int)::int as hi from people where workspace_id = $1`, [workspace.id]);
    expect(lastNames).toEqual({ lo: 1, hi: rows });
  });

  it('a long run hands over to a fresh job (queued in its last batch) and the worker finishes it exactly', async () => {
    const { client, workspace, user } = await signUp(server.url);
    const { import: imp } = await upload(client, 'person', bigCsv(45));
    await sql(`update imports set status = 'queued' where id = $1`, [imp.id]);
    const data = { importId: imp.id, workspaceId: workspace.id, actor: { type: 'user' as const, id: user.id, name: 'test' }, locale: 'fa' as const };
    expect(await importsService().run(data, { batchSize: 10, timeSliceMs: 0 })).toBe('continued');
    expect(await count('people', workspace.id)).toBe(10);
    const done = await settled(client, imp.id);
    expect(done).toMatchObject({ status: 'completed', committedRows: 45, counts: { created: 45 } });
    expect(await count('people', workspace.id)).toBe(45);
  });

  it('cancel stops a waiting import; its file is removed and it cannot start', async () => {
    const { client } = await signUp(server.url);
    const { import: imp } = await upload(client, 'person', bigCsv(3));
    const cancelled = await client.post(`/api/v1/imports/${imp.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect((await client.post(`/api/v1/imports/${imp.id}/cancel`, {})).body.code).toBe('import_not_cancellable');
    expect((await client.post(`/api/v1/imports/${imp.id}/start`, {})).body.code).toBe('import_not_startable');
  });
});

describe('export', () => {
  it('streams CSV with a BOM, headers in the caller language, Jalali dates in fa; it imports back into another workspace unchanged', async () => {
    const a = await signUp(server.url);
    await runToEnd(a.client, (await upload(a.client, 'person', await fixture('people-excel-fa.csv'))).import.id);

    const file = await download(a.client, '/api/v1/exports/people.csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(file.headers.get('content-disposition')).toContain('people.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]!.startsWith('نام,نام خانوادگی,نام (لاتین)')).toBe(true);
    expect(text).toContain('1365/04/21'); // Jalali, Latin digits
    expect(text).toContain('"خیابان ولیعصر، کوچه ۱۲\nپلاک ۴"');

    const en = await download(inEnglish(a.client), '/api/v1/exports/people.csv?columns=lastName,birthday');
    const enLines = en.bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(enLines[0]).toBe('Last name,Birthday');
    expect(enLines).toContain('رضایی,1986-07-12');
    expect((await a.client.get('/api/v1/exports/people.csv?columns=lastName,shoeSize')).body.code).toBe('unknown_column');

    const b = await signUp(server.url);
    const { import: imp, preview } = await upload(b.client, 'person', file.bytes, 'people.csv');
    expect(Object.keys(preview.mapping)).toHaveLength(preview.header.length); // every exported column maps itself
    expect((await runToEnd(b.client, imp.id)).counts).toEqual({ created: 4, updated: 0, skipped: 0, errors: 0 });
    const strip = (rows: any[]) =>
      rows.map((r) => ({ ...r, emails: r.emails.map((e: any) => e.value), phones: r.phones.map((p: any) => p.value) }));
    expect(strip(await peopleOf(b.workspace.id))).toEqual(strip(await peopleOf(a.workspace.id)));
  });

  it('filters with the list filter language; needs records.export', async () => {
    const { client, workspace } = await signUp(server.url, { locale: 'en' });
    await runToEnd(client, (await upload(client, 'person', await fixture('people-comma.csv'))).import.id);
    const filter = encodeURIComponent(JSON.stringify({ op: 'and', conditions: [{ field: 'lastName', op: 'eq', value: 'Karimi' }] }));
    const filtered = await download(client, `/api/v1/exports/people.csv?filter=${filter}&columns=firstName`);
    expect(filtered.bytes.toString('utf8').slice(1).trim().split('\r\n')).toEqual(['First name', 'Reza']);

    const [view] = await sql(
      `insert into saved_views (workspace_id, entity_type, name, visibility, filter) values ($1, 'person', 'Sadeghi', 'shared', $2) returning id`,
      [workspace.id, JSON.stringify({ op: 'and', conditions: [{ field: 'lastName', op: 'eq', value: 'Sadeghi' }] })],
    );
    const viewed = await download(client, `/api/v1/exports/people.csv?view=${view.id}&columns=firstName`);
    expect(viewed.bytes.toString('utf8').slice(1).trim().split('\r\n')).toEqual(['First name', 'Neda']);
    const other = await signUp(server.url);
    expect((await download(other.client, `/api/v1/exports/people.csv?view=${view.id}`)).status).toBe(404);
    const badFilter = await client.get(`/api/v1/exports/people.csv?filter=${encodeURIComponent('{"op":"and","conditions":[{"field":"shoeSize","op":"eq","value":1}]}')}`);
    expect(badFilter.status).toBe(400);

    await sql(`update roles set permissions = array_remove(permissions, 'records.export') where workspace_id = $1`, [workspace.id]);
    expect((await download(client, '/api/v1/exports/people.csv')).status).toBe(403);
    expect((await download(client, '/api/v1/exports/people.vcf')).status).toBe(403);
  });

  it('organisations and leads export and import back too', async () => {
    const { client, workspace } = await signUp(server.url);
    const orgs = 'نام سازمان,نوع,شناسه ملی,تلفن\nپیوند,مشتری,10100302030,021-88776655\nبی‌نام,رقیب,۱۲۳,\n';
    const orgImport = await runToEnd(client, (await upload(client, 'organization', orgs)).import.id);
    expect(orgImport.counts).toMatchObject({ created: 1, errors: 1 });
    expect((await allErrors(client, orgImport.id))[0]).toMatchObject({ rowNumber: 3, field: 'nationalId', code: 'invalid_national_id' });

    const leads = 'نام,نام خانوادگی,ایمیل,موبایل,شرکت,وضعیت\nآرش,کمالی,arash@example.com,09120001122,پیوند,تماس گرفته شده\n';
    const leadImport = await runToEnd(client, (await upload(client, 'lead', leads)).import.id);
    expect(leadImport.counts).toMatchObject({ created: 1, errors: 0 });
    const [lead] = await sql('select first_name, phone, status, source from leads where workspace_id = $1', [workspace.id]);
    expect(lead).toEqual({ first_name: 'آرش', phone: '+989120001122', status: 'contacted', source: 'import' });

    const leadCsv = (await download(client, '/api/v1/exports/leads.csv')).bytes;
    const again = await runToEnd(client, (await upload(client, 'lead', leadCsv)).import.id);
    expect(again.counts).toMatchObject({ created: 0, skipped: 1, errors: 0 });
    const orgCsv = (await download(client, '/api/v1/exports/organizations.csv')).bytes;
    expect(orgCsv.toString('utf8')).toContain('پیوند,,مشتری');
    expect((await runToEnd(client, (await upload(client, 'organization', orgCsv)).import.id)).counts).toMatchObject({ created: 0, skipped: 1 });
  });
});

describe('vCard', () => {
  it('exports people as vCard 4.0 and 3.0, and the export imports back through the same engine', async () => {
    const a = await signUp(server.url);
    await runToEnd(a.client, (await upload(a.client, 'person', await fixture('people-excel-fa.csv'))).import.id);
    const v4 = await download(a.client, '/api/v1/exports/people.vcf');
    expect(v4.headers.get('content-type')).toContain('text/vcard');
    const text = v4.bytes.toString('utf8');
    expect(text.match(/BEGIN:VCARD/g)).toHaveLength(4);
    expect(text).toContain('TEL;VALUE=uri;TYPE=cell;PREF=1:tel:+989121234567');
    expect(text).toContain('BDAY:19860712');
    const cards = parseVcards(text);
    expect(cards.find((c) => c.n?.given === 'علی')).toMatchObject({ n: { family: 'رضایی' }, org: 'شرکت پیوند', title: 'مدیر فروش', bday: '1986-07-12' });
    const v3 = (await download(a.client, '/api/v1/exports/people.vcf?version=3.0')).bytes.toString('utf8');
    expect(v3).toContain('VERSION:3.0');
    expect(v3).toContain('TEL;TYPE=CELL,PREF:+989121234567');

    const b = await signUp(server.url);
    const imported = await rawPost(b.client, '/api/v1/imports/vcard?fileName=people.vcf', v4.bytes, 'text/vcard');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ status: 'completed', counts: { created: 4, errors: 0 } });
    const pick = (rows: any[]) => rows.map((r) => [r.first_name, r.last_name, r.birthday, r.job_title, r.org, r.phones.map((p: any) => p.value), r.emails.map((e: any) => e.value)]);
    expect(pick(await peopleOf(b.workspace.id))).toEqual(pick(await peopleOf(a.workspace.id)));

    const skipped = await rawPost(b.client, '/api/v1/imports/vcard', v4.bytes, 'text/vcard');
    expect(skipped.body.counts).toEqual({ created: 0, updated: 0, skipped: 4, errors: 0 });
  });

  it('reads an Android export (vCard 2.1, quoted-printable Persian names); dry run changes nothing', async () => {
    const { client, workspace } = await signUp(server.url);
    const vcf = await fixture('contacts-android.vcf');
    const dry = await rawPost(client, '/api/v1/imports/vcard?dryRun=true', vcf, 'text/x-vcard');
    expect(dry.body).toMatchObject({ dryRun: true, counts: { created: 2 } });
    expect(await count('people', workspace.id)).toBe(0);
    const real = await rawPost(client, '/api/v1/imports/vcard', vcf, 'text/x-vcard');
    expect(real.body.counts).toMatchObject({ created: 2, errors: 0 });
    const zahra = (await peopleOf(workspace.id)).find((p: any) => p.first_name === 'زهرا');
    expect(zahra.last_name).toBe('کریمی');
    expect(zahra.phones.map((p: any) => p.value)).toEqual(['+989123334455', '+982188776655']);
    expect((await rawPost(client, '/api/v1/imports/vcard', 'not a vcard', 'text/vcard')).body.code).toBe('invalid_vcard');
  });
});

describe('permissions and workspace isolation', () => {
  it("another workspace cannot read, start, cancel or list an import; records.import is required", async () => {
    const a = await signUp(server.url);
    const { import: imp } = await upload(a.client, 'person', 'نام\nعلی\n');
    const b = await signUp(server.url);
    for (const response of [
      await b.client.get(`/api/v1/imports/${imp.id}`),
      await b.client.get(`/api/v1/imports/${imp.id}/errors`),
      await b.client.get(`/api/v1/imports/${imp.id}/preview`),
      await b.client.patch(`/api/v1/imports/${imp.id}`, { duplicateMode: 'update', version: imp.version }),
      await b.client.post(`/api/v1/imports/${imp.id}/start`, {}),
      await b.client.post(`/api/v1/imports/${imp.id}/dry-run`, {}),
      await b.client.post(`/api/v1/imports/${imp.id}/cancel`, {}),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('import_not_found');
    }
    expect((await b.client.get('/api/v1/imports')).body.items).toEqual([]);
    const listed = await a.client.get('/api/v1/imports?limit=1');
    expect(listed.body.items.map((i: any) => i.id)).toEqual([imp.id]);
    expect((await sql('select status from imports where id = $1', [imp.id]))[0].status).toBe('uploaded');

    await sql(`update roles set permissions = array_remove(permissions, 'records.import') where workspace_id = $1`, [a.workspace.id]);
    expect((await a.client.get('/api/v1/imports')).status).toBe(403);
    expect((await rawPost(a.client, '/api/v1/imports?entityType=person', 'نام\nعلی\n')).status).toBe(403);
    expect((await a.client.post(`/api/v1/imports/${imp.id}/start`, {})).status).toBe(403);
  });
});
