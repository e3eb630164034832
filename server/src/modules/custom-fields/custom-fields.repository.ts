import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import { customFieldDefinitions, type CustomizableEntity } from './custom-fields.schema.ts';

export type CustomFieldRow = typeof customFieldDefinitions.$inferSelect;
export type CustomFieldChanges = Partial<Pick<CustomFieldRow, 'labelFa' | 'labelEn' | 'options' | 'required' | 'position'>>;

const byPosition = [asc(customFieldDefinitions.entityType), asc(customFieldDefinitions.position), asc(customFieldDefinitions.createdAt), asc(customFieldDefinitions.id)];

export const customFieldsRepository = {
  /** Every entity's fields when `entityType` is left out. */
  list(db: Executor, workspaceId: string, entityType: CustomizableEntity | undefined, options: { includeArchived: boolean }): Promise<CustomFieldRow[]> {
    return db
      .select()
      .from(customFieldDefinitions)
      .where(
        and(
          eq(customFieldDefinitions.workspaceId, workspaceId),
          entityType ? eq(customFieldDefinitions.entityType, entityType) : undefined,
          options.includeArchived ? undefined : isNull(customFieldDefinitions.archivedAt),
        ),
      )
      .orderBy(...byPosition);
  },

  /** The fields a record of this type can be given values for today. */
  listActive(db: Executor, workspaceId: string, entityType: CustomizableEntity): Promise<CustomFieldRow[]> {
    return customFieldsRepository.list(db, workspaceId, entityType, { includeArchived: false });
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<CustomFieldRow | undefined> {
    const [row] = await db
      .select()
      .from(customFieldDefinitions)
      .where(and(eq(customFieldDefinitions.workspaceId, workspaceId), eq(customFieldDefinitions.id, id)));
    return row;
  },

  /** Keys equal to `base` or starting with `base_`, archived fields included: their values still live in records. */
  async keysLike(db: Executor, workspaceId: string, entityType: CustomizableEntity, base: string): Promise<string[]> {
    const rows = await db
      .select({ key: customFieldDefinitions.key })
      .from(customFieldDefinitions)
      .where(
        and(
          eq(customFieldDefinitions.workspaceId, workspaceId),
          eq(customFieldDefinitions.entityType, entityType),
          or(eq(customFieldDefinitions.key, base), like(customFieldDefinitions.key, `${base}\\_%`)),
        ),
      );
    return rows.map((r) => r.key);
  },

  async nextPosition(db: Executor, workspaceId: string, entityType: CustomizableEntity): Promise<number> {
    const [row] = await db
      .select({ max: sql<number | null>`max(${customFieldDefinitions.position})` })
      .from(customFieldDefinitions)
      .where(and(eq(customFieldDefinitions.workspaceId, workspaceId), eq(customFieldDefinitions.entityType, entityType)));
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  },

  async insert(db: Executor, values: typeof customFieldDefinitions.$inferInsert): Promise<CustomFieldRow> {
    const [row] = await db.insert(customFieldDefinitions).values(values).returning();
    return row!;
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: CustomFieldChanges): Promise<CustomFieldRow | undefined> {
    const [row] = await db
      .update(customFieldDefinitions)
      .set({ ...changes, version: sql`${customFieldDefinitions.version} + 1`, updatedAt: new Date() })
      .where(and(eq(customFieldDefinitions.workspaceId, workspaceId), eq(customFieldDefinitions.id, id), eq(customFieldDefinitions.version, version)))
      .returning();
    return row;
  },

  async archive(db: Executor, workspaceId: string, id: string, at: Date): Promise<CustomFieldRow | undefined> {
    const [row] = await db
      .update(customFieldDefinitions)
      .set({ archivedAt: at, version: sql`${customFieldDefinitions.version} + 1`, updatedAt: at })
      .where(and(eq(customFieldDefinitions.workspaceId, workspaceId), eq(customFieldDefinitions.id, id), isNull(customFieldDefinitions.archivedAt)))
      .returning();
    return row;
  },

  /** Which of these ids are live (not deleted, not merged) people or organisations of the workspace. */
  async existingRecordIds(db: Executor, workspaceId: string, entity: 'person' | 'organization', ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const table = entity === 'person' ? people : organizations;
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.workspaceId, workspaceId), inArray(table.id, ids), isNull(table.deletedAt), isNull(table.mergedIntoId)));
    return new Set(rows.map((r) => r.id));
  },
};
