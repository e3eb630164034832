import { and, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { inChunks, type ContactEntity, type ContactPoint } from '../../kernel/records/index.ts';
import { people } from '../people/people.schema.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { leads } from '../leads/leads.schema.ts';
import { escapeLike } from '../search/search.query.ts';

/*
 * Reads the import adapters need besides duplicate detection row by row (which is the search
 * module's findDuplicates): an organisation by national ID, what an update merges with, and the
 * reads of duplicate detection for a whole batch, each one query for all its rows. Always on
 * the import's transaction, so a row sees what an earlier row of the same batch wrote.
 */

/** Live (not deleted, not merged) records of each type, as a condition on alias `t`. */
const LIVE: Record<ContactEntity, { table: string; alive: string }> = {
  person: { table: 'people', alive: 't.deleted_at IS NULL AND t.merged_into_id IS NULL' },
  organization: { table: 'organizations', alive: 't.deleted_at IS NULL AND t.merged_into_id IS NULL' },
  lead: { table: 'leads', alive: 't.deleted_at IS NULL' },
};
const liveOrganization = and(isNull(organizations.deletedAt), isNull(organizations.mergedIntoId));

export const dedupeRepository = {
  async organizationByNationalId(db: Executor, workspaceId: string, nationalId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), eq(organizations.nationalId, nationalId), isNull(organizations.deletedAt), isNull(organizations.mergedIntoId)))
      .limit(1);
    return row?.id;
  },

  /** What an import's update merges with: version and the list fields a patch would replace. */
  async personForUpdate(db: Executor, workspaceId: string, id: string) {
    const [row] = await db
      .select({ version: people.version, emails: people.emails, phones: people.phones, addresses: people.addresses, custom: people.custom })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)));
    if (!row) return undefined;
    const links = await db
      .select({ organizationId: personOrganizations.organizationId, role: personOrganizations.role, isPrimary: personOrganizations.isPrimary })
      .from(personOrganizations)
      .innerJoin(organizations, eq(organizations.id, personOrganizations.organizationId))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.personId, id), isNull(organizations.deletedAt)));
    return { ...row, links };
  },

  async organizationForUpdate(db: Executor, workspaceId: string, id: string) {
    const [row] = await db
      .select({
        version: organizations.version,
        emails: organizations.emails,
        phones: organizations.phones,
        addresses: organizations.addresses,
        custom: organizations.custom,
      })
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), eq(organizations.id, id)));
    return row;
  },

  /** Of these emails/phones, those a live record of this type holds, as `kind:value`. */
  async heldContactPoints(db: Executor, workspaceId: string, entityType: ContactEntity, points: ContactPoint[]): Promise<Set<string>> {
    const held = new Set<string>();
    const { table, alive } = LIVE[entityType];
    for (const kind of ['email', 'phone'] as const) {
      // kind and value both in the condition: the (workspace, kind, value) index answers it.
      for (const values of inChunks([...new Set(points.filter((p) => p.kind === kind).map((p) => p.value))])) {
        const found = await db.execute(sql`SELECT DISTINCT cp.value FROM contact_points cp
          JOIN ${sql.raw(table)} t ON t.id = cp.entity_id AND t.workspace_id = ${workspaceId} AND ${sql.raw(alive)}
          WHERE cp.workspace_id = ${workspaceId} AND cp.kind = ${kind} AND cp.entity_type = ${entityType}
            AND cp.value IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`);
        for (const row of (found as unknown as { rows: Array<{ value: string }> }).rows) held.add(`${kind}:${row.value}`);
      }
    }
    return held;
  },

  /**
   * Live organisations that may carry one of these name keys as the key of their name or Latin
   * name (the first two parts of the search key; the caller compares exactly).
   */
  async organizationsNamedAny(db: Executor, workspaceId: string, nameKeys: string[]) {
    const rows: Array<{ id: string; name: string; nameLatin: string | null; createdAt: Date }> = [];
    for (const keys of inChunks([...new Set(nameKeys.filter(Boolean))])) {
      const list = sql.join(keys.map((k) => sql`${k}`), sql`, `);
      rows.push(
        ...(await db
          .select({ id: organizations.id, name: organizations.name, nameLatin: organizations.nameLatin, createdAt: organizations.createdAt })
          .from(organizations)
          .where(
            and(
              eq(organizations.workspaceId, workspaceId),
              liveOrganization,
              sql`(split_part(${organizations.searchKey}, '|', 1) IN (${list}) OR split_part(${organizations.searchKey}, '|', 2) IN (${list}))`,
            ),
          )),
      );
    }
    return rows;
  },

  /** Live organisations with one of these national IDs. */
  async organizationsByNationalIds(db: Executor, workspaceId: string, nationalIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const ids of inChunks([...new Set(nationalIds)])) {
      const rows = await db
        .select({ nationalId: organizations.nationalId })
        .from(organizations)
        .where(and(eq(organizations.workspaceId, workspaceId), inArray(organizations.nationalId, ids), liveOrganization));
      for (const r of rows) if (r.nationalId) found.add(r.nationalId);
    }
    return found;
  },

  /**
   * The names of the live people linked to these organisations whose full name (in either
   * script) may have one of these keys: a full name's key is one of the first four parts of a
   * person's search key (see personSearchKey); the caller compares exactly.
   */
  async peopleOfOrganizations(db: Executor, workspaceId: string, organizationIds: string[], nameKeys: string[]) {
    const rows: Array<{ organizationId: string; firstName: string; lastName: string; firstNameLatin: string | null; lastNameLatin: string | null }> = [];
    const names = [...new Set(nameKeys.filter(Boolean))];
    if (!names.length) return rows;
    const list = sql.join(names.map((k) => sql`${k}`), sql`, `);
    const namedLike = sql.join([1, 2, 3, 4].map((part) => sql`split_part(${people.searchKey}, '|', ${sql.raw(String(part))}) IN (${list})`), sql` OR `);
    for (const ids of inChunks([...new Set(organizationIds)])) {
      rows.push(
        ...(await db
          .select({
            organizationId: personOrganizations.organizationId,
            firstName: people.firstName,
            lastName: people.lastName,
            firstNameLatin: people.firstNameLatin,
            lastNameLatin: people.lastNameLatin,
          })
          .from(personOrganizations)
          .innerJoin(people, and(eq(people.id, personOrganizations.personId), eq(people.workspaceId, workspaceId)))
          .where(
            and(
              eq(personOrganizations.workspaceId, workspaceId),
              inArray(personOrganizations.organizationId, ids),
              isNull(people.deletedAt),
              isNull(people.mergedIntoId),
              sql`(${namedLike})`,
            ),
          )),
      );
    }
    return rows;
  },

  /** Live leads whose search key holds one of these company keys (the caller compares exactly). */
  async leadsOfCompanies(db: Executor, workspaceId: string, companyKeys: string[]) {
    const rows: Array<{ firstName: string; lastName: string; companyName: string | null }> = [];
    for (const keys of inChunks([...new Set(companyKeys)], 200)) {
      rows.push(
        ...(await db
          .select({ firstName: leads.firstName, lastName: leads.lastName, companyName: leads.companyName })
          .from(leads)
          .where(and(eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt), or(...keys.map((k) => like(leads.searchKey, `%${escapeLike(k)}%`)))))),
      );
    }
    return rows;
  },

  async leadForUpdate(db: Executor, workspaceId: string, id: string) {
    const [row] = await db.select({ version: leads.version, custom: leads.custom }).from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)));
    return row;
  },
};
