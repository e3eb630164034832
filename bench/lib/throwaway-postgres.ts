import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the benchmark may create databases on; it never touches any database it did not create. */
export const BENCH_ADMIN_URL = process.env.PEYVAND_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type ThrowawayDatabase = { name: string; url: string; drop(): Promise<void> };

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named database (peyvand_bench_…), dropped by `drop()`. */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const name = `peyvand_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: BENCH_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** `SELECT version()` of the benchmark server, or null when it is not reachable. */
export async function postgresServerVersion(): Promise<string | null> {
  try {
    return await withAdmin(async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string);
  } catch {
    return null;
  }
}
