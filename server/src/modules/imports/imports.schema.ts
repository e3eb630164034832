import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type ImportEntity = 'person' | 'organization' | 'lead';
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type DuplicateMode = 'skip' | 'update' | 'create';

/**
 * One CSV import. Rows are applied in batches, each batch in one transaction together with
 * `committed_rows`, so a crash resumes after the last committed batch: nothing lost, nothing twice.
 */
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').$type<ImportEntity>().notNull(),
    fileName: text('file_name').notNull(),
    /** Where the uploaded file is kept (data folder), relative to the uploads root. */
    storedPath: text('stored_path').notNull(),
    fileSize: integer('file_size').notNull(),
    delimiter: text('delimiter').notNull().default(','),
    header: jsonb('header').$type<string[]>().notNull().default([]),
    /** CSV column → field key (built-in or custom). */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    duplicateMode: text('duplicate_mode').$type<DuplicateMode>().notNull().default('skip'),
    dryRun: integer('dry_run').notNull().default(0),
    status: text('status').$type<ImportStatus>().notNull().default('uploaded'),
    totalRows: integer('total_rows'),
    committedRows: integer('committed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    failureMessage: text('failure_message'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('imports_keyset_idx').on(t.workspaceId, t.createdAt, t.id)],
);

/** Per-row problems of an import (or of its dry run), in both languages. */
export const importRowErrors = pgTable(
  'import_row_errors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    field: text('field'),
    code: text('code').notNull(),
    messageFa: text('message_fa').notNull(),
    messageEn: text('message_en').notNull(),
  },
  (t) => [index('import_row_errors_import_idx').on(t.importId, t.rowNumber)],
);
