import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { inChunks } from '../../kernel/records/index.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { people } from '../people/people.schema.ts';
import { organizations, personOrganizations } from './organizations.schema.ts';

export type PersonOrganizationRow = typeof personOrganizations.$inferSelect;
export type LinkValues = { personId: string; organizationId: string; role: string | null; isPrimary: boolean };

const liveOrganization = and(isNull(organizations.deletedAt), isNull(organizations.mergedIntoId));
const linkOf = (workspaceId: string, personId: string, organizationId: string) =>
  and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.personId, personId), eq(personOrganizations.organizationId, organizationId));

/** Links between people and organisations, each with a role; a person has at most one primary organisation. */
export const personOrganizationsRepository = {
  /** The live organisations of a person, primary first. */
  organizationsOf(db: Executor, workspaceId: string, personId: string) {
    return db
      .select({
        organizationId: organizations.id,
        name: organizations.name,
        nameLatin: organizations.nameLatin,
        type: organizations.type,
        role: personOrganizations.role,
        isPrimary: personOrganizations.isPrimary,
      })
      .from(personOrganizations)
      .innerJoin(organizations, eq(organizations.id, personOrganizations.organizationId))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.personId, personId), liveOrganization))
      .orderBy(desc(personOrganizations.isPrimary), asc(organizations.name));
  },

  /** The live organisations of many people in one query (a list page), primary first, then by name. */
  async organizationsOfMany(db: Executor, workspaceId: string, personIds: string[]) {
    const byPerson = new Map<string, Array<{ organizationId: string; name: string; nameLatin: string | null; type: string; role: string | null; isPrimary: boolean }>>(
      personIds.map((id) => [id, []]),
    );
    if (!personIds.length) return byPerson;
    const rows = await db
      .select({
        personId: personOrganizations.personId,
        organizationId: organizations.id,
        name: organizations.name,
        nameLatin: organizations.nameLatin,
        type: organizations.type,
        role: personOrganizations.role,
        isPrimary: personOrganizations.isPrimary,
      })
      .from(personOrganizations)
      .innerJoin(organizations, eq(organizations.id, personOrganizations.organizationId))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), inArray(personOrganizations.personId, personIds), liveOrganization))
      .orderBy(desc(personOrganizations.isPrimary), asc(organizations.name), asc(organizations.id));
    for (const { personId, ...organization } of rows) byPerson.get(personId)?.push(organization);
    return byPerson;
  },

  /** Every link of a person, deleted organisations included (what a replace must compare against). */
  linksOf(db: Executor, workspaceId: string, personId: string): Promise<PersonOrganizationRow[]> {
    return db
      .select()
      .from(personOrganizations)
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.personId, personId)));
  },

  async find(db: Executor, workspaceId: string, personId: string, organizationId: string): Promise<PersonOrganizationRow | undefined> {
    const [row] = await db.select().from(personOrganizations).where(linkOf(workspaceId, personId, organizationId));
    return row;
  },

  /** Creates the link, or changes its role and primary flag when it exists. */
  async upsert(db: Executor, workspaceId: string, link: LinkValues): Promise<PersonOrganizationRow> {
    const [row] = await db
      .insert(personOrganizations)
      .values({ workspaceId, ...link })
      .onConflictDoUpdate({
        target: [personOrganizations.personId, personOrganizations.organizationId],
        set: { role: link.role, isPrimary: link.isPrimary },
      })
      .returning();
    return row!;
  },

  /** Links of people just created (they have none yet), in one statement per chunk. */
  async insertMany(db: Executor, workspaceId: string, links: LinkValues[]): Promise<PersonOrganizationRow[]> {
    const rows: PersonOrganizationRow[] = [];
    for (const chunk of inChunks(links)) rows.push(...(await db.insert(personOrganizations).values(chunk.map((l) => ({ workspaceId, ...l }))).returning()));
    return rows;
  },

  async remove(db: Executor, workspaceId: string, personId: string, organizationId: string): Promise<PersonOrganizationRow | undefined> {
    const [row] = await db.delete(personOrganizations).where(linkOf(workspaceId, personId, organizationId)).returning();
    return row;
  },

  async clearOtherPrimaries(db: Executor, workspaceId: string, personId: string, keepOrganizationId: string): Promise<void> {
    await db
      .update(personOrganizations)
      .set({ isPrimary: false })
      .where(
        and(
          eq(personOrganizations.workspaceId, workspaceId),
          eq(personOrganizations.personId, personId),
          ne(personOrganizations.organizationId, keepOrganizationId),
          eq(personOrganizations.isPrimary, true),
        ),
      );
  },

  /** Live people of an organisation with their role, newest link first. */
  peopleOf(db: Executor, workspaceId: string, organizationId: string, page: { limit: number; cursor?: string }) {
    return db
      .select({
        person: getTableColumns(people),
        role: personOrganizations.role,
        isPrimary: personOrganizations.isPrimary,
        linkId: personOrganizations.id,
        linkedAt: personOrganizations.createdAt,
      })
      .from(personOrganizations)
      .innerJoin(people, eq(people.id, personOrganizations.personId))
      .where(
        and(
          eq(personOrganizations.workspaceId, workspaceId),
          eq(personOrganizations.organizationId, organizationId),
          isNull(people.deletedAt),
          isNull(people.mergedIntoId),
          keysetWhere(personOrganizations.createdAt, personOrganizations.id, page.cursor),
        ),
      )
      .orderBy(...keysetOrder(personOrganizations.createdAt, personOrganizations.id))
      .limit(page.limit + 1);
  },

  async personIdsOf(db: Executor, workspaceId: string, organizationIds: string[]): Promise<string[]> {
    if (!organizationIds.length) return [];
    const rows = await db
      .selectDistinct({ personId: personOrganizations.personId })
      .from(personOrganizations)
      .where(and(eq(personOrganizations.workspaceId, workspaceId), inArray(personOrganizations.organizationId, organizationIds)));
    return rows.map((r) => r.personId);
  },

  /** Names (both scripts) of each person's live organisations: part of the people's search keys. */
  async organizationNamesOf(db: Executor, workspaceId: string, personIds: string[]): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>(personIds.map((id) => [id, []]));
    if (!personIds.length) return names;
    const rows = await db
      .select({ personId: personOrganizations.personId, name: organizations.name, nameLatin: organizations.nameLatin })
      .from(personOrganizations)
      .innerJoin(organizations, eq(organizations.id, personOrganizations.organizationId))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), inArray(personOrganizations.personId, personIds), liveOrganization))
      .orderBy(asc(organizations.name));
    for (const r of rows) names.get(r.personId)?.push(r.name, ...(r.nameLatin ? [r.nameLatin] : []));
    return names;
  },

  /** How many live people each organisation has; for list columns. */
  async peopleCounts(db: Executor, workspaceId: string, organizationIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(organizationIds.map((id) => [id, 0]));
    if (!organizationIds.length) return counts;
    const rows = await db
      .select({ organizationId: personOrganizations.organizationId, n: sql<number>`count(*)::int` })
      .from(personOrganizations)
      .innerJoin(people, eq(people.id, personOrganizations.personId))
      .where(
        and(
          eq(personOrganizations.workspaceId, workspaceId),
          inArray(personOrganizations.organizationId, organizationIds),
          isNull(people.deletedAt),
          isNull(people.mergedIntoId),
        ),
      )
      .groupBy(personOrganizations.organizationId);
    for (const r of rows) counts.set(r.organizationId, Number(r.n));
    return counts;
  },
};
