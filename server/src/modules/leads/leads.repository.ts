import { and, eq, getTableColumns, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { inChunks } from '../../kernel/records/index.ts';
// Quick search and keyset sorting are shared with people and organisations, so every list
// searches, sorts (Persian alphabetical order) and pages the same way.
import { quickSearch, readSorted, sortCursorPosition, sortValueOf, type ResolvedSort } from '../people/record-query.ts';
import { taggings } from '../tags/tags.schema.ts';
import { leads, type LeadSource, type LeadStatus } from './leads.schema.ts';

export type LeadRow = typeof leads.$inferSelect;
/** What the service writes; the repository owns id, workspace, version and timestamps. */
export type LeadValues = Omit<typeof leads.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;

/** What a list asks for; every part is optional except where the page starts and how it is sorted. */
export type LeadListCriteria = {
  deleted: boolean;
  q?: string;
  statuses?: LeadStatus[];
  sources?: LeadSource[];
  ownerId?: string;
  tagId?: string;
  /** Compiled by kernel/filters from a FilterGroup (query parameter and/or saved view). */
  filter?: SQL;
  sort: ResolvedSort;
  cursor?: string;
  limit: number;
};

const leadColumns = getTableColumns(leads);
const scoped = (workspaceId: string, id: string) => and(eq(leads.workspaceId, workspaceId), eq(leads.id, id));
const bumped = (at: Date) => ({ version: sql`${leads.version} + 1`, updatedAt: at });

export const leadsRepository = {
  async insert(db: Executor, workspaceId: string, values: LeadValues): Promise<LeadRow> {
    const [row] = await db
      .insert(leads)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  /** Many new leads in one statement per chunk; each value carries the id it is created with. */
  async insertMany(db: Executor, workspaceId: string, values: Array<LeadValues & { id: string }>): Promise<LeadRow[]> {
    const rows: LeadRow[] = [];
    for (const chunk of inChunks(values)) rows.push(...(await db.insert(leads).values(chunk.map((v) => ({ ...v, workspaceId }))).returning()));
    return rows;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<LeadRow | undefined> {
    const [row] = await db.select().from(leads).where(scoped(workspaceId, id));
    return row;
  },

  /**
   * The lead, locked until the transaction ends: a conversion or an edit running at the same time
   * waits, then sees the committed result (so one lead can never be converted twice).
   */
  async findForUpdate(db: Executor, workspaceId: string, id: string): Promise<LeadRow | undefined> {
    const [row] = await db.select().from(leads).where(scoped(workspaceId, id)).for('update');
    return row;
  },

  /** The named leads of this workspace, locked for a bulk change; ids of other workspaces are simply absent. */
  findManyForUpdate(db: Executor, workspaceId: string, ids: string[]): Promise<LeadRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids)))
      .orderBy(leads.createdAt, leads.id)
      .for('update');
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<LeadValues>, at: Date): Promise<LeadRow | undefined> {
    const [row] = await db
      .update(leads)
      .set({ ...changes, ...bumped(at) })
      .where(and(scoped(workspaceId, id), eq(leads.version, version)))
      .returning();
    return row;
  },

  /** The condition of a list, without its page; exports use it too, so a file holds exactly the rows the list shows. */
  listWhere(workspaceId: string, criteria: Omit<LeadListCriteria, 'sort' | 'cursor' | 'limit'>): SQL {
    const conditions: Array<SQL | undefined> = [
      eq(leads.workspaceId, workspaceId),
      criteria.deleted ? isNotNull(leads.deletedAt) : isNull(leads.deletedAt),
      quickSearch(leads.searchKey, criteria.q),
      criteria.statuses?.length ? inArray(leads.status, criteria.statuses) : undefined,
      criteria.sources?.length ? inArray(leads.source, criteria.sources) : undefined,
      criteria.ownerId !== undefined ? eq(leads.ownerId, criteria.ownerId) : undefined,
      criteria.tagId
        ? sql`exists (select 1 from ${taggings} where ${taggings.workspaceId} = ${workspaceId} and ${taggings.tagId} = ${criteria.tagId}
            and ${taggings.entityType} = 'lead' and ${taggings.entityId} = ${leads.id})`
        : undefined,
      criteria.filter,
    ];
    return and(...conditions)!;
  },

  /** limit + 1 rows (the extra one tells whether there is a next page), each with its sort value for the cursor. */
  list(db: Executor, workspaceId: string, criteria: LeadListCriteria): Promise<Array<LeadRow & { sortValue: string | null }>> {
    const { sort } = criteria;
    const where = leadsRepository.listWhere(workspaceId, criteria);
    return readSorted(sort, leads.id, sortCursorPosition(sort, criteria.cursor), criteria.limit + 1, (part) =>
      db
        .select({ ...leadColumns, sortValue: sortValueOf(sort) })
        .from(leads)
        .where(and(where, part.where))
        .orderBy(...part.orderBy)
        .limit(part.limit),
    );
  },
};
