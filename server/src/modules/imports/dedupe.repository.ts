import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { people } from '../people/people.schema.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { leads } from '../leads/leads.schema.ts';

/*
 * Reads the import adapters need besides duplicate detection (which is the search module's
 * findDuplicates): an organisation by national ID, and what an update merges with. Always on the
 * import's transaction, so a row sees what an earlier row of the same batch wrote.
 */

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

  async leadForUpdate(db: Executor, workspaceId: string, id: string) {
    const [row] = await db.select({ version: leads.version, custom: leads.custom }).from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)));
    return row;
  },
};
