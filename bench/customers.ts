/*
 * Global search and people-list latency with a million people.
 *
 *   node bin/run-ts.js bench/customers.ts                      # 1M people, PostgreSQL then PGlite (20–30 min)
 *   node bin/run-ts.js bench/customers.ts --engines postgres --people 1M --requests 200
 *   node bin/run-ts.js bench/customers.ts --help
 *
 * For each engine a server process (bench/http-server.ts) gets a workspace with 50 members and
 * `--people` people (plus people/10 organisations, their links, contact points, 10 tags with
 * taggings), written by bench/lib/customer-data.ts with the application's own normalisation and
 * search keys. Then each scenario is requested over HTTP with an API key, one request after the
 * other (no queueing: the latency one user sees), and p50/p90/p99 are computed per scenario:
 *
 *   search   /api/v1/search?q=…  Persian names; the same names typed with Arabic ي/ك; a whole
 *            mobile number in Persian digits; the start of an email address; typos
 *   lists    /api/v1/people?limit=50 first page; tag AND source filter sorted by lastName;
 *            lastName sort alone; a deep page (90 %) by cursor, default sort and lastName sort
 *
 * Every scenario's first answer is checked (a phone query must find the person with that phone,
 * a list page must have 50 items, …). Figures are printed and written to bench/out/customers-*.json;
 * nothing is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatInt, parseCount } from './lib/args.ts';
import { createDataset, personAt } from './lib/crm-data.ts';
import type { CustomerDataResult } from './lib/customer-data.ts';
import {
  cleanupOnInterrupt,
  DEFAULT_OUT_DIR,
  formatMs as fmt,
  formatTable,
  keptBenchDatabase,
  parseEngines,
  percentile,
  printRunHeader,
  round1 as round,
  summarize,
  writeReport,
  type Engine,
} from './lib/bench-kit.ts';
import { busyBetween, machineBusyPercent, machineTimes, startServer, type ServerProcess } from './lib/server-process.ts';
import type { CursorAnswer, ServerReady, ServerStart, ServerStats, SqlRows } from './lib/server-protocol.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './lib/throwaway-postgres.ts';

const USAGE = `Usage: node bin/run-ts.js bench/customers.ts [options]

  --people N          people in the workspace (default 1M); organisations are N/10
  --engines LIST      postgres,pglite (default both)
  --pglite-people N   people on PGlite, at most --people (default: as --people)
  --requests N        measured requests per scenario (default 200)
  --warmup N          unmeasured requests per scenario first (default 10)
  --only LIST         search,list or scenario ids (default all)
  --seed S            generator seed (default "peyvand")
  --max-seconds S     stop measuring a scenario after S seconds, once it has 10 requests (default 60)
  --keep              keep the database (PostgreSQL) or the data folder (PGlite) and print where it is,
                      for EXPLAIN by hand or --database / --pglite-dir
  --database NAME     PostgreSQL: measure a database an earlier --keep run filled (peyvand_bench_…),
                      instead of a new one: migrations run (a new index is built), nothing is generated,
                      and the database is kept
  --pglite-dir DIR    PGlite: the same with a data folder an earlier --keep run filled (kept too)
  --log-level L       server log level (default warn)
  --out DIR           where to write the JSON results (default bench/out)

PostgreSQL: PEYVAND_BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) must
allow CREATE DATABASE; the benchmark creates peyvand_bench_* and drops it afterwards (unless --keep).
Loading a million people is much faster with psql on PATH (COPY instead of INSERT).
`;

type Options = {
  requests: number;
  maxSeconds: number;
  /** An existing peyvand_bench_* database to measure again. */
  database: string | undefined;
  /** An existing PGlite data folder to measure again. */
  pgliteDir: string | undefined;
  warmup: number;
  seed: string;
  keep: boolean;
  logLevel: string;
  only: string[] | null;
};

type Scenario = {
  id: string;
  group: 'search' | 'list';
  name: string;
  paths: string[];
  /** The queries, for the report. */
  queries?: string[];
  check: (body: any, index: number) => string | null;
};

type ScenarioResult = {
  id: string;
  group: string;
  name: string;
  queries?: string[];
  requests: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number; min: number };
  /** p50 of each path separately (search: each query). */
  perPathP50Ms: number[];
  firstAnswers: string[];
  non2xx: number;
  serverCpuPercent: number;
  machineBusyPercent: number;
};

type EngineReport = {
  engine: Engine;
  engineVersion: string;
  people: number;
  customers: CustomerDataResult | undefined;
  setupSeconds: number;
  rssAfterSeedMiB: number;
  /** RSS of the server process once every scenario has run. */
  rssAfterRunMiB: number;
  databaseSize: string;
  results: ScenarioResult[];
  keptDatabase?: string;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '1M' },
      engines: { type: 'string', default: 'postgres,pglite' },
      'pglite-people': { type: 'string' },
      requests: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '10' },
      only: { type: 'string' },
      seed: { type: 'string', default: 'peyvand' },
      keep: { type: 'boolean', default: false },
      database: { type: 'string' },
      'pglite-dir': { type: 'string' },
      'max-seconds': { type: 'string', default: '60' },
      'log-level': { type: 'string', default: 'warn' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const engines = parseEngines(values.engines);
  const people = parseCount('people', values.people, 1_000_000);
  const pglitePeople = Math.min(people, parseCount('pglite-people', values['pglite-people'], people));
  const options: Options = {
    requests: parseCount('requests', values.requests, 200),
    maxSeconds: Number(values['max-seconds']),
    database: values.database,
    pgliteDir: values['pglite-dir'] ? resolve(values['pglite-dir']) : undefined,
    warmup: parseCount('warmup', values.warmup, 10),
    seed: values.seed,
    keep: values.keep,
    logLevel: values['log-level'],
    only: values.only ? values.only.split(',').map((s) => s.trim()) : null,
  };
  if (people < 10_000) throw new Error('--people must be at least 10k');
  if (options.database !== undefined) {
    keptBenchDatabase(options.database);
    if (engines.length !== 1 || engines[0] !== 'postgres') throw new Error('--database needs --engines postgres');
    options.keep = true;
  }
  if (options.pgliteDir !== undefined) {
    if (engines.length !== 1 || engines[0] !== 'pglite') throw new Error('--pglite-dir needs --engines pglite');
    options.keep = true;
  }
  const outDir = resolve(values.out ?? DEFAULT_OUT_DIR);

  const { machine, versions } = await printRunHeader(engines);
  console.log(
    `load:     ${engines.map((e) => `${e} ${formatInt(e === 'pglite' ? pglitePeople : people)} people`).join(', ')}; ` +
      `${options.warmup} + ${options.requests} sequential requests per scenario; seed "${options.seed}"`,
  );
  const idle = await machineBusyPercent(2000);
  console.log(`machine busy before the run: ${idle.toFixed(0)} % of all cores${idle > 15 ? ' — other work is running; figures will be lower and noisier' : ''}`);

  const reports: EngineReport[] = [];
  for (const engine of engines) {
    const n = engine === 'pglite' ? pglitePeople : people;
    console.log(`\n== ${engine}, ${formatInt(n)} people`);
    reports.push(await benchmarkEngine(engine, n, options));
  }

  printTable(reports);
  const report = { at: new Date().toISOString(), machine, versions, options: { ...options, people, pglitePeople, engines }, machineBusyBeforePercent: idle, engines: reports };
  console.log(`\nresults: ${writeReport(outDir, 'customers', report)}`);
}

const toPersianDigits = (text: string) => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
/** «+989121234567» as people type it: «۰۹۱۲ ۱۲۳ ۴۵۶۷». */
const typedMobile = (e164: string) => toPersianDigits(`0${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`);
const toArabicLetters = (text: string) => text.replace(/ی/g, 'ي').replace(/ک/g, 'ك');

const q = (query: string) => `/api/v1/search?q=${encodeURIComponent(query)}`;
const filterParam = (group: unknown) => `filter=${encodeURIComponent(JSON.stringify(group))}`;

const hasItems = (body: any) => (Array.isArray(body?.items) && body.items.length > 0 ? null : 'expected at least one result');
const fullPage = (body: any) =>
  Array.isArray(body?.items) && body.items.length === 50 && typeof body.nextCursor === 'string' ? null : `expected a page of 50 with a next cursor, got ${body?.items?.length}`;

function scenarios(ready: ServerReady, people: number, seed: string, cursors: { deep: string; deepSorted: string }): Scenario[] {
  const customers = ready.customers!;
  const ds = createDataset({ seed, size: { people, organizations: customers.organizations, activities: 0, orders: 0 } });
  // Real people of this workspace, spread over the table (the generator is deterministic).
  const sample = [0.013, 0.271, 0.502, 0.777, 0.949].map((share) => personAt(ds, Math.floor(people * share)));
  const withMobile = [0.031, 0.33, 0.61, 0.87, 0.999].map((share) => {
    for (let i = Math.floor(people * share); ; i = (i + 1) % people) {
      const p = personAt(ds, i);
      if (p.mobile) return p;
    }
  });
  const namesFa = ['محمد حسینی', 'زهرا کریمی', 'نیک‌نام', 'امیرحسین رضایی', 'مریم'];
  const namesArabic = ['علي رضائي', 'كريمي', 'فاطمه كاظمي', 'يگانه', 'مهدي نيك‌نام'];
  const emailPrefixes = sample.map((p) => {
    const local = p.email.split('@')[0]!;
    return local.slice(0, Math.max(6, local.length - 2));
  });
  const typos = ['Mohamad Hoseini', 'محمدرزا', 'zahra karimy', 'فاطمه کاضمی', 'Mahdy Rezaee'];
  const exhibitionTag = customers.tags.find((t) => t.name === 'نمایشگاه ایران‌کامکس')!;
  const filterSort = `/api/v1/people?limit=50&sort=lastName:asc&${filterParam({
    op: 'and',
    conditions: [
      { field: 'tags', op: 'has_any', value: [exhibitionTag.id] },
      { field: 'source', op: 'eq', value: 'نمایشگاه' },
    ],
  })}`;
  return [
    { id: 'search-name', group: 'search', name: 'search: Persian name', queries: namesFa, paths: namesFa.map(q), check: hasItems },
    { id: 'search-arabic', group: 'search', name: 'search: Arabic ي/ك spelling', queries: namesArabic, paths: namesArabic.map(q), check: hasItems },
    {
      id: 'search-phone',
      group: 'search',
      name: 'search: mobile, Persian digits',
      queries: withMobile.map((p) => typedMobile(p.mobile)),
      paths: withMobile.map((p) => q(typedMobile(p.mobile))),
      check: (body, i) => {
        const top = body?.items?.[0];
        const wanted = `${withMobile[i]!.firstName} ${withMobile[i]!.lastName}`;
        return top && top.matchedOn === 'phone' && top.title === wanted ? null : `expected ${wanted} found by phone first, got ${JSON.stringify(top)}`;
      },
    },
    { id: 'search-email', group: 'search', name: 'search: email prefix', queries: emailPrefixes, paths: emailPrefixes.map(q), check: hasItems },
    { id: 'search-typo', group: 'search', name: 'search: typo', queries: typos, paths: typos.map(q), check: hasItems },
    { id: 'list-first', group: 'list', name: 'people, first page', paths: ['/api/v1/people?limit=50'], check: fullPage },
    { id: 'list-filter-sort', group: 'list', name: 'people, tag+source filter, lastName sort', paths: [filterSort], check: fullPage },
    { id: 'list-sort', group: 'list', name: 'people, lastName sort', paths: ['/api/v1/people?limit=50&sort=lastName:asc'], check: fullPage },
    { id: 'list-deep', group: 'list', name: 'people, deep page (90 %)', paths: [`/api/v1/people?limit=50&cursor=${cursors.deep}`], check: fullPage },
    {
      id: 'list-deep-sort',
      group: 'list',
      name: 'people, deep page (90 %), lastName sort',
      paths: [`/api/v1/people?limit=50&sort=lastName:asc&cursor=${cursors.deepSorted}`],
      check: fullPage,
    },
  ];
}

async function benchmarkEngine(engine: Engine, people: number, options: Options): Promise<EngineReport> {
  let dataDir: string | undefined;
  let database: ThrowawayDatabase | undefined;
  let server: ServerProcess | undefined;
  const cleanup = async () => {
    await server?.stop();
    if (dataDir && !(options.keep && engine === 'pglite')) rmSync(dataDir, { recursive: true, force: true });
    if (!options.keep) await database?.drop();
  };
  const unregister = cleanupOnInterrupt(cleanup);
  try {
    dataDir = options.pgliteDir ?? mkdtempSync(join(tmpdir(), 'peyvand-bench-'));
    if (engine === 'pglite' && options.keep) console.log(`data folder: ${dataDir} (${options.pgliteDir ? 'filled by an earlier run; ' : ''}kept: remove it yourself)`);
    if (options.database) {
      database = keptBenchDatabase(options.database);
      console.log(`database: ${database.name} (filled by an earlier run; kept)`);
    } else if (engine === 'postgres') database = await createThrowawayDatabase();
    if (database && options.keep && !options.database) console.log(`database: ${database.name} (kept: drop it with DROP DATABASE ${database.name})`);
    server = startServer();
    const setupStarted = performance.now();
    const ready = await server.request<ServerReady>(
      {
        type: 'start',
        engine,
        dataDir,
        databaseUrl: database?.url,
        seed: options.seed,
        auditRows: 0,
        members: 50,
        deepPosition: 0,
        logLevel: options.logLevel,
        jobs: 'inline',
        customers: { people },
        reuse: !!(options.database || options.pgliteDir),
      } satisfies ServerStart,
      'ready',
    );
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const c = ready.customers!;
    console.log(
      `server ${ready.url} on ${ready.engineVersion.split(' on ')[0]}; ${formatInt(c.people)} people, ${formatInt(c.organizations)} organisations, ` +
        `${Object.entries(c.rows)
          .map(([t, n]) => `${t} ${formatInt(n)}`)
          .join(', ')} by ${c.method} in ${c.seconds.total.toFixed(0)} s ` +
        `(load ${c.seconds.load.toFixed(0)} s, indexes ${c.seconds.indexes.toFixed(0)} s, vacuum ${c.seconds.vacuum.toFixed(0)} s); RSS ${ready.rssMiB} MiB`,
    );
    const sqlRows = async (text: string, values?: unknown[]) => (await server!.request<SqlRows>({ type: 'sql', text, values }, 'rows')).rows;
    const [size] = await sqlRows('SELECT pg_size_pretty(pg_database_size(current_database())) AS size');
    const [live] = await sqlRows('SELECT count(*)::int AS n FROM people WHERE workspace_id = $1 AND deleted_at IS NULL AND merged_into_id IS NULL', [ready.workspaceId]);
    const deepPosition = Math.floor(live.n * 0.9);
    const cursor = async (field: string, direction: 'asc' | 'desc') =>
      (await server!.request<CursorAnswer>({ type: 'cursor', field, direction, position: deepPosition }, 'cursor')).cursor;
    const cursors = { deep: await cursor('createdAt', 'desc'), deepSorted: await cursor('lastName', 'asc') };
    console.log(`database size ${size.size}; ${formatInt(live.n)} live people; deep cursors at position ${formatInt(deepPosition)}`);

    const headers = { authorization: `Bearer ${ready.apiKey}` };
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios(ready, c.people, options.seed, cursors)) {
      if (options.only && !options.only.includes(scenario.id) && !options.only.includes(scenario.group)) continue;
      const firstAnswers: string[] = [];
      for (const [i, path] of scenario.paths.entries()) {
        const response = await fetch(ready.url + path, { headers });
        const body = await response.json();
        const problem = response.status === 200 ? scenario.check(body, i) : `status ${response.status}: ${JSON.stringify(body)}`;
        if (problem) throw new Error(`${engine} ${scenario.name} (${scenario.queries?.[i] ?? path}): ${problem}`);
        const top = (body as any).items?.[0];
        firstAnswers.push(scenario.group === 'search' ? `${(body as any).items.length} results; first ${top.title} (${top.type}, ${top.matchedOn}, ${top.score})` : `${(body as any).items.length} items; first ${top.displayName}`);
      }
      for (let i = 0; i < options.warmup; i++) await timed(ready.url + scenario.paths[i % scenario.paths.length]!, headers);
      const before = await server.request<ServerStats>({ type: 'stats' }, 'stats');
      const machineBefore = machineTimes();
      const started = performance.now();
      const latencies: number[] = [];
      const perPath: number[][] = scenario.paths.map(() => []);
      let non2xx = 0;
      for (let i = 0; i < options.requests; i++) {
        if (i >= 10 && performance.now() - started > options.maxSeconds * 1000) break;
        const k = i % scenario.paths.length;
        const { ms, ok } = await timed(ready.url + scenario.paths[k]!, headers);
        latencies.push(ms);
        perPath[k]!.push(ms);
        if (!ok) non2xx++;
      }
      const seconds = (performance.now() - started) / 1000;
      const after = await server.request<ServerStats>({ type: 'stats' }, 'stats');
      const result: ScenarioResult = {
        id: scenario.id,
        group: scenario.group,
        name: scenario.name,
        queries: scenario.queries,
        requests: latencies.length,
        latencyMs: summarize(latencies),
        perPathP50Ms: perPath.map((l) => round(percentile(l, 50))),
        firstAnswers,
        non2xx,
        serverCpuPercent: ((after.cpuMicros - before.cpuMicros) / 1e6 / seconds) * 100,
        machineBusyPercent: busyBetween(machineBefore, machineTimes()),
      };
      results.push(result);
      console.log(
        `  ${scenario.name.padEnd(42)} p50 ${fmt(result.latencyMs.p50)} ms  p90 ${fmt(result.latencyMs.p90)} ms  p99 ${fmt(result.latencyMs.p99)} ms  max ${fmt(result.latencyMs.max)} ms` +
          `${scenario.paths.length > 1 ? `  (per query p50: ${result.perPathP50Ms.map(fmt).join(' / ')})` : ''}${non2xx ? `  ${non2xx} non-2xx` : ''}` +
          `  [server CPU ${result.serverCpuPercent.toFixed(0)} %, machine ${result.machineBusyPercent.toFixed(0)} % busy]`,
      );
      if (scenario.queries) scenario.queries.forEach((query, i) => console.log(`      «${query}» → ${firstAnswers[i]}`));
    }
    const final = await server.request<ServerStats>({ type: 'stats' }, 'stats');
    return {
      engine,
      engineVersion: ready.engineVersion,
      people: c.people,
      customers: ready.customers,
      setupSeconds,
      rssAfterSeedMiB: ready.rssMiB,
      databaseSize: size.size,
      rssAfterRunMiB: final.rssMiB,
      results,
      keptDatabase: options.keep ? database?.name : undefined,
    };
  } finally {
    unregister();
    await cleanup();
  }
}

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return { ms: performance.now() - started, ok: response.status === 200 };
}

function printTable(reports: EngineReport[]): void {
  const header = ['engine', 'people', 'scenario', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'server CPU', 'machine busy'];
  const rows = reports.flatMap((r) =>
    r.results.map((x) => [
      r.engine,
      formatInt(r.people),
      x.name,
      fmt(x.latencyMs.p50),
      fmt(x.latencyMs.p90),
      fmt(x.latencyMs.p99),
      fmt(x.latencyMs.max),
      `${x.serverCpuPercent.toFixed(0)} %`,
      `${x.machineBusyPercent.toFixed(0)} %`,
    ]),
  );
  console.log(`\n${formatTable(header, rows, [0, 2])}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
