import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import { persianSortKey } from '../../kernel/filters/persian-fold.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type EmailEntry = { value: string; label?: string; primary?: boolean };
/** `value` is E.164 (normalised); `raw` is what was typed. */
export type PhoneEntry = { value: string; raw?: string; label?: string; primary?: boolean };
export type AddressEntry = { label?: string; country?: string; province?: string; city?: string; line?: string; postalCode?: string };
export type Consent = { email?: boolean; sms?: boolean; phone?: boolean; updatedAt?: string };

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    firstNameLatin: text('first_name_latin'),
    lastNameLatin: text('last_name_latin'),
    emails: jsonb('emails').$type<EmailEntry[]>().notNull().default([]),
    phones: jsonb('phones').$type<PhoneEntry[]>().notNull().default([]),
    addresses: jsonb('addresses').$type<AddressEntry[]>().notNull().default([]),
    birthday: date('birthday'),
    anniversary: date('anniversary'),
    jobTitle: text('job_title'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    source: text('source'),
    consent: jsonb('consent').$type<Consent>().notNull().default({}),
    lastVerifiedAt: date('last_verified_at'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    /** Persian-normalised, spaceless names, emails, phones and companies: the search and dedupe key. */
    searchKey: text('search_key').notNull().default(''),
    /** Set when this record was merged into another: it stays for history, hidden from lists. */
    mergedIntoId: uuid('merged_into_id'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('people_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    index('people_owner_idx').on(t.workspaceId, t.ownerId),
    index('people_search_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
    // The list sorted by last name (Persian order, the exact expression record-query.ts sorts by):
    // a page is an index seek instead of sorting every person of the workspace (bench/customers.ts).
    index('people_last_name_sort_idx').on(t.workspaceId, persianSortKey(sql`${t.lastName}`), t.id),
  ],
);

/**
 * Normalised emails and phones of people, organisations and leads, one row each: exact lookups for
 * duplicate detection and phone search without scanning jsonb.
 */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').$type<'person' | 'organization' | 'lead'>().notNull(),
    entityId: uuid('entity_id').notNull(),
    kind: text('kind').$type<'email' | 'phone'>().notNull(),
    /** Lower-cased email, or E.164 phone. */
    value: text('value').notNull(),
  },
  (t) => [
    index('contact_points_lookup_idx').on(t.workspaceId, t.kind, t.value),
    index('contact_points_entity_idx').on(t.workspaceId, t.entityType, t.entityId),
  ],
);
