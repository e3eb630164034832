import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../jobs/test-databases.ts';

/*
 * PostgreSQL may end an idle connection at any time (a restart, a failover, an administrator).
 * The server must drop that connection and carry on with a new one, not crash.
 */
let testDatabase: TestDatabase | undefined;
afterEach(async () => {
  await testDatabase?.dispose();
  testDatabase = undefined;
});

describe('PostgreSQL pool', () => {
  it('survives the server ending its idle connections, and keeps answering', async () => {
    testDatabase = await createTestDatabase('postgres');
    const database = await testDatabase.open();
    const before = Number((await database.executeSql('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const admin = await testDatabase.open();
      await admin.executeSql('SELECT pg_terminate_backend($1)', [before]);
      await admin.close();
      await expect.poll(() => warnings.some((w) => w.includes('idle connection')), { timeout: 5000 }).toBe(true);
      const after = Number((await database.executeSql('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      expect(after).not.toBe(before);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
