import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { AddressEntry, EmailEntry, PhoneEntry } from '../people/people.schema.ts';
import { people } from '../people/people.schema.ts';
import { territories } from '../territories/territories.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type OrganizationType = 'customer' | 'prospect' | 'partner' | 'distributor' | 'supplier' | 'competitor';
export type OrganizationSize = '1-10' | '11-50' | '51-200' | '201-1000' | '1000+';

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    nameLatin: text('name_latin'),
    type: text('type').$type<OrganizationType>().notNull().default('prospect'),
    industry: text('industry'),
    size: text('size').$type<OrganizationSize>(),
    website: text('website'),
    /** شناسه ملی (11 digits, checksum-validated). */
    nationalId: text('national_id'),
    /** کد اقتصادی. */
    economicCode: text('economic_code'),
    emails: jsonb('emails').$type<EmailEntry[]>().notNull().default([]),
    phones: jsonb('phones').$type<PhoneEntry[]>().notNull().default([]),
    addresses: jsonb('addresses').$type<AddressEntry[]>().notNull().default([]),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
    lastVerifiedAt: date('last_verified_at'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    searchKey: text('search_key').notNull().default(''),
    mergedIntoId: uuid('merged_into_id'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('organizations_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    index('organizations_owner_idx').on(t.workspaceId, t.ownerId),
    index('organizations_territory_idx').on(t.workspaceId, t.territoryId),
    index('organizations_search_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);

/** A person belongs to any number of organisations, each with a role. */
export const personOrganizations = pgTable(
  'person_organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: text('role'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('person_organizations_uq').on(t.personId, t.organizationId),
    index('person_organizations_org_idx').on(t.workspaceId, t.organizationId),
  ],
);
