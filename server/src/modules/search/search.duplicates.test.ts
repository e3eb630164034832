import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Engine } from '../../kernel/db/database.ts';
import { findDuplicates } from './search.duplicates.ts';
import { createSearchService, type SearchService } from './search.service.ts';
import { adminContext, insertLead, insertOrganization, insertPerson, insertWorkspace, openMigrated } from './search.test-support.ts';
import type { DuplicateCandidate } from './search.types.ts';

const engines: Engine[] = ['pglite', 'postgres'];

const reasonsOf = (candidates: DuplicateCandidate[], id: string) => candidates.find((c) => c.id === id)?.reasons.map((r) => r.code) ?? [];

describe.each(engines)('duplicate detection on %s', (engine) => {
  let database: Database;
  let close: () => Promise<void>;
  let service: SearchService;
  let ws: string;
  let otherWs: string;
  const ids = {} as Record<'peyvand' | 'arya' | 'ali' | 'namesake' | 'deleted' | 'elsewhere' | 'lead' | 'zwnjOrg', string>;

  beforeAll(async () => {
    ({ database, close } = await openMigrated(engine));
    const db = database.db;
    service = createSearchService({ db });
    ws = await insertWorkspace(db);
    otherWs = await insertWorkspace(db, 'دیگری');
    ids.peyvand = await insertOrganization(db, ws, { name: 'شرکت پیوند نوین', nameLatin: 'Peyvand Novin', phones: ['021-88776655'] });
    ids.arya = await insertOrganization(db, ws, { name: 'آریا تجارت' });
    ids.ali = await insertPerson(db, ws, {
      firstName: 'علی',
      lastName: 'رضایی',
      firstNameLatin: 'Mohammad',
      lastNameLatin: 'Karimi',
      emails: ['Ali.Rezaei@example.com'],
      phones: ['09121234567'],
      organizationIds: [ids.peyvand],
    });
    ids.namesake = await insertPerson(db, ws, { firstName: 'علی', lastName: 'رضایی', organizationIds: [ids.arya] });
    ids.deleted = await insertPerson(db, ws, { firstName: 'سارا', lastName: 'حذفی', emails: ['gone@example.com'], deleted: true });
    ids.elsewhere = await insertPerson(db, otherWs, { firstName: 'علی', lastName: 'رضایی', emails: ['ali.rezaei@example.com'], phones: ['09121234567'] });
    ids.lead = await insertLead(db, ws, { firstName: 'سارا', lastName: 'محمدی', companyName: 'کافه می‌شود', email: 'sara@cafe.ir', phone: '09125556677' });
    ids.zwnjOrg = await insertOrganization(db, ws, { name: 'کتاب‌فروشی مي‌شود' });
  }, 120_000);

  afterAll(async () => {
    await close?.();
  });

  it('finds the same email, whatever its case, and the same phone in any format', async () => {
    const found = await findDuplicates(database.db, ws, 'person', { names: ['کسی دیگر'], emails: ['ALI.REZAEI@example.com'], phones: ['+98 912 123 4567'] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: ids.ali, entityType: 'person', title: 'علی رضایی', subtitle: 'شرکت پیوند نوین', score: 1 });
    expect(found[0]!.reasons).toEqual([
      { code: 'same_email', value: 'ali.rezaei@example.com' },
      { code: 'same_phone', value: '+989121234567' },
    ]);
  });

  it('finds the same normalised full name at the same organisation, not a namesake elsewhere', async () => {
    // Arabic yeh/kaf and hamza-yeh fold to the Persian letters; ZWNJ and spaces do not matter.
    const found = await findDuplicates(database.db, ws, 'person', { names: ['علي رضائي'], organizationName: 'شركت پيوند  نوين' });
    expect(found.map((c) => c.id)).toEqual([ids.ali]);
    expect(found[0]!.reasons).toEqual([{ code: 'same_name_same_organization', value: 'شرکت پیوند نوین' }]);
    expect(await findDuplicates(database.db, ws, 'person', { names: ['علی رضایی'] })).toEqual([]);
    const byId = await findDuplicates(database.db, ws, 'person', { names: ['علی رضایی'], organizationIds: [ids.arya] });
    expect(byId.map((c) => c.id)).toEqual([ids.namesake]);
  });

  it('finds a very similar name (trigram similarity ≥ 0.8) at the same organisation', async () => {
    const found = await findDuplicates(database.db, ws, 'person', { names: ['Mohamad Karimi'], organizationName: 'Peyvand Novin' });
    expect(found.map((c) => c.id)).toEqual([ids.ali]);
    expect(found[0]!.reasons[0]).toMatchObject({ code: 'similar_name_same_organization', value: 'شرکت پیوند نوین' });
    expect(found[0]!.reasons[0]!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(await findDuplicates(database.db, ws, 'person', { names: ['Mahmoud Karimian'], organizationName: 'Peyvand Novin' })).toEqual([]);
  });

  it('ignores deleted records, the record itself and other workspaces', async () => {
    expect(await findDuplicates(database.db, ws, 'person', { names: [], emails: ['gone@example.com'] })).toEqual([]);
    expect(await findDuplicates(database.db, ws, 'person', { names: [], emails: ['ali.rezaei@example.com'] }, ids.ali)).toEqual([]);
    const elsewhere = await findDuplicates(database.db, otherWs, 'person', { names: [], emails: ['ali.rezaei@example.com'] });
    expect(elsewhere.map((c) => c.id)).toEqual([ids.elsewhere]);
  });

  it('finds organisations with the same or a very similar name', async () => {
    const same = await findDuplicates(database.db, ws, 'organization', { names: ['كتابفروشي ميشود'] });
    expect(same.map((c) => c.id)).toEqual([ids.zwnjOrg]);
    expect(same[0]!.reasons).toEqual([{ code: 'same_name', value: 'کتاب‌فروشی مي‌شود' }]);
    const phone = await findDuplicates(database.db, ws, 'organization', { names: ['یک نام دیگر'], phones: ['۰۲۱ ۸۸۷۷ ۶۶۵۵'] });
    expect(phone.map((c) => [c.id, c.reasons[0]!.code])).toEqual([[ids.peyvand, 'same_phone']]);
    const similar = await findDuplicates(database.db, ws, 'organization', { names: ['Peyvand Novinn'] });
    expect(reasonsOf(similar, ids.peyvand)).toEqual(['similar_name']);
  });

  it('finds leads by email, phone, and by the same name at the same company', async () => {
    const found = await findDuplicates(database.db, ws, 'lead', { names: ['سارا محمدي'], organizationName: 'كافه ميشود', emails: ['SARA@cafe.ir'] });
    expect(found.map((c) => c.id)).toEqual([ids.lead]);
    expect(found[0]!.reasons.map((r) => r.code)).toEqual(['same_email', 'same_name_same_organization']);
    expect(found[0]).toMatchObject({ title: 'سارا محمدی', subtitle: 'کافه می‌شود' });
  });

  it('lists the duplicates of an existing record, and checks a record about to be created', async () => {
    const twin = await insertPerson(database.db, ws, { firstName: 'علی', lastName: 'رضایی', emails: ['other@example.com'], phones: ['0912 123 4567'], organizationIds: [ids.peyvand] });
    const ofTwin = await service.duplicatesOf(adminContext(ws), 'person', twin);
    expect(ofTwin.map((c) => c.id)).toEqual([ids.ali]);
    expect(ofTwin[0]!.reasons.map((r) => r.code)).toEqual(['same_phone', 'same_name_same_organization']);

    const check = await service.checkDuplicates(adminContext(ws), { entityType: 'person', firstName: 'علي', lastName: 'رضايي', organizationName: 'شرکت پیوند نوین' });
    expect(check.map((c) => c.id).sort()).toEqual([ids.ali, twin].sort());

    await expect(service.duplicatesOf(adminContext(otherWs), 'person', twin)).rejects.toMatchObject({ status: 404, code: 'record_not_found' });
    await expect(service.duplicatesOf(adminContext(ws, []), 'person', twin)).rejects.toMatchObject({ status: 403 });
    await database.db.execute(sql`UPDATE people SET deleted_at = now() WHERE id = ${twin}`);
  });

  it('can run inside the caller’s transaction (how create and import use it)', async () => {
    const found = await database.db.transaction((tx) => findDuplicates(tx, ws, 'person', { names: [], phones: ['09121234567'] }));
    expect(found.map((c) => c.id)).toEqual([ids.ali]);
  });
});
