import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#server/kernel/http/context.ts';
import { createExportFilterResolver, createExportsService, leadExporter, personExporter } from '#server/modules/imports/index.ts';
import { loadLeadsCatalog } from '#server/modules/leads/index.ts';
import { PERMISSIONS } from '#server/modules/members/members.permissions.ts';
import { loadPeopleCatalog } from '#server/modules/people/index.ts';
import { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

/*
 * An export holds exactly the rows of the list it was asked from, in the list's order (quick
 * search, sort, filters, tag, owner, trash), and speaks the caller's language: headers and labels
 * in `lang` (or the caller's), dates in the caller's calendar.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { sql, admin } = testAccounts(() => server);

async function download(client: ApiClient, path: string, headers: Record<string, string> = {}) {
  const all: Record<string, string> = { ...headers, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (client.options.locale && !headers['accept-language']) all['accept-language'] = client.options.locale;
  const response = await fetch(server.url + path, { headers: all });
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  return { status: response.status, text, json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

/** The CSV without its BOM, as rows of cells (header first). */
function csvRows(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text.slice(1), { relax_column_count: true }) as string[][];
}

/** Every item of a list, page by page, in its order. */
async function listAll(client: ApiClient, list: string, query: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await client.get(`/api/v1/${list}?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

const emailOf = (p: { emails: Array<{ value: string }> }) => p.emails[0]?.value ?? '';

async function peopleWorkspace(locale: 'fa' | 'en' = 'en') {
  const account = await admin(locale);
  const { client } = account;
  const tag = (await client.post('/api/v1/tags', { name: 'VIP' })).body;
  const rows: Array<{ firstName: string; lastName: string; jobTitle?: string; birthday?: string; vip?: boolean }> = [
    { firstName: 'علی', lastName: 'رضایی', jobTitle: 'مدیر فروش', birthday: '1986-07-12', vip: true },
    { firstName: 'Ali', lastName: 'Karimi', jobTitle: 'Analyst' },
    { firstName: 'علی', lastName: 'محمدی' },
    { firstName: 'سارا', lastName: 'علیزاده', jobTitle: 'مدیر فروش', vip: true },
    { firstName: 'Zahra', lastName: 'Alavi', jobTitle: 'Analyst', birthday: '2000-03-20' },
    { firstName: 'رضا', lastName: 'احمدی', jobTitle: 'کارشناس', vip: true },
    { firstName: 'علیرضا', lastName: 'نوری' },
  ];
  const ids: string[] = [];
  for (const [index, row] of rows.entries()) {
    const created = await client.post('/api/v1/people', {
      firstName: row.firstName,
      lastName: row.lastName,
      emails: [{ value: `p${index}@example.com` }],
      ...(row.jobTitle ? { jobTitle: row.jobTitle } : {}),
      ...(row.birthday ? { birthday: row.birthday } : {}),
      ...(row.vip ? { tags: [tag.id] } : {}),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.push(created.body.id);
  }
  return { ...account, tag, ids };
}

describe('exports follow the list', () => {
  it('quick search and sort: exactly the rows of the list, in the same order, for every sort tried', async () => {
    const { client, tag } = await peopleWorkspace();
    const cases = [
      'q=' + encodeURIComponent('علي'), // Arabic yeh finds علی, علیرضا, علیزاده
      'q=' + encodeURIComponent('علی') + '&sort=jobTitle:asc',
      'q=' + encodeURIComponent('ali') + '&sort=jobTitle:desc',
      'sort=lastName:asc',
      'sort=birthday:desc',
      'sort=firstName:desc&tag=' + tag.id,
      `filter=${encodeURIComponent(JSON.stringify({ op: 'and', conditions: [{ field: 'jobTitle', op: 'is_not_empty' }] }))}&sort=jobTitle:asc`,
      '',
    ];
    for (const query of cases) {
      const listed = (await listAll(client, 'people', query)).map(emailOf);
      expect(listed.length, query).toBeGreaterThan(0);
      const file = await download(client, `/api/v1/exports/people.csv?columns=email,lastName&${query}`);
      expect(file.status, query).toBe(200);
      const [header, ...rows] = csvRows(file.text);
      expect(header).toEqual(['Email', 'Last name']);
      expect(rows.map((r) => r[0]), query).toEqual(listed);
      // vCards hold the same people in the same order.
      const cards = await download(client, `/api/v1/exports/people.vcf?${query}`);
      expect([...cards.text.matchAll(/EMAIL[^:]*:(.+)/g)].map((m) => m[1]!.trim()), query).toEqual(listed);
    }
    // علی رضایی, علی محمدی, سارا علیزاده, علیرضا نوری
    expect(await listAll(client, 'people', 'q=' + encodeURIComponent('علي'))).toHaveLength(4);
  });

  it('a saved view with its sort, the trash and the owner filter are honoured too; bad parameters are 400', async () => {
    const { client, workspace, ids } = await peopleWorkspace();
    const view = await client.post('/api/v1/views', {
      entityType: 'person',
      name: 'analysts',
      filter: { op: 'and', conditions: [{ field: 'jobTitle', op: 'eq', value: 'analyst' }] },
      sort: [{ field: 'firstName', direction: 'desc' }],
    });
    expect(view.status).toBe(201);
    const viewed = csvRows((await download(client, `/api/v1/exports/people.csv?columns=firstName&view=${view.body.id}`)).text);
    expect(viewed.slice(1).map((r) => r[0])).toEqual(['Zahra', 'Ali']);
    const resorted = csvRows((await download(client, `/api/v1/exports/people.csv?columns=firstName&view=${view.body.id}&sort=firstName:asc`)).text);
    expect(resorted.slice(1).map((r) => r[0])).toEqual(['Ali', 'Zahra']);

    expect((await client.delete(`/api/v1/people/${ids[2]}`)).status).toBe(204);
    const trash = csvRows((await download(client, '/api/v1/exports/people.csv?columns=email&deleted=true')).text);
    expect(trash.slice(1)).toEqual([['p2@example.com']]);
    const live = csvRows((await download(client, '/api/v1/exports/people.csv?columns=email')).text);
    expect(live.slice(1).map((r) => r[0])).not.toContain('p2@example.com');
    expect(live).toHaveLength(1 + 6);

    await sql('update people set owner_id = null where id = $1', [ids[0]]);
    const mine = csvRows((await download(client, '/api/v1/exports/people.csv?columns=email&ownerId=me')).text);
    expect(mine.slice(1).map((r) => r[0])).toEqual((await listAll(client, 'people', 'ownerId=me')).map(emailOf));
    expect(mine).toHaveLength(1 + 5);

    for (const bad of ['sort=emails:asc', 'sort=shoeSize:asc', 'filter=%7Bnot-json', `view=${workspace.id}`, 'deleted=maybe']) {
      const refused = await download(client, `/api/v1/exports/people.csv?${bad}`);
      expect(refused.status, bad).toBe(bad.startsWith('view') ? 404 : 400);
    }
  });

  it('leads export with status, quick search and sort like the leads list', async () => {
    const { client } = await admin();
    for (const [index, [firstName, companyName, status]] of [
      ['Arash', 'Acme', 'new'],
      ['Bita', null, 'contacted'],
      ['Cyrus', 'Acme', 'contacted'],
      ['Dara', 'Beta', 'new'],
      ['Elham', null, 'new'],
    ].entries()) {
      const lead = await client.post('/api/v1/leads', { firstName, lastName: 'Lead', email: `l${index}@example.com`, ...(companyName ? { companyName } : {}), status });
      expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    }
    for (const query of ['status=new&sort=companyName:asc', 'status=new,contacted&sort=companyName:desc', 'q=lead&sort=firstName:desc', 'sort=score:desc']) {
      const listed = (await listAll(client, 'leads', query)).map((l) => l.email);
      const rows = csvRows((await download(client, `/api/v1/exports/leads.csv?columns=email&${query}`)).text);
      expect(rows.slice(1).map((r) => r[0]), query).toEqual(listed);
    }
  });

  it('pages through the export in the list order with small pages, empty sort values included', async () => {
    const { client, workspace, ids } = await peopleWorkspace();
    // The service as app.ts wires it, but reading two rows per query.
    const exportsService = createExportsService({
      db: server.peyvand.database.db,
      pageSize: 2,
      filterResolver: createExportFilterResolver({ catalogs: { person: loadPeopleCatalog, lead: loadLeadsCatalog } }),
    });
    exportsService.registerAdapter(personExporter);
    exportsService.registerAdapter(leadExporter);
    const ctx = systemContext(workspace.id, PERMISSIONS, 'en');
    for (const sort of ['jobTitle:asc', 'jobTitle:desc', 'birthday:asc', 'birthday:desc', 'lastName:desc', undefined]) {
      const file = await exportsService.csv(ctx, 'person', { columns: 'email', ...(sort ? { sort } : {}) });
      let text = '';
      for await (const chunk of file.body) text += chunk;
      const emails = csvRows(text).slice(1).map((r) => r[0]);
      expect(emails, String(sort)).toEqual((await listAll(client, 'people', sort ? `sort=${sort}` : '')).map(emailOf));
      expect(new Set(emails).size).toBe(ids.length);
    }
  });
});

describe('export language and calendar', () => {
  it('fa headers with Jalali dates, en headers with Gregorian dates, by ?lang whatever Accept-Language says', async () => {
    const { client } = await peopleWorkspace('fa');
    const query = `columns=firstName,lastName,birthday&sort=birthday:desc`;

    const persian = csvRows((await download(client, `/api/v1/exports/people.csv?${query}&lang=fa`, { 'accept-language': 'en-US,en;q=0.9' })).text);
    expect(persian[0]).toEqual(['نام', 'نام خانوادگی', 'تاریخ تولد']);
    expect(persian[1]).toEqual(['Zahra', 'Alavi', '1379/01/01']);
    expect(persian[2]).toEqual(['علی', 'رضایی', '1365/04/21']);

    const english = csvRows((await download(client, `/api/v1/exports/people.csv?${query}&lang=en`, { 'accept-language': 'fa' })).text);
    expect(english[0]).toEqual(['First name', 'Last name', 'Birthday']);
    expect(english[1]).toEqual(['Zahra', 'Alavi', '2000-03-20']);
    expect(english[2]).toEqual(['علی', 'رضایی', '1986-07-12']);

    // Without ?lang: the caller's language; an explicit calendar wins.
    const byHeader = csvRows((await download(client, `/api/v1/exports/people.csv?${query}`, { 'accept-language': 'en' })).text);
    expect(byHeader[0]![0]).toBe('First name');
    const gregorianFa = csvRows((await download(client, `/api/v1/exports/people.csv?${query}&lang=fa&calendar=gregorian`)).text);
    expect(gregorianFa[0]![2]).toBe('تاریخ تولد');
    expect(gregorianFa[1]![2]).toBe('2000-03-20');
    expect((await download(client, `/api/v1/exports/people.csv?lang=de`)).status).toBe(400);
  });

  it("a user who chose the Gregorian calendar gets it in their own language; labels of choices follow the language", async () => {
    const { client, main } = await peopleWorkspace('fa');
    expect((await main.patch('/api/v1/me', { calendar: 'gregorian' })).status).toBe(200);
    const own = csvRows((await download(client, '/api/v1/exports/people.csv?columns=birthday&sort=birthday:desc&lang=fa')).text);
    expect(own[0]).toEqual(['تاریخ تولد']);
    expect(own[1]).toEqual(['2000-03-20']);

    await client.post('/api/v1/leads', { firstName: 'Arash', lastName: 'Lead', status: 'contacted' });
    const fa = csvRows((await download(client, '/api/v1/exports/leads.csv?columns=firstName,status&lang=fa', { 'accept-language': 'en' })).text);
    expect(fa).toEqual([['نام', 'وضعیت'], ['Arash', 'تماس گرفته شده']]);
    const en = csvRows((await download(client, '/api/v1/exports/leads.csv?columns=firstName,status&lang=en')).text);
    expect(en).toEqual([['First name', 'Status'], ['Arash', 'Contacted']]);
  });
});

describe('tags in exports', () => {
  it('the tags column holds each record\'s tag names, comma-joined as the import splits them', async () => {
    const { client } = await peopleWorkspace('en');
    const second = (await client.post('/api/v1/tags', { name: 'مشتری طلایی' })).body;
    const people = await listAll(client, 'people', 'sort=lastName:asc');
    const reza = people.find((p) => p.lastName === 'احمدی');
    expect((await client.post('/api/v1/people/bulk', { action: 'tag', ids: [reza.id], tagIds: [second.id] })).status).toBe(200);

    const file = await download(client, '/api/v1/exports/people.csv?columns=lastName,tags&sort=lastName:asc&lang=en');
    expect(file.status, file.text).toBe(200);
    const rows = csvRows(file.text);
    expect(rows[0]).toEqual(['Last name', 'Tags']);
    const byName = new Map(rows.slice(1).map(([name, tags]) => [name, tags]));
    expect(byName.get('احمدی')).toBe('VIP, مشتری طلایی');
    expect(byName.get('رضایی')).toBe('VIP');
    expect(byName.get('Karimi')).toBe('');
  });
});
