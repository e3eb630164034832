import { sql, TransactionRollbackError, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Engine } from '../../kernel/db/database.ts';
import { people } from '../people/people.schema.ts';
import { parseSearchQuery } from './search.query.ts';
import { buildSearchSql, searchRepository } from './search.repository.ts';
import { createSearchService, type SearchService } from './search.service.ts';
import { adminContext, insertLead, insertOrganization, insertPerson, insertWorkspace, openMigrated } from './search.test-support.ts';
import type { SearchResult } from './search.types.ts';

const engines: Engine[] = ['pglite', 'postgres'];

describe.each(engines)('global search on %s', (engine) => {
  let database: Database;
  let close: () => Promise<void>;
  let service: SearchService;
  let ws: string;
  let otherWs: string;
  const ids = {} as Record<'org' | 'ali' | 'karimi' | 'ahmadi' | 'alireza' | 'mohammadali' | 'deleted' | 'merged' | 'lead' | 'elsewhere', string>;

  const search = (q: string, options: { types?: Array<'person' | 'organization' | 'lead'>; limit?: number; workspaceId?: string } = {}) =>
    service.search(adminContext(options.workspaceId ?? ws), { q, limit: options.limit ?? 20, types: options.types });
  const idsOf = (results: SearchResult[]) => results.map((r) => r.id);

  beforeAll(async () => {
    ({ database, close } = await openMigrated(engine));
    const db = database.db;
    service = createSearchService({ db });
    ws = await insertWorkspace(db);
    otherWs = await insertWorkspace(db, 'دیگری');
    ids.org = await insertOrganization(db, ws, { name: 'شرکت پیوند نوین', nameLatin: 'Peyvand Novin', emails: ['info@peyvand.ir'], phones: ['021-88776655'] });
    ids.ali = await insertPerson(db, ws, {
      firstName: 'علی',
      lastName: 'رضایی',
      firstNameLatin: 'Ali',
      lastNameLatin: 'Rezaei',
      emails: ['Ali.Rezaei@example.com'],
      phones: ['09121234567'],
      organizationIds: [ids.org],
    });
    ids.karimi = await insertPerson(db, ws, { firstName: 'محمدرضا', lastName: 'کریمی', firstNameLatin: 'Mohammad', lastNameLatin: 'Karimi', phones: ['+98 935 111 2233'] });
    ids.ahmadi = await insertPerson(db, ws, { firstName: 'محمد رضا', lastName: 'احمدی' });
    ids.alireza = await insertPerson(db, ws, { firstName: 'علیرضا', lastName: 'نوری' });
    ids.mohammadali = await insertPerson(db, ws, { firstName: 'محمدعلی', lastName: 'صادقی' });
    ids.deleted = await insertPerson(db, ws, { firstName: 'علی', lastName: 'حذفی', phones: ['09127654321'], deleted: true });
    ids.merged = await insertPerson(db, ws, { firstName: 'علی', lastName: 'ادغامی', emails: ['merged@example.com'] });
    await db.execute(sql`UPDATE people SET merged_into_id = ${ids.ali}, deleted_at = now() WHERE id = ${ids.merged}`);
    ids.lead = await insertLead(db, ws, { firstName: 'سارا', lastName: 'محمدی', companyName: 'کافه می‌شود', phone: '0912 555 6677', email: 'sara@cafe.ir' });
    ids.elsewhere = await insertPerson(db, otherWs, { firstName: 'علی', lastName: 'رضایی', phones: ['09121234567'] });
  }, 120_000);

  afterAll(async () => {
    await close?.();
  });

  it('finds «علی» when typed with the Arabic yeh «علي», never in another workspace', async () => {
    const results = await search('علي', { types: ['person'] });
    const ali = results.find((r) => r.id === ids.ali);
    expect(ali).toMatchObject({ type: 'person', title: 'علی رضایی', subtitle: 'شرکت پیوند نوین', matchedOn: 'name', score: 0.95 });
    expect(idsOf(results)).not.toContain(ids.elsewhere);
    expect(idsOf(await search('علي', { workspaceId: otherWs }))).toEqual([ids.elsewhere]);
  });

  it('ranks a whole name part before a prefix before a substring', async () => {
    const results = await search('علی', { types: ['person'] });
    expect(idsOf(results).slice(0, 3)).toEqual([ids.ali, ids.alireza, ids.mohammadali]);
    expect(results.map((r) => r.score).slice(0, 3)).toEqual([0.95, 0.85, 0.7]);
  });

  it('never returns deleted or merged records', async () => {
    const all = idsOf(await search('علی'));
    expect(all).not.toContain(ids.deleted);
    expect(all).not.toContain(ids.merged);
    expect(await search('09127654321')).toEqual([]);
    expect(await search('merged@example.com')).toEqual([]);
  });

  it('matches ZWNJ and spacing variants: «میشود» and «می شود» find «کافه می‌شود»', async () => {
    for (const q of ['میشود', 'می شود', 'مي‌شود']) {
      const [lead] = await search(q);
      expect(lead, q).toMatchObject({ type: 'lead', id: ids.lead, title: 'سارا محمدی', subtitle: 'کافه می‌شود', matchedOn: 'company' });
    }
  });

  it('treats «محمدرضا» and «محمد رضا» as the same name', async () => {
    for (const q of ['محمدرضا', 'محمد رضا', 'محمد‌رضا']) {
      expect(idsOf(await search(q, { types: ['person'] })).slice(0, 2).sort(), q).toEqual([ids.karimi, ids.ahmadi].sort());
    }
  });

  it('finds a phone number written in any format and digit set, exactly', async () => {
    for (const q of ['۰۹۱۲ ۱۲۳ ۴۵۶۷', '+98 912 123 4567', '00989121234567', '9121234567', '0912-123-4567', '٠٩١٢١٢٣٤٥٦٧']) {
      const results = await search(q);
      expect(results[0], q).toMatchObject({ id: ids.ali, score: 1, matchedOn: 'phone' });
      expect(idsOf(results), q).not.toContain(ids.elsewhere);
    }
  });

  it('finds partial numbers of four digits or more inside the phones', async () => {
    expect(await search('۱۲۳۴۵')).toEqual([expect.objectContaining({ id: ids.ali, matchedOn: 'phone' })]);
    expect(await search('0912 555')).toEqual([expect.objectContaining({ id: ids.lead, type: 'lead', matchedOn: 'phone' })]);
    expect(await search('8877')).toEqual([expect.objectContaining({ id: ids.org, type: 'organization', matchedOn: 'phone' })]);
    expect(await search('123')).toEqual([]);
  });

  it('finds by email, whole (exact) or partial', async () => {
    expect((await search('ALI.REZAEI@example.com'))[0]).toMatchObject({ id: ids.ali, score: 1, matchedOn: 'email' });
    expect((await search('rezaei@exa'))[0]).toMatchObject({ id: ids.ali, matchedOn: 'email' });
  });

  it('finds an organisation by name and its people by company', async () => {
    const results = await search('پیوند');
    expect(results[0]).toMatchObject({ type: 'organization', id: ids.org, title: 'شرکت پیوند نوین', matchedOn: 'name' });
    expect(results.find((r) => r.id === ids.ali)).toMatchObject({ type: 'person', matchedOn: 'company' });
    expect((await search('peyvand novin'))[0]).toMatchObject({ id: ids.org, matchedOn: 'name' });
    expect((await search('peyvand novin')).find((r) => r.id === ids.ali)).toMatchObject({ matchedOn: 'company', score: 0.6 });
  });

  it('tolerates typos through trigram similarity, ranked after exact and prefix matches', async () => {
    const [karimi] = await search('Mohamad');
    expect(karimi).toMatchObject({ id: ids.karimi, matchedOn: 'name' });
    expect(karimi!.score).toBeLessThan(0.7);
    expect(karimi!.score).toBeGreaterThan(0.3);
    expect((await search('Mohammad'))[0]).toMatchObject({ id: ids.karimi, score: 0.95 });
    expect((await search('محمد کریمی'))[0]).toMatchObject({ id: ids.karimi });
    expect((await search('Mohamed Karimy'))[0]).toMatchObject({ id: ids.karimi });
  });

  it('filters by type and honours the limit', async () => {
    expect(new Set((await search('علی', { types: ['lead', 'organization'] })).map((r) => r.type))).toEqual(new Set());
    expect(await search('علی', { limit: 2 })).toHaveLength(2);
  });

  it('requires records.read', async () => {
    await expect(service.search(adminContext(ws, []), { q: 'علی', limit: 5 })).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('sets the word-similarity threshold for the transaction only', async () => {
    const query = parseSearchQuery('Mohamad');
    const run = (threshold: number) =>
      database.db.transaction(async (tx) => {
        await searchRepository.setWordSimilarityThreshold(tx, threshold);
        return searchRepository.search(tx, ws, 'person', query, 'fuzzy', { pool: 50, limit: 10 });
      });
    expect((await run(0.5)).map((r) => r.id)).toContain(ids.karimi);
    expect((await run(0.9)).map((r) => r.id)).not.toContain(ids.karimi);
    const [{ setting }] = (await database.executeSql("SELECT current_setting('pg_trgm.word_similarity_threshold', true) AS setting")).rows;
    expect(setting === null || setting === '' || Number(setting) === 0.6).toBe(true);
    // The fuzzy stage's "no sequential scan" ends with its transaction too.
    expect((await database.executeSql("SELECT current_setting('enable_seqscan') AS setting")).rows[0].setting).toBe('on');
  });

  it('keeps the people table untouched by a search', async () => {
    const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(people)) as [{ n: number }];
    await search('علی');
    const [{ n: after }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(people)) as [{ n: number }];
    expect(after).toBe(n);
  });
});

describe.each(engines)('search plans on %s', (engine) => {
  let database: Database;
  let close: () => Promise<void>;
  let ws: string;

  beforeAll(async () => {
    ({ database, close } = await openMigrated(engine));
    ws = await insertWorkspace(database.db);
    // Enough rows that the planner prices a sequential scan honestly (the keys are random, like names are).
    await database.executeSql(
      `INSERT INTO people (workspace_id, first_name, last_name, search_key)
       SELECT $1, 'n' || g, 'm' || g, md5(g::text) || '|' || md5((g * 7)::text) || '|+98912' || lpad(g::text, 7, '0')
       FROM generate_series(1, 30000) g`,
      [ws],
    );
    await database.executeSql(
      `INSERT INTO organizations (workspace_id, name, search_key) SELECT $1, 'o' || g, md5((g * 3)::text) FROM generate_series(1, 5000) g`,
      [ws],
    );
    await insertPerson(database.db, ws, { firstName: 'علی', lastName: 'رضایی', firstNameLatin: 'Ali', lastNameLatin: 'Rezaei', emails: ['ali.rezaei@example.com'], phones: ['09121234567'] });
    for (const table of ['people', 'organizations', 'contact_points', 'person_organizations']) await database.executeSql(`ANALYZE ${table}`);
  }, 180_000);

  afterAll(async () => {
    await close?.();
  });

  it('answers every search condition from the trigram index, never a sequential scan of people', async () => {
    for (const q of ['علی رضایی', 'Mohamad Rezai', '۰۹۱۲۱۲۳', '09121234567', 'ali.rezaei@example.com', 'عل', 'پیوند']) {
      const query = parseSearchQuery(q);
      for (const stage of ['contact', 'text', 'fuzzy'] as const) {
        const statement = buildSearchSql(ws, 'person', query, stage, { pool: 500, limit: 20 });
        if (!statement) continue;
        const plan = await explainWithTrigramIndexOnly(statement);
        expect(plan, `${q} (${stage})\n${plan}`).not.toMatch(/Seq Scan on (people|organizations)/);
        if (stage === 'text' || (stage === 'fuzzy' && query.fuzzy)) expect(plan, `${q} (${stage})\n${plan}`).toContain('people_search_trgm_idx');
      }
    }
  });

  /**
   * At 30k rows the planner may still prefer walking the workspace's btree index, and with a
   * common name a sequential scan that stops at the LIMIT (both right at that size; at 1M rows it
   * picks the trigram index for anything selective). To prove every condition CAN be answered by
   * the trigram index, the plan is taken with sequential scans disabled and the other people
   * indexes dropped inside a transaction that is rolled back.
   */
  async function explainWithTrigramIndexOnly(statement: SQL): Promise<string> {
    let plan = '';
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        await tx.execute(sql`DROP INDEX people_keyset_idx`);
        await tx.execute(sql`DROP INDEX people_owner_idx`);
        await tx.execute(sql`DROP INDEX people_last_name_sort_idx`);
        await tx.execute(sql`DROP INDEX organizations_keyset_idx`);
        await tx.execute(sql`DROP INDEX organizations_owner_idx`);
        await searchRepository.setWordSimilarityThreshold(tx, 0.5);
        const result = (await tx.execute(sql`EXPLAIN ${statement}`)) as unknown as { rows: Record<string, string>[] };
        plan = result.rows.map((r) => Object.values(r)[0]).join('\n');
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    return plan;
  }
});
