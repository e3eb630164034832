import { and, eq, getTableColumns, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { inChunks } from '../../kernel/records/index.ts';
import { taggings } from '../tags/tags.schema.ts';
import { people } from './people.schema.ts';
import { quickSearch, readSorted, sortCursorPosition, sortValueOf, type ResolvedSort } from './record-query.ts';

export type PersonRow = typeof people.$inferSelect;
export type PersonValues = Omit<typeof people.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'mergedIntoId'>;

/** What a list asks for; every part is optional except where the page starts and how it is sorted. */
export type RecordListCriteria = {
  deleted: boolean;
  q?: string;
  /** Compiled by kernel/filters from a FilterGroup (query parameter and/or saved view). */
  filter?: SQL;
  /** Not verified on or after this ISO date (or never). */
  staleBefore?: string;
  tagId?: string;
  ownerId?: string;
  sort: ResolvedSort;
  cursor?: string;
  limit: number;
};

const peopleColumns = getTableColumns(people);
const scoped = (workspaceId: string, id: string) => and(eq(people.workspaceId, workspaceId), eq(people.id, id));
const bumped = () => ({ version: sql`${people.version} + 1`, updatedAt: new Date() });

export const peopleRepository = {
  async insert(db: Executor, workspaceId: string, values: PersonValues): Promise<PersonRow> {
    const [row] = await db
      .insert(people)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  /** Many new people in one statement per chunk; each value carries the id it is created with. */
  async insertMany(db: Executor, workspaceId: string, values: Array<PersonValues & { id: string }>): Promise<PersonRow[]> {
    const rows: PersonRow[] = [];
    for (const chunk of inChunks(values)) rows.push(...(await db.insert(people).values(chunk.map((v) => ({ ...v, workspaceId }))).returning()));
    return rows;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<PersonRow | undefined> {
    const [row] = await db.select().from(people).where(scoped(workspaceId, id));
    return row;
  },

  findMany(db: Executor, workspaceId: string, ids: string[]): Promise<PersonRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db
      .select()
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, ids)));
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<PersonValues>): Promise<PersonRow | undefined> {
    const [row] = await db
      .update(people)
      .set({ ...changes, ...bumped() })
      .where(and(scoped(workspaceId, id), eq(people.version, version)))
      .returning();
    return row;
  },

  /** Soft delete (a date) or restore (null) of the given live records; returns the rows that changed. */
  setDeleted(db: Executor, workspaceId: string, ids: string[], at: Date | null): Promise<PersonRow[]> {
    return db
      .update(people)
      .set({ deletedAt: at, ...bumped() })
      .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, ids), isNull(people.mergedIntoId), at ? isNull(people.deletedAt) : isNotNull(people.deletedAt)))
      .returning();
  },

  setOwner(db: Executor, workspaceId: string, ids: string[], ownerId: string): Promise<PersonRow[]> {
    return db
      .update(people)
      .set({ ownerId, ...bumped() })
      .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, ids), sql`${people.ownerId} is distinct from ${ownerId}`))
      .returning();
  },

  async setLastVerified(db: Executor, workspaceId: string, id: string, isoDate: string): Promise<PersonRow | undefined> {
    const [row] = await db
      .update(people)
      .set({ lastVerifiedAt: isoDate, ...bumped() })
      .where(scoped(workspaceId, id))
      .returning();
    return row;
  },

  /** The search key is derived data: writing it changes no version, so it never causes a 409. */
  async setSearchKey(db: Executor, workspaceId: string, id: string, searchKey: string): Promise<void> {
    await db.update(people).set({ searchKey }).where(scoped(workspaceId, id));
  },

  /**
   * The condition of a list, without its page: exports use it too, so a file holds exactly the
   * rows the list shows.
   */
  listWhere(workspaceId: string, criteria: Omit<RecordListCriteria, 'sort' | 'cursor' | 'limit'>): SQL {
    const conditions: Array<SQL | undefined> = [
      eq(people.workspaceId, workspaceId),
      isNull(people.mergedIntoId),
      criteria.deleted ? isNotNull(people.deletedAt) : isNull(people.deletedAt),
      quickSearch(people.searchKey, criteria.q),
      criteria.filter,
      criteria.staleBefore ? or(isNull(people.lastVerifiedAt), lte(people.lastVerifiedAt, criteria.staleBefore)) : undefined,
      criteria.ownerId ? eq(people.ownerId, criteria.ownerId) : undefined,
      criteria.tagId
        ? sql`exists (select 1 from ${taggings} where ${taggings.workspaceId} = ${workspaceId} and ${taggings.tagId} = ${criteria.tagId}
            and ${taggings.entityType} = 'person' and ${taggings.entityId} = ${people.id})`
        : undefined,
    ];
    return and(...conditions)!;
  },

  /** limit + 1 rows after the cursor, each with its sort value (see readSorted). */
  list(db: Executor, workspaceId: string, criteria: RecordListCriteria): Promise<Array<PersonRow & { sortValue: string | null }>> {
    const { sort } = criteria;
    const where = peopleRepository.listWhere(workspaceId, criteria);
    return readSorted(sort, people.id, sortCursorPosition(sort, criteria.cursor), criteria.limit + 1, (part) =>
      db
        .select({ ...peopleColumns, sortValue: sortValueOf(sort) })
        .from(people)
        .where(and(where, part.where))
        .orderBy(...part.orderBy)
        .limit(part.limit),
    );
  },
};
