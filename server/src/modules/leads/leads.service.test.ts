import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import type { Database } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import type { FilterGroup } from '../../kernel/filters/filter.types.ts';
import { insertUser, insertWorkspace, memberContext, openMigratedTestDatabase, TEST_ENGINES, type MigratedTestDatabase } from '../../kernel/filters/migrated-test-database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { contactPoints } from '../people/people.schema.ts';
import { createCustomFieldsService } from '../custom-fields/index.ts';
import { membersRepository } from '../members/members.repository.ts';
import { createOrganizationsService } from '../organizations/index.ts';
import { createPeopleService, type ResolvedView } from '../people/index.ts';
import { createTagsService } from '../tags/index.ts';
import { createTimelineService } from '../timeline/index.ts';
import { leads } from './leads.schema.ts';
import { createLeadsService, type LeadsService } from './leads.service.ts';

/*
 * The leads service against real databases (PGlite and PostgreSQL) with the real people,
 * organisations, tags and custom-fields modules behind it. Only saved views are a stand-in here
 * (a map of views by id); the API suite runs with the real views module.
 */

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

const paths = (error: AppError) => error.fieldErrors.map((f) => f.path).sort();

describe.each(TEST_ENGINES)('leads service on %s', (engine) => {
  let testDb: MigratedTestDatabase;
  let database: Database;
  let service: LeadsService;
  let people: ReturnType<typeof createPeopleService>;
  const savedViews = new Map<string, ResolvedView>();
  const views = {
    async resolveView(_ctx: WorkspaceContext, id: string): Promise<ResolvedView> {
      const view = savedViews.get(id);
      if (!view) throw new Error('no such view');
      return view;
    },
  };

  const count = async (table: string, workspaceId: string) =>
    Number((await database.executeSql(`select count(*)::int as n from ${table} where workspace_id = $1`, [workspaceId])).rows[0].n);

  const auditActions = async (workspaceId: string, entityId: string) =>
    (
      await database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.entityId, entityId)))
        .orderBy(asc(auditLog.occurredAt), asc(auditLog.id))
    ).map((r) => r.action);

  /** A workspace with a member of the given role (a real membership: owners are checked against it). */
  async function workspaceWith(role: 'admin' | 'manager' | 'member' = 'admin') {
    const workspaceId = await insertWorkspace(database);
    const userId = await insertUser(database, 'سارا احمدی');
    await membersRepository.insertMembership(database.db, { workspaceId, userId, roleKey: role });
    return memberContext(workspaceId, { id: userId, name: 'سارا احمدی' }, role);
  }

  beforeAll(async () => {
    testDb = await openMigratedTestDatabase(engine);
    database = testDb.database;
    const db = database.db;
    const tags = createTagsService(db);
    people = createPeopleService({ db, tags, views });
    const organizations = createOrganizationsService({ db, tags, views });
    service = createLeadsService({ db, tags, views, people, organizations });
  });

  afterAll(async () => {
    await testDb?.close();
  });

  describe('create', () => {
    test('normalises email and phone, owns the lead by its creator, scores it with reasons and indexes its contacts', async () => {
      const ctx = await workspaceWith();
      const lead = await service.create(ctx, {
        firstName: 'علي',
        lastName: 'رضايي',
        email: '  Ali.Rezaei@Peyvand.IR ',
        phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
        companyName: 'پیوند',
        jobTitle: 'مدیرعامل',
        source: 'referral',
        tags: ['نمایشگاه'],
      });
      expect(lead).toMatchObject({ email: 'ali.rezaei@peyvand.ir', phone: '+989121234567', status: 'new', ownerId: ctx.actor.id, createdBy: ctx.actor.id, version: 1 });
      expect(lead.scoreReasons.map((r) => r.rule)).toEqual(['has_email', 'has_mobile', 'has_company', 'decision_maker', 'source_referral', 'business_email']);
      expect(lead.score).toBe(85);
      expect(lead.tags.map((t) => t.name)).toEqual(['نمایشگاه']);
      const points = await database.db.select({ kind: contactPoints.kind, value: contactPoints.value }).from(contactPoints).where(eq(contactPoints.entityId, lead.id));
      expect(points).toEqual(expect.arrayContaining([{ kind: 'email', value: 'ali.rezaei@peyvand.ir' }, { kind: 'phone', value: '+989121234567' }]));
      expect(await auditActions(ctx.workspaceId, lead.id)).toContain('lead.created');
    });

    test('reports a bad phone, a stranger as owner and a missing identity in fa and en, writing nothing', async () => {
      const ctx = await workspaceWith();
      const stranger = await insertUser(database, 'غریبه');
      const error = await failure(service.create(ctx, { phone: '12345', ownerId: stranger }));
      expect(error.code).toBe('validation_failed');
      expect(paths(error)).toEqual(['ownerId', 'phone']);
      const phone = error.fieldErrors.find((f) => f.path === 'phone')!;
      expect(phone.message.fa).toContain('شماره تلفن');
      expect(phone.message.en).toContain('Not a valid phone number');
      expect(paths(await failure(service.create(ctx, { notes: 'nobody' })))).toEqual(['lastName']);
      expect(await count('leads', ctx.workspaceId)).toBe(0);
      expect(await count('audit_log', ctx.workspaceId)).toBe(0);
    });

    test('refuses an invalid email and a converted status at the contract', async () => {
      const ctx = await workspaceWith();
      expect(paths(await failure(service.create(ctx, { email: 'not-an-email', status: 'converted' })))).toEqual(['email', 'status']);
    });

    test('validates custom fields of leads', async () => {
      const ctx = await workspaceWith();
      await createCustomFieldsService(database.db).create(ctx, { entityType: 'lead', key: 'budget', labelFa: 'بودجه', labelEn: 'Budget', type: 'number', required: true });
      expect(paths(await failure(service.create(ctx, { lastName: 'کریمی' })))).toEqual(['custom.budget']);
      expect(paths(await failure(service.create(ctx, { lastName: 'کریمی', custom: { budget: 'lots', color: 'red' } })))).toEqual(['custom.budget', 'custom.color']);
      const lead = await service.create(ctx, { lastName: 'کریمی', custom: { budget: '۱۲٬۵۰۰' } });
      expect(lead.custom).toEqual({ budget: 12500 });
    });

    test('an API key creates an unowned lead unless told otherwise', async () => {
      const ctx = await workspaceWith();
      const apiCtx: WorkspaceContext = { ...ctx, actor: { type: 'api_key', id: 'key-1', name: 'Website' } };
      const lead = await service.create(apiCtx, { email: 'form@example.com', source: 'web' });
      expect(lead.ownerId).toBeNull();
      expect(lead.createdBy).toBeNull();
    });
  });

  describe('status lifecycle and updates', () => {
    test('follows new → contacted → qualified, rescoring on every step; refuses skips and stale versions', async () => {
      const ctx = await workspaceWith();
      const lead = await service.create(ctx, { lastName: 'نوری', source: 'web' });
      expect(lead.score).toBe(10);
      const skip = await failure(service.update(ctx, lead.id, { version: 1, status: 'qualified' }));
      expect(skip.code).toBe('invalid_status_transition');
      expect(skip.status).toBe(409);
      expect(skip.messages.en).toBe('A lead cannot go from "new" to "qualified".');
      const contacted = await service.update(ctx, lead.id, { version: 1, status: 'contacted' });
      expect(contacted).toMatchObject({ status: 'contacted', version: 2, score: 20 });
      expect((await failure(service.update(ctx, lead.id, { version: 1, status: 'qualified' }))).code).toBe('version_conflict');
      const qualified = await service.update(ctx, lead.id, { version: 2, status: 'qualified', jobTitle: 'Head of Sales' });
      expect(qualified.scoreReasons.map((r) => r.rule)).toEqual(['decision_maker', 'source_web', 'status_qualified']);
      expect(qualified.score).toBe(55);
      expect((await failure(service.update(ctx, lead.id, { version: 3, status: 'converted' }))).messages.en).toContain('Use "convert lead"');
    });

    test('re-opens an unqualified lead, and clears fields with null or an empty string', async () => {
      const ctx = await workspaceWith();
      const lead = await service.create(ctx, { lastName: 'امینی', status: 'contacted', email: 'a@b.co', phone: '09121111111' });
      const unqualified = await service.update(ctx, lead.id, { version: 1, status: 'unqualified' });
      expect((await failure(service.update(ctx, lead.id, { version: 2, status: 'qualified' }))).messages.en).toContain('Re-open it first');
      const reopened = await service.update(ctx, lead.id, { version: unqualified.version, status: 'contacted', email: '', phone: null });
      expect(reopened).toMatchObject({ status: 'contacted', email: null, phone: null });
      expect(await database.db.select().from(contactPoints).where(eq(contactPoints.entityId, lead.id))).toEqual([]);
    });
  });

  describe('list', () => {
    let ctx: WorkspaceContext;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      ctx = await workspaceWith();
      const other = await insertUser(database, 'مریم');
      await membersRepository.insertMembership(database.db, { workspaceId: ctx.workspaceId, userId: other, roleKey: 'member' });
      ids.ali = (await service.create(ctx, { firstName: 'علی', lastName: 'کاظمی', source: 'referral', companyName: 'شرکت نمونه' })).id;
      ids.sara = (await service.create(ctx, { firstName: 'سارا', lastName: 'یزدانی', source: 'web', phone: '09127654321', ownerId: other })).id;
      ids.reza = (await service.create(ctx, { firstName: 'رضا', lastName: 'بهرامی', source: 'manual', email: 'reza@gmail.com' })).id;
      ids.gone = (await service.create(ctx, { firstName: 'حذف', lastName: 'شده' })).id;
      await service.remove(ctx, ids.gone);
    });

    const names = (page: { items: Array<{ firstName: string }> }) => page.items.map((l) => l.firstName);
    const list = (query: Record<string, unknown>) => service.list(ctx, { limit: 50, ...query } as never);

    test('newest first, without deleted leads unless the trash is asked for', async () => {
      expect(names(await list({}))).toEqual(['رضا', 'سارا', 'علی']);
      expect(names(await list({ deleted: 'true' }))).toEqual(['حذف']);
    });

    test('searches Persian-normalised: «علي» finds «علی», and a phone in any form', async () => {
      expect(names(await list({ q: 'علي كاظمي' }))).toEqual(['علی']);
      expect(names(await list({ q: '۰۹۱۲۷۶۵' }))).toEqual(['سارا']);
      expect(names(await list({ q: '+98 912 765 4321' }))).toEqual(['سارا']);
    });

    test('filters by status, source, owner (also "me") and a JSON filter', async () => {
      expect(names(await list({ source: ['web', 'referral'] }))).toEqual(['سارا', 'علی']);
      expect(names(await list({ status: ['contacted'] }))).toEqual([]);
      expect(names(await list({ ownerId: 'me' }))).toEqual(['رضا', 'علی']);
      const filter: FilterGroup = { op: 'and', conditions: [{ field: 'score', op: 'gte', value: 30 }] };
      expect(names(await list({ filter: JSON.stringify(filter) }))).toEqual(['علی']);
    });

    test('sorts by score both ways and pages by keyset', async () => {
      expect(names(await list({ sort: 'score:desc' }))).toEqual(['علی', 'سارا', 'رضا']);
      const first = await list({ sort: 'score:asc', limit: 2 });
      expect(names(first)).toEqual(['رضا', 'سارا']);
      const second = await list({ sort: 'score:asc', limit: 2, cursor: first.nextCursor });
      expect(names(second)).toEqual(['علی']);
      expect(second.nextCursor).toBeNull();
    });

    test('applies a saved view of leads and refuses a view of another list', async () => {
      const viewId = '00000000-0000-4000-8000-000000000001';
      savedViews.set(viewId, { entityType: 'lead', filter: { op: 'and', conditions: [{ field: 'source', op: 'eq', value: 'web' }] }, sort: [] });
      expect(names(await list({ view: viewId }))).toEqual(['سارا']);
      const peopleView = '00000000-0000-4000-8000-000000000002';
      savedViews.set(peopleView, { entityType: 'person', filter: { op: 'and', conditions: [] } });
      expect((await failure(list({ view: peopleView }))).code).toBe('view_not_for_leads');
    });

    test('reports bad filters, sorts and cursors as 400s with a path', async () => {
      expect((await failure(list({ filter: '{nope' }))).fieldErrors[0]!.path).toBe('filter');
      expect((await failure(list({ filter: JSON.stringify({ op: 'and', conditions: [{ field: 'salary', op: 'eq', value: 1 }] }) }))).fieldErrors[0]!.path).toBe('filter.conditions.0.field');
      expect((await failure(list({ sort: 'salary:asc' }))).status).toBe(400);
      expect((await failure(list({ cursor: 'garbage' }))).fieldErrors[0]!.path).toBe('cursor');
      // Well-formed cursors whose values the database cannot read are client errors too, never a 500.
      const forged = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const cursor of [
        forged({ f: 'score', d: 'desc', v: 'abc', id: '00000000-0000-4000-8000-000000000000' }),
        forged({ f: 'score', d: 'desc', v: '10', id: 'not-a-uuid' }),
        forged({ f: 'createdAt', d: 'desc', v: 'the day before', id: '00000000-0000-4000-8000-000000000000' }),
        forged({ f: 'lastName', d: 'asc', v: null, id: 'x' }),
      ]) {
        const sort = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { f: string; d: string };
        const error = await failure(list({ sort: `${sort.f}:${sort.d}`, cursor }));
        expect(error.fieldErrors?.[0]?.path, cursor).toBe('cursor');
      }
    });
  });

  describe('conversion', () => {
    test('creates the person and the organisation, links them, copies tags and keeps the lead read-only, in one step', async () => {
      const ctx = await workspaceWith();
      const lead = await service.create(ctx, {
        firstName: 'نگار',
        lastName: 'صالحی',
        email: 'negar@digikala.example',
        phone: '09351234567',
        companyName: 'دیجی‌نمونه',
        jobTitle: 'مدیر خرید',
        source: 'event',
        tags: ['VIP', 'نمایشگاه'],
      });
      const result = await service.convert(ctx, lead.id, {});
      expect(result.organizationCreated).toBe(true);
      expect(result.lead).toMatchObject({ status: 'converted', readOnly: true, convertedPersonId: result.personId, convertedOrganizationId: result.organizationId });
      expect(result.lead.convertedAt).toBeInstanceOf(Date);
      const person = await people.get(ctx, result.personId);
      expect(person).toMatchObject({ firstName: 'نگار', lastName: 'صالحی', jobTitle: 'مدیر خرید', ownerId: ctx.actor.id, source: 'event' });
      expect(person.emails.map((e) => e.value)).toEqual(['negar@digikala.example']);
      expect(person.phones.map((p) => p.value)).toEqual(['+989351234567']);
      expect(person.tags.map((t) => t.name).sort()).toEqual(['VIP', 'نمایشگاه'].sort());
      expect(person.organizations).toEqual([expect.objectContaining({ organizationId: result.organizationId, name: 'دیجی‌نمونه', role: 'مدیر خرید', isPrimary: true })]);

      expect(await auditActions(ctx.workspaceId, lead.id)).toContain('lead.converted');
      expect(await auditActions(ctx.workspaceId, result.personId)).toEqual(expect.arrayContaining(['person.created', 'person.created_from_lead']));
      const timeline = await createTimelineService(database.db).list(ctx, 'person', result.personId, { limit: 50 });
      const kinds = timeline.items.map((i) => i.kind);
      expect(kinds).toEqual(expect.arrayContaining(['person.created_from_lead', 'lead.converted']));
      expect(timeline.items.find((i) => i.kind === 'person.created_from_lead')!.data.after).toMatchObject({ leadId: lead.id });

      const again = await failure(service.convert(ctx, lead.id, {}));
      expect(again.code).toBe('lead_converted');
      expect((await failure(service.update(ctx, lead.id, { version: result.lead.version, notes: 'x' }))).code).toBe('lead_converted');
      expect((await failure(service.remove(ctx, lead.id))).code).toBe('lead_converted');
      expect((await service.get(ctx, lead.id)).convertedPersonId).toBe(result.personId);
    });

    test('links an existing organisation, or none, and takes overrides', async () => {
      const ctx = await workspaceWith();
      const organizations = createOrganizationsService({ db: database.db, tags: createTagsService(database.db), views });
      const acme = await organizations.create(ctx, { name: 'آکمه' });
      const lead = await service.create(ctx, { firstName: 'کیان', companyName: 'Acme Ltd', status: 'contacted' });
      const linked = await service.convert(ctx, lead.id, { organization: { mode: 'existing', organizationId: acme.id }, role: 'مشاور', person: { lastName: 'راد' } });
      expect(linked).toMatchObject({ organizationId: acme.id, organizationCreated: false });
      const person = await people.get(ctx, linked.personId);
      expect(person).toMatchObject({ firstName: 'کیان', lastName: 'راد' });
      expect(person.organizations).toEqual([expect.objectContaining({ organizationId: acme.id, role: 'مشاور' })]);

      const solo = await service.create(ctx, { firstName: 'تنها', companyName: 'هیچ' });
      const none = await service.convert(ctx, solo.id, { organization: { mode: 'none' } });
      expect(none.organizationId).toBeNull();
      expect((await people.get(ctx, none.personId)).organizations).toEqual([]);
    });

    test('changes nothing when any part fails: a missing organisation, a bad override, an unqualified lead', async () => {
      const ctx = await workspaceWith();
      const lead = await service.create(ctx, { firstName: 'پویا', companyName: 'تست' });
      const missingOrg = await failure(service.convert(ctx, lead.id, { organization: { mode: 'existing', organizationId: '00000000-0000-4000-8000-000000000009' } }));
      expect(paths(missingOrg)).toEqual(['organization.organizationId']);
      // The organisation is created first; the person then fails: the organisation must be rolled back too.
      const badPhone = await failure(service.convert(ctx, lead.id, { person: { phone: 'not a phone' } }));
      expect(badPhone.code).toBe('validation_failed');
      expect(paths(badPhone)).toEqual(['person.phones.0']);
      expect(await count('people', ctx.workspaceId)).toBe(0);
      expect(await count('organizations', ctx.workspaceId)).toBe(0);
      const [row] = await database.db.select().from(leads).where(eq(leads.id, lead.id));
      expect(row).toMatchObject({ status: 'new', version: 1, convertedPersonId: null });

      const contacted = await service.update(ctx, lead.id, { version: 1, status: 'contacted' });
      await service.update(ctx, lead.id, { version: contacted.version, status: 'unqualified' });
      const unqualified = await failure(service.convert(ctx, lead.id, {}));
      expect(unqualified).toMatchObject({ code: 'invalid_status_transition', status: 409 });
    });

    test("carries custom values both kinds share, and reports the new records' required fields where the caller sends them", async () => {
      const ctx = await workspaceWith();
      const fields = createCustomFieldsService(database.db);
      for (const entityType of ['lead', 'person'] as const) {
        await fields.create(ctx, { entityType, key: 'budget', labelFa: 'بودجه', labelEn: 'Budget', type: 'number' });
      }
      await fields.create(ctx, { entityType: 'lead', key: 'campaign_code', labelFa: 'کد کمپین', labelEn: 'Campaign code', type: 'text' });
      await fields.create(ctx, { entityType: 'organization', key: 'region', labelFa: 'منطقه', labelEn: 'Region', type: 'text', required: true });
      const lead = await service.create(ctx, { firstName: 'بهار', companyName: 'گلستان', custom: { budget: 5000, campaign_code: 'NOWRUZ' } });
      const missing = await failure(service.convert(ctx, lead.id, {}));
      expect(paths(missing)).toEqual(['organization.custom.region']);
      const result = await service.convert(ctx, lead.id, { organization: { mode: 'create', custom: { region: 'تهران' } } });
      expect((await people.get(ctx, result.personId)).custom).toEqual({ budget: 5000 });
      expect(result.lead.custom).toEqual({ budget: 5000, campaign_code: 'NOWRUZ' });
    });

    test('gives the person and the new organisation one owner: the chosen one, else the lead owner', async () => {
      const ctx = await workspaceWith();
      const colleague = await insertUser(database, 'همکار');
      await membersRepository.insertMembership(database.db, { workspaceId: ctx.workspaceId, userId: colleague, roleKey: 'member' });
      const organizations = createOrganizationsService({ db: database.db, tags: createTagsService(database.db), views });
      const lead = await service.create(ctx, { firstName: 'آرش', companyName: 'البرز', ownerId: colleague });
      const byLead = await service.convert(ctx, lead.id, {});
      expect((await people.get(ctx, byLead.personId)).ownerId).toBe(colleague);
      expect((await organizations.get(ctx, byLead.organizationId!)).ownerId).toBe(colleague);
      const other = await service.create(ctx, { firstName: 'مینا', companyName: 'دماوند', ownerId: colleague });
      const chosen = await service.convert(ctx, other.id, { person: { ownerId: ctx.actor.id } });
      expect((await people.get(ctx, chosen.personId)).ownerId).toBe(ctx.actor.id);
      expect((await organizations.get(ctx, chosen.organizationId!)).ownerId).toBe(ctx.actor.id);
    });

    test('two conversions of one lead at once make one person', async () => {
      const ctx = await workspaceWith();
      const lead = await service.create(ctx, { firstName: 'همزمان', lastName: 'یک' });
      const outcomes = await Promise.allSettled([service.convert(ctx, lead.id, {}), service.convert(ctx, lead.id, {})]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as AppError).code).toBe('lead_converted');
      expect(await count('people', ctx.workspaceId)).toBe(1);
    });
  });

  describe('delete, restore and bulk actions', () => {
    test('soft-deletes and restores, with the contact index following', async () => {
      const ctx = await workspaceWith();
      const lead = await service.create(ctx, { lastName: 'موقت', email: 'temp@example.com' });
      await service.remove(ctx, lead.id);
      await service.remove(ctx, lead.id);
      expect((await service.get(ctx, lead.id)).deletedAt).toBeInstanceOf(Date);
      expect(await database.db.select().from(contactPoints).where(eq(contactPoints.entityId, lead.id))).toEqual([]);
      expect((await failure(service.update(ctx, lead.id, { version: 2, notes: 'x' }))).code).toBe('lead_deleted');
      const restored = await service.restore(ctx, lead.id);
      expect(restored.deletedAt).toBeNull();
      expect(await database.db.select().from(contactPoints).where(eq(contactPoints.entityId, lead.id))).toHaveLength(1);
    });

    test('set_status is all or nothing and names each lead that cannot move', async () => {
      const ctx = await workspaceWith();
      const a = await service.create(ctx, { lastName: 'الف' });
      const b = await service.create(ctx, { lastName: 'ب', status: 'qualified' });
      const refused = await failure(service.bulk(ctx, { action: 'set_status', ids: [a.id, b.id], status: 'contacted' }));
      expect(refused.code).toBe('invalid_status_transitions');
      expect(refused.fieldErrors.map((f) => [f.path, f.code])).toEqual([['ids.1', 'invalid_status_transition']]);
      expect((await service.get(ctx, a.id)).status).toBe('new');
      const done = await service.bulk(ctx, { action: 'set_status', ids: [a.id], status: 'contacted' });
      expect(done).toEqual({ action: 'set_status', matched: 1, changed: 1 });
      expect(await service.get(ctx, a.id)).toMatchObject({ status: 'contacted', score: 10 });
    });

    test('tags, untags, reassigns, deletes and restores; a converted lead blocks the whole request', async () => {
      const ctx = await workspaceWith();
      const colleague = await insertUser(database, 'همکار');
      await membersRepository.insertMembership(database.db, { workspaceId: ctx.workspaceId, userId: colleague, roleKey: 'member' });
      const [a, b] = [await service.create(ctx, { lastName: 'یک' }), await service.create(ctx, { lastName: 'دو' })];
      const tag = (await createTagsService(database.db).create(ctx, { name: 'داغ' })).tag;
      expect(await service.bulk(ctx, { action: 'tag', ids: [a.id, b.id], tagIds: [tag.id] })).toMatchObject({ changed: 2 });
      expect((await service.get(ctx, a.id)).tags.map((t) => t.name)).toEqual(['داغ']);
      expect(await service.bulk(ctx, { action: 'untag', ids: [a.id], tagIds: [tag.id] })).toMatchObject({ changed: 1 });
      expect(await service.bulk(ctx, { action: 'assign_owner', ids: [a.id, b.id], ownerId: colleague })).toMatchObject({ changed: 2 });
      expect((await service.get(ctx, b.id)).ownerId).toBe(colleague);
      const stranger = await insertUser(database, 'غریبه');
      expect(paths(await failure(service.bulk(ctx, { action: 'assign_owner', ids: [a.id], ownerId: stranger })))).toEqual(['ownerId']);
      expect((await failure(service.bulk(ctx, { action: 'tag', ids: [a.id] }))).fieldErrors[0]!.path).toBe('tagIds');

      const converted = await service.create(ctx, { lastName: 'سه' });
      await service.convert(ctx, converted.id, {});
      const blocked = await failure(service.bulk(ctx, { action: 'delete', ids: [a.id, converted.id] }));
      expect(blocked.code).toBe('leads_converted');
      expect(blocked.fieldErrors.map((f) => f.path)).toEqual(['ids.1']);
      expect((await service.get(ctx, a.id)).deletedAt).toBeNull();
      expect(await service.bulk(ctx, { action: 'delete', ids: [a.id, b.id] })).toMatchObject({ changed: 2 });
      expect(await service.bulk(ctx, { action: 'restore', ids: [a.id, b.id] })).toMatchObject({ changed: 2 });
    });
  });

  describe('permissions and workspace isolation', () => {
    test('a member may read and write but not delete; without records.write nothing is created', async () => {
      const ctx = await workspaceWith('member');
      const lead = await service.create(ctx, { lastName: 'عضو' });
      expect((await failure(service.remove(ctx, lead.id))).code).toBe('forbidden');
      expect((await failure(service.bulk(ctx, { action: 'delete', ids: [lead.id] }))).code).toBe('forbidden');
      const reader: WorkspaceContext = { ...ctx, permissions: new Set(['records.read']) };
      expect((await failure(service.create(reader, { lastName: 'خواننده' }))).code).toBe('forbidden');
      expect((await failure(service.convert(reader, lead.id, {}))).code).toBe('forbidden');
      expect((await service.list(reader, { limit: 10 } as never)).items).toHaveLength(1);
    });

    test("one workspace can neither see nor change another's leads", async () => {
      const a = await workspaceWith();
      const b = await workspaceWith();
      const lead = await service.create(b, { firstName: 'محرمانه', companyName: 'ب' });
      const before = await database.executeSql('select * from leads where id = $1', [lead.id]);
      expect((await failure(service.get(a, lead.id))).code).toBe('lead_not_found');
      expect((await failure(service.update(a, lead.id, { version: 1, notes: 'hacked' }))).code).toBe('lead_not_found');
      expect((await failure(service.convert(a, lead.id, {}))).code).toBe('lead_not_found');
      expect((await failure(service.remove(a, lead.id))).code).toBe('lead_not_found');
      expect((await failure(service.bulk(a, { action: 'set_status', ids: [lead.id], status: 'contacted' }))).code).toBe('leads_not_found');
      expect((await service.list(a, { limit: 50 } as never)).items).toEqual([]);
      expect((await database.executeSql('select * from leads where id = $1', [lead.id])).rows).toEqual(before.rows);
      expect(await count('people', a.workspaceId)).toBe(0);
      expect(await count('people', b.workspaceId)).toBe(0);
    });
  });
});
