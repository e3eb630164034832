import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/** What reaching a stage means for a deal: still open, won, or lost. */
export type StageKind = 'open' | 'won' | 'lost';

/** A sales process. A workspace has several (new business, renewals, projects …). */
export const pipelines = pgTable(
  'pipelines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Archived pipelines keep their deals and history; they only leave the menus. */
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('pipelines_workspace_idx').on(t.workspaceId, t.position)],
);

/**
 * An ordered step of a pipeline. Stages are archived, never deleted, so the stage history of
 * deals that passed through them keeps its names and durations.
 */
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    /** Win probability in percent (0–100); won stages are 100, lost stages 0. */
    probability: integer('probability').notNull().default(0),
    kind: text('kind').$type<StageKind>().notNull().default('open'),
    /** A deal idle in this stage longer than this is flagged as rotting on the board. */
    rottingDays: integer('rotting_days'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('pipeline_stages_pipeline_idx').on(t.workspaceId, t.pipelineId, t.position)],
);

/** Why deals are lost: a workspace's own list, reported on in the sales metrics. */
export const dealLostReasons = pgTable(
  'deal_lost_reasons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    labelFa: text('label_fa').notNull(),
    labelEn: text('label_en').notNull(),
    position: integer('position').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('deal_lost_reasons_label_uq').on(t.workspaceId, t.labelEn)],
);
