import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '#server/kernel/db/database.ts';

/** Test helper: both engines, each test on a database of its own that is thrown away afterwards. */
export const engines: Engine[] = ['pglite', 'postgres'];

const adminUrl = process.env.PEYVAND_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = {
  /** Opens (or, after a close, reopens) the same database: same folder or same PostgreSQL database. */
  open(): Promise<Database>;
  /** Closes what is still open and deletes the database. */
  dispose(): Promise<void>;
};

/** A PGlite database lives in a temp folder, so it can be closed and reopened. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const opened: Database[] = [];
  const closeAll = async () => {
    for (const database of opened.splice(0)) await database.close().catch(() => undefined);
  };
  if (engine === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'peyvand-t-'));
    return {
      async open() {
        const database = await openDatabase({ dataDir });
        opened.push(trackClose(database, opened));
        return database;
      },
      async dispose() {
        await closeAll();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `peyvand_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    async open() {
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      opened.push(trackClose(database, opened));
      return database;
    },
    async dispose() {
      await closeAll();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function trackClose(database: Database, opened: Database[]): Database {
  const close = database.close;
  database.close = async () => {
    const index = opened.indexOf(database);
    if (index >= 0) opened.splice(index, 1);
    await close();
  };
  return database;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Polls until the condition holds, or fails after the timeout. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
