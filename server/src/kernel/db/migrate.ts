import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Database } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** An arbitrary constant: serialises migrations when several processes start at once. */
const MIGRATION_LOCK_KEY = 724_190_311;

/** Applies the one migration set to either engine. Safe to call at every start. */
export async function migrateDatabase(database: Database, databaseUrl?: string): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  // On PostgreSQL an app process and its workers may start together: one migrates, the others wait.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
