import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { JobsMode } from '#server/kernel/config/config.ts';
import type { Database, Executor, SqlRows } from '#server/kernel/db/database.ts';
import { databaseSql, executorSql, type SqlExecutor } from './job-sql.ts';

export type SendOptions = {
  /** Not before this moment. */
  startAfter?: Date;
  /**
   * While a job with this key waits in its queue (not yet started), another send with the same key
   * is dropped and returns null. Once the job has started, a new one may be queued.
   */
  singletonKey?: string;
  /** Retries after the first failure; defaults to the queue's `retry.limit`. */
  retryLimit?: number;
  /**
   * Enqueue inside this open drizzle transaction: the job exists iff it commits. Always pass the
   * transaction when sending from inside one: on PGlite, a send without it waits for the
   * transaction to end, which never comes.
   */
  tx?: Executor;
};

export type JobInfo = { id: string };

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

export type WorkOptions = {
  /** Jobs of this name handled at the same time by this process; default 1. */
  concurrency?: number;
};

export type JobQueue = {
  /** Returns the job id, or null when a waiting job with the same singletonKey already exists. */
  send<T>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** One handler per job name; it runs once `start()` was called, unless the mode is 'off'. */
  work<T>(name: string, handler: JobHandler<T>, options?: WorkOptions): Promise<void>;
  start(): Promise<void>;
  /** Lets running handlers finish (up to `stopTimeoutMs`), then waits for pg-boss's last query. */
  stop(): Promise<void>;
};

export type JobErrorContext = {
  phase: 'handler' | 'queue';
  queue?: string;
  jobId?: string;
};

export type RetryPolicy = {
  /** Retries after the first attempt; default 8. */
  limit?: number;
  /** Delay before the first retry; default 30 s. */
  delaySeconds?: number;
  /** Exponential backoff with jitter (pg-boss): roughly delay × 2^attempt; default true. */
  backoff?: boolean;
};

export type JobQueueOptions = {
  mode: JobsMode;
  /** PostgreSQL schema of pg-boss's tables; default 'pgboss'. */
  schema?: string;
  /** How often an idle worker looks for jobs; default 2 s. A send in this process wakes it at once. */
  pollingIntervalSeconds?: number;
  /** pg-boss maintenance (expire stuck jobs, archive, delete); default 120 s. Not in mode 'off'. */
  maintenanceIntervalSeconds?: number;
  retry?: RetryPolicy;
  /** How long `stop()` waits for running handlers before failing their jobs (retried later). */
  stopTimeoutMs?: number;
  /** Failed attempts and queue errors; default: console.error. */
  onError?: (error: unknown, context: JobErrorContext) => void;
};

const DEFAULT_RETRY: Required<RetryPolicy> = { limit: 8, delaySeconds: 30, backoff: true };

/**
 * Builds the job queue on pg-boss 10, on PGlite or PostgreSQL alike: pg-boss talks to the same
 * `Database` the application uses (see `databaseSql`), so the embedded mode needs no extra server
 * and the scaled mode shares one pool configuration.
 *
 * Workers are small polling loops over pg-boss's fetch/complete/fail rather than `boss.work()`:
 * pg-boss 10's own loop does not await its final `complete()`, and `stop()` cannot wait for a fetch
 * already under way, so a caller closing the database right after `stop()` — on PGlite, the only
 * connection — could hit a closed database. Here `stop()` returns only when no query is left.
 */
export async function createJobQueue(database: Database, options: JobQueueOptions): Promise<JobQueue> {
  const mode = options.mode;
  const schema = options.schema ?? 'pgboss';
  const pollingMs = Math.max(100, (options.pollingIntervalSeconds ?? 2) * 1000);
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const report = options.onError ?? defaultOnError;

  const connection = trackInFlight(databaseSql(database));
  const boss = new PgBoss({
    db: connection,
    schema,
    migrate: true,
    // Maintenance is a worker's duty; a process that runs no worker leaves it to the one that does.
    supervise: mode !== 'off',
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
    // No cron schedules: they would add two more timers polling the database (one connection on
    // PGlite) for a feature nothing uses yet.
    schedule: false,
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
  });
  boss.on('error', (error: unknown) => report(error, { phase: 'queue' }));
  await boss.start();

  const knownQueues = new Map<string, Promise<void>>();
  const readyQueues = new Set<string>();
  const handlers = new Map<string, { handler: JobHandler<unknown>; concurrency: number }>();
  const loops: WorkerLoop[] = [];
  let state: 'created' | 'started' | 'stopping' | 'stopped' = 'created';
  let stopping: Promise<void> | undefined;

  /** Queues must exist before pg-boss 10 accepts a job; `createQueue` is idempotent. */
  function ensureQueue(name: string): Promise<void> {
    let created = knownQueues.get(name);
    if (!created) {
      created = boss.createQueue(name, { name, policy: 'short' });
      created.then(
        () => readyQueues.add(name),
        () => knownQueues.delete(name),
      );
      knownQueues.set(name, created);
    }
    return created;
  }

  /**
   * Inside a caller's transaction the queue is checked, and created if need be, through that
   * transaction. Not remembered: the transaction may still roll back. (A creation still under way
   * on the main connection is not awaited: on PGlite it waits for this very transaction.)
   */
  async function ensureQueueIn(name: string, db: SqlExecutor): Promise<void> {
    if (readyQueues.has(name)) return;
    const { rows } = await db.executeSql(`SELECT 1 FROM ${schema}.queue WHERE name = $1`, [name]);
    if (rows.length === 0) {
      await db.executeSql(`SELECT ${schema}.create_queue($1, $2)`, [name, JSON.stringify({ policy: 'short' })]);
    }
  }

  function startLoops(name: string): void {
    const registration = handlers.get(name);
    if (!registration) return;
    for (let i = 0; i < registration.concurrency; i++) {
      loops.push(startWorkerLoop({ boss, name, handler: registration.handler, pollingMs, report }));
    }
  }

  return {
    async send<T>(name: string, data: T, sendOptions: SendOptions = {}) {
      const { tx, startAfter, singletonKey, retryLimit } = sendOptions;
      const db = tx ? executorSql(tx) : undefined;
      if (db) await ensureQueueIn(name, db);
      else await ensureQueue(name);
      // Every job carries a key so the queue's 'short' policy only ever merges jobs that asked
      // for it; a job sent without one gets a key of its own.
      const jobOptions: PgBoss.SendOptions = { singletonKey: singletonKey ?? `job:${randomUUID()}` };
      if (startAfter) jobOptions.startAfter = startAfter;
      if (retryLimit !== undefined) jobOptions.retryLimit = retryLimit;
      if (db) jobOptions.db = db;
      // Serialised here, so strings, arrays and objects reach jsonb the same way on both drivers.
      const id = await boss.send(name, JSON.stringify(data ?? null) as unknown as object, jobOptions);
      if (id && !tx && !startAfter) for (const loop of loops) if (loop.name === name) loop.wake();
      return id;
    },

    async work<T>(name: string, handler: JobHandler<T>, workOptions: WorkOptions = {}) {
      if (handlers.has(name)) throw new Error(`A handler for job "${name}" is already registered.`);
      const concurrency = Math.max(1, Math.floor(workOptions.concurrency ?? 1));
      handlers.set(name, { handler: handler as JobHandler<unknown>, concurrency });
      try {
        await ensureQueue(name);
      } catch (error) {
        handlers.delete(name);
        throw error;
      }
      if (state === 'started' && mode !== 'off') startLoops(name);
    },

    async start() {
      if (state === 'stopping' || state === 'stopped') {
        throw new Error('A stopped job queue cannot start again; create a new one.');
      }
      if (state === 'started') return;
      state = 'started';
      if (mode === 'off') return;
      for (const name of handlers.keys()) startLoops(name);
    },

    stop() {
      stopping ??= (async () => {
        state = 'stopping';
        for (const loop of loops) loop.stop();
        const finished = await settlesWithin(Promise.all(loops.map((loop) => loop.done)), stopTimeoutMs);
        if (!finished) {
          // Give the jobs back now (they are retried) rather than let them expire in a while.
          for (const loop of loops) await loop.abandon();
        }
        await boss.stop({ graceful: false, close: false });
        const drained = await settlesWithin(connection.idle(), stopTimeoutMs);
        if (!drained) report(new Error('A job queue query was still running after stop.'), { phase: 'queue' });
        state = 'stopped';
      })();
      return stopping;
    },
  };
}

type WorkerLoop = {
  name: string;
  done: Promise<void>;
  wake(): void;
  stop(): void;
  /** Fails the job in hand, if any, and forgets it: its handler's outcome is then ignored. */
  abandon(): Promise<void>;
};

type LoopInput = {
  boss: PgBoss;
  name: string;
  handler: JobHandler<unknown>;
  pollingMs: number;
  report: (error: unknown, context: JobErrorContext) => void;
};

function startWorkerLoop({ boss, name, handler, pollingMs, report }: LoopInput): WorkerLoop {
  let stopped = false;
  let woken = false;
  let wakeSleeper: (() => void) | undefined;
  let current: { id: string; abandoned: boolean } | undefined;
  let abandoned = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        resolve();
      }
      wakeSleeper = finish;
    });

  async function runJob(job: PgBoss.Job<unknown>): Promise<void> {
    const entry = { id: job.id, abandoned: false };
    current = entry;
    const context = { phase: 'handler' as const, queue: name, jobId: job.id };
    try {
      await withinSeconds(handler(job.data, { id: job.id }), Number(job.expireInSeconds) || 900);
    } catch (error) {
      report(error, context);
      if (!entry.abandoned) {
        await boss.fail(name, job.id, asOutput(error)).catch((e: unknown) => report(e, context));
      }
      return;
    } finally {
      current = undefined;
    }
    // Completed after the handler; if this write is lost the job expires and runs again, so
    // handlers should tolerate a rare second run.
    if (!entry.abandoned) await boss.complete(name, job.id).catch((e: unknown) => report(e, context));
  }

  const done = (async () => {
    while (!stopped) {
      woken = false;
      let jobs: PgBoss.Job<unknown>[] = [];
      try {
        jobs = await boss.fetch<unknown>(name, { batchSize: 1 });
      } catch (error) {
        report(error, { phase: 'queue', queue: name });
      }
      const job = jobs[0];
      if (job && abandoned) {
        // Fetched after stop() gave up waiting: hand it back instead of running it unobserved.
        await boss
          .fail(name, job.id, { message: 'The job queue stopped.' })
          .catch((e: unknown) => report(e, { phase: 'queue', queue: name, jobId: job.id }));
        break;
      }
      if (job) await runJob(job);
      else if (!woken && !stopped) await sleep(pollingMs);
    }
  })();

  return {
    name,
    done,
    wake() {
      woken = true;
      wakeSleeper?.();
    },
    stop() {
      stopped = true;
      wakeSleeper?.();
    },
    async abandon() {
      abandoned = true;
      const entry = current;
      if (!entry) return;
      entry.abandoned = true;
      await boss
        .fail(name, entry.id, { message: 'The job queue stopped while this job was running.' })
        .catch((e: unknown) => report(e, { phase: 'queue', queue: name, jobId: entry.id }));
    },
  };
}

type TrackedExecutor = SqlExecutor & { idle(): Promise<void> };

/** Counts pg-boss's queries under way, so `stop()` can wait until none is left. */
function trackInFlight(inner: SqlExecutor): TrackedExecutor {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  return {
    async executeSql(text: string, values?: unknown[]): Promise<SqlRows> {
      inFlight++;
      try {
        return await inner.executeSql(text, values);
      } finally {
        inFlight--;
        if (inFlight === 0) {
          const ready = waiters;
          waiters = [];
          for (const resolve of ready) resolve();
        }
      }
    },
    idle() {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

/** Resolves true if the promise settles within the time, false otherwise. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Like pg-boss's own worker: a handler that outlives its job's expiry counts as failed. */
async function withinSeconds(promise: Promise<void>, seconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The job handler ran longer than ${seconds} s.`)),
      Math.max(1, seconds) * 1000,
    );
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function asOutput(error: unknown): object {
  if (error instanceof Error) return error;
  return { message: String(error) };
}

function defaultOnError(error: unknown, context: JobErrorContext): void {
  const where = [context.phase, context.queue, context.jobId].filter(Boolean).join(' ');
  console.error(`[jobs] ${where}:`, error);
}
