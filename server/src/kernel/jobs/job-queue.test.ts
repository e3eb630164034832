import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '#server/kernel/db/database.ts';
import { createJobQueue, type JobQueue, type JobQueueOptions } from './index.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from './test-databases.ts';

/** Opening PGlite takes seconds; set here so the file does not depend on a config's defaults. */
const TIMEOUT = 30_000;

const silent: JobQueueOptions['onError'] = () => undefined;

describe.each(engines)('job queue on %s', (engine) => {
  let testDatabase: TestDatabase;
  let database: Database;
  const queues: JobQueue[] = [];

  const newQueue = async (options: Partial<JobQueueOptions> = {}) => {
    const queue = await createJobQueue(database, {
      mode: 'inline',
      pollingIntervalSeconds: 0.2,
      onError: silent,
      ...options,
    });
    queues.push(queue);
    return queue;
  };

  const jobRows = async (name: string) =>
    (
      await database.executeSql(
        'SELECT id, state, retry_count, data FROM pgboss.job WHERE name = $1 ORDER BY created_on',
        [name],
      )
    ).rows as Array<{ id: string; state: string; retry_count: number; data: unknown }>;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(engine);
    database = await testDatabase.open();
  }, TIMEOUT);

  afterAll(async () => {
    for (const queue of queues) await queue.stop();
    await testDatabase?.dispose();
  }, TIMEOUT);

  test('a job sent is handled exactly once, even with two workers competing', async () => {
    const first = await newQueue();
    const second = await newQueue();
    const handled: string[] = [];
    const handler = async (data: { n: number }, job: { id: string }) => {
      expect(typeof data.n).toBe('number');
      handled.push(job.id);
    };
    await first.work('test.once', handler, { concurrency: 2 });
    await second.work('test.once', handler, { concurrency: 2 });
    await first.start();
    await second.start();

    const sent = await Promise.all(Array.from({ length: 20 }, (_, n) => first.send('test.once', { n })));
    expect(sent.every((id) => typeof id === 'string')).toBe(true);
    await waitFor(() => handled.length >= 20);
    await new Promise((resolve) => setTimeout(resolve, 600)); // room for a duplicate to show up

    expect(handled).toHaveLength(20);
    expect(new Set(handled)).toEqual(new Set(sent));
    await waitFor(async () => (await jobRows('test.once')).every((row) => row.state === 'completed'));
    await first.stop();
    await second.stop();
  }, TIMEOUT);

  test('a failing handler is retried with backoff, and gives up after the retry limit', async () => {
    const queue = await newQueue({ retry: { limit: 3, delaySeconds: 1, backoff: true } });
    const attempts: Record<string, number[]> = {};
    await queue.work<{ key: string; failures: number }>('test.retry', async (data) => {
      const times = (attempts[data.key] ??= []);
      times.push(Date.now());
      if (times.length <= data.failures) throw new Error(`attempt ${times.length} fails`);
    });
    await queue.start();

    const flaky = await queue.send('test.retry', { key: 'flaky', failures: 1 });
    const hopeless = await queue.send('test.retry', { key: 'hopeless', failures: 99 }, { retryLimit: 1 });

    await waitFor(async () => {
      const rows = await jobRows('test.retry');
      return rows.length === 2 && rows.every((row) => row.state === 'completed' || row.state === 'failed');
    }, 15_000);
    const rows = await jobRows('test.retry');
    expect(rows.find((row) => row.id === flaky)).toMatchObject({ state: 'completed', retry_count: 1 });
    expect(rows.find((row) => row.id === hopeless)).toMatchObject({ state: 'failed', retry_count: 1 });
    expect(attempts.flaky).toHaveLength(2);
    expect(attempts.hopeless).toHaveLength(2);
    // Backoff: the retry waited at least the configured delay.
    const [firstTry, secondTry] = attempts.flaky as [number, number];
    expect(secondTry - firstTry).toBeGreaterThanOrEqual(900);
    await queue.stop();
  }, TIMEOUT);

  test('send with tx: a rolled-back transaction leaves no job, a committed one leaves it', async () => {
    await database.executeSql('CREATE TABLE IF NOT EXISTS test_note (id serial PRIMARY KEY, body text NOT NULL)');
    // A worker polls meanwhile, to show the transaction path does not deadlock on PGlite's one connection.
    const queue = await newQueue({ mode: 'off' });
    const busy = await newQueue();
    await busy.work('test.other', async () => undefined);
    await busy.start();

    class Rollback extends Error {}
    let rolledBackId: string | null = null;
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO test_note (body) VALUES ('rolled back')`);
        // The queue did not exist yet: it is created inside the transaction and rolled back with it.
        rolledBackId = await queue.send('test.tx', { note: 'rolled back' }, { tx });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(rolledBackId).toEqual(expect.any(String));
    const queueRows = await database.executeSql('SELECT name FROM pgboss.queue WHERE name = $1', ['test.tx']);
    expect(queueRows.rows).toHaveLength(0);
    expect(await jobRows('test.tx')).toHaveLength(0);

    const committedId = await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO test_note (body) VALUES ('committed')`);
      return queue.send('test.tx', { note: 'committed', text: 'دعوت به پیوند' }, { tx });
    });
    const rows = await jobRows('test.tx');
    expect(rows).toEqual([
      expect.objectContaining({ id: committedId, state: 'created', data: { note: 'committed', text: 'دعوت به پیوند' } }),
    ]);
    const notes = await database.executeSql('SELECT body FROM test_note ORDER BY id');
    expect(notes.rows).toEqual([{ body: 'committed' }]);

    // Once the queue exists, later transactional sends behave the same.
    await expect(
      database.db.transaction(async (tx) => {
        await queue.send('test.tx', { note: 'rolled back again' }, { tx });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await jobRows('test.tx')).toHaveLength(1);

    // And a worker picks the committed job up.
    const worker = await newQueue();
    const seen: unknown[] = [];
    await worker.work('test.tx', async (data) => {
      seen.push(data);
    });
    await worker.start();
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([{ note: 'committed', text: 'دعوت به پیوند' }]);
    await worker.stop();
    await busy.stop();
  }, TIMEOUT);

  test('singletonKey: a second job with the same key is dropped while the first one waits', async () => {
    const queue = await newQueue({ mode: 'off' });
    const first = await queue.send('test.singleton', { n: 1 }, { singletonKey: 'deal-42' });
    const duplicate = await queue.send('test.singleton', { n: 2 }, { singletonKey: 'deal-42' });
    const other = await queue.send('test.singleton', { n: 3 }, { singletonKey: 'deal-43' });
    const keyless = [await queue.send('test.singleton', { n: 4 }), await queue.send('test.singleton', { n: 5 })];
    expect(first).toEqual(expect.any(String));
    expect(duplicate).toBeNull();
    expect(other).toEqual(expect.any(String));
    expect(keyless.every((id) => typeof id === 'string')).toBe(true);
    expect(await jobRows('test.singleton')).toHaveLength(4);
  }, TIMEOUT);

  test('startAfter defers a job; data of any JSON shape round-trips', async () => {
    const queue = await newQueue();
    const seen: Array<{ data: unknown; at: number }> = [];
    await queue.work('test.later', async (data) => {
      seen.push({ data, at: Date.now() });
    });
    await queue.start();
    const sentAt = Date.now();
    await queue.send('test.later', ['a', 1], { startAfter: new Date(sentAt + 1000) });
    await queue.send('test.later', 'plain text');
    await waitFor(() => seen.length === 2);
    expect(seen[0]!.data).toBe('plain text');
    expect(seen[1]!.data).toEqual(['a', 1]);
    expect(seen[1]!.at - sentAt).toBeGreaterThanOrEqual(900);
    await queue.stop();
  }, TIMEOUT);

  test('maintenance runs, and stop() returns promptly with a handler in progress', async () => {
    const queue = await newQueue({ maintenanceIntervalSeconds: 1, stopTimeoutMs: 5_000 });
    let finished = false;
    let started = false;
    await queue.work('test.slow', async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 700));
      finished = true;
    });
    await queue.start();
    await queue.send('test.slow', {});
    await waitFor(() => started);
    await waitFor(
      async () => (await database.executeSql('SELECT maintained_on FROM pgboss.version')).rows[0]?.maintained_on != null,
    );
    const stopStarted = Date.now();
    await queue.stop();
    expect(finished).toBe(true); // stop waited for the running handler
    expect(Date.now() - stopStarted).toBeLessThan(3_000);
    expect((await jobRows('test.slow'))[0]?.state).toBe('completed');
    await expect(queue.start()).rejects.toThrow(/cannot start again/);
  }, TIMEOUT);
});
