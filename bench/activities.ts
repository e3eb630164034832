/*
 * Two figures for the daily-work capability, on each engine:
 *
 *  1. The timeline of one customer who has 10,000 activities, among many other customers'
 *     activities: the first page (what a person page opens with) and every page down to the
 *     oldest, p50/p99, through the timeline service (all its providers: audit, deals, activities).
 *  2. Reminder throughput: N reminders come due at once; the dispatcher turns them into
 *     notifications and the job queue delivers each one's email to a real local SMTP server.
 *     Printed: reminders dispatched per second, and email delivery jobs completed per second.
 *
 *   node bin/run-ts.js bench/activities.ts
 *   node bin/run-ts.js bench/activities.ts --engines postgres --activities 1M --reminders 5k
 *
 * The application runs in this process on a throwaway database (a fresh peyvand_bench_* database
 * on PostgreSQL, a temporary folder on PGlite) migrated by its own migrator. Bulk rows are
 * inserted with set-based SQL; everything measured goes through the application's services and
 * job queue. Nothing is asserted except that every reminder became exactly one notification and
 * one delivered email (the run exits 1 otherwise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { createPeyvand, type Peyvand } from '#server/app.ts';
import { loadConfig } from '#server/kernel/config/config.ts';
import type { WorkspaceContext } from '#server/kernel/http/context.ts';
import { PERMISSIONS } from '#server/modules/members/members.permissions.ts';
import { formatInt, parseCount } from './lib/args.ts';
import { cleanupOnInterrupt, DEFAULT_OUT_DIR, formatMs, formatTable, parseEngines, printRunHeader, summarize, writeReport, type Engine, type LatencySummary } from './lib/bench-kit.ts';
import { createThrowawayDatabase } from './lib/throwaway-postgres.ts';

const USAGE = `Usage: node bin/run-ts.js bench/activities.ts [options]

  --engines LIST       postgres,pglite (default both)
  --activities N       activities of other customers (default 200k)
  --big N              activities of the one big customer (default 10k)
  --people N           other customers (default 20k)
  --first-page-runs N  timeline first-page requests (default 300)
  --reminders N        reminders due at once (default 2000)
  --out DIR            JSON report folder (default bench/out)`;

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgres,pglite' },
    activities: { type: 'string' },
    big: { type: 'string' },
    people: { type: 'string' },
    'first-page-runs': { type: 'string' },
    reminders: { type: 'string' },
    out: { type: 'string', default: DEFAULT_OUT_DIR },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const options = {
  engines: parseEngines(args.engines!),
  activities: parseCount('--activities', args.activities, 200_000),
  big: parseCount('--big', args.big, 10_000),
  people: parseCount('--people', args.people, 20_000),
  firstPageRuns: parseCount('--first-page-runs', args['first-page-runs'], 300),
  reminders: parseCount('--reminders', args.reminders, 2_000),
};

/** The moment the benchmark's clock stands at: reminders fall due just before it. */
const NOW = new Date('2026-11-20T08:00:00Z');
const PAGE = 50;

type EngineResult = {
  engine: Engine;
  loadSeconds: number;
  timelineFirstPage: LatencySummary;
  timelineAllPages: LatencySummary & { pages: number; items: number };
  reminders: { count: number; dispatchSeconds: number; dispatchedPerSecond: number; deliverySeconds: number; deliveredPerSecond: number; emailsReceived: number };
};

async function startSmtpSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function openApp(engine: Engine, smtpPort: number) {
  const pg = engine === 'postgres' ? await createThrowawayDatabase() : undefined;
  // PGlite keeps its data here; on PostgreSQL only uploads would land in it.
  const dataDir = mkdtempSync(join(tmpdir(), 'peyvand-bench-activities-'));
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: pg?.url,
      secret: 'bench-secret-0123456789-abcdefghijklmnop',
      smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Peyvand <no-reply@peyvand.bench>' },
      jobsMode: 'inline',
      logLevel: 'warn',
      webDistDir: '/nonexistent',
      demo: false,
    },
  );
  const app = await createPeyvand(config, { clock: () => NOW });
  const dispose = async () => {
    await app.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, dispose };
}

async function createWorkspace(app: Peyvand) {
  const { services, database } = app;
  const { user } = await services.identity.createAccount({ name: 'سارا احمدی', email: `bench-${Date.now()}@peyvand.bench`, password: 'bench-password-1404', locale: 'fa' }, {});
  const workspace = await services.workspaces.create({ userId: user.id, actor: { type: 'user', id: user.id, name: user.name } }, { name: 'بنچمارک', defaultLocale: 'fa', calendar: 'jalali', timezone: 'Asia/Tehran' });
  await database.executeSql('UPDATE users SET active_workspace_id = $1 WHERE id = $2', [workspace.id, user.id]);
  const ctx: WorkspaceContext = { workspaceId: workspace.id, actor: { type: 'user', id: user.id, name: user.name }, roleKey: 'admin', permissions: new Set(PERMISSIONS), locale: 'fa' };
  return { ctx, userId: user.id, workspaceId: workspace.id };
}

/**
 * People, then activities spread over them (one in `big` goes to the big customer), each linked
 * to its person, with occurred_at over the last three years. Set-based, in a few statements.
 */
async function loadActivities(app: Peyvand, workspaceId: string, userId: string) {
  const sql = (text: string, params: unknown[] = []) => app.database.executeSql(text, params);
  await sql(
    `INSERT INTO people (id, workspace_id, first_name, last_name, owner_id)
     SELECT gen_random_uuid(), $1, 'مشتری', 'شماره ' || g, $2 FROM generate_series(1, $3::int) g`,
    [workspaceId, userId, options.people + 1],
  );
  await sql(`CREATE TEMP TABLE bench_people AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM people WHERE workspace_id = $1`, [workspaceId]);
  const { rows } = await sql(`SELECT id FROM bench_people WHERE n = 0`);
  const bigPersonId = (rows[0] as { id: string }).id;
  const total = options.activities + options.big;
  const chunk = 100_000;
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    await sql(
      `CREATE TEMP TABLE bench_gen AS
       SELECT gen_random_uuid() AS id, g,
              CASE WHEN g <= $1::int THEN 0 ELSE 1 + (g % $2::int) END AS person_n,
              $3::timestamptz - ((g::bigint * 7919) % (3 * 365 * 24 * 60)) * interval '1 minute' AS at
       FROM generate_series($4::int, $5::int) g`,
      [options.big, options.people, NOW.toISOString(), from, to],
    );
    await sql(
      `INSERT INTO activities (id, workspace_id, type, status, subject, body_text, direction, occurred_at, duration_seconds, call_outcome, owner_id, created_by, created_at, updated_at)
       SELECT id, $1, (ARRAY['call','meeting','email','sms','note','chat'])[1 + g % 6], 'done',
              'پیگیری سفارش ' || g, 'خلاصهٔ گفتگو دربارهٔ پیش‌فاکتور و زمان تحویل', CASE WHEN g % 6 IN (0, 2, 3) THEN 'outbound' END,
              at, CASE WHEN g % 6 = 0 THEN 60 + g % 600 END, CASE WHEN g % 6 = 0 THEN 'connected' END, $2, $2, at, at
       FROM bench_gen`,
      [workspaceId, userId],
    );
    await sql(
      `INSERT INTO activity_links (workspace_id, activity_id, entity_type, entity_id, occurred_at)
       SELECT $1, bench_gen.id, 'person', bench_people.id, bench_gen.at FROM bench_gen JOIN bench_people ON bench_people.n = bench_gen.person_n`,
      [workspaceId],
    );
    await sql('DROP TABLE bench_gen');
    process.stdout.write(`\r  activities ${formatInt(to)} / ${formatInt(total)}`);
  }
  process.stdout.write('\n');
  await sql('DROP TABLE bench_people');
  await sql('ANALYZE people');
  await sql('ANALYZE activities');
  await sql('ANALYZE activity_links');
  return bigPersonId;
}

async function measureTimeline(app: Peyvand, ctx: WorkspaceContext, personId: string) {
  const list = (cursor?: string) => app.services.timeline.list(ctx, 'person', personId, { limit: PAGE, cursor });
  for (let i = 0; i < 10; i++) await list(); // warm-up
  const first: number[] = [];
  for (let i = 0; i < options.firstPageRuns; i++) {
    const started = performance.now();
    await list();
    first.push(performance.now() - started);
  }
  const pages: number[] = [];
  let items = 0;
  let cursor: string | undefined;
  do {
    const started = performance.now();
    const page = await list(cursor);
    pages.push(performance.now() - started);
    items += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { first: summarize(first), all: { ...summarize(pages), pages: pages.length, items } };
}

async function measureReminders(app: Peyvand, workspaceId: string, userId: string, sink: Awaited<ReturnType<typeof startSmtpSink>>) {
  const sql = (text: string, params: unknown[] = []) => app.database.executeSql(text, params);
  const before = sink.received();
  await sql(
    `INSERT INTO reminders (workspace_id, user_id, event, entity_type, entity_id, fire_at, dedupe_key, data)
     SELECT $1, $2, 'task_due', 'task', gen_random_uuid(), $3::timestamptz - interval '1 minute', 'bench:' || g,
            jsonb_build_object('title', 'تماس پیگیری شماره ' || g, 'dueAt', $3::text)
     FROM generate_series(1, $4::int) g`,
    [workspaceId, userId, NOW.toISOString(), options.reminders],
  );
  const started = performance.now();
  await app.services.notifications.dispatchDue(NOW);
  const dispatched = performance.now();
  const count = async (text: string) => Number(((await sql(text, [workspaceId])).rows[0] as { n: string | number }).n);
  for (;;) {
    const pending = await count(`SELECT count(*) AS n FROM notification_deliveries WHERE workspace_id = $1 AND status = 'queued'`);
    if (pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const delivered = performance.now();
  const notifications = await count(`SELECT count(*) AS n FROM notifications WHERE workspace_id = $1 AND event = 'task_due'`);
  const sent = await count(`SELECT count(*) AS n FROM notification_deliveries WHERE workspace_id = $1 AND status = 'sent'`);
  const emailsReceived = sink.received() - before;
  if (notifications !== options.reminders || sent !== options.reminders || emailsReceived !== options.reminders) {
    console.error(`MISMATCH: ${options.reminders} reminders → ${notifications} notifications, ${sent} deliveries sent, ${emailsReceived} emails received`);
    process.exitCode = 1;
  }
  const dispatchSeconds = (dispatched - started) / 1000;
  const deliverySeconds = (delivered - started) / 1000;
  return {
    count: options.reminders,
    dispatchSeconds,
    dispatchedPerSecond: options.reminders / dispatchSeconds,
    deliverySeconds,
    deliveredPerSecond: options.reminders / deliverySeconds,
    emailsReceived,
  };
}

async function runEngine(engine: Engine): Promise<EngineResult> {
  console.log(`\n== ${engine} ==`);
  const sink = await startSmtpSink();
  const { app, dispose } = await openApp(engine, sink.port);
  const unregister = cleanupOnInterrupt(async () => {
    await dispose();
    await sink.close();
  });
  try {
    const { ctx, userId, workspaceId } = await createWorkspace(app);
    const loadStarted = performance.now();
    const bigPersonId = await loadActivities(app, workspaceId, userId);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    console.log(`  loaded ${formatInt(options.activities + options.big)} activities over ${formatInt(options.people + 1)} people in ${loadSeconds.toFixed(1)} s`);
    const timeline = await measureTimeline(app, ctx, bigPersonId);
    const reminders = await measureReminders(app, workspaceId, userId, sink);
    return { engine, loadSeconds, timelineFirstPage: timeline.first, timelineAllPages: timeline.all, reminders };
  } finally {
    unregister();
    await dispose();
    await sink.close();
  }
}

const { machine, versions } = await printRunHeader(options.engines);
console.log(`data:     ${formatInt(options.big)} activities on one customer, ${formatInt(options.activities)} on ${formatInt(options.people)} others; ${formatInt(options.reminders)} reminders`);
const results: EngineResult[] = [];
for (const engine of options.engines) results.push(await runEngine(engine));

console.log('\nTimeline of the customer with the most activities (page of 50; ms)');
console.log(
  formatTable(
    ['engine', 'what', 'p50', 'p99', 'max', 'pages'],
    results.flatMap((r) => [
      [r.engine, 'first page', formatMs(r.timelineFirstPage.p50), formatMs(r.timelineFirstPage.p99), formatMs(r.timelineFirstPage.max), String(options.firstPageRuns)],
      [r.engine, 'every page to the oldest', formatMs(r.timelineAllPages.p50), formatMs(r.timelineAllPages.p99), formatMs(r.timelineAllPages.max), String(r.timelineAllPages.pages)],
    ]),
    [0, 1],
  ),
);
console.log('\nReminders due at once → notifications → email delivery jobs → SMTP');
console.log(
  formatTable(
    ['engine', 'reminders', 'dispatch s', 'dispatched/s', 'all emails s', 'delivery jobs/s'],
    results.map((r) => [r.engine, formatInt(r.reminders.count), r.reminders.dispatchSeconds.toFixed(2), formatInt(r.reminders.dispatchedPerSecond), r.reminders.deliverySeconds.toFixed(2), formatInt(r.reminders.deliveredPerSecond)]),
  ),
);
const report = { at: new Date().toISOString(), machine, versions, options, results };
const file = writeReport(args.out!, 'activities', report);
console.log(`\nreport: ${file}`);
