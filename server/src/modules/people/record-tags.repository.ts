import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { taggings, tags } from '../tags/tags.schema.ts';
import type { TaggedEntity } from './record-ports.ts';

export type TagRef = { id: string; name: string; color: string | null };

/** Reads of the tags a record carries; writes go through the tags service (setTags). */
export const recordTagsRepository = {
  async tagsOf(db: Executor, workspaceId: string, entityType: TaggedEntity, entityIds: string[]): Promise<Map<string, TagRef[]>> {
    const byEntity = new Map<string, TagRef[]>(entityIds.map((id) => [id, []]));
    if (!entityIds.length) return byEntity;
    const rows = await db
      .select({ entityId: taggings.entityId, id: tags.id, name: tags.name, color: tags.color })
      .from(taggings)
      .innerJoin(tags, eq(tags.id, taggings.tagId))
      .where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.entityType, entityType), inArray(taggings.entityId, entityIds)))
      .orderBy(asc(tags.name));
    for (const { entityId, ...tag } of rows) byEntity.get(entityId)?.push(tag);
    return byEntity;
  },

  /** The subset of `tagIds` that are tags of this workspace. */
  async existingTagIds(db: Executor, workspaceId: string, tagIds: string[]): Promise<Set<string>> {
    if (!tagIds.length) return new Set();
    const rows = await db.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, tagIds)));
    return new Set(rows.map((r) => r.id));
  },
};
