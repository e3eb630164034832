import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { inChunks } from '../../kernel/records/index.ts';
import type { RecordListCriteria } from '../people/people.repository.ts';
import { quickSearch, readSorted, sortCursorPosition, sortValueOf } from '../people/record-query.ts';
import { taggings } from '../tags/tags.schema.ts';
import { organizations } from './organizations.schema.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type OrganizationValues = Omit<
  typeof organizations.$inferInsert,
  'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'mergedIntoId'
>;

const organizationColumns = getTableColumns(organizations);
const scoped = (workspaceId: string, id: string) => and(eq(organizations.workspaceId, workspaceId), eq(organizations.id, id));
const live = and(isNull(organizations.deletedAt), isNull(organizations.mergedIntoId));
const bumped = () => ({ version: sql`${organizations.version} + 1`, updatedAt: new Date() });
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export const organizationsRepository = {
  async insert(db: Executor, workspaceId: string, values: OrganizationValues): Promise<OrganizationRow> {
    const [row] = await db
      .insert(organizations)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  /** Many new organisations in one statement per chunk; each value carries the id it is created with. */
  async insertMany(db: Executor, workspaceId: string, values: Array<OrganizationValues & { id: string }>): Promise<OrganizationRow[]> {
    const rows: OrganizationRow[] = [];
    for (const chunk of inChunks(values)) rows.push(...(await db.insert(organizations).values(chunk.map((v) => ({ ...v, workspaceId }))).returning()));
    return rows;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<OrganizationRow | undefined> {
    const [row] = await db.select().from(organizations).where(scoped(workspaceId, id));
    return row;
  },

  findMany(db: Executor, workspaceId: string, ids: string[]): Promise<OrganizationRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db
      .select()
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), inArray(organizations.id, ids)));
  },

  /** The live (not deleted, not merged) organisations among `ids`. */
  findLive(db: Executor, workspaceId: string, ids: string[]): Promise<OrganizationRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db
      .select()
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), inArray(organizations.id, ids), live));
  },

  /**
   * The oldest live organisation whose name has this search key. The name is always the first
   * part of the stored search key (see organizationSearchKey), so this needs no extra column.
   */
  async findByNameKey(db: Executor, workspaceId: string, nameKey: string): Promise<OrganizationRow | undefined> {
    if (!nameKey) return undefined;
    const [row] = await db
      .select()
      .from(organizations)
      .where(
        and(
          eq(organizations.workspaceId, workspaceId),
          live,
          or(eq(organizations.searchKey, nameKey), like(organizations.searchKey, `${escapeLike(nameKey)}|%`)),
        ),
      )
      .orderBy(asc(organizations.createdAt), asc(organizations.id))
      .limit(1);
    return row;
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<OrganizationValues>): Promise<OrganizationRow | undefined> {
    const [row] = await db
      .update(organizations)
      .set({ ...changes, ...bumped() })
      .where(and(scoped(workspaceId, id), eq(organizations.version, version)))
      .returning();
    return row;
  },

  setDeleted(db: Executor, workspaceId: string, ids: string[], at: Date | null): Promise<OrganizationRow[]> {
    return db
      .update(organizations)
      .set({ deletedAt: at, ...bumped() })
      .where(
        and(
          eq(organizations.workspaceId, workspaceId),
          inArray(organizations.id, ids),
          isNull(organizations.mergedIntoId),
          at ? isNull(organizations.deletedAt) : isNotNull(organizations.deletedAt),
        ),
      )
      .returning();
  },

  setOwner(db: Executor, workspaceId: string, ids: string[], ownerId: string): Promise<OrganizationRow[]> {
    return db
      .update(organizations)
      .set({ ownerId, ...bumped() })
      .where(and(eq(organizations.workspaceId, workspaceId), inArray(organizations.id, ids), sql`${organizations.ownerId} is distinct from ${ownerId}`))
      .returning();
  },

  async setLastVerified(db: Executor, workspaceId: string, id: string, isoDate: string): Promise<OrganizationRow | undefined> {
    const [row] = await db
      .update(organizations)
      .set({ lastVerifiedAt: isoDate, ...bumped() })
      .where(scoped(workspaceId, id))
      .returning();
    return row;
  },

  /** The condition of a list, without its page; exports use it too. */
  listWhere(workspaceId: string, criteria: Omit<RecordListCriteria, 'sort' | 'cursor' | 'limit'>): SQL {
    const conditions: Array<SQL | undefined> = [
      eq(organizations.workspaceId, workspaceId),
      isNull(organizations.mergedIntoId),
      criteria.deleted ? isNotNull(organizations.deletedAt) : isNull(organizations.deletedAt),
      quickSearch(organizations.searchKey, criteria.q),
      criteria.filter,
      criteria.staleBefore ? or(isNull(organizations.lastVerifiedAt), lte(organizations.lastVerifiedAt, criteria.staleBefore)) : undefined,
      criteria.ownerId ? eq(organizations.ownerId, criteria.ownerId) : undefined,
      criteria.tagId
        ? sql`exists (select 1 from ${taggings} where ${taggings.workspaceId} = ${workspaceId} and ${taggings.tagId} = ${criteria.tagId}
            and ${taggings.entityType} = 'organization' and ${taggings.entityId} = ${organizations.id})`
        : undefined,
    ];
    return and(...conditions)!;
  },

  /** limit + 1 rows after the cursor, each with its sort value (see readSorted). */
  list(db: Executor, workspaceId: string, criteria: RecordListCriteria): Promise<Array<OrganizationRow & { sortValue: string | null }>> {
    const { sort } = criteria;
    const where = organizationsRepository.listWhere(workspaceId, criteria);
    return readSorted(sort, organizations.id, sortCursorPosition(sort, criteria.cursor), criteria.limit + 1, (part) =>
      db
        .select({ ...organizationColumns, sortValue: sortValueOf(sort) })
        .from(organizations)
        .where(and(where, part.where))
        .orderBy(...part.orderBy)
        .limit(part.limit),
    );
  },
};
