import type { Readable } from 'node:stream';
import type { AppError } from '../errors/index.ts';
import { backupErrors } from './backup.errors.ts';

/**
 * The dump format, version 1: gzip-compressed JSON lines.
 *
 *   {"format":"peyvand-backup","version":1,…header…}     first line, see BackupHeader
 *   {"kind":"table","name":"users"}                      a table section starts
 *   ["id-1","نام",null,…]                                one row: one value per header column
 *   {"kind":"table-end","name":"users","rows":2}         the section ends, with its row count
 *   …one section per header table, in header order (foreign-key order)…
 *   {"kind":"end","tables":{"users":2,…}}                last line; a dump without it is truncated
 *
 * Every value is PostgreSQL's own text form of the value (or null), produced under the fixed
 * session settings below, so it reads back into either engine exactly: jsonb, arrays, numerics,
 * timestamps with microseconds, bytea (hex), booleans (t/f) alike.
 */
export const BACKUP_FORMAT = 'peyvand-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Session settings under which values are written and read back. */
export const VALUE_SETTINGS = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
  bytea_output: 'hex',
  extra_float_digits: '3',
} as const;

/** The latest applied Drizzle migration of the database the dump was taken from. */
export type MigrationId = {
  /** Journal tag, e.g. "0001_foundation"; null when the code that took the dump did not know it. */
  tag: string | null;
  /** The journal's `when` (milliseconds), as Drizzle records it in `created_at`. */
  createdAt: number;
  /** sha256 of the migration file, as Drizzle records it. */
  hash: string;
};

export type DumpColumn = { name: string; type: string };
export type DumpTable = { name: string; columns: DumpColumn[]; primaryKey: string[] };
export type DumpSequence = { name: string; lastValue: string; isCalled: boolean };

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  serverVersion: string;
  schema: { migration: MigrationId };
  valueSettings: typeof VALUE_SETTINGS;
  /** Every dumped table of the `public` schema, in the order its section appears (FK order). */
  tables: DumpTable[];
  /** Sequences of the `public` schema and their state when the dump was taken. */
  sequences: DumpSequence[];
};

export type TableStartLine = { kind: 'table'; name: string };
export type TableEndLine = { kind: 'table-end'; name: string; rows: number };
export type EndLine = { kind: 'end'; tables: Record<string, number> };
export type ControlLine = TableStartLine | TableEndLine | EndLine;

export type Row = (string | null)[];

export const tableStart = (name: string): string => `${JSON.stringify({ kind: 'table', name } satisfies TableStartLine)}\n`;
export const tableEnd = (name: string, rows: number): string =>
  `${JSON.stringify({ kind: 'table-end', name, rows } satisfies TableEndLine)}\n`;
export const dumpEnd = (tables: Record<string, number>): string => `${JSON.stringify({ kind: 'end', tables } satisfies EndLine)}\n`;

export const invalid = (reason: string): AppError => backupErrors.backup_invalid({ params: { reason } });

/** A row line starts with `[`; everything else is a control line. */
export const isRowLine = (line: string): boolean => line.startsWith('[');

export function parseRow(line: string, columnCount: number, table: string): Row {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw invalid(`a row of table "${table}" is not valid JSON`);
  }
  if (
    !Array.isArray(value) ||
    value.length !== columnCount ||
    !value.every((cell) => cell === null || typeof cell === 'string')
  ) {
    throw invalid(`a row of table "${table}" does not have ${columnCount} text-or-null values`);
  }
  return value as Row;
}

export function parseControl(line: string): ControlLine {
  const value = parseObject(line);
  const kind = value.kind;
  if (kind === 'table' && typeof value.name === 'string') return value as TableStartLine;
  if (kind === 'table-end' && typeof value.name === 'string' && Number.isSafeInteger(value.rows)) return value as TableEndLine;
  if (kind === 'end' && typeof value.tables === 'object' && value.tables !== null) return value as EndLine;
  throw invalid('unexpected line');
}

export function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw invalid('the file is empty');
  const value = parseObject(line);
  if (value.format !== BACKUP_FORMAT) throw invalid('this is not a Peyvand backup');
  if (value.version !== BACKUP_FORMAT_VERSION) {
    throw backupErrors.backup_unsupported_version({ params: { version: String(value.version) } });
  }
  const migration = (value.schema as { migration?: Partial<MigrationId> } | undefined)?.migration;
  if (
    !migration ||
    !Number.isSafeInteger(migration.createdAt) ||
    typeof migration.hash !== 'string' ||
    !(migration.tag === null || typeof migration.tag === 'string')
  ) {
    throw invalid('the header has no schema migration identifier');
  }
  if (!Array.isArray(value.tables) || !value.tables.every(isDumpTable)) throw invalid('the header has no valid table list');
  if (!Array.isArray(value.sequences) || !value.sequences.every(isDumpSequence)) {
    throw invalid('the header has no valid sequence list');
  }
  return value as BackupHeader;
}

function isDumpTable(value: unknown): value is DumpTable {
  const table = value as DumpTable;
  return (
    typeof table?.name === 'string' &&
    Array.isArray(table.columns) &&
    table.columns.every((column) => typeof column?.name === 'string' && typeof column.type === 'string') &&
    Array.isArray(table.primaryKey)
  );
}

function isDumpSequence(value: unknown): value is DumpSequence {
  const sequence = value as DumpSequence;
  return typeof sequence?.name === 'string' && /^-?\d+$/.test(sequence.lastValue) && typeof sequence.isCalled === 'boolean';
}

function parseObject(line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw invalid('a line is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('unexpected line');
  return value as Record<string, unknown>;
}

/**
 * Splits a decoded byte stream into lines without holding more than one chunk and one line.
 * Stream failures (bad gzip data, a missing file) become `backup_unreadable`.
 */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  let pending = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      pending += chunk;
      let start = 0;
      let newline = pending.indexOf('\n', start);
      while (newline !== -1) {
        yield pending.slice(start, newline);
        start = newline + 1;
        newline = pending.indexOf('\n', start);
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    const failure = backupErrors.backup_unreadable({ params: { reason: (error as Error).message } });
    failure.cause = error;
    throw failure;
  }
  if (pending !== '') yield pending;
}
