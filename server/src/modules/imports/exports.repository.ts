import { and, asc, desc, eq, getTableColumns, inArray, isNull } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import { readSorted, sortValueOf, type ResolvedSort } from '../people/record-query.ts';
import type { ExportPageQuery } from './import-adapter.ts';

/*
 * Reads for exports: the rows of the list the export was started from (its condition and sort,
 * built by the list's own repository), keyset on (sort value, id) exactly as the list pages, so a
 * million rows are read a page at a time, each page one short query (PGlite has one connection
 * to share). Without a selection: live records, newest first, as the lists show by default.
 */

const newestFirst = (createdAt: PgColumn): ResolvedSort => ({ field: 'createdAt', direction: 'desc', expression: createdAt, notNull: true });

export const exportsRepository = {
  people(db: Executor, workspaceId: string, page: ExportPageQuery) {
    const sort = page.selection?.sort ?? newestFirst(people.createdAt);
    const where = page.selection?.where ?? and(isNull(people.deletedAt), isNull(people.mergedIntoId));
    return readSorted(sort, people.id, page.after, page.limit, (part) =>
      db
        .select({ ...getTableColumns(people), sortValue: sortValueOf(sort) })
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), where, part.where))
        .orderBy(...part.orderBy)
        .limit(part.limit),
    );
  },

  /** Organisation names of these people, primary first. */
  async organizationNames(db: Executor, workspaceId: string, personIds: string[]): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    if (!personIds.length) return names;
    const rows = await db
      .select({ personId: personOrganizations.personId, name: organizations.name })
      .from(personOrganizations)
      .innerJoin(organizations, eq(organizations.id, personOrganizations.organizationId))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), inArray(personOrganizations.personId, personIds), isNull(organizations.deletedAt)))
      .orderBy(desc(personOrganizations.isPrimary), asc(organizations.name));
    for (const row of rows) names.set(row.personId, [...(names.get(row.personId) ?? []), row.name]);
    return names;
  },

  organizations(db: Executor, workspaceId: string, page: ExportPageQuery) {
    const sort = page.selection?.sort ?? newestFirst(organizations.createdAt);
    const where = page.selection?.where ?? and(isNull(organizations.deletedAt), isNull(organizations.mergedIntoId));
    return readSorted(sort, organizations.id, page.after, page.limit, (part) =>
      db
        .select({ ...getTableColumns(organizations), sortValue: sortValueOf(sort) })
        .from(organizations)
        .where(and(eq(organizations.workspaceId, workspaceId), where, part.where))
        .orderBy(...part.orderBy)
        .limit(part.limit),
    );
  },

  leads(db: Executor, workspaceId: string, page: ExportPageQuery) {
    const sort = page.selection?.sort ?? newestFirst(leads.createdAt);
    const where = page.selection?.where ?? isNull(leads.deletedAt);
    return readSorted(sort, leads.id, page.after, page.limit, (part) =>
      db
        .select({ ...getTableColumns(leads), sortValue: sortValueOf(sort) })
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), where, part.where))
        .orderBy(...part.orderBy)
        .limit(part.limit),
    );
  },
};
