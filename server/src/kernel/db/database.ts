import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, any>;
/** Anything that runs queries: the database itself or an open transaction. */
export type Executor = AppDb | Tx;
export type Engine = 'pglite' | 'postgres';

export type SqlRows = { rows: any[] };

export type Database = {
  engine: Engine;
  db: AppDb;
  /** Raw parameterised SQL ($1, $2, …), used by pg-boss and by backup/restore. */
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data folder, or 'memory://' for a throwaway database (tests). */
  dataDir?: string;
  /** Max pooled connections on PostgreSQL. */
  poolSize?: number;
  /**
   * PostgreSQL settings of the embedded engine (`name → value`), over {@link pgliteDefaultSettings}
   * and `PEYVAND_PGLITE_SETTINGS`. Ignored on PostgreSQL, whose settings belong to its server.
   */
  pgliteSettings?: Record<string, string>;
};

/** Every PGlite database is opened with the same extensions, or queries that need them break. */
export const pgliteExtensions = { citext, pg_trgm, unaccent };

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://', {
    ...pgliteDefaultSettings,
    ...parsePgliteSettings(process.env.PEYVAND_PGLITE_SETTINGS),
    ...options.pgliteSettings,
  });
}

/**
 * Memory settings of the embedded PostgreSQL (docs/decisions/0005-embedded-memory.md).
 *
 * PGlite runs PostgreSQL inside this process, in WebAssembly memory, and that memory grows on
 * demand but never shrinks. With PostgreSQL's own defaults the shared buffers alone (128MB, plus
 * ~17MB of other shared memory) are written in full at start, and an index build may take
 * 64MB more for good. Smaller values keep a 200k-row database near the ~300 MB the embedded mode
 * promises; pages that no longer fit in the shared buffers are read again from the data folder,
 * which the operating system caches outside this process (bench/memory.ts measures both sides).
 *
 * - shared_buffers 32MB (not 128MB): ~100 MiB less resident from the first second. On 200k people
 *   and 200k audit entries, lists and searches kept their speed (within run-to-run noise); the
 *   busiest, a phone search, re-reads 100–250 pages per request from the OS cache.
 * - maintenance_work_mem 16MB (not 64MB): caps what CREATE INDEX and VACUUM add for good
 *   (+83 MiB when the trigram index of 200k people is rebuilt), in about the same time.
 *
 * Anything else (work_mem, temp_buffers, …) keeps PostgreSQL's default. Larger databases on
 * larger machines can raise these with PEYVAND_PGLITE_SETTINGS, e.g. "shared_buffers=256MB".
 */
export const pgliteDefaultSettings: Readonly<Record<string, string>> = {
  shared_buffers: '32MB',
  maintenance_work_mem: '16MB',
};

/**
 * `PEYVAND_PGLITE_SETTINGS`: `name=value` pairs separated by commas or spaces, e.g.
 * "shared_buffers=128MB, work_mem=8MB"; values cannot contain either. PostgreSQL itself checks
 * names and values when the database opens.
 */
export function parsePgliteSettings(text: string | undefined): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const match = /^([a-z_][a-z0-9_.]*)=(\S+)$/i.exec(pair);
    if (!match) throw new Error(`PEYVAND_PGLITE_SETTINGS: expected name=value pairs such as "shared_buffers=64MB", got "${pair}"`);
    settings[match[1]!.toLowerCase()] = match[2]!;
  }
  return settings;
}

async function openPglite(dataDir: string, settings: Record<string, string>): Promise<Database> {
  let lock: DataDirLock | undefined;
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
    lock = await acquireDataDirLock(resolve(dataDir));
  }
  try {
    let starting = true;
    let refusal: string | undefined;
    const client = await PGlite.create(location, {
      extensions: pgliteExtensions,
      // `startParams` replaces PGlite's own (single-user mode, no parallel workers, …): keep them,
      // and add ours as `-c name=value`, which win over the data folder's postgresql.conf.
      startParams: [...PGlite.defaultStartParams, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
      // PGlite only says it "failed to initialize"; PostgreSQL's reason (e.g. a bad value in
      // PEYVAND_PGLITE_SETTINGS) is in its log.
      onStderr: (line) => {
        const fatal = starting ? /\b(?:FATAL|PANIC):\s*(.*)$/.exec(line) : null;
        if (fatal) refusal = fatal[1];
        return false;
      },
    }).catch((error: unknown) => {
      throw refusal ? new Error(`The embedded database did not start: ${refusal}`, { cause: error }) : error;
    });
    starting = false;
    const db = drizzlePglite(client, { schema }) as unknown as AppDb;
    return {
      engine: 'pglite',
      db,
      executeSql: async (text, values) => {
        const result = await client.query(text, values as any[] | undefined);
        return { rows: result.rows as any[] };
      },
      close: async () => {
        await client.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle pooled connection the server ends (restart, failover, pg_terminate_backend) is only
  // dropped from the pool; without a listener the pool's 'error' event would kill the process.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`, { code: 'PEYVAND_PG_IDLE_CLOSED' });
  });
  // Fail fast with the server's own message when the URL is wrong or the server is down.
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as AppDb;
  return {
    engine: 'postgres',
    db,
    executeSql: async (text, values) => {
      const result = await pool.query(text, values as any[] | undefined);
      return { rows: result.rows };
    },
    close: () => pool.end(),
  };
}

export async function pingDatabase(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}
