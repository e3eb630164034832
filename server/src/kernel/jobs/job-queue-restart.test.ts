import { afterEach, describe, expect, test } from 'vitest';
import { createJobQueue } from './index.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from './test-databases.ts';

/** Opening PGlite takes seconds; set here so the file does not depend on a config's defaults. */
const TIMEOUT = 30_000;

describe.each(engines)('a queued job survives a restart on %s', (engine) => {
  let testDatabase: TestDatabase | undefined;

  afterEach(async () => {
    await testDatabase?.dispose();
  }, TIMEOUT);

  test('enqueued with no worker, closed, reopened: a new worker handles it', async () => {
    testDatabase = await createTestDatabase(engine);

    const before = await testDatabase.open();
    const sender = await createJobQueue(before, { mode: 'off' });
    await sender.work('test.restart', async () => {
      throw new Error('mode off: no handler runs in this process');
    });
    await sender.start();
    const id = await sender.send('test.restart', { greeting: 'سلام' });
    expect(id).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sender.stop();
    await before.close();

    const after = await testDatabase.open(); // same folder on PGlite; a new pool on PostgreSQL
    const worker = await createJobQueue(after, { mode: 'worker', pollingIntervalSeconds: 0.2 });
    const seen: Array<{ id: string; data: unknown }> = [];
    await worker.work('test.restart', async (data, job) => {
      seen.push({ id: job.id, data });
    });
    await worker.start();
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([{ id, data: { greeting: 'سلام' } }]);
    await worker.stop();
    await after.close();
  }, TIMEOUT);
});
