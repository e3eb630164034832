import { and, asc, desc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';

/*
 * Reads for exports: live records, oldest first, keyset on (created_at, id) so a million rows are
 * read a page at a time, each page one short query (PGlite has one connection to share).
 */

type Keyset = { at: Date; id: string } | undefined;
const after = (createdAt: PgColumn, id: PgColumn, key: Keyset) =>
  key ? or(gt(createdAt, key.at), and(eq(createdAt, key.at), gt(id, key.id))) : undefined;

export const exportsRepository = {
  people(db: Executor, workspaceId: string, page: { after?: Keyset; limit: number; where?: SQL }) {
    return db
      .select()
      .from(people)
      .where(
        and(
          eq(people.workspaceId, workspaceId),
          isNull(people.deletedAt),
          isNull(people.mergedIntoId),
          after(people.createdAt, people.id, page.after),
          page.where,
        ),
      )
      .orderBy(asc(people.createdAt), asc(people.id))
      .limit(page.limit);
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

  organizations(db: Executor, workspaceId: string, page: { after?: Keyset; limit: number; where?: SQL }) {
    return db
      .select()
      .from(organizations)
      .where(
        and(
          eq(organizations.workspaceId, workspaceId),
          isNull(organizations.deletedAt),
          isNull(organizations.mergedIntoId),
          after(organizations.createdAt, organizations.id, page.after),
          page.where,
        ),
      )
      .orderBy(asc(organizations.createdAt), asc(organizations.id))
      .limit(page.limit);
  },

  leads(db: Executor, workspaceId: string, page: { after?: Keyset; limit: number; where?: SQL }) {
    return db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt), after(leads.createdAt, leads.id, page.after), page.where))
      .orderBy(asc(leads.createdAt), asc(leads.id))
      .limit(page.limit);
  },
};
