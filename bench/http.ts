/*
 * HTTP throughput and latency of a real Peyvand server, on both engines.
 *
 *   node bin/run-ts.js bench/http.ts                      # PGlite and PostgreSQL, 10 s per run
 *   node bin/run-ts.js bench/http.ts --engines pglite --duration 5
 *
 * For each engine a server process (bench/http-server.ts) opens a throwaway database (PGlite in a
 * temporary folder; a fresh peyvand_bench_* database on PostgreSQL, dropped afterwards), listens on
 * 127.0.0.1 on a random port, and gets a workspace with generated history (200k audit entries by
 * default). autocannon then loads it from this process, one endpoint at a time. Figures are printed
 * and written to bench/out/http-*.json; nothing is asserted — this is a measurement, not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { formatInt, parseCount } from './lib/args.ts';
import { cleanupOnInterrupt, DEFAULT_OUT_DIR, formatTable, parseEngines, writeReport, type Engine } from './lib/bench-kit.ts';
import { describeMachine, formatMachine, packageVersion } from './lib/machine.ts';
import { machineBusyPercent, machineTimes, startServer, type ServerProcess } from './lib/server-process.ts';
import type { ServerReady, ServerStart, ServerStats } from './lib/server-protocol.ts';
import { createThrowawayDatabase, postgresServerVersion, type ThrowawayDatabase } from './lib/throwaway-postgres.ts';

type Scenario = {
  id: string;
  name: string;
  path: (ready: ServerReady) => string;
  authenticated: boolean;
  /** What a correct answer looks like; checked once before the load starts. */
  expect: (body: any) => string | null;
};

const page = (size: number) => (body: any) =>
  Array.isArray(body?.items) && body.items.length === size && typeof body.nextCursor === 'string' ? null : `expected a page of ${size} items with a next cursor`;

const SCENARIOS: Scenario[] = [
  { id: 'health', name: 'health', path: () => '/api/health', authenticated: false, expect: (b) => (b?.status === 'ok' ? null : 'expected status ok') },
  { id: 'audit', name: 'audit-log, first page', path: () => '/api/v1/audit-log?limit=50', authenticated: true, expect: page(50) },
  { id: 'audit-deep', name: 'audit-log, deep cursor', path: (r) => `/api/v1/audit-log?limit=50&cursor=${r.deepCursor}`, authenticated: true, expect: page(50) },
  { id: 'members', name: 'members, first page', path: () => '/api/v1/members?limit=50', authenticated: true, expect: page(50) },
];

type ScenarioResult = {
  engine: Engine;
  scenario: string;
  path: string;
  requests: number;
  requestsPerSecond: { mean: number; stddev: number; min: number; max: number };
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time of the Peyvand process over the run, in % of one core (PostgreSQL's own processes not included). */
  serverCpuPercent: number;
  /** CPU time of this process (autocannon), in % of one core. */
  clientCpuPercent: number;
  /** Share of all cores of the machine that were busy (server, database, load generator, anything else). */
  machineBusyPercent: number;
  serverRssMiB: number;
};

type EngineReport = {
  engine: Engine;
  engineVersion: string;
  startSeconds: number;
  seed: ServerReady['seed'];
  rssAfterSeedMiB: number;
  results: ScenarioResult[];
};

const USAGE = `Usage: node bin/run-ts.js bench/http.ts [options]

  --engines LIST      pglite,postgres (default both)
  --duration S        seconds of load per endpoint (default 10)
  --warmup S          seconds of unmeasured load before each run (default 2)
  --connections N     concurrent keep-alive connections (default 10)
  --audit-rows N      generated audit entries in the workspace (default 200k)
  --members N         generated members (default 200)
  --deep X            where the deep cursor points, as a fraction of the log (default 0.9)
  --seed S            generator seed (default "peyvand")
  --log-level L       server log level (default warn; "info" logs every request)
  --jobs MODE         inline (default, as \`peyvand serve\`: job workers poll the same database) or off
  --endpoints LIST    subset of health,audit,audit-deep,members (default all)
  --profile           record a CPU profile of the server during each run (warm-up included) into
                      bench/out/profiles/<time>/<engine>-<endpoint>.cpuprofile; profiling slows it
  --out DIR           where to write the JSON results (default bench/out)

PostgreSQL: PEYVAND_BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) must
allow CREATE DATABASE; the benchmark creates peyvand_bench_* and drops it afterwards.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engines: { type: 'string', default: 'pglite,postgres' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      'audit-rows': { type: 'string' },
      members: { type: 'string' },
      deep: { type: 'string', default: '0.9' },
      seed: { type: 'string', default: 'peyvand' },
      'log-level': { type: 'string', default: 'warn' },
      jobs: { type: 'string', default: 'inline' },
      endpoints: { type: 'string', default: SCENARIOS.map((s) => s.id).join(',') },
      profile: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const engines = parseEngines(values.engines);
  const options = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: parseCount('connections', values.connections, 10),
    auditRows: parseCount('audit-rows', values['audit-rows'], 200_000),
    members: parseCount('members', values.members, 200),
    deep: Number(values.deep),
    seed: values.seed,
    logLevel: values['log-level'],
    jobs: values.jobs as 'inline' | 'off',
  };
  if (options.jobs !== 'inline' && options.jobs !== 'off') throw new Error('--jobs expects inline or off');
  const scenarios = values.endpoints.split(',').map((id) => {
    const scenario = SCENARIOS.find((s) => s.id === id.trim());
    if (!scenario) throw new Error(`--endpoints: unknown endpoint "${id}" (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
    return scenario;
  });
  if (!(options.duration > 0)) throw new Error('--duration expects a number of seconds');
  if (!(options.warmup >= 0)) throw new Error('--warmup expects a number of seconds');
  if (!(options.deep >= 0 && options.deep < 1)) throw new Error('--deep expects a fraction in [0, 1)');
  if (options.auditRows < 1000) throw new Error('--audit-rows must be at least 1000');
  if (options.members < 50) throw new Error('--members must be at least 50 (the members run reads pages of 50)');
  const outDir = resolve(values.out ?? DEFAULT_OUT_DIR);
  const profileDir = values.profile ? join(outDir, 'profiles', new Date().toISOString().replace(/[:.]/g, '-')) : undefined;

  const machine = describeMachine();
  const versions = {
    node: process.version,
    autocannon: packageVersion('autocannon'),
    fastify: packageVersion('fastify'),
    pglite: packageVersion('@electric-sql/pglite'),
    postgresServer: engines.includes('postgres') ? await postgresServerVersion() : null,
  };
  console.log(`machine:  ${formatMachine(machine)}`);
  console.log(`versions: autocannon ${versions.autocannon}, fastify ${versions.fastify}, @electric-sql/pglite ${versions.pglite}` + (versions.postgresServer ? `, PostgreSQL server ${versions.postgresServer}` : ''));
  console.log(
    `load:     ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per endpoint; ` +
      `${formatInt(options.auditRows)} audit entries, ${formatInt(options.members)} members, seed "${options.seed}"`,
  );

  const idle = await machineBusyPercent(2000);
  console.log(`machine busy before the run: ${idle.toFixed(0)} % of all cores${idle > 15 ? ' — other work is running; figures will be lower and noisier' : ''}`);

  const reports: EngineReport[] = [];
  for (const engine of engines) {
    console.log(`\n== ${engine}`);
    reports.push(await benchmarkEngine(engine, options, scenarios, profileDir));
  }

  printTable(reports);
  const report = {
    at: new Date().toISOString(),
    machine,
    versions,
    options: { ...options, endpoints: scenarios.map((s) => s.id) },
    machineBusyBeforePercent: idle,
    engines: reports,
  };
  console.log(`\nresults: ${writeReport(outDir, 'http', report)}`);
  if (profileDir) console.log(`server CPU profiles: ${profileDir} (open in Chrome DevTools → Performance; figures taken while profiling are lower)`);
}

type Options = {
  duration: number;
  warmup: number;
  connections: number;
  auditRows: number;
  members: number;
  deep: number;
  seed: string;
  logLevel: string;
  jobs: 'inline' | 'off';
};

async function benchmarkEngine(engine: Engine, options: Options, scenarios: Scenario[], profileDir: string | undefined): Promise<EngineReport> {
  let dataDir: string | undefined;
  let database: ThrowawayDatabase | undefined;
  let server: ServerProcess | undefined;
  const cleanup = async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  // What must be undone if the run is interrupted: the server process, the folder, the database.
  const unregister = cleanupOnInterrupt(cleanup);
  try {
    dataDir = mkdtempSync(join(tmpdir(), 'peyvand-bench-'));
    if (engine === 'postgres') database = await createThrowawayDatabase();
    server = startServer();
    const seedStarted = performance.now();
    const ready = await server.request<ServerReady>(
      {
        type: 'start',
        engine,
        dataDir,
        databaseUrl: database?.url,
        seed: options.seed,
        auditRows: options.auditRows,
        members: options.members,
        deepPosition: Math.floor(options.auditRows * options.deep),
        logLevel: options.logLevel,
        jobs: options.jobs,
      } satisfies ServerStart,
      'ready',
    );
    console.log(
      `server ${ready.url} on ${ready.engineVersion.split(' on ')[0]}; started in ${ready.startSeconds.toFixed(1)} s; ` +
        `seeded ${formatInt(ready.seed.auditRows)} audit entries + ${formatInt(ready.seed.members)} members in ${ready.seed.seconds.toFixed(1)} s ` +
        `(${formatInt(ready.seed.rowsPerSecond)} rows/s; ${((performance.now() - seedStarted) / 1000).toFixed(1)} s in all); RSS ${ready.rssMiB} MiB`,
    );

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const path = scenario.path(ready);
      const headers: Record<string, string> = scenario.authenticated ? { authorization: `Bearer ${ready.apiKey}` } : {};
      const probe = await fetch(ready.url + path, { headers });
      const problem = probe.status === 200 ? scenario.expect(await probe.json()) : `status ${probe.status}: ${await probe.text()}`;
      if (problem) throw new Error(`${engine} ${scenario.name}: ${problem}`);

      const before = await server.request<ServerStats>({ type: 'stats' }, 'stats');
      const clientBefore = process.cpuUsage();
      const machineBefore = machineTimes();
      if (profileDir) await server.request({ type: 'profile-start' }, 'profiling');
      const result: Result = await autocannon({
        url: ready.url + path,
        title: scenario.name,
        headers,
        connections: options.connections,
        duration: options.duration,
        warmup: options.warmup > 0 ? { connections: options.connections, duration: options.warmup } : undefined,
      });
      const profile = profileDir ? join(profileDir, `${engine}-${scenario.id}.cpuprofile`) : undefined;
      if (profile) await server.request({ type: 'profile-stop', file: profile }, 'profiling');
      const after = await server.request<ServerStats>({ type: 'stats' }, 'stats');
      const clientCpu = process.cpuUsage(clientBefore);
      const machineAfter = machineTimes();
      const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
      const row: ScenarioResult = {
        engine,
        scenario: scenario.name,
        path: path.replace(/cursor=[^&]+/, 'cursor=…'),
        requests: result.requests.total,
        requestsPerSecond: { mean: result.requests.mean, stddev: result.requests.stddev, min: result.requests.min, max: result.requests.max },
        latencyMs: { mean: result.latency.mean, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
        bytesPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        // Sampled before the warm-up and after the run: the average over both.
        serverCpuPercent: ((after.cpuMicros - before.cpuMicros) / 1e6 / (seconds + options.warmup)) * 100,
        clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1e6 / (seconds + options.warmup)) * 100,
        machineBusyPercent: 100 - ((machineAfter.idle - machineBefore.idle) / (machineAfter.total - machineBefore.total)) * 100,
        serverRssMiB: after.rssMiB,
      };
      results.push(row);
      console.log(
        `  ${scenario.name.padEnd(24)} ${formatInt(row.requestsPerSecond.mean).padStart(7)} req/s  p50 ${row.latencyMs.p50} ms  p99 ${row.latencyMs.p99} ms  ` +
          `(${formatInt(row.requests)} requests, ${row.non2xx} non-2xx, ${row.errors} errors; CPU: server ${row.serverCpuPercent.toFixed(0)} %, ` +
          `autocannon ${row.clientCpuPercent.toFixed(0)} %, machine ${row.machineBusyPercent.toFixed(0)} % busy)`,
      );
    }
    // autocannon drops its sockets with requests still in flight; let the server finish them
    // before it closes its database, or they fail with a closed pool in the server log.
    await new Promise((done) => setTimeout(done, 1000));
    return { engine, engineVersion: ready.engineVersion, startSeconds: ready.startSeconds, seed: ready.seed, rssAfterSeedMiB: ready.rssMiB, results };
  } finally {
    unregister();
    await cleanup();
  }
}

function printTable(reports: EngineReport[]): void {
  const header = ['engine', 'endpoint', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'KB/resp', 'non-2xx', 'server CPU', 'machine busy'];
  const rows = reports.flatMap((r) =>
    r.results.map((x) => [
      r.engine,
      x.scenario,
      formatInt(x.requestsPerSecond.mean),
      String(x.latencyMs.p50),
      String(x.latencyMs.p90),
      String(x.latencyMs.p99),
      String(x.latencyMs.max),
      (x.bytesPerResponse / 1024).toFixed(1),
      String(x.non2xx + x.errors),
      `${x.serverCpuPercent.toFixed(0)} %`,
      `${x.machineBusyPercent.toFixed(0)} %`,
    ]),
  );
  console.log(`\n${formatTable(header, rows, [0, 1])}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
