import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AppDb, Tx } from '../../kernel/db/database.ts';
import { AppError, type Locale } from '../../kernel/errors/index.ts';
import type { Actor, WorkspaceContext } from '../../kernel/http/context.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import { isBlankRecord, readRecords } from './csv-file.ts';
import type { BatchImportAdapter, ImportAdapter, RowContext, RowFieldError } from './import-adapter.ts';
import { importErrors } from './imports.errors.ts';
import { importsRepository as repo, type BatchCounts, type ImportRow, type NewImportRowError } from './imports.repository.ts';
import { duplicateTracker } from './batch-duplicates.ts';
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
      importId: imp.id,
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
        const result = await applyRows(tx as Tx, { adapter, ctx, rowContext, imp: current, columnFields }, rows);
        await repo.insertErrors(tx, result.errors);
        const saved = await repo.commitBatch(tx, current.workspaceId, current.id, committed, result.counts);
        if (!saved) throw new Stop();
        if (handOver) await jobs.send(IMPORT_JOB, data, { tx, singletonKey: `import:${current.id}` });
        options.faults?.beforeCommit?.(n);
      });
      committed += rows.length;
      options.faults?.afterCommit?.(n);
      // Each time the rows this run wrote double, the planner learns the tables' new sizes (a file
      // of one batch or less does not grow them enough to matter).
      if (rows.length >= batchSize && Number.isInteger(Math.log2(n))) await repo.refreshStatistics(db);
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

/** Counts and row errors of one batch, kept apart until the batch's way of applying succeeds. */
function batchOutcome(imp: ImportRow, rows: number) {
  const counts: BatchCounts = { rows, created: 0, updated: 0, skipped: 0, errors: 0 };
  const errors: NewImportRowError[] = [];
  return {
    counts,
    errors,
    report(rowNumber: number, problems: RowFieldError[]) {
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
    },
  };
}
type BatchOutcome = ReturnType<typeof batchOutcome>;

type RowsContext = { adapter: ImportAdapter; ctx: WorkspaceContext; rowContext: RowContext; imp: ImportRow; columnFields: Array<string | undefined> };

/**
 * Applies one batch of rows. 'create' and 'skip' go through the adapter's batch path when it has
 * one: rows are parsed and checked first, duplicates passed over, and the rest created with
 * multi-row writes. If that write fails on one row's data (a database data or constraint error,
 * or a rule only the write checks), the batch is done again row by row, each row in its own
 * savepoint, so that row is reported and the others land. 'update' always goes row by row.
 */
async function applyRows(tx: Tx, rc: RowsContext, rows: SourceRow[]): Promise<BatchOutcome> {
  const batch = rc.imp.duplicateMode === 'update' ? undefined : rc.adapter.batch;
  if (batch) {
    try {
      return await staged(tx, !!rc.imp.dryRun, (sp) => applyTogether(sp, rc, batch, rows));
    } catch (error) {
      if (!rowProblems(error)) throw error;
    }
  }
  return staged(tx, !!rc.imp.dryRun, (sp) => applyOneByOne(sp, rc, rows));
}

/**
 * Runs `work` in a savepoint: released when it succeeds, or rolled back all the same for a dry run
 * (which does everything a real run would, then changes no record).
 */
async function staged<T>(tx: Tx, dryRun: boolean, work: (sp: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await tx.transaction(async (sp) => {
      result = await work(sp as Tx);
      if (dryRun) throw new RollbackDryRun();
    });
  } catch (error) {
    if (!(error instanceof RollbackDryRun)) throw error;
  }
  return result!;
}

/** Each row parsed by the adapter; blank rows are counted as committed, nothing else. */
function parseRows(rc: RowsContext, rows: SourceRow[], outcome: BatchOutcome): Array<{ rowNumber: number; input: unknown }> {
  const parsed: Array<{ rowNumber: number; input: unknown }> = [];
  for (const row of rows) {
    if (isBlankRecord(row.cells)) continue;
    const result = rc.adapter.parseRow(toRecord(row.cells, rc.columnFields), rc.rowContext);
    if ('errors' in result) outcome.report(row.rowNumber, result.errors);
    else parsed.push({ rowNumber: row.rowNumber, input: result.input });
  }
  return parsed;
}

async function applyTogether(tx: Tx, rc: RowsContext, batch: BatchImportAdapter<unknown>, rows: SourceRow[]): Promise<BatchOutcome> {
  const outcome = batchOutcome(rc.imp, rows.length);
  const parsed = parseRows(rc, rows, outcome);
  const inputs = parsed.map((p) => p.input);
  const duplicates = rc.imp.duplicateMode === 'skip' ? duplicateTracker(await batch.duplicateKeys(tx, rc.ctx, inputs)) : undefined;
  // A row the workspace already holds is skipped without being judged; the others are checked.
  const judged = parsed.flatMap((_, index) => (duplicates?.held(index) ? [] : [index]));
  const checked = judged.length ? await batch.check(tx, rc.ctx, judged.map((index) => inputs[index])) : [];
  const refusals = new Map(judged.map((index, i) => [index, checked[i]]));
  // Row after row, as findExisting and create would meet them: a duplicate is skipped before its
  // values are judged, and only a row that is created can be the duplicate of a later one.
  const fresh: unknown[] = [];
  parsed.forEach(({ rowNumber, input }, index) => {
    if (duplicates?.isDuplicate(index)) {
      outcome.counts.skipped++;
      return;
    }
    const refusal = refusals.get(index);
    if (refusal !== undefined) {
      const problems = rowProblems(refusal);
      if (!problems) throw refusal;
      outcome.report(rowNumber, problems);
      return;
    }
    duplicates?.created(index);
    fresh.push(input);
  });
  if (fresh.length) await batch.createMany(tx, rc.ctx, fresh);
  outcome.counts.created += fresh.length;
  outcome.errors.sort((a, b) => a.rowNumber - b.rowNumber);
  return outcome;
}

async function applyOneByOne(tx: Tx, rc: RowsContext, rows: SourceRow[]): Promise<BatchOutcome> {
  const outcome = batchOutcome(rc.imp, rows.length);
  for (const row of rows) {
    const [parsed] = parseRows(rc, [row], outcome);
    if (!parsed) continue;
    try {
      const result = await tx.transaction(async (sp) => applyOne(sp as Tx, rc.adapter, rc.ctx, rc.imp.duplicateMode, parsed.input));
      outcome.counts[result]++;
    } catch (error) {
      const problems = rowProblems(error);
      if (!problems) throw error;
      outcome.report(row.rowNumber, problems);
    }
  }
  return outcome;
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
