import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

/*
 * Keyset pages over non-default sorts: a nullable sort column with empty values and duplicates,
 * read two rows at a time in both directions, must give every row exactly once, in the order of
 * the whole list read at once, empty values last and ties broken by id in the sort's direction.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { admin } = testAccounts(() => server);

type Row = { id: string } & Record<string, unknown>;

/** Every page of a list, following nextCursor. */
async function allPages(client: ApiClient, list: string, query: string, limit: number): Promise<Row[]> {
  const items: Row[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: any = await client.get(`/api/v1/${list}?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the list never ended');
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Checks one sort of a list: paging by 2 (and by 3) gives exactly the rows of one big page, in
 * the same order; values are ordered by `compare`, empty ones last, ties by id.
 */
async function checkSort(client: ApiClient, list: string, field: string, value: (row: Row) => unknown, compare: (a: any, b: any) => number, expectedIds: string[]) {
  for (const direction of ['asc', 'desc'] as const) {
    const query = `sort=${field}:${direction}`;
    const whole = await allPages(client, list, query, 200);
    expect(whole.map((r) => r.id).sort()).toEqual([...expectedIds].sort());
    for (const limit of [2, 3]) {
      const paged = await allPages(client, list, query, limit);
      expect(paged.map((r) => r.id), `${list} ${query} limit ${limit}`).toEqual(whole.map((r) => r.id));
    }
    const sign = direction === 'asc' ? 1 : -1;
    const idOrder = (a: Row, b: Row) => sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const expected = [...whole].sort((a, b) => {
      const [va, vb] = [value(a), value(b)];
      if (isEmpty(va) || isEmpty(vb)) return isEmpty(va) && isEmpty(vb) ? idOrder(a, b) : isEmpty(va) ? 1 : -1;
      return sign * compare(va, vb) || idOrder(a, b);
    });
    expect(whole.map((r) => r.id), `${list} ${query}`).toEqual(expected.map((r) => r.id));
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: number, b: number) => a - b;

describe('keyset pages over nullable sorts with duplicates', () => {
  it('people by job title, birthday and a custom number: every row exactly once, empty values last, both directions', async () => {
    const { client } = await admin();
    expect((await client.post('/api/v1/custom-fields', { entityType: 'person', labelFa: 'امتیاز', labelEn: 'Points', type: 'number' })).status).toBe(201);
    const rows: Array<{ jobTitle?: string | null; birthday?: string; points?: number }> = [
      { jobTitle: 'analyst', birthday: '1990-05-01', points: 5 },
      { jobTitle: null, points: 5 },
      { jobTitle: 'manager', birthday: '1990-05-01' },
      { jobTitle: 'analyst', birthday: '1985-01-01', points: 1 },
      { jobTitle: '' },
      { jobTitle: 'manager', birthday: '1990-05-01', points: 5 },
      { jobTitle: null, birthday: '1985-01-01' },
      { jobTitle: 'analyst', points: 9 },
      { jobTitle: '   ' },
      { jobTitle: 'zebra', birthday: '2001-12-31', points: 1 },
      { jobTitle: null },
    ];
    const ids: string[] = [];
    for (const [index, row] of rows.entries()) {
      const created = await client.post('/api/v1/people', {
        firstName: `P${index}`,
        ...(row.jobTitle !== undefined ? { jobTitle: row.jobTitle } : {}),
        ...(row.birthday ? { birthday: row.birthday } : {}),
        ...(row.points !== undefined ? { custom: { points: row.points } } : {}),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.id);
    }
    await checkSort(client, 'people', 'jobTitle', (r) => r.jobTitle, byText, ids);
    await checkSort(client, 'people', 'birthday', (r) => r.birthday, byText, ids);
    await checkSort(client, 'people', 'custom.points', (r) => (r.custom as Record<string, unknown>).points, byNumber, ids);
  });

  it('organisations by industry and leads by company (nullable) and score (never null, many equal): the same guarantees', async () => {
    const { client } = await admin();
    const industries = ['food', null, 'food', 'steel', null, 'food', 'auto', null];
    const orgIds: string[] = [];
    for (const [index, industry] of industries.entries()) {
      orgIds.push((await client.post('/api/v1/organizations', { name: `Org ${index}`, ...(industry ? { industry } : {}) })).body.id);
    }
    await checkSort(client, 'organizations', 'industry', (r) => r.industry, byText, orgIds);

    const companies = ['Acme', null, 'Acme', 'Beta', null, 'Acme', null];
    const leadIds: string[] = [];
    for (const [index, companyName] of companies.entries()) {
      const lead = await client.post('/api/v1/leads', { firstName: `L${index}`, lastName: 'Test', ...(companyName ? { companyName } : {}) });
      expect(lead.status, JSON.stringify(lead.body)).toBe(201);
      leadIds.push(lead.body.id);
    }
    await checkSort(client, 'leads', 'companyName', (r) => r.companyName, byText, leadIds);
    await checkSort(client, 'leads', 'score', (r) => r.score, byNumber, leadIds);
  });

  it('sorts Persian text in alphabetical order across pages, with empty values last', async () => {
    const { client } = await admin();
    for (const jobTitle of ['مدیر', null, 'کارشناس', 'مدیر', 'پشتیبان', null, 'بازاریاب', 'كارشناس']) {
      await client.post('/api/v1/people', { firstName: 'X', ...(jobTitle ? { jobTitle } : {}) });
    }
    const titles = (await allPages(client, 'people', 'sort=jobTitle:asc', 2)).map((p) => p.jobTitle);
    expect(titles).toEqual(['بازاریاب', 'پشتیبان', expect.stringMatching(/^[كک]ارشناس$/), expect.stringMatching(/^[كک]ارشناس$/), 'مدیر', 'مدیر', null, null]);
    const reversed = (await allPages(client, 'people', 'sort=jobTitle:desc', 2)).map((p) => p.jobTitle);
    expect(reversed.slice(0, 2)).toEqual(['مدیر', 'مدیر']);
    expect(reversed.slice(-3)).toEqual(['بازاریاب', null, null]);
  });
});
