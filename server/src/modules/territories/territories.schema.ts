import { index, integer, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type TerritoryRole = 'rep' | 'manager';

/** A sales region (provinces, cities, a market segment) with the reps who cover it. */
export const territories = pgTable(
  'territories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    parentId: uuid('parent_id').references((): AnyPgColumn => territories.id, { onDelete: 'set null' }),
    /** Province codes (ISO 3166-2:IR, e.g. "IR-23" Tehran) or free region names the territory covers. */
    regions: text('regions').array().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('territories_workspace_idx').on(t.workspaceId, t.name)],
);

export const territoryMembers = pgTable(
  'territory_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<TerritoryRole>().notNull().default('rep'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.territoryId, t.userId] }), index('territory_members_user_idx').on(t.workspaceId, t.userId)],
);

/** A sales team; forecasts roll up per team through its members (deal owners). */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    managerId: text('manager_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('teams_workspace_idx').on(t.workspaceId, t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.workspaceId, t.userId)],
);
