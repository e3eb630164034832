import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import type { Database } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import { customFieldDefs, type FieldCatalog, type FilterGroup } from '../../kernel/filters/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { insertUser, insertWorkspace, memberContext, openMigratedTestDatabase, TEST_ENGINES, type MigratedTestDatabase } from '../../kernel/filters/migrated-test-database.ts';
import { PERMISSIONS } from '../members/members.permissions.ts';
import { people } from '../people/people.schema.ts';
import { createViewsService, type ViewsService } from './views.service.ts';
import { savedViews } from './views.schema.ts';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

const label = (en: string) => ({ fa: en, en });
const byFirstName = (value: string): FilterGroup => ({ op: 'and', conditions: [{ field: 'firstName', op: 'contains', value }] });
const mine: FilterGroup = { op: 'and', conditions: [{ field: 'ownerId', op: 'eq', value: 'me' }] };

describe.each(TEST_ENGINES)('views service on %s', (engine) => {
  let testDb: MigratedTestDatabase;
  let database: Database;
  let views: ViewsService;
  let workspaceId: string;
  let owner: WorkspaceContext;
  let colleague: WorkspaceContext;
  let admin: WorkspaceContext;
  let apiKey: WorkspaceContext;
  let stranger: WorkspaceContext;
  const catalogRequests: string[] = [];

  beforeAll(async () => {
    testDb = await openMigratedTestDatabase(engine);
    database = testDb.database;
    workspaceId = await insertWorkspace(database);
    const ctxOf = async (ws: string, name: string, role: 'admin' | 'member') => memberContext(ws, { id: await insertUser(database, name), name }, role);
    owner = await ctxOf(workspaceId, 'مریم', 'member');
    colleague = await ctxOf(workspaceId, 'رضا', 'member');
    admin = await ctxOf(workspaceId, 'مدیر', 'admin');
    apiKey = { workspaceId, actor: { type: 'api_key', id: 'key-1', name: 'CRM sync' }, roleKey: 'admin', permissions: new Set(PERMISSIONS), locale: 'en' };
    stranger = await ctxOf(await insertWorkspace(database, 'دیگری'), 'غریبه', 'admin');

    views = createViewsService(database.db);
    // Each workspace has its own custom fields: the catalog is loaded per workspace.
    views.registerViewCatalog('person', async (ws) => {
      catalogRequests.push(ws);
      const catalog: FieldCatalog = {
        firstName: { type: 'text', column: people.firstName, label: label('First name') },
        ownerId: { type: 'user', column: people.ownerId, label: label('Owner') },
        tags: { type: 'tags', column: people.id, label: label('Tags'), tagsOf: { entityType: 'person', idColumn: people.id, workspaceIdColumn: people.workspaceId } },
      };
      const budget = customFieldDefs([{ key: 'budget', type: 'number', labelFa: 'بودجه', labelEn: 'Budget' }], people.custom);
      return ws === workspaceId ? { ...catalog, ...budget } : catalog;
    });
  });

  afterAll(async () => {
    await testDb?.close();
  });

  test('a private view is its owner’s alone; others get 404, not 403', async () => {
    const view = await views.create(owner, { entityType: 'person', name: 'مشتریان من', visibility: 'private', filter: mine });
    expect(view).toMatchObject({ ownerId: owner.actor.id, ownerName: 'مریم', visibility: 'private', sort: [], columns: [], version: 1, canEdit: true });
    expect((await views.list(owner, 'person')).map((v) => v.id)).toContain(view.id);
    for (const other of [colleague, admin, apiKey, stranger]) {
      expect((await views.list(other, 'person')).map((v) => v.id)).not.toContain(view.id);
      expect((await failure(views.get(other, view.id))).code).toBe('view_not_found');
      expect((await failure(views.resolveView(other, view.id))).code).toBe('view_not_found');
      expect((await failure(views.remove(other, view.id))).code).toBe('view_not_found');
    }
    // 'me' is kept as written, so the view means "mine" for whoever opens it.
    expect(await views.resolveView(owner, view.id)).toEqual({ entityType: 'person', filter: mine, sort: [], columns: [] });
  });

  test('a shared view: everyone sees it; its owner or an admin changes it; only the owner changes its visibility', async () => {
    const view = await views.create(owner, {
      entityType: 'person',
      name: 'بودجهٔ بالا',
      visibility: 'shared',
      filter: { op: 'and', conditions: [{ field: 'custom.budget', op: 'gt', value: '۱۰۰۰' }] },
      sort: [{ field: 'firstName', direction: 'asc' }],
      columns: ['firstName', 'custom.budget'],
    });
    const seen = await views.get(colleague, view.id);
    expect(seen.canEdit).toBe(false);
    expect((await views.get(admin, view.id)).canEdit).toBe(true);
    expect((await failure(views.update(colleague, view.id, { version: 1, name: 'x' }))).code).toBe('view_not_editable');
    expect((await failure(views.remove(colleague, view.id))).code).toBe('view_not_editable');

    const renamed = await views.update(admin, view.id, { version: 1, name: 'بودجهٔ خیلی بالا', filter: byFirstName('علي') });
    expect(renamed).toMatchObject({ version: 2, name: 'بودجهٔ خیلی بالا', ownerId: owner.actor.id, filter: byFirstName('علي') });
    expect((await failure(views.update(admin, view.id, { version: 2, visibility: 'private' }))).code).toBe('view_visibility_owner_only');

    const stale = await failure(views.update(owner, view.id, { version: 1, visibility: 'private' }));
    expect(stale).toMatchObject({ code: 'version_conflict', status: 409 });
    const madePrivate = await views.update(owner, view.id, { version: 2, visibility: 'private' });
    expect(madePrivate.visibility).toBe('private');
    expect((await failure(views.get(colleague, view.id))).code).toBe('view_not_found');
    expect((await failure(views.get(stranger, view.id))).code).toBe('view_not_found');

    const audit = await database.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.entityId, view.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['view.created', 'view.updated', 'view.updated']);
    const byAdmin = audit.find((a) => (a.after as { version: number } | null)?.version === 2)!;
    expect(byAdmin.before).toMatchObject({ name: 'بودجهٔ بالا', version: 1 });
    expect(byAdmin.after).toMatchObject({ name: 'بودجهٔ خیلی بالا' });
  });

  test('the filter and sort are checked against the list’s fields of that workspace when saved', async () => {
    const before = await database.db.select().from(savedViews).where(eq(savedViews.workspaceId, workspaceId));
    const badFilter = await failure(
      views.create(owner, {
        entityType: 'person',
        name: 'x',
        visibility: 'private',
        filter: { op: 'or', conditions: [{ field: 'firstName', op: 'gt', value: 1 }, { field: 'custom.missing', op: 'eq', value: 1 }] },
      }),
    );
    expect(badFilter.code).toBe('invalid_filter');
    expect(badFilter.fieldErrors.map((e) => e.path)).toEqual(['filter.conditions.0.op', 'filter.conditions.1.field']);

    const badSort = await failure(views.create(owner, { entityType: 'person', name: 'x', visibility: 'private', filter: mine, sort: [{ field: 'tags', direction: 'asc' }] }));
    expect(badSort.fieldErrors.map((e) => [e.path, e.code])).toEqual([['sort.0.field', 'not_sortable']]);

    // custom.budget exists in this workspace only.
    const budget: FilterGroup = { op: 'and', conditions: [{ field: 'custom.budget', op: 'gt', value: 1 }] };
    expect((await failure(views.create(stranger, { entityType: 'person', name: 'x', visibility: 'private', filter: budget }))).fieldErrors[0]?.path).toBe('filter.conditions.0.field');
    expect(catalogRequests).toContain(stranger.workspaceId);

    const badPatch = await failure(
      views.update(owner, (await views.create(owner, { entityType: 'person', name: 'y', visibility: 'private', filter: mine })).id, {
        version: 1,
        filter: { op: 'and', conditions: [{ field: 'tags', op: 'has_any', value: ['not-an-id'] }] },
      }),
    );
    expect(badPatch.fieldErrors.map((e) => e.path)).toEqual(['filter.conditions.0.value']);
    const after = await database.db.select().from(savedViews).where(eq(savedViews.workspaceId, workspaceId));
    expect(after.length).toBe(before.length + 1);

    const unknownList = await failure(views.create(owner, { entityType: 'lead', name: 'x', visibility: 'private', filter: mine }));
    expect(unknownList).toMatchObject({ code: 'views_unavailable', status: 400 });
  });

  test('an API key creates shared views only, and sees shared views only', async () => {
    expect((await failure(views.create(apiKey, { entityType: 'person', name: 'x', visibility: 'private', filter: mine }))).code).toBe('private_view_needs_user');
    const shared = await views.create(apiKey, { entityType: 'person', name: 'همگانی', visibility: 'shared', filter: byFirstName('x') });
    expect(shared).toMatchObject({ ownerId: null, ownerName: null, canEdit: true });
    expect((await views.get(owner, shared.id)).canEdit).toBe(false);
    expect((await views.list(apiKey)).every((v) => v.visibility === 'shared')).toBe(true);
    await views.remove(admin, shared.id);
    expect((await failure(views.get(apiKey, shared.id))).code).toBe('view_not_found');
  });

  test('lists are in Persian alphabetical order, and a malformed id is just not found', async () => {
    const c = memberContext(workspaceId, { id: await insertUser(database, 'سینا'), name: 'سینا' }, 'member');
    for (const name of ['گزارش', 'چک‌ها', 'حساب‌ها', 'Archive']) await views.create(c, { entityType: 'person', name, visibility: 'private', filter: mine });
    const names = (await views.list(c, 'person')).filter((v) => v.ownerId === c.actor.id).map((v) => v.name);
    expect(names).toEqual(['چک‌ها', 'حساب‌ها', 'گزارش', 'Archive']);
    expect((await failure(views.resolveView(c, 'not-a-uuid'))).code).toBe('view_not_found');
  });

  test('reading and saving views needs records.read', async () => {
    const none: WorkspaceContext = { ...owner, permissions: new Set() };
    expect((await failure(views.list(none))).code).toBe('forbidden');
    expect((await failure(views.create(none, { entityType: 'person', name: 'x', visibility: 'private', filter: mine }))).code).toBe('forbidden');
  });
});
