import { loadDealsCatalog } from '../deals/index.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppError } from '../../kernel/errors/index.ts';
import { systemContext, type WorkspaceContext } from '../../kernel/http/context.ts';
import { insertWorkspace, openMigratedTestDatabase, TEST_ENGINES, type MigratedTestDatabase } from '../../kernel/filters/migrated-test-database.ts';
import { createCustomFieldsService } from '../custom-fields/index.ts';
import { loadLeadsCatalog } from '../leads/index.ts';
import { loadOrganizationsCatalog } from '../organizations/index.ts';
import { loadPeopleCatalog } from '../people/index.ts';
import { createFieldsService, type FieldsService } from './fields.service.ts';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe.each(TEST_ENGINES)('fields service on %s', (engine) => {
  let testDb: MigratedTestDatabase;
  let service: FieldsService;
  let ctx: WorkspaceContext;
  let otherCtx: WorkspaceContext;

  beforeAll(async () => {
    testDb = await openMigratedTestDatabase(engine);
    const db = testDb.database.db;
    service = createFieldsService({ db, catalogs: { person: loadPeopleCatalog, organization: loadOrganizationsCatalog, lead: loadLeadsCatalog, deal: loadDealsCatalog } });
    const permissions = ['records.read', 'custom_fields.manage'];
    ctx = systemContext(await insertWorkspace(testDb.database), permissions, 'en');
    otherCtx = systemContext(await insertWorkspace(testDb.database), permissions, 'en');
    const customFields = createCustomFieldsService(db);
    await customFields.create(ctx, {
      entityType: 'organization',
      key: 'tier',
      labelFa: 'رده',
      labelEn: 'Tier',
      type: 'select',
      options: [{ value: 'a', labelFa: 'الف', labelEn: 'A' }],
    });
  });
  afterAll(async () => {
    await testDb?.close();
  });

  test("describes the catalog with the workspace's own custom fields, and only them", async () => {
    const mine = await service.describe(ctx, 'organization');
    expect(mine.find((f) => f.key === 'name')).toMatchObject({ label: { fa: 'نام', en: 'Name' }, type: 'text', sortable: true, defaultColumn: true, custom: false });
    expect(mine.at(-1)).toMatchObject({ key: 'custom.tier', type: 'enum', options: [{ value: 'a', label: { fa: 'الف', en: 'A' } }], custom: true });
    expect((await service.describe(otherCtx, 'organization')).some((f) => f.custom)).toBe(false);
  });

  test('checks the permission first, then the record type', async () => {
    const noRead = { ...ctx, permissions: new Set<string>() };
    expect((await failure(service.describe(noRead, 'nothing'))).code).toBe('forbidden');
    const unknown = await failure(service.describe(ctx, 'ticket'));
    expect(unknown).toMatchObject({ code: 'fields_entity_not_found', status: 404 });
    expect(unknown.messages.fa).toContain('«ticket»');
  });
});
