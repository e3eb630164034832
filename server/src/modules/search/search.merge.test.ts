import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Database, Engine } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { contactPoints, people } from '../people/people.schema.ts';
import { taggings } from '../tags/tags.schema.ts';
import { registerMergeHook } from './search.merge-hooks.ts';
import { createSearchService, type SearchService } from './search.service.ts';
import { adminContext, insertLead, insertOrganization, insertPerson, insertUser, insertWorkspace, openMigrated, tag } from './search.test-support.ts';

const engines: Engine[] = ['pglite', 'postgres'];

describe.each(engines)('merging records on %s', (engine) => {
  let database: Database;
  let close: () => Promise<void>;
  let service: SearchService;
  let ws: string;
  let otherWs: string;

  beforeAll(async () => {
    ({ database, close } = await openMigrated(engine));
    service = createSearchService({ db: database.db });
    ws = await insertWorkspace(database.db);
    otherWs = await insertWorkspace(database.db, 'دیگری');
  }, 120_000);

  afterAll(async () => {
    await close?.();
  });

  const person = async (id: string) => (await database.db.select().from(people).where(eq(people.id, id)))[0]!;
  const organization = async (id: string) => (await database.db.select().from(organizations).where(eq(organizations.id, id)))[0]!;
  const linksOf = async (column: 'personId' | 'organizationId', id: string) =>
    database.db
      .select({ personId: personOrganizations.personId, organizationId: personOrganizations.organizationId, isPrimary: personOrganizations.isPrimary })
      .from(personOrganizations)
      .where(eq(personOrganizations[column], id));
  const tagsOf = async (entityId: string) =>
    (await database.db.select({ tagId: taggings.tagId }).from(taggings).where(eq(taggings.entityId, entityId))).map((t) => t.tagId).sort();
  const pointsOf = async (entityId: string) =>
    (await database.db.select({ kind: contactPoints.kind, value: contactPoints.value }).from(contactPoints).where(eq(contactPoints.entityId, entityId)))
      .map((p) => `${p.kind}:${p.value}`)
      .sort();
  const auditOf = async (entityId: string) =>
    database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ws), eq(auditLog.entityId, entityId))).orderBy(auditLog.occurredAt);

  /** Two people as a messy import leaves them: overlapping emails, links and tags. */
  async function twoAlis() {
    const db = database.db;
    const orgA = await insertOrganization(db, ws, { name: 'شرکت پیوند نوین' });
    const orgB = await insertOrganization(db, ws, { name: 'آریا تجارت', nameLatin: 'Arya Tejarat' });
    const owner = await insertUser(db, 'مالک');
    const survivor = await insertPerson(db, ws, {
      firstName: 'علی',
      lastName: 'رضایی',
      emails: ['ali@example.com'],
      phones: ['09121234567'],
      organizationIds: [orgA],
      custom: { tier: 'gold', region: '' },
    });
    const other = await insertPerson(db, ws, {
      firstName: 'علي',
      lastName: 'رضائي',
      firstNameLatin: 'Ali',
      lastNameLatin: 'Rezaei',
      emails: ['ALI@example.com', 'a.rezaei@work.ir'],
      phones: ['0912 765 4321'],
      organizationIds: [orgB, orgA],
      jobTitle: 'مدیر فروش',
      custom: { region: 'تهران', size: 3 },
    });
    await db
      .update(people)
      .set({ ownerId: owner, addresses: [{ city: 'تهران', line: 'خیابان ولیعصر' }], birthday: '1990-03-21' })
      .where(eq(people.id, other));
    const t1 = await tag(db, ws, 'person', survivor, 'vip');
    await tag(db, ws, 'person', other, 'vip');
    const t2 = await tag(db, ws, 'person', other, 'tehran');
    const lead = await insertLead(db, ws, { firstName: 'علی', lastName: 'رضایی', convertedPersonId: other });
    const earlier = await insertPerson(db, ws, { firstName: 'علی', lastName: 'قدیمی' });
    await db.update(people).set({ mergedIntoId: other, deletedAt: new Date() }).where(eq(people.id, earlier));
    // Each record's own history before the merge.
    for (const id of [survivor, other]) {
      await recordAudit(db, adminContext(ws), { action: 'person.created', entityType: 'person', entityId: id, after: { id } });
    }
    return { orgA, orgB, owner, survivor, other, t1, t2, lead, earlier };
  }

  it('merges two people in one transaction, keeping every relation and both histories', async () => {
    const f = await twoAlis();
    const [s, o] = [await person(f.survivor), await person(f.other)];
    const result = await service.mergePeople(adminContext(ws), f.survivor, {
      otherId: f.other,
      version: s.version,
      otherVersion: o.version,
      fields: { firstName: 'keep', lastName: 'other' },
    });
    expect(result).toMatchObject({ id: f.survivor, version: s.version + 1, mergedId: f.other });
    expect(result.moved).toMatchObject({ organizations: [f.orgB], organizationsAlreadyLinked: [f.orgA], tags: [f.t2], convertedLeads: [f.lead] });

    const after = await person(f.survivor);
    expect(after).toMatchObject({
      firstName: 'علی',
      lastName: 'رضائي', // chosen: 'other'
      firstNameLatin: 'Ali', // empty on the survivor: taken from the other
      jobTitle: 'مدیر فروش',
      ownerId: f.owner,
      birthday: '1990-03-21',
      custom: { tier: 'gold', region: 'تهران', size: 3 },
      addresses: [{ city: 'تهران', line: 'خیابان ولیعصر' }],
      mergedIntoId: null,
      deletedAt: null,
    });
    expect(after.emails.map((e) => e.value)).toEqual(['ali@example.com', 'a.rezaei@work.ir']);
    expect(after.emails.filter((e) => e.primary)).toHaveLength(1);
    expect(after.phones.map((p) => p.value)).toEqual(['+989121234567', '+989127654321']);
    expect(await pointsOf(f.survivor)).toEqual(['email:a.rezaei@work.ir', 'email:ali@example.com', 'phone:+989121234567', 'phone:+989127654321']);
    expect(after.searchKey).toContain('alirezaei');
    expect(after.searchKey).toContain('آریاتجارت');
    expect(after.searchKey).toContain('09127654321');

    expect((await linksOf('personId', f.survivor)).sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))).toEqual([
      { personId: f.survivor, organizationId: f.orgA, isPrimary: true },
      { personId: f.survivor, organizationId: f.orgB, isPrimary: false },
    ]);
    expect(await tagsOf(f.survivor)).toEqual([f.t1, f.t2].sort());
    const [lead] = await database.db.select().from(leads).where(eq(leads.id, f.lead));
    expect(lead!.convertedPersonId).toBe(f.survivor);

    const merged = await person(f.other);
    expect(merged).toMatchObject({ mergedIntoId: f.survivor, version: o.version + 1, firstName: 'علي' });
    expect(merged.deletedAt).toBeInstanceOf(Date);
    expect(await linksOf('personId', f.other)).toEqual([]);
    expect(await tagsOf(f.other)).toEqual([]);
    expect(await pointsOf(f.other)).toEqual([]);
    expect((await person(f.earlier)).mergedIntoId).toBe(f.survivor);
    expect(result.moved.earlierMerges).toEqual([f.earlier]);
    expect((await auditOf(f.lead)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['lead.updated', { convertedPersonId: f.other }, { convertedPersonId: f.survivor }],
    ]);

    const survivorHistory = await auditOf(f.survivor);
    expect(survivorHistory.map((a) => a.action)).toEqual(['person.created', 'person.merged']);
    expect(survivorHistory[1]!.before).toMatchObject({ lastName: 'رضایی' });
    expect(survivorHistory[1]!.after).toMatchObject({ mergedId: f.other, lastName: 'رضائي', moved: { tags: [f.t2] } });
    const otherHistory = await auditOf(f.other);
    expect(otherHistory.map((a) => a.action)).toEqual(['person.created', 'person.merged_into']);
    expect(otherHistory[1]!.after).toMatchObject({ mergedIntoId: f.survivor });

    // Hidden from search; its phone now finds the survivor.
    const found = await service.search(adminContext(ws), { q: '0912 765 4321', limit: 10 });
    expect(found.map((r) => r.id)).toEqual([f.survivor]);
  });

  it('answers 409 when either version is stale, and changes nothing', async () => {
    const f = await twoAlis();
    const [s, o] = [await person(f.survivor), await person(f.other)];
    await expect(service.mergePeople(adminContext(ws), f.survivor, { otherId: f.other, version: s.version, otherVersion: o.version - 1 || 99 })).rejects.toMatchObject({
      status: 409,
      code: 'version_conflict',
    });
    await expect(service.mergePeople(adminContext(ws), f.survivor, { otherId: f.other, version: s.version + 1, otherVersion: o.version })).rejects.toMatchObject({
      status: 409,
    });
    expect(await person(f.survivor)).toEqual(s);
    expect(await person(f.other)).toEqual(o);
    expect(await tagsOf(f.other)).toEqual([f.t1, f.t2].sort());
    expect((await auditOf(f.other)).map((a) => a.action)).toEqual(['person.created']);
  });

  it('answers 404 for a record of another workspace, and changes nothing on either side', async () => {
    const f = await twoAlis();
    const stranger = await insertPerson(database.db, otherWs, { firstName: 'غریبه', emails: ['x@y.ir'] });
    const [s, x] = [await person(f.survivor), await person(stranger)];
    await expect(service.mergePeople(adminContext(ws), f.survivor, { otherId: stranger, version: s.version, otherVersion: x.version })).rejects.toMatchObject({
      status: 404,
      code: 'record_not_found',
    });
    await expect(service.mergePeople(adminContext(otherWs), stranger, { otherId: f.survivor, version: x.version, otherVersion: s.version })).rejects.toMatchObject({
      status: 404,
    });
    expect(await person(f.survivor)).toEqual(s);
    expect(await person(stranger)).toEqual(x);
    expect(await pointsOf(stranger)).toEqual(['email:x@y.ir']);
  });

  it('refuses a record merged with itself, an already merged record, and callers without records.delete', async () => {
    const f = await twoAlis();
    const s = await person(f.survivor);
    await expect(service.mergePeople(adminContext(ws), f.survivor, { otherId: f.survivor, version: s.version, otherVersion: s.version })).rejects.toMatchObject({
      status: 400,
      code: 'merge_same_record',
    });
    await expect(service.mergePeople(adminContext(ws), f.survivor, { otherId: f.earlier, version: s.version, otherVersion: 1 })).rejects.toMatchObject({ status: 404 });
    const writer = adminContext(ws, ['records.read', 'records.write']);
    await expect(service.mergePeople(writer, f.survivor, { otherId: f.other, version: s.version, otherVersion: 1 })).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('runs the hooks other modules register in the same transaction; a failing hook undoes the merge', async () => {
    const f = await twoAlis();
    const calls: unknown[] = [];
    const unregister = registerMergeHook('person', async (tx, ctx, ids) => {
      // Runs after the built-in moves, inside the same transaction: it sees the links already moved.
      const result = (await tx.execute(sql`SELECT count(*)::int AS n FROM person_organizations WHERE person_id = ${ids.mergedId}`)) as unknown as {
        rows: Array<{ n: number }>;
      };
      calls.push({ ids, workspaceId: ctx.workspaceId, linksLeftOnMerged: result.rows[0]!.n });
      return { deals: 2 };
    });
    const failing = registerMergeHook('person', async () => {
      throw new Error('deals module failed');
    });
    try {
      const [s, o] = [await person(f.survivor), await person(f.other)];
      await expect(service.mergePeople(adminContext(ws), f.survivor, { otherId: f.other, version: s.version, otherVersion: o.version })).rejects.toThrow('deals module failed');
      expect(await person(f.other)).toEqual(o);
      expect(await linksOf('personId', f.other)).toHaveLength(2);
      failing();
      const result = await service.mergePeople(adminContext(ws), f.survivor, { otherId: f.other, version: s.version, otherVersion: o.version });
      expect(result.moved).toMatchObject({ deals: 2 });
      expect(calls.at(-1)).toMatchObject({ ids: { survivorId: f.survivor, mergedId: f.other }, workspaceId: ws, linksLeftOnMerged: 0 });
    } finally {
      unregister();
      failing();
    }
  });

  it('merges two organisations: people, tags and converted leads move; people keys follow the name', async () => {
    const db = database.db;
    const survivor = await insertOrganization(db, ws, { name: 'ماهان', emails: ['info@mahan.ir'], website: 'mahan.ir' });
    const other = await insertOrganization(db, ws, { name: 'شركت ماهان', nameLatin: 'Mahan Co', phones: ['021-88776655'] });
    const both = await insertPerson(db, ws, { firstName: 'مریم', lastName: 'کاظمی', organizationIds: [survivor, other] });
    const onlyOther = await insertPerson(db, ws, { firstName: 'حمید', lastName: 'نوری', organizationIds: [other] });
    const t = await tag(db, ws, 'organization', other, 'partner');
    const lead = await insertLead(db, ws, { firstName: 'x', companyName: 'شركت ماهان', convertedOrganizationId: other });
    const [s, o] = [await organization(survivor), await organization(other)];

    const result = await service.mergeOrganizations(adminContext(ws), survivor, { otherId: other, version: s.version, otherVersion: o.version, fields: { name: 'other' } });
    expect(result.moved).toMatchObject({ people: [onlyOther], peopleAlreadyLinked: [both], tags: [t], convertedLeads: [lead] });

    const after = await organization(survivor);
    expect(after).toMatchObject({ name: 'شركت ماهان', nameLatin: 'Mahan Co', website: 'mahan.ir' });
    expect(after.searchKey.startsWith('شرکتماهان|')).toBe(true);
    expect(await pointsOf(survivor)).toEqual(['email:info@mahan.ir', 'phone:+982188776655']);
    expect((await linksOf('organizationId', survivor)).map((l) => l.personId).sort()).toEqual([both, onlyOther].sort());
    expect(await linksOf('organizationId', other)).toEqual([]);
    expect((await organization(other)).mergedIntoId).toBe(survivor);
    expect((await person(onlyOther)).searchKey).toContain('mahanco');
    expect((await auditOf(survivor)).map((a) => a.action)).toEqual(['organization.merged']);
    expect((await auditOf(other)).map((a) => a.action)).toEqual(['organization.merged_into']);

    const found = await service.search(adminContext(ws), { q: 'ماهان', types: ['organization'], limit: 10 });
    expect(found.map((r) => r.id)).toEqual([survivor]);
  });
});
