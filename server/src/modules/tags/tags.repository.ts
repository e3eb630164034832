import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { taggings, tags, type TaggableEntity } from './tags.schema.ts';

export type TagRow = typeof tags.$inferSelect;
export type TagRef = { id: string; name: string; color: string | null };
export type TagUsage = Record<TaggableEntity, number>;
export type Tagging = { tagId: string; entityType: TaggableEntity; entityId: string };

/** PostgreSQL allows 65,535 parameters per statement; bulk writes go in chunks well below that. */
const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const usageOf = (entityType: TaggableEntity) =>
  sql<number>`cast(count(${taggings.tagId}) filter (where ${taggings.entityType} = ${entityType}) as int)`;

const refColumns = { id: tags.id, name: tags.name, color: tags.color };

export const tagsRepository = {
  listWithUsage(db: Executor, workspaceId: string) {
    return db
      .select({ tag: tags, person: usageOf('person'), organization: usageOf('organization'), lead: usageOf('lead'), deal: usageOf('deal') })
      .from(tags)
      .leftJoin(taggings, and(eq(taggings.tagId, tags.id), eq(taggings.workspaceId, tags.workspaceId)))
      .where(eq(tags.workspaceId, workspaceId))
      .groupBy(tags.id);
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<TagRow | undefined> {
    const [row] = await db.select().from(tags).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)));
    return row;
  },

  findByIds(db: Executor, workspaceId: string, ids: string[]): Promise<TagRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db.select().from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, ids)));
  },

  findByNameKeys(db: Executor, workspaceId: string, nameKeys: string[]): Promise<TagRow[]> {
    if (!nameKeys.length) return Promise.resolve([]);
    return db.select().from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.nameKey, nameKeys)));
  },

  /** Undefined when a tag with the same name key already exists (then read that one). */
  async insertIfAbsent(db: Executor, values: { workspaceId: string; name: string; nameKey: string; color: string | null }): Promise<TagRow | undefined> {
    const [row] = await db.insert(tags).values(values).onConflictDoNothing({ target: [tags.workspaceId, tags.nameKey] }).returning();
    return row;
  },

  async update(db: Executor, workspaceId: string, id: string, changes: Partial<Pick<TagRow, 'name' | 'nameKey' | 'color'>>): Promise<TagRow | undefined> {
    const [row] = await db.update(tags).set(changes).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id))).returning();
    return row;
  },

  /** Its taggings go with it (ON DELETE CASCADE). */
  async delete(db: Executor, workspaceId: string, id: string): Promise<void> {
    await db.delete(tags).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)));
  },

  taggingsOfTag(db: Executor, workspaceId: string, tagId: string): Promise<Array<{ entityType: TaggableEntity; entityId: string }>> {
    return db
      .select({ entityType: taggings.entityType, entityId: taggings.entityId })
      .from(taggings)
      .where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.tagId, tagId)));
  },

  /** The taggings actually created (pairs that existed already are skipped). */
  async insertTaggings(db: Executor, workspaceId: string, rows: Tagging[]): Promise<Tagging[]> {
    const created: Tagging[] = [];
    for (const chunk of chunks(rows)) {
      const inserted = await db
        .insert(taggings)
        .values(chunk.map((r) => ({ workspaceId, ...r })))
        .onConflictDoNothing()
        .returning({ tagId: taggings.tagId, entityType: taggings.entityType, entityId: taggings.entityId });
      created.push(...inserted);
    }
    return created;
  },

  /** The taggings actually removed. */
  async deleteTaggings(db: Executor, workspaceId: string, entityType: TaggableEntity, entityIds: string[], tagIds: string[]): Promise<Tagging[]> {
    if (!tagIds.length) return [];
    const removed: Tagging[] = [];
    for (const chunk of chunks(entityIds)) {
      const deleted = await db
        .delete(taggings)
        .where(
          and(
            eq(taggings.workspaceId, workspaceId),
            eq(taggings.entityType, entityType),
            inArray(taggings.entityId, chunk),
            inArray(taggings.tagId, tagIds),
          ),
        )
        .returning({ tagId: taggings.tagId, entityType: taggings.entityType, entityId: taggings.entityId });
      removed.push(...deleted);
    }
    return removed;
  },

  /** Tags of each record, in one query per chunk of records. */
  async tagsOfEntities(db: Executor, workspaceId: string, entityType: TaggableEntity, entityIds: string[]): Promise<Array<TagRef & { entityId: string }>> {
    const rows: Array<TagRef & { entityId: string }> = [];
    for (const chunk of chunks(entityIds)) {
      const found = await db
        .select({ entityId: taggings.entityId, ...refColumns })
        .from(taggings)
        .innerJoin(tags, and(eq(tags.id, taggings.tagId), eq(tags.workspaceId, taggings.workspaceId)))
        .where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.entityType, entityType), inArray(taggings.entityId, chunk)))
        .orderBy(asc(tags.name));
      rows.push(...found);
    }
    return rows;
  },
};
