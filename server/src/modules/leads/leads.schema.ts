import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted';
export type LeadSource = 'web' | 'import' | 'referral' | 'campaign' | 'manual' | 'api' | 'event' | 'other';
export type ScoreReason = { rule: string; points: number; labelFa: string; labelEn: string };

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    companyName: text('company_name'),
    jobTitle: text('job_title'),
    status: text('status').$type<LeadStatus>().notNull().default('new'),
    source: text('source').$type<LeadSource>().notNull().default('manual'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    score: integer('score').notNull().default(0),
    scoreReasons: jsonb('score_reasons').$type<ScoreReason[]>().notNull().default([]),
    notes: text('notes'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    searchKey: text('search_key').notNull().default(''),
    convertedPersonId: uuid('converted_person_id').references(() => people.id, { onDelete: 'set null' }),
    convertedOrganizationId: uuid('converted_organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    /** The deal created in the same step as the conversion (deals reference leads, so no foreign key here). */
    convertedDealId: uuid('converted_deal_id'),
    convertedAt: timestamp('converted_at', { withTimezone: true, precision: 3 }),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('leads_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    index('leads_status_idx').on(t.workspaceId, t.status),
    index('leads_search_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);
