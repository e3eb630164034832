import { randomUUID } from 'node:crypto';
import { users } from '../auth/auth.schema.ts';
import { openDatabase, type Database, type Engine } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import type { WorkspaceContext } from '../http/context.ts';
import { BUILT_IN_ROLES } from '../../modules/members/members.permissions.ts';
import { workspaces } from '../../modules/workspaces/workspaces.schema.ts';
import { createTestPostgresDatabase } from '../../../../tests/support/test-database.ts';

/*
 * Test helper for integration specs of filters, tags and views: a migrated database of either
 * engine that is thrown away afterwards (PGlite in memory; PostgreSQL as a fresh database).
 */

export const TEST_ENGINES: Engine[] = ['pglite', 'postgres'];

export type MigratedTestDatabase = { database: Database; close(): Promise<void> };

export async function openMigratedTestDatabase(engine: Engine): Promise<MigratedTestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    return { database, close: () => database.close() };
  }
  const postgres = await createTestPostgresDatabase();
  const database = await openDatabase({ databaseUrl: postgres.url, poolSize: 5 });
  try {
    await migrateDatabase(database, postgres.url);
  } catch (error) {
    await database.close();
    await postgres.drop();
    throw error;
  }
  return {
    database,
    async close() {
      await database.close();
      await postgres.drop();
    },
  };
}

export async function insertWorkspace(database: Database, name = 'فضای آزمون'): Promise<string> {
  const [row] = await database.db.insert(workspaces).values({ name, slug: `t-${randomUUID()}` }).returning({ id: workspaces.id });
  return row!.id;
}

export async function insertUser(database: Database, name: string): Promise<string> {
  const id = randomUUID();
  await database.db.insert(users).values({ id, name, email: `${id}@example.com` });
  return id;
}

/** A signed-in member's context with the permissions of a built-in role. */
export function memberContext(workspaceId: string, user: { id: string; name: string }, roleKey: 'admin' | 'manager' | 'member'): WorkspaceContext {
  const role = BUILT_IN_ROLES.find((r) => r.key === roleKey)!;
  return { workspaceId, actor: { type: 'user', id: user.id, name: user.name }, roleKey, permissions: new Set(role.permissions), locale: 'en' };
}
