import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AppDb, Tx } from '../../kernel/db/database.ts';
import { AppError, type Locale } from '../../kernel/errors/index.ts';
import type { Actor, WorkspaceContext } from '../../kernel/http/context.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import { isBlankRecord, readRecords } from './csv-file.ts';
import type { ImportAdapter, RowContext, RowFieldError } from './import-adapter.ts';
import { importErrors } from './imports.errors.ts';
import { importsRepository as repo, type BatchCounts, type ImportRow, type NewImportRowError } from './imports.repository.ts';
import type { DuplicateMode } from './imports.schema.ts';

export const IMPORT_JOB = 'imports.run';

/** What the job carries: which import, and who started it (the audit names them, not "system"). */
export type ImportJobData = { importId: string; workspaceId: string; actor: Actor; locale: Locale };

export type RunOptions = {
  /** Rows per transaction; default 500. */
  batchSize?: number;
  /**
   * After this long a run hands over to a fresh job (queued in its last batch's transaction), so
   * one import never outlives a job's expiry nor holds a worker for hours; default 5 minutes.
   */
  timeSliceMs?: number;
  /** Test seam: called inside each batch's transaction (before commit) and after its commit. */
  faults?: { beforeCommit?(batch: number): void; afterCommit?(batch: number): void };
};

export type RunOutcome = 'completed' | 'continued' | 'stopped';

/** The permissions a run acts with: those of importing records (checked when it was started). */
const RUN_PERMISSIONS = ['records.read', 'records.write', 'records.import'];

export type AdapterLookup = (entityType: string) => ImportAdapter | undefined;

export type ImportRunnerDeps = { db: AppDb; jobs: JobQueue; adapterFor: AdapterLookup; pathOf: (storedPath: string) => string };

class Stop extends Error {}
class RollbackDryRun extends Error {}

/** One row of the file, numbered as a spreadsheet shows it (the header is row 1). */
type SourceRow = { rowNumber: number; cells: string[] };

/**
 * Applies an uploaded file through its adapter, in batches. Each batch commits together with
 * `committed_rows` and the counts, so a run that dies at any point resumes after the last
 * committed batch: no row is lost and none is applied twice. A dry run does the same work inside
 * a savepoint it rolls back, so it validates exactly what a real run would, and changes nothing.
 */
export function createImportRunner(deps: ImportRunnerDeps) {
  const { db, jobs } = deps;

  async function fail(imp: ImportRow, error: unknown): Promise<void> {
    const message = error instanceof AppError ? error.code : error instanceof Error ? error.message : String(error);
    await repo.update(db, imp.workspaceId, imp.id, { statuses: ['queued', 'running'] }, { status: 'failed', failureMessage: message, finishedAt: new Date() });
  }

  async function run(data: ImportJobData, options: RunOptions = {}): Promise<RunOutcome> {
    const batchSize = options.batchSize ?? 500;
    const timeSliceMs = options.timeSliceMs ?? 5 * 60_000;
    const started = Date.now();

    let imp = await repo.find(db, data.workspaceId, data.importId);
    if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return 'stopped';
    if (imp.status === 'queued') {
      imp = await repo.update(db, imp.workspaceId, imp.id, { statuses: ['queued'] }, { status: 'running' });
      if (!imp) return 'stopped';
    }

    const adapter = deps.adapterFor(imp.entityType);
    if (!adapter) {
      await fail(imp, importErrors.unknown_entity({ params: { entityType: imp.entityType } }));
      return 'stopped';
    }
    const path = deps.pathOf(imp.storedPath);
    if (!existsSync(path)) {
      await fail(imp, importErrors.upload_missing());
      return 'stopped';
    }

    const ctx: WorkspaceContext = {
      workspaceId: imp.workspaceId,
      actor: data.actor,
      roleKey: 'import',
      permissions: new Set(RUN_PERMISSIONS),
      locale: data.locale,
    };
    const rowContext: RowContext = {
      ctx,
      calendar: data.locale === 'en' ? 'gregorian' : 'jalali',
      customFields: await repo.customFields(db, imp.workspaceId, imp.entityType),
    };
    const columnFields = imp.header.map((column) => imp!.mapping[column] || undefined);
    const current = imp;
    let committed = imp.committedRows;
    let batchNumber = 0;

    const applyBatch = async (rows: SourceRow[], handOver: boolean) => {
      batchNumber++;
      const n = batchNumber;
      await db.transaction(async (tx) => {
        const locked = await repo.lock(tx, current.workspaceId, current.id);
        // Cancelled, or another run got ahead of this one: stop without touching anything.
        if (!locked || locked.status !== 'running' || locked.committedRows !== committed) throw new Stop();
        const result = await applyRows(tx as Tx, adapter, ctx, rowContext, current, columnFields, rows);
        await repo.insertErrors(tx, result.errors);
        const saved = await repo.commitBatch(tx, current.workspaceId, current.id, committed, result.counts);
        if (!saved) throw new Stop();
        if (handOver) await jobs.send(IMPORT_JOB, data, { tx, singletonKey: `import:${current.id}` });
        options.faults?.beforeCommit?.(n);
      });
      committed += rows.length;
      options.faults?.afterCommit?.(n);
    };

    try {
      let dataIndex = 0;
      let headerSeen = false;
      let batch: SourceRow[] = [];
      for await (const cells of readRecords(path, imp.delimiter)) {
        if (!headerSeen) {
          headerSeen = true;
          continue;
        }
        dataIndex++;
        if (dataIndex <= committed) continue; // applied by an earlier run
        batch.push({ rowNumber: dataIndex + 1, cells });
        if (batch.length >= batchSize) {
          const handOver = Date.now() - started > timeSliceMs;
          await applyBatch(batch, handOver);
          batch = [];
          if (handOver) return 'continued';
        }
      }
      if (batch.length) await applyBatch(batch, false);
      const done = await repo.update(db, current.workspaceId, current.id, { statuses: ['running'] }, {
        status: 'completed',
        totalRows: committed,
        finishedAt: new Date(),
      });
      if (done && !done.dryRun) await rm(path, { force: true });
      return done ? 'completed' : 'stopped';
    } catch (error) {
      if (error instanceof Stop) return 'stopped';
      // A file or adapter problem will not fix itself: fail now. Anything else (the database
      // went away, the process is stopping) is thrown, and the job is retried from the last batch.
      if (error instanceof AppError) {
        await fail(current, error);
        return 'stopped';
      }
      throw error;
    }
  }

  return { run };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;

async function applyRows(
  tx: Tx,
  adapter: ImportAdapter,
  ctx: WorkspaceContext,
  rowContext: RowContext,
  imp: ImportRow,
  columnFields: Array<string | undefined>,
  rows: SourceRow[],
): Promise<{ counts: BatchCounts; errors: NewImportRowError[] }> {
  const counts: BatchCounts = { rows: rows.length, created: 0, updated: 0, skipped: 0, errors: 0 };
  const errors: NewImportRowError[] = [];
  const report = (rowNumber: number, problems: RowFieldError[]) => {
    counts.errors++;
    for (const p of problems) {
      errors.push({
        workspaceId: imp.workspaceId,
        importId: imp.id,
        rowNumber,
        field: p.field,
        code: p.code,
        messageFa: p.message.fa,
        messageEn: p.message.en,
      });
    }
  };

  const work = async (wtx: Tx) => {
    for (const row of rows) {
      if (isBlankRecord(row.cells)) continue; // counted as committed, nothing else
      const parsed = adapter.parseRow(toRecord(row.cells, columnFields), rowContext);
      if ('errors' in parsed) {
        report(row.rowNumber, parsed.errors);
        continue;
      }
      try {
        const outcome = await wtx.transaction(async (sp) => applyOne(sp as Tx, adapter, ctx, imp.duplicateMode, parsed.input));
        counts[outcome]++;
      } catch (error) {
        const problems = rowProblems(error);
        if (!problems) throw error;
        report(row.rowNumber, problems);
      }
    }
  };

  if (imp.dryRun) {
    // Everything a real run would do, then rolled back: the dry run changes no record.
    try {
      await tx.transaction(async (sp) => {
        await work(sp as Tx);
        throw new RollbackDryRun();
      });
    } catch (error) {
      if (!(error instanceof RollbackDryRun)) throw error;
    }
  } else {
    await work(tx);
  }
  return { counts, errors };
}

async function applyOne(tx: Tx, adapter: ImportAdapter, ctx: WorkspaceContext, mode: DuplicateMode, input: unknown) {
  const existing = mode === 'create' ? null : await adapter.findExisting(tx, ctx, input);
  if (existing && mode === 'skip') return 'skipped' as const;
  if (existing) {
    await adapter.update(tx, ctx, existing, input);
    return 'updated' as const;
  }
  await adapter.create(tx, ctx, input);
  return 'created' as const;
}

/** Field key → cell text; columns mapped to the same field are joined by a line break. */
export function toRecord(cells: string[], columnFields: Array<string | undefined>): Record<string, string> {
  const record: Record<string, string> = {};
  columnFields.forEach((field, i) => {
    const value = cells[i]?.trim();
    if (!field || !value) return;
    record[field] = record[field] ? `${record[field]}\n${value}` : value;
  });
  return record;
}

/**
 * A row the owning service refused (its validation, or the database's data and constraint
 * checks: SQLSTATE classes 22 and 23) is that row's error; anything else is not the row's fault.
 */
function rowProblems(error: unknown): RowFieldError[] | undefined {
  if (error instanceof AppError) {
    if (error.status >= 500) return undefined;
    if (error.fieldErrors.length) return error.fieldErrors.map((f) => ({ field: f.path, code: f.code, message: f.message }));
    return [{ field: null, code: error.code, message: error.messages }];
  }
  const code = sqlState(error);
  if (code && (code.startsWith('22') || code.startsWith('23'))) {
    return [
      {
        field: null,
        code: 'rejected_by_database',
        message: { fa: 'پایگاه داده این سطر را نپذیرفت (مقدار نامعتبر یا تکراری).', en: 'The database refused this row (an invalid or duplicate value).' },
      },
    ];
  }
  return undefined;
}

function sqlState(error: unknown): string | undefined {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
