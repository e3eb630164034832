import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { AppError } from '../errors/index.ts';
import {
  applyValueSettings,
  type CatalogColumn,
  type CatalogSequence,
  findNonEmptyTable,
  listTableNames,
  qualified,
  qualifiedText,
  queryRows,
  readCatalog,
  readJournal,
} from './backup.catalog.ts';
import { backupErrors } from './backup.errors.ts';
import {
  type BackupHeader,
  type DumpSequence,
  invalid,
  isRowLine,
  type MigrationId,
  parseControl,
  parseHeader,
  parseRow,
  readLines,
} from './backup.format.ts';

export type RestoreOptions = {
  /** Required on PostgreSQL: migrations run on their own connection. */
  databaseUrl?: string;
  /** Rows per INSERT statement. */
  batchSize?: number;
};

export type RestoreSummary = {
  /** Rows restored per table, in dump order. */
  tables: Record<string, number>;
};

const DEFAULT_BATCH_SIZE = 5_000;
/** A batch is also cut when its JSON text reaches this many characters, whatever the row count. */
const MAX_BATCH_CHARS = 8 * 1024 * 1024;

type Lines = AsyncGenerator<string>;
type TablePlan = { name: string; columns: CatalogColumn[] };

/**
 * Restores a dump made by `createBackup` into an empty database of either engine: checks the
 * dump's schema version against this build's migrations, refuses a database whose `public` tables
 * hold any row (changing nothing), runs the migrations, then loads every table in one transaction
 * (all or nothing) and brings sequences past the restored values.
 */
export async function restoreBackup(
  database: Database,
  input: Readable | string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (database.engine === 'postgres' && !options.databaseUrl) throw backupErrors.backup_database_url_required();

  const source = typeof input === 'string' ? createReadStream(input) : input;
  // A failure of either stream (missing file, bad gzip data) surfaces through the line reader.
  const gunzip = pipeline(source, createGunzip(), () => undefined);
  const lines = readLines(gunzip);
  try {
    const header = parseHeader(await nextLine(lines));
    checkMigration(header.schema.migration);
    const occupied = await findNonEmptyTable(database.db, await listTableNames(database.db));
    if (occupied) throw backupErrors.backup_target_not_empty({ params: { table: occupied } });
    await migrateDatabase(database, options.databaseUrl);
    return await database.db.transaction((tx) => load(tx, header, lines, batchSize));
  } finally {
    await lines.return(undefined);
    gunzip.destroy();
  }
}

/** Refuses a dump taken at a migration this build does not have: newer, or from another branch. */
function checkMigration(migration: MigrationId): void {
  const journal = readJournal();
  const known = journal.some(
    (entry) => entry.createdAt === migration.createdAt && (migration.tag === null || migration.tag === entry.tag),
  );
  if (known) return;
  const label = migration.tag ?? String(migration.createdAt);
  const latest = journal.at(-1);
  if (!latest || migration.createdAt > latest.createdAt) {
    throw backupErrors.backup_newer_than_code({ params: { migration: label } });
  }
  throw backupErrors.backup_unknown_migration({ params: { migration: label } });
}

async function load(tx: Executor, header: BackupHeader, lines: Lines, batchSize: number): Promise<RestoreSummary> {
  await applyValueSettings(tx);
  const catalog = await readCatalog(tx);
  const plans = planTables(header, new Map(catalog.tables.map((table) => [table.name, table])));

  // Nobody writes between the emptiness check and the load.
  const allTables = catalog.tables.map((table) => table.name);
  if (allTables.length > 0) {
    await tx.execute(
      sql`lock table ${sql.join(allTables.map(qualified), sql`, `)} in share row exclusive mode`,
    );
  }
  const occupied = await findNonEmptyTable(tx, allTables);
  if (occupied) throw backupErrors.backup_target_not_empty({ params: { table: occupied } });

  // No table order satisfies a foreign key inside a cycle: lift it for the load, then re-add it,
  // which checks every restored row against it.
  for (const fk of catalog.cyclicForeignKeys) {
    await tx.execute(sql`alter table ${qualified(fk.table)} drop constraint ${sql.identifier(fk.name)}`);
  }

  // The rows are restored exactly as dumped: triggers must not stamp, log or derive anything
  // (what they derived at the source is in the dump already).
  for (const trigger of catalog.triggers) {
    await tx.execute(sql`alter table ${qualified(trigger.table)} disable trigger ${sql.identifier(trigger.name)}`);
  }

  const tables: Record<string, number> = {};
  for (const plan of plans) tables[plan.name] = await loadTable(tx, plan, lines, batchSize);

  const end = parseControl(await expectLine(lines));
  if (end.kind !== 'end') throw invalid(`expected the end of the dump, found a "${end.kind}" line`);
  for (const plan of plans) {
    if (end.tables[plan.name] !== tables[plan.name]) throw invalid(`the row count of table "${plan.name}" does not match`);
  }
  if ((await nextLine(lines)) !== undefined) throw invalid('there is data after the end of the dump');

  for (const fk of catalog.cyclicForeignKeys) {
    await withTable(fk.table, () =>
      tx.execute(sql`alter table ${qualified(fk.table)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.definition)}`),
    );
  }
  for (const trigger of catalog.triggers) {
    const mode = { O: sql``, R: sql` replica`, A: sql` always` }[trigger.enabled];
    await tx.execute(sql`alter table ${qualified(trigger.table)} enable${mode} trigger ${sql.identifier(trigger.name)}`);
  }
  await resetSequences(tx, catalog.sequences, header.sequences);
  return { tables };
}

/** Matches every dumped table and column to this database's; refuses before writing anything. */
function planTables(header: BackupHeader, targets: Map<string, { columns: CatalogColumn[] }>): TablePlan[] {
  const seen = new Set<string>();
  return header.tables.map((dumped) => {
    if (seen.has(dumped.name)) throw invalid(`table "${dumped.name}" appears twice`);
    seen.add(dumped.name);
    const target = targets.get(dumped.name);
    if (!target) {
      throw backupErrors.backup_schema_mismatch({ params: { reason: `table "${dumped.name}" does not exist here` } });
    }
    const columns = dumped.columns.map((column) => {
      const match = target.columns.find((candidate) => candidate.name === column.name);
      if (!match) {
        throw backupErrors.backup_schema_mismatch({
          params: { reason: `column "${dumped.name}"."${column.name}" does not exist here (or is generated)` },
        });
      }
      return match;
    });
    return { name: dumped.name, columns };
  });
}

async function loadTable(tx: Executor, plan: TablePlan, lines: Lines, batchSize: number): Promise<number> {
  const start = parseControl(await expectLine(lines));
  if (start.kind !== 'table' || start.name !== plan.name) {
    throw invalid(`expected the rows of table "${plan.name}"`);
  }
  let count = 0;
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    chars = 0;
    await withTable(plan.name, () => insertRows(tx, plan, rows));
    count += rows.length;
  };
  for (;;) {
    const line = await expectLine(lines);
    if (isRowLine(line)) {
      parseRow(line, plan.columns.length, plan.name);
      batch.push(line);
      chars += line.length;
      if (batch.length >= batchSize || chars >= MAX_BATCH_CHARS) await flush();
      continue;
    }
    await flush();
    const end = parseControl(line);
    if (end.kind !== 'table-end' || end.name !== plan.name) throw invalid(`the rows of table "${plan.name}" do not end properly`);
    if (end.rows !== count) throw invalid(`table "${plan.name}" should have ${end.rows} rows, the dump holds ${count}`);
    return count;
  }
}

/**
 * One INSERT per batch with a single parameter: the batch's rows as one JSON array. Each text
 * value is cast to its column's type by PostgreSQL's own input function, the inverse of how it
 * was written. OVERRIDING SYSTEM VALUE keeps identity columns' values.
 */
async function insertRows(tx: Executor, plan: TablePlan, rows: string[]): Promise<void> {
  const payload = `[${rows.join(',')}]`;
  const source = sql`from json_array_elements(${payload}::text::json) as r(value)`;
  if (plan.columns.length === 0) {
    await tx.execute(sql`insert into ${qualified(plan.name)} select ${source}`);
    return;
  }
  const names = sql.join(
    plan.columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  const values = sql.join(
    plan.columns.map((column, position) => sql`cast(r.value ->> ${sql.raw(String(position))} as ${sql.raw(column.castType)})`),
    sql`, `,
  );
  await tx.execute(sql`insert into ${qualified(plan.name)} (${names}) overriding system value select ${values} ${source}`);
}

/**
 * Each sequence resumes after both its dumped state and the largest value restored into a column
 * it feeds; a sequence never used starts afresh.
 */
async function resetSequences(tx: Executor, sequences: CatalogSequence[], dumped: DumpSequence[]): Promise<void> {
  for (const sequence of sequences) {
    const ascending = sequence.increment > 0n;
    const candidates: bigint[] = [];
    const state = dumped.find((candidate) => candidate.name === sequence.name);
    if (state?.isCalled) candidates.push(BigInt(state.lastValue));
    for (const use of sequence.uses) {
      const [row] = await queryRows<{ value: string | null }>(
        tx,
        sql`select ${sql.raw(ascending ? 'max' : 'min')}(${sql.identifier(use.column)})::text as value from ${qualified(use.table)}`,
      );
      if (row?.value != null) candidates.push(BigInt(row.value));
    }
    const furthest = candidates.reduce<bigint | undefined>(
      (best, value) => (best === undefined || (ascending ? value > best : value < best) ? value : best),
      undefined,
    );
    const [value, isCalled] = furthest === undefined ? [sequence.start, false] : [furthest, true];
    await withTable(sequence.name, () =>
      tx.execute(
        sql`select setval(${qualifiedText(sequence.name)}::text::regclass, ${value.toString()}::text::bigint, ${sql.raw(String(isCalled))})`,
      ),
    );
  }
}

/** Turns a database failure into a clear error naming the table, without the SQL or its data. */
async function withTable<T>(table: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const cause = error instanceof DrizzleQueryError && error.cause ? error.cause : error;
    const failure = backupErrors.backup_restore_failed({
      params: { table, reason: cause instanceof Error ? cause.message : String(cause) },
    });
    failure.cause = cause;
    throw failure;
  }
}

async function nextLine(lines: Lines): Promise<string | undefined> {
  for (;;) {
    const next = await lines.next();
    if (next.done) return undefined;
    if (next.value !== '') return next.value;
  }
}

async function expectLine(lines: Lines): Promise<string> {
  const line = await nextLine(lines);
  if (line === undefined) throw invalid('the dump ends too early (truncated file?)');
  return line;
}
