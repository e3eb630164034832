import { boolean, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'multi_select' | 'boolean' | 'person' | 'organization';
export type CustomFieldOption = { value: string; labelFa: string; labelEn: string };
/** The records that can carry custom fields. */
export type CustomizableEntity = 'person' | 'organization' | 'lead' | 'deal' | 'product';

/** A workspace's own fields; values live in each record's `custom` jsonb under `key`. */
export const customFieldDefinitions = pgTable(
  'custom_field_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').$type<CustomizableEntity>().notNull(),
    key: text('key').notNull(),
    labelFa: text('label_fa').notNull(),
    labelEn: text('label_en').notNull(),
    type: text('type').$type<CustomFieldType>().notNull(),
    options: jsonb('options').$type<CustomFieldOption[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('custom_field_definitions_key_uq').on(t.workspaceId, t.entityType, t.key)],
);
