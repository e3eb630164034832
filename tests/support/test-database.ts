import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestEngine = 'pglite' | 'postgres';

export const ADMIN_DATABASE_URL = process.env.PEYVAND_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Which engine this test run targets; the vitest projects set it. */
export function testEngine(): TestEngine {
  return process.env.PEYVAND_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

/** A fresh PostgreSQL database per test file, dropped afterwards; never a shared one. */
export async function createTestPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `peyvand_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = ADMIN_DATABASE_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
