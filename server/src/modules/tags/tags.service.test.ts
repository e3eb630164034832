import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import { mutate } from '../../kernel/audit/audit.ts';
import type { Database } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { insertUser, insertWorkspace, memberContext, openMigratedTestDatabase, TEST_ENGINES, type MigratedTestDatabase } from '../../kernel/filters/migrated-test-database.ts';
import { createTagsService, type TagsService } from './tags.service.ts';
import { taggings } from './tags.schema.ts';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe.each(TEST_ENGINES)('tags service on %s', (engine) => {
  let testDb: MigratedTestDatabase;
  let database: Database;
  let service: TagsService;
  let ctx: WorkspaceContext;
  let otherCtx: WorkspaceContext;

  const auditOf = (workspaceId: string, entityId: string) =>
    database.db
      .select({ action: auditLog.action, entityType: auditLog.entityType, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.entityId, entityId)))
      .orderBy(asc(auditLog.occurredAt), asc(auditLog.id));

  /** Entries of transactions that start within one millisecond share a timestamp, so look them up by action. */
  const auditEntry = async (workspaceId: string, entityId: string, action: string) => (await auditOf(workspaceId, entityId)).find((e) => e.action === action);

  /** A fresh workspace per test keeps the tests independent of each other's tags. */
  const freshContext = async () => {
    const workspaceId = await insertWorkspace(database);
    const userId = await insertUser(database, 'نرگس');
    return memberContext(workspaceId, { id: userId, name: 'نرگس' }, 'member');
  };

  beforeAll(async () => {
    testDb = await openMigratedTestDatabase(engine);
    database = testDb.database;
    service = createTagsService(database.db);
  });
  beforeAll(async () => {
    ctx = await freshContext();
    otherCtx = await freshContext();
  });

  afterAll(async () => {
    await testDb?.close();
  });

  test('one tag per name, whatever the spelling: Arabic ي/ك, ZWNJ, spaces', async () => {
    const c = await freshContext();
    const first = await service.create(c, { name: '  مشتري   ويژه ', color: '#FF8800' });
    expect(first.created).toBe(true);
    expect(first.tag).toMatchObject({ name: 'مشتري ويژه', color: '#ff8800' });
    for (const spelling of ['مشتری ویژه', 'مشتری‌ویژه', 'مشتریویژه']) {
      const again = await service.create(c, { name: spelling, color: '#000000' });
      expect(again).toMatchObject({ created: false, tag: { id: first.tag.id, color: '#ff8800' } });
    }
    expect((await service.list(c)).map((t) => t.id)).toEqual([first.tag.id]);
    expect((await auditOf(c.workspaceId, first.tag.id)).map((a) => a.action)).toEqual(['tag.created']);
  });

  test('refuses empty and overlong names', async () => {
    expect((await failure(service.create(ctx, { name: '\u200c \u200c' }))).code).toBe('tag_name_empty');
    expect((await failure(service.create(ctx, { name: 'ب'.repeat(65) }))).code).toBe('tag_name_too_long');
  });

  test('rename: a name taken by another tag is a 409; recolouring and respelling its own name are fine', async () => {
    const c = await freshContext();
    const vip = (await service.create(c, { name: 'VIP' })).tag;
    const loyal = (await service.create(c, { name: 'وفادار' })).tag;
    const taken = await failure(service.update(c, loyal.id, { name: 'vip' }));
    expect(taken).toMatchObject({ code: 'tag_name_taken', status: 409 });
    expect(taken.messages.fa).toContain('VIP');
    const renamed = await service.update(c, vip.id, { name: 'Vip', color: '#00aa00' });
    expect(renamed).toMatchObject({ name: 'Vip', color: '#00aa00' });
    expect(await auditEntry(c.workspaceId, vip.id, 'tag.updated')).toMatchObject({ action: 'tag.updated', before: { name: 'VIP', color: null }, after: { name: 'Vip', color: '#00aa00' } });
    expect((await failure(service.update(otherCtx, vip.id, { color: null }))).code).toBe('tag_not_found');
  });

  test('setTags makes a record carry exactly the given tags and writes its timeline', async () => {
    const c = await freshContext();
    const person = randomUUID();
    const vip = (await service.create(c, { name: 'VIP' })).tag;
    const set = (tagsWanted: string[]) => mutate(database.db, c, (tx) => service.setTags(tx, c, 'person', person, tagsWanted));

    const first = await set([vip.id, 'خريدار عمده', 'خریدار عمده']);
    expect(first.map((t) => t.name)).toEqual(['خريدار عمده', 'VIP']);
    const bulkBuyer = first[0]!;

    const second = await set(['vip', 'وفادار']);
    expect(second.map((t) => t.name)).toEqual(['وفادار', 'VIP']);
    await set(['VIP', 'وفادار']); // no change: no audit entry

    // Entries of one transaction share their timestamp, so their order is not asserted.
    const timeline = await auditOf(c.workspaceId, person);
    expect(timeline).toHaveLength(3);
    expect(timeline).toEqual(expect.arrayContaining([
      { action: 'record.tagged', entityType: 'person', before: null, after: { tags: [{ id: vip.id, name: 'VIP' }, { id: bulkBuyer.id, name: 'خريدار عمده' }] } },
      { action: 'record.tagged', entityType: 'person', before: null, after: { tags: [{ id: second[0]!.id, name: 'وفادار' }] } },
      { action: 'record.untagged', entityType: 'person', before: { tags: [{ id: bulkBuyer.id, name: 'خريدار عمده' }] }, after: null },
    ]));
    const map = await service.tagsFor(database.db, c.workspaceId, 'person', [person]);
    expect(map.get(person)!.map((t) => t.name)).toEqual(['وفادار', 'VIP']);
  });

  test('setTags with an id of another workspace changes nothing at all', async () => {
    const c = await freshContext();
    const person = randomUUID();
    const foreign = (await service.create(otherCtx, { name: 'بیگانه' })).tag;
    const error = await failure(mutate(database.db, c, (tx) => service.setTags(tx, c, 'person', person, ['تازه', foreign.id])));
    expect(error).toMatchObject({ code: 'unknown_tags', status: 400 });
    expect(await service.list(c)).toEqual([]);
    expect(await auditOf(c.workspaceId, person)).toEqual([]);
  });

  test('addTags / removeTags in bulk: only real changes count and are audited, once per record', async () => {
    const c = await freshContext();
    const people = [randomUUID(), randomUUID(), randomUUID()];
    const a = (await service.create(c, { name: 'الف' })).tag;
    const b = (await service.create(c, { name: 'ب' })).tag;
    const bulk = <T>(work: Parameters<typeof mutate<T>>[2]) => mutate(database.db, c, work);

    await bulk((tx) => service.setTags(tx, c, 'person', people[0]!, [a.id]));
    expect(await bulk((tx) => service.addTags(tx, c, 'person', people, [a.id, b.id]))).toBe(5);
    expect(await bulk((tx) => service.addTags(tx, c, 'person', people, [a.id, b.id]))).toBe(0);
    const firstTimeline = (await auditOf(c.workspaceId, people[0]!)).map((e) => [e.action, e.after]);
    expect(firstTimeline).toHaveLength(2);
    expect(firstTimeline).toEqual(
      expect.arrayContaining([
        ['record.tagged', { tags: [{ id: a.id, name: 'الف' }] }],
        ['record.tagged', { tags: [{ id: b.id, name: 'ب' }] }],
      ]),
    );
    expect((await service.list(c)).map((t) => [t.name, t.usage])).toEqual([
      ['الف', { person: 3, organization: 0, lead: 0, deal: 0, total: 3 }],
      ['ب', { person: 3, organization: 0, lead: 0, deal: 0, total: 3 }],
    ]);

    expect(await bulk((tx) => service.removeTags(tx, c, 'person', [people[1]!, people[2]!], [a.id]))).toBe(2);
    expect(await auditEntry(c.workspaceId, people[2]!, 'record.untagged')).toMatchObject({ before: { tags: [{ id: a.id, name: 'الف' }] } });
    const map = await service.tagsFor(database.db, c.workspaceId, 'person', [...people, randomUUID()]);
    expect([...map.values()].map((refs) => refs.map((t) => t.name))).toEqual([['الف', 'ب'], ['ب'], ['ب'], []]);
    // The same record id under another entity type carries nothing.
    expect((await service.tagsFor(database.db, c.workspaceId, 'organization', people)).get(people[0]!)).toEqual([]);

    const badId = await failure(bulk((tx) => service.addTags(tx, c, 'person', ['not-a-uuid'], [a.id])));
    expect(badId.fieldErrors[0]?.path).toBe('entityIds.0');
  });

  test('deleting a tag removes it from every record, each record timeline saying so', async () => {
    const c = await freshContext();
    const people = [randomUUID(), randomUUID()];
    const gone = (await service.create(c, { name: 'موقت' })).tag;
    await mutate(database.db, c, (tx) => service.addTags(tx, c, 'lead', people, [gone.id]));
    await service.remove(c, gone.id);
    expect(await database.db.select().from(taggings).where(eq(taggings.tagId, gone.id))).toEqual([]);
    for (const id of people) expect(await auditEntry(c.workspaceId, id, 'record.untagged')).toMatchObject({ entityType: 'lead', before: { tags: [{ id: gone.id, name: 'موقت' }] } });
    expect(await auditEntry(c.workspaceId, gone.id, 'tag.deleted')).toMatchObject({ before: { name: 'موقت', usageCount: 2 } });
    expect((await failure(service.remove(c, gone.id))).code).toBe('tag_not_found');
  });

  test('reading needs records.read, changing needs records.write', async () => {
    const readOnly: WorkspaceContext = { ...ctx, permissions: new Set(['records.read']) };
    expect(await service.list(readOnly)).toBeInstanceOf(Array);
    expect((await failure(service.create(readOnly, { name: 'x' }))).code).toBe('forbidden');
    expect((await failure(mutate(database.db, readOnly, (tx) => service.setTags(tx, readOnly, 'person', randomUUID(), ['x'])))).code).toBe('forbidden');
    const nothing: WorkspaceContext = { ...ctx, permissions: new Set() };
    expect((await failure(service.list(nothing))).code).toBe('forbidden');
  });
});
