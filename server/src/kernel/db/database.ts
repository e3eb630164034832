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

/** TEMP: defaults under measurement. */
export const pgliteDefaultSettings: Readonly<Record<string, string>> = {};

/** `name=value` pairs separated by commas or spaces, e.g. "shared_buffers=64MB, work_mem=8MB". */
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
    const client = await PGlite.create(location, {
      extensions: pgliteExtensions,
      // `startParams` replaces PGlite's own (single-user mode, no parallel workers, …): keep them,
      // and add ours as `-c name=value`, which win over the data folder's postgresql.conf.
      startParams: [...PGlite.defaultStartParams, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
    });
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
