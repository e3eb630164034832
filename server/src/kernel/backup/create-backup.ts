import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.ts';
import {
  applyValueSettings,
  type CatalogTable,
  queryRows,
  qualified,
  readAppliedMigration,
  readCatalog,
} from './backup.catalog.ts';
import { backupErrors } from './backup.errors.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type DumpSequence,
  dumpEnd,
  tableEnd,
  tableStart,
  VALUE_SETTINGS,
} from './backup.format.ts';

export type BackupOptions = {
  /** Rows fetched per round trip; a table is never held in memory whole. */
  batchSize?: number;
};

export type BackupSummary = {
  /** Rows written per table, in dump order. */
  tables: Record<string, number>;
};

const DEFAULT_BATCH_SIZE = 5_000;
const CURSOR = sql.identifier('peyvand_backup_rows');

/**
 * Writes a portable, engine-independent dump of every table of the `public` schema (format in
 * backup.format.ts). The whole dump is read in one REPEATABLE READ, read-only transaction, so it is
 * one consistent snapshot. Given a path, the file appears only once the dump is complete; given a
 * stream, the stream is ended (or destroyed on failure).
 */
export async function createBackup(
  database: Database,
  output: Writable | string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (typeof output !== 'string') return dump(database, () => output, batchSize);

  const partial = `${output}.partial`;
  let file: WriteStream | undefined;
  try {
    const summary = await dump(database, () => (file = createWriteStream(partial)), batchSize);
    await rename(partial, output);
    return summary;
  } catch (error) {
    if (file && !file.closed) await once(file, 'close').catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/** `openOutput` is called only once the snapshot is open and the header is ready. */
function dump(database: Database, openOutput: () => Writable, batchSize: number): Promise<BackupSummary> {
  return database.db.transaction(
    async (tx) => {
      await applyValueSettings(tx);
      const migration = await readAppliedMigration(tx);
      if (!migration) throw backupErrors.backup_database_not_migrated();
      const catalog = await readCatalog(tx);
      const [server] = await queryRows<{ version: string }>(tx, sql`select current_setting('server_version') as version`);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        engine: database.engine,
        serverVersion: server?.version ?? 'unknown',
        schema: { migration },
        valueSettings: VALUE_SETTINGS,
        tables: catalog.tables.map((table) => ({
          name: table.name,
          columns: table.columns.map((column) => ({ name: column.name, type: column.type })),
          primaryKey: table.primaryKey,
        })),
        sequences: await readSequenceStates(tx, catalog.sequences.map((sequence) => sequence.name)),
      };

      const tables: Record<string, number> = {};
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const table of catalog.tables) {
          yield tableStart(table.name);
          let count = 0;
          for await (const batch of readTable(tx, table, batchSize)) {
            count += batch.length;
            yield `${batch.join('\n')}\n`;
          }
          tables[table.name] = count;
          yield tableEnd(table.name, count);
        }
        yield dumpEnd(tables);
      }
      await pipeline(lines, createGzip(), openOutput());
      return { tables };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Yields a table's rows as JSON arrays of PostgreSQL text values, `batchSize` at a time, in primary
 * key order, through a cursor inside the snapshot transaction. The database builds each JSON line
 * itself, so no value passes through a JavaScript type on the way out.
 */
async function* readTable(tx: Executor, table: CatalogTable, batchSize: number): AsyncGenerator<string[]> {
  const values =
    table.columns.length === 0
      ? sql`array[]::text[]`
      : sql`array[${sql.join(
          table.columns.map((column) => sql`${sql.identifier(column.name)}::text`),
          sql`, `,
        )}]`;
  const orderBy =
    table.primaryKey.length === 0
      ? sql``
      : sql` order by ${sql.join(
          table.primaryKey.map((column) => sql.identifier(column)),
          sql`, `,
        )}`;
  await tx.execute(
    sql`declare ${CURSOR} no scroll cursor for select array_to_json(${values})::text as r from ${qualified(table.name)}${orderBy}`,
  );
  // Not closed in a `finally`: after a failed statement the transaction only accepts a rollback.
  for (;;) {
    const rows = await queryRows<{ r: string }>(tx, sql`fetch forward ${sql.raw(String(batchSize))} from ${CURSOR}`);
    if (rows.length > 0) yield rows.map((row) => row.r);
    if (rows.length < batchSize) break;
  }
  await tx.execute(sql`close ${CURSOR}`);
}

async function readSequenceStates(tx: Executor, names: string[]): Promise<DumpSequence[]> {
  const states: DumpSequence[] = [];
  for (const name of names) {
    const [state] = await queryRows<{ last_value: string; is_called: boolean }>(
      tx,
      sql`select last_value::text as last_value, is_called from ${qualified(name)}`,
    );
    if (state) states.push({ name, lastValue: state.last_value, isCalled: state.is_called === true });
  }
  return states;
}
