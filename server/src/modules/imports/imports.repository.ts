import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { customFieldsRepository } from '../custom-fields/index.ts';
import type { CustomizableEntity } from '../custom-fields/custom-fields.schema.ts';
import type { CustomFieldInfo } from './field-values.ts';
import { importRowErrors, imports, type ImportStatus } from './imports.schema.ts';

export type ImportRow = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
export type ImportRowErrorRow = typeof importRowErrors.$inferSelect;
export type NewImportRowError = Omit<typeof importRowErrors.$inferInsert, 'id'>;

export type BatchCounts = { rows: number; created: number; updated: number; skipped: number; errors: number };

export const importsRepository = {
  async insert(db: Executor, values: NewImport): Promise<ImportRow> {
    const [row] = await db.insert(imports).values(values).returning();
    return row!;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<ImportRow | undefined> {
    const [row] = await db.select().from(imports).where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
    return row;
  },

  /** Locks the import row for the rest of the transaction: a batch and a cancel never interleave. */
  async lock(db: Executor, workspaceId: string, id: string): Promise<ImportRow | undefined> {
    const [row] = await db
      .select()
      .from(imports)
      .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)))
      .for('update');
    return row;
  },

  list(db: Executor, workspaceId: string, page: { limit: number; cursor?: string }): Promise<ImportRow[]> {
    return db
      .select()
      .from(imports)
      .where(and(eq(imports.workspaceId, workspaceId), keysetWhere(imports.createdAt, imports.id, page.cursor)))
      .orderBy(...keysetOrder(imports.createdAt, imports.id))
      .limit(page.limit + 1);
  },

  /** Optimistic update: nothing changes unless the version and the status are the expected ones. */
  async update(
    db: Executor,
    workspaceId: string,
    id: string,
    where: { version?: number; statuses?: ImportStatus[] },
    set: Partial<Omit<NewImport, 'id' | 'workspaceId' | 'version'>>,
  ): Promise<ImportRow | undefined> {
    const [row] = await db
      .update(imports)
      .set({ ...set, version: sql`${imports.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(imports.workspaceId, workspaceId),
          eq(imports.id, id),
          where.version === undefined ? undefined : eq(imports.version, where.version),
          where.statuses ? inArray(imports.status, where.statuses) : undefined,
        ),
      )
      .returning();
    return row;
  },

  /**
   * Adds one batch's counts, in the batch's transaction, only if no other run committed rows
   * meanwhile (`committed_rows` still as read): a second runner can never apply a batch twice.
   */
  async commitBatch(db: Executor, workspaceId: string, id: string, expectedCommitted: number, counts: BatchCounts) {
    const [row] = await db
      .update(imports)
      .set({
        committedRows: sql`${imports.committedRows} + ${counts.rows}`,
        createdCount: sql`${imports.createdCount} + ${counts.created}`,
        updatedCount: sql`${imports.updatedCount} + ${counts.updated}`,
        skippedCount: sql`${imports.skippedCount} + ${counts.skipped}`,
        errorCount: sql`${imports.errorCount} + ${counts.errors}`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(imports.workspaceId, workspaceId),
          eq(imports.id, id),
          eq(imports.status, 'running'),
          eq(imports.committedRows, expectedCommitted),
        ),
      )
      .returning({ committedRows: imports.committedRows });
    return row;
  },

  async insertErrors(db: Executor, rows: NewImportRowError[]): Promise<void> {
    // Parameter count stays well under PostgreSQL's 65,535 limit (7 columns × 1,000 rows).
    for (let i = 0; i < rows.length; i += 1000) await db.insert(importRowErrors).values(rows.slice(i, i + 1000));
  },

  async deleteErrors(db: Executor, workspaceId: string, importId: string): Promise<void> {
    await db.delete(importRowErrors).where(and(eq(importRowErrors.workspaceId, workspaceId), eq(importRowErrors.importId, importId)));
  },

  /** In file order: (row number, id) ascending, after the cursor's position. */
  listErrors(db: Executor, workspaceId: string, importId: string, page: { limit: number; after?: { row: number; id: string } }) {
    const after = page.after;
    return db
      .select()
      .from(importRowErrors)
      .where(
        and(
          eq(importRowErrors.workspaceId, workspaceId),
          eq(importRowErrors.importId, importId),
          after
            ? or(gt(importRowErrors.rowNumber, after.row), and(eq(importRowErrors.rowNumber, after.row), gt(importRowErrors.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(asc(importRowErrors.rowNumber), asc(importRowErrors.id))
      .limit(page.limit + 1);
  },

  /**
   * Fresh planner statistics for the tables an import writes and its duplicate detection reads.
   * PGlite runs no autovacuum (and a server may lag behind a fast import): without them a table
   * that grew from empty in minutes is planned as if it were tiny, and lookups go from
   * milliseconds to seconds. Not tenant data: statistics cover the whole tables.
   */
  async refreshStatistics(db: Executor): Promise<void> {
    await db.execute(sql`ANALYZE people, organizations, person_organizations, leads, contact_points, tags, taggings`);
  },

  /** Active custom field definitions of an entity, through the custom-fields module. */
  async customFields(db: Executor, workspaceId: string, entityType: CustomizableEntity): Promise<CustomFieldInfo[]> {
    const rows = await customFieldsRepository.listActive(db, workspaceId, entityType);
    return rows.map((r) => ({ key: r.key, labelFa: r.labelFa, labelEn: r.labelEn, type: r.type, options: r.options, required: r.required }));
  },
};
