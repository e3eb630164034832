import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { FilterGroup, SortSpec } from '../../kernel/filters/filter.types.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type ViewEntity = 'person' | 'organization' | 'lead' | 'deal';

/** A saved filter (any AND/OR tree of conditions), sort and columns; private or shared. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').$type<ViewEntity>().notNull(),
    name: text('name').notNull(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    visibility: text('visibility').$type<'private' | 'shared'>().notNull().default('private'),
    filter: jsonb('filter').$type<FilterGroup>().notNull(),
    sort: jsonb('sort').$type<SortSpec[]>().notNull().default([]),
    columns: jsonb('columns').$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('saved_views_entity_idx').on(t.workspaceId, t.entityType)],
);
