import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { normalizeIranianPhone } from '#common/identity/index.ts';
import { createTestPostgresDatabase } from '../../../../tests/support/test-database.ts';
import { users } from '../../kernel/auth/auth.schema.ts';
import { openDatabase, type Database, type Engine, type Executor } from '../../kernel/db/database.ts';
import { migrateDatabase } from '../../kernel/db/migrate.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { leadSearchKey } from '../leads/leads.search-key.ts';
import { leads } from '../leads/leads.schema.ts';
import { BUILT_IN_ROLES } from '../members/members.permissions.ts';
import { organizationSearchKey } from '../organizations/organizations.fields.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { personSearchKey } from '../people/people.search-key.ts';
import { people, type EmailEntry, type PhoneEntry } from '../people/people.schema.ts';
import { tags, taggings } from '../tags/tags.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/*
 * Test helpers: a migrated database of either engine, and records written the way the people,
 * organisations and leads services write them (row, search key by their own rules, contact
 * points), without depending on those services.
 */

export async function openMigrated(engine: Engine): Promise<{ database: Database; close(): Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    return { database, close: () => database.close() };
  }
  const postgres = await createTestPostgresDatabase();
  const database = await openDatabase({ databaseUrl: postgres.url, poolSize: 4 });
  await migrateDatabase(database, postgres.url);
  return {
    database,
    async close() {
      await database.close();
      await postgres.drop();
    },
  };
}

export async function insertWorkspace(db: Executor, name = 'فضای آزمون'): Promise<string> {
  const [row] = await db.insert(workspaces).values({ name, slug: `t-${randomUUID()}` }).returning({ id: workspaces.id });
  return row!.id;
}

export function adminContext(workspaceId: string, permissions?: string[]): WorkspaceContext {
  return {
    workspaceId,
    actor: { type: 'user', id: 'test-user', name: 'آزمون' },
    roleKey: 'admin',
    permissions: new Set(permissions ?? BUILT_IN_ROLES.find((r) => r.key === 'admin')!.permissions),
    locale: 'en',
  };
}

export async function insertUser(db: Executor, name = 'کاربر'): Promise<string> {
  const id = randomUUID();
  await db.insert(users).values({ id, name, email: `${id}@example.com` });
  return id;
}

const emailEntries = (emails: string[] = []): EmailEntry[] => emails.map((value, i) => ({ value: value.toLowerCase(), primary: i === 0 }));
const phoneEntries = (phones: string[] = []): PhoneEntry[] =>
  phones.map((raw, i) => ({ value: normalizeIranianPhone(raw) ?? raw, raw, primary: i === 0 }));

export type PersonSeed = {
  firstName?: string;
  lastName?: string;
  firstNameLatin?: string;
  lastNameLatin?: string;
  emails?: string[];
  phones?: string[];
  organizationIds?: string[];
  jobTitle?: string;
  custom?: Record<string, unknown>;
  deleted?: boolean;
};

export async function insertPerson(db: Executor, workspaceId: string, seed: PersonSeed): Promise<string> {
  const values = {
    firstName: seed.firstName ?? '',
    lastName: seed.lastName ?? '',
    firstNameLatin: seed.firstNameLatin ?? null,
    lastNameLatin: seed.lastNameLatin ?? null,
    emails: emailEntries(seed.emails),
    phones: phoneEntries(seed.phones),
  };
  const orgNames: string[] = [];
  for (const organizationId of seed.organizationIds ?? []) {
    const [org] = await db.select({ name: organizations.name, nameLatin: organizations.nameLatin }).from(organizations).where(eq(organizations.id, organizationId));
    if (org) orgNames.push(org.name, ...(org.nameLatin ? [org.nameLatin] : []));
  }
  const [row] = await db
    .insert(people)
    .values({
      workspaceId,
      ...values,
      jobTitle: seed.jobTitle ?? null,
      custom: seed.custom ?? {},
      searchKey: personSearchKey(values, orgNames),
      deletedAt: seed.deleted ? new Date() : null,
    })
    .returning({ id: people.id });
  const id = row!.id;
  for (const [index, organizationId] of (seed.organizationIds ?? []).entries()) {
    await db.insert(personOrganizations).values({ workspaceId, personId: id, organizationId, isPrimary: index === 0 });
  }
  await contactPointsRepository.replace(db, workspaceId, 'person', id, [
    ...values.emails.map((e) => ({ kind: 'email' as const, value: e.value })),
    ...values.phones.map((p) => ({ kind: 'phone' as const, value: p.value })),
  ]);
  return id;
}

export type OrganizationSeed = { name: string; nameLatin?: string; emails?: string[]; phones?: string[]; website?: string; deleted?: boolean };

export async function insertOrganization(db: Executor, workspaceId: string, seed: OrganizationSeed): Promise<string> {
  const values = {
    workspaceId,
    name: seed.name,
    nameLatin: seed.nameLatin ?? null,
    emails: emailEntries(seed.emails),
    phones: phoneEntries(seed.phones),
    website: seed.website ?? null,
    deletedAt: seed.deleted ? new Date() : null,
  };
  const [row] = await db
    .insert(organizations)
    .values({ ...values, searchKey: organizationSearchKey({ ...values, nationalId: null, economicCode: null }) })
    .returning({ id: organizations.id });
  await contactPointsRepository.replace(db, workspaceId, 'organization', row!.id, [
    ...values.emails.map((e) => ({ kind: 'email' as const, value: e.value })),
    ...values.phones.map((p) => ({ kind: 'phone' as const, value: p.value })),
  ]);
  return row!.id;
}

export type LeadSeed = { firstName?: string; lastName?: string; email?: string; phone?: string; companyName?: string; convertedPersonId?: string; convertedOrganizationId?: string };

export async function insertLead(db: Executor, workspaceId: string, seed: LeadSeed): Promise<string> {
  const values = {
    firstName: seed.firstName ?? '',
    lastName: seed.lastName ?? '',
    email: seed.email?.toLowerCase() ?? null,
    phone: seed.phone ? normalizeIranianPhone(seed.phone) : null,
    companyName: seed.companyName ?? null,
    jobTitle: null,
  };
  const [row] = await db
    .insert(leads)
    .values({
      workspaceId,
      ...values,
      searchKey: leadSearchKey(values),
      convertedPersonId: seed.convertedPersonId ?? null,
      convertedOrganizationId: seed.convertedOrganizationId ?? null,
    })
    .returning({ id: leads.id });
  await contactPointsRepository.replace(db, workspaceId, 'lead', row!.id, [
    ...(values.email ? [{ kind: 'email' as const, value: values.email }] : []),
    ...(values.phone ? [{ kind: 'phone' as const, value: values.phone }] : []),
  ]);
  return row!.id;
}

export async function tag(db: Executor, workspaceId: string, entityType: 'person' | 'organization', entityId: string, name: string): Promise<string> {
  const [existing] = await db.select({ id: tags.id }).from(tags).where(eq(tags.nameKey, `${workspaceId}:${name}`));
  const tagId =
    existing?.id ??
    (await db.insert(tags).values({ workspaceId, name, nameKey: `${workspaceId}:${name}` }).returning({ id: tags.id }))[0]!.id;
  await db.insert(taggings).values({ workspaceId, tagId, entityType, entityId });
  return tagId;
}
