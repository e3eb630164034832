/*
 * Forecast and stage funnel at a million deals, and order-line analytics at ten million lines:
 * the sales-analytics module's queries beside hand-written SQL for the same numbers.
 *
 *   node bin/run-ts.js bench/sales.ts                                   # 1M deals, 10M lines; PostgreSQL then PGlite
 *   node bin/run-ts.js bench/sales.ts --engines postgres --deals 20k --order-lines 200k --runs 10
 *   node bin/run-ts.js bench/sales.ts --help
 *
 * For each engine a throwaway database (a fresh peyvand_bench_* database on PostgreSQL, a
 * temporary data folder on PGlite) is migrated with the application's migrator, so tables and
 * indexes are the real ones, and filled by bench/lib/sales-data.ts with set-based SQL. Then each
 * query runs in this process on the application's own database handle (no HTTP): the module's
 * function, called as (db, workspaceId, params), and the hand-written query of
 * bench/lib/sales-queries.ts, one after the other. Before timing, both answers are compared figure
 * by figure; a mismatch is printed and the run exits non-zero. Figures are printed and written to
 * bench/out/sales-*.json; nothing else is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '#server/kernel/db/index.ts';
import { formatInt, parseCount } from './lib/args.ts';
import {
  cleanupOnInterrupt,
  DEFAULT_OUT_DIR,
  formatMs,
  formatTable,
  keptBenchDatabase,
  parseEngines,
  printRunHeader,
  summarize,
  writeReport,
  type Engine,
  type LatencySummary,
} from './lib/bench-kit.ts';
import { machineBusyPercent } from './lib/server-process.ts';
import { countSalesRows, findSalesWorkspace, generateSalesData, SALES_AS_OF, salesFingerprint, uuidOf, type SalesDataResult, type SqlRunner } from './lib/sales-data.ts';
import {
  cents,
  defaultPeriods,
  handCustomerValue,
  handForecast,
  handFunnel,
  handMonthlyRevenue,
  type CustomerValue,
  type ForecastCell,
  type FunnelStage,
  type GroupBy,
  type PeriodKind,
} from './lib/sales-queries.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './lib/throwaway-postgres.ts';

const USAGE = `Usage: node bin/run-ts.js bench/sales.ts [options]

  --engines LIST       postgres,pglite (default both)
  --deals N            deals (default 1M)
  --order-lines N      order lines, ≈4 per order (default 10M)
  --pglite-deals N     deals on PGlite (default: as --deals)
  --pglite-order-lines N  order lines on PGlite (default: as --order-lines)
  --organizations N    organisations (default 100k)
  --runs N             measured runs per query and side (default 20)
  --warmup N           unmeasured runs per query and side first (default 3)
  --max-seconds S      stop measuring a query after S seconds once each side has 3 runs (default 90)
  --only LIST          forecast,funnel,metrics,orders (default all)
  --seed S             generator seed (default "peyvand")
  --keep               keep the database (PostgreSQL) or the data folder (PGlite) and print where it is,
                       for EXPLAIN by hand or --database / --pglite-dir
  --database NAME      PostgreSQL: measure a database an earlier --keep run filled (peyvand_bench_…);
                       migrations run, nothing is generated, the database is kept
  --pglite-dir DIR     PGlite: the same with a data folder an earlier --keep run filled (kept too)
  --out DIR            where to write the JSON results (default bench/out)

PostgreSQL: PEYVAND_BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) must
allow CREATE DATABASE as a superuser (the load sets session_replication_role); the benchmark
creates peyvand_bench_* and drops it afterwards (unless --keep). It never touches another database.
`;

type Options = {
  seed: string;
  runs: number;
  warmup: number;
  maxSeconds: number;
  organizations: number;
  keep: boolean;
  database: string | undefined;
  pgliteDir: string | undefined;
  only: string[] | null;
};

type Side = { p50: number; p99: number; latency: LatencySummary };

type QueryResult = {
  id: string;
  name: string;
  /** What the answer held, for the report (cells, stages, months). */
  answer: string;
  /** Measured runs per side (fewer than --runs when --max-seconds cut the query short). */
  runs: number;
  module: Side | null;
  hand: Side | null;
  /** module p50 / hand p50. */
  ratioP50: number | null;
  ratioP99: number | null;
  match: 'same' | 'MISMATCH' | 'hand only' | 'module only';
  mismatch?: string;
};

type EngineReport = {
  engine: Engine;
  engineVersion: string;
  deals: number;
  orderLines: number;
  load: SalesDataResult | null;
  rows: Record<string, number>;
  fingerprint: Record<string, string>;
  databaseSize: string;
  migrateSeconds: number;
  results: QueryResult[];
  kept?: string;
};

type ModuleQueries = {
  forecast: (db: any, workspaceId: string, params: any) => Promise<any>;
  funnel: (db: any, workspaceId: string, params: any) => Promise<any>;
  salesMetrics: (db: any, workspaceId: string, params: any) => Promise<any>;
  /** The orders module's customer value (ordersRepository.customerSummary). */
  customerSummary: (db: any, workspaceId: string, customer: { organizationId: string }) => Promise<any>;
};

let mismatches = 0;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engines: { type: 'string', default: 'postgres,pglite' },
      deals: { type: 'string', default: '1M' },
      'order-lines': { type: 'string', default: '10M' },
      'pglite-deals': { type: 'string' },
      'pglite-order-lines': { type: 'string' },
      organizations: { type: 'string', default: '100k' },
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      'max-seconds': { type: 'string', default: '90' },
      only: { type: 'string' },
      seed: { type: 'string', default: 'peyvand' },
      keep: { type: 'boolean', default: false },
      database: { type: 'string' },
      'pglite-dir': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const engines = parseEngines(values.engines);
  const deals = parseCount('deals', values.deals, 1_000_000);
  const orderLines = parseCount('order-lines', values['order-lines'], 10_000_000);
  const size: Record<Engine, { deals: number; orderLines: number }> = {
    postgres: { deals, orderLines },
    pglite: { deals: parseCount('pglite-deals', values['pglite-deals'], deals), orderLines: parseCount('pglite-order-lines', values['pglite-order-lines'], orderLines) },
  };
  const options: Options = {
    seed: values.seed,
    runs: parseCount('runs', values.runs, 20),
    warmup: parseCount('warmup', values.warmup, 3),
    maxSeconds: Number(values['max-seconds']),
    organizations: parseCount('organizations', values.organizations, 100_000),
    keep: values.keep,
    database: values.database,
    pgliteDir: values['pglite-dir'] ? resolve(values['pglite-dir']) : undefined,
    only: values.only ? values.only.split(',').map((s) => s.trim()) : null,
  };
  if (options.database !== undefined) {
    keptBenchDatabase(options.database);
    if (engines.length !== 1 || engines[0] !== 'postgres') throw new Error('--database needs --engines postgres');
    options.keep = true;
  }
  if (options.pgliteDir !== undefined) {
    if (engines.length !== 1 || engines[0] !== 'pglite') throw new Error('--pglite-dir needs --engines pglite');
    options.keep = true;
  }
  if (options.runs < 1) throw new Error('--runs must be at least 1');
  if (!(options.maxSeconds > 0)) throw new Error('--max-seconds expects a number of seconds');
  const outDir = resolve(values.out ?? DEFAULT_OUT_DIR);

  const { machine, versions } = await printRunHeader(engines);
  console.log(
    `load:     ${engines.map((e) => `${e} ${formatInt(size[e].deals)} deals, ${formatInt(size[e].orderLines)} order lines`).join('; ')}; ` +
      `${options.warmup} + ${options.runs} runs per query and side (at most ${options.maxSeconds} s once 3 are done); seed "${options.seed}"`,
  );
  const idle = await machineBusyPercent(2000);
  console.log(`machine busy before the run: ${idle.toFixed(0)} % of all cores${idle > 15 ? ' — other work is running; figures will be slower and noisier' : ''}`);
  const queries = await loadModuleQueries();

  const reports: EngineReport[] = [];
  for (const engine of engines) {
    console.log(`\n== ${engine}, ${formatInt(size[engine].deals)} deals, ${formatInt(size[engine].orderLines)} order lines`);
    reports.push(await benchmarkEngine(engine, size[engine], options, queries));
  }

  printSummary(reports);
  const report = { at: new Date().toISOString(), machine, versions, argv: process.argv.slice(2), options: { ...options, size, engines }, machineBusyBeforePercent: idle, engines: reports };
  console.log(`\nresults: ${writeReport(outDir, 'sales', report)}`);
  if (mismatches > 0) {
    console.error(`\n${mismatches} MISMATCH(ES) between the module and the hand-written SQL: see above.`);
    process.exitCode = 1;
  }
}

async function loadModuleQueries(): Promise<ModuleQueries | null> {
  try {
    const analytics = (await import('#server/modules/sales-analytics/index.ts')) as any;
    const orders = (await import('#server/modules/orders/index.ts')) as any;
    const customerSummary = orders.ordersRepository?.customerSummary;
    if ([analytics.forecast, analytics.funnel, analytics.salesMetrics, customerSummary].every((f) => typeof f === 'function'))
      return { forecast: analytics.forecast, funnel: analytics.funnel, salesMetrics: analytics.salesMetrics, customerSummary: customerSummary.bind(orders.ordersRepository) };
    console.log('sales-analytics / orders modules: forecast, funnel, salesMetrics or ordersRepository.customerSummary missing; measuring the hand-written SQL only');
  } catch (error) {
    console.log(`sales-analytics / orders modules not loadable (${(error as Error).message.split('\n')[0]}); measuring the hand-written SQL only`);
  }
  return null;
}

type Opened = { database: Database; throwaway?: ThrowawayDatabase; dataDir?: string; loader: SqlRunner; closeLoader: () => Promise<void> };

async function openEngine(engine: Engine, options: Options): Promise<Opened> {
  if (engine === 'postgres') {
    const throwaway = options.database ? keptBenchDatabase(options.database) : await createThrowawayDatabase();
    console.log(`database: ${throwaway.name}${options.database ? ' (filled by an earlier run; kept)' : options.keep ? ` (kept: drop it with DROP DATABASE ${throwaway.name})` : ''}`);
    const database = await openDatabase({ databaseUrl: throwaway.url, poolSize: 2 });
    // The load sets session parameters, so it runs on one connection of its own.
    const client = new pg.Client({ connectionString: throwaway.url });
    await client.connect();
    return { database, throwaway, loader: (text, values) => client.query(text, values as any[]), closeLoader: () => client.end() };
  }
  const dataDir = options.pgliteDir ?? mkdtempSync(join(tmpdir(), 'peyvand-bench-sales-'));
  if (options.keep) console.log(`data folder: ${dataDir} (${options.pgliteDir ? 'filled by an earlier run; ' : ''}kept: remove it yourself)`);
  const database = await openDatabase({ dataDir });
  // PGlite is one connection: session settings of the load are reset by the generator itself.
  return { database, dataDir, loader: (text, values) => database.executeSql(text, values), closeLoader: async () => {} };
}

async function benchmarkEngine(engine: Engine, size: { deals: number; orderLines: number }, options: Options, queries: ModuleQueries | null): Promise<EngineReport> {
  let opened: Opened | undefined;
  const cleanup = async () => {
    await opened?.closeLoader().catch(() => undefined);
    await opened?.database.close().catch(() => undefined);
    if (!options.keep) {
      await opened?.throwaway?.drop();
      if (opened?.dataDir) rmSync(opened.dataDir, { recursive: true, force: true });
    }
  };
  const unregister = cleanupOnInterrupt(cleanup);
  try {
    opened = await openEngine(engine, options);
    const { database } = opened;
    const run: SqlRunner = (text, values) => database.executeSql(text, values);
    const migrateStarted = performance.now();
    await migrateDatabase(database, opened.throwaway?.url);
    const migrateSeconds = (performance.now() - migrateStarted) / 1000;
    const [{ version }] = (await run('SELECT version()')).rows;

    let workspaceId = await findSalesWorkspace(run);
    let load: SalesDataResult | null = null;
    if (workspaceId) {
      console.log(`workspace ${workspaceId} filled by an earlier run: nothing generated`);
    } else {
      if (options.database || options.pgliteDir) throw new Error('the kept database has no sales workspace (bench-sales)');
      const started = performance.now();
      load = await generateSalesData(opened.loader, {
        seed: options.seed,
        deals: size.deals,
        orderLines: size.orderLines,
        organizations: options.organizations,
        onStep: (text) => console.log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s  ${text}`),
      });
      workspaceId = load.workspaceId;
      console.log(
        `loaded in ${load.seconds.total!.toFixed(0)} s: ` +
          Object.entries(load.seconds)
            .filter(([k]) => k !== 'total')
            .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
            .join(', '),
      );
    }
    await opened.closeLoader();
    const rows = await countSalesRows(run, workspaceId);
    const [{ size: databaseSize }] = (await run('SELECT pg_size_pretty(pg_database_size(current_database())) AS size')).rows;
    console.log(`${Object.entries(rows).map(([t, n]) => `${t} ${formatInt(n)}`).join(', ')}; database ${databaseSize}`);
    const fingerprint = await salesFingerprint(run, workspaceId);
    console.log(`data fingerprint (the same seed and sizes give the same on both engines): ${Object.entries(fingerprint).map(([k, v]) => `${k} ${v}`).join(', ')}`);

    const results = await measureAll(database, run, workspaceId, options, queries);
    return {
      engine,
      engineVersion: String(version),
      deals: rows.deals!,
      orderLines: rows.order_lines!,
      load,
      rows,
      fingerprint,
      databaseSize,
      migrateSeconds,
      results,
      kept: options.keep ? (opened.throwaway?.name ?? opened.dataDir) : undefined,
    };
  } finally {
    unregister();
    await cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

type Case = {
  id: string;
  group: 'forecast' | 'funnel' | 'metrics' | 'orders';
  name: string;
  module: (() => Promise<unknown>) | null;
  hand: (() => Promise<unknown>) | null;
  /** Null when both answers give the same numbers, else what differs. */
  compare: (moduleAnswer: unknown, handAnswer: unknown) => string | null;
  describe: (answer: unknown) => string;
};

async function measureAll(database: Database, run: SqlRunner, workspaceId: string, options: Options, queries: ModuleQueries | null): Promise<QueryResult[]> {
  const db = database.db;
  const today = SALES_AS_OF;
  const timezone = 'Asia/Tehran';
  const cases: Case[] = [];
  for (const period of ['month', 'quarter', 'year'] as PeriodKind[]) {
    for (const groupBy of ['none', 'owner', 'territory'] as GroupBy[]) {
      const periods = defaultPeriods(today, period);
      cases.push({
        id: `forecast-${period}-${groupBy}`,
        group: 'forecast',
        name: `forecast ${period}, groupBy ${groupBy}`,
        module: queries ? () => queries.forecast(db, workspaceId, { period, groupBy, today }) : null,
        hand: () => handForecast(run, workspaceId, { periods, today, groupBy }),
        compare: (m, h) => compareForecast(moduleCells(m), h as ForecastCell[]),
        describe: (a) => {
          const cells = Array.isArray(a) ? (a as ForecastCell[]) : moduleCells(a);
          return `${cells.length} cells, ${periods.length} periods + overdue/undated`;
        },
      });
    }
  }
  // The funnel of the last complete fiscal year (1404), and of all three generated years.
  for (const [label, from, to] of [
    ['FY1404', '2025-03-21', '2026-03-20'],
    ['1403–1405', '2024-03-20', today],
  ] as const) {
    cases.push({
      id: `funnel-${label}`,
      group: 'funnel',
      name: `stage funnel, deals created ${label}`,
      module: queries ? () => queries.funnel(db, workspaceId, { from, to, today }) : null,
      hand: () => handFunnel(run, workspaceId, { from, to, timezone }),
      compare: (m, h) => compareFunnel(moduleFunnel(m), h as FunnelStage[]),
      describe: (a) => {
        const stages = Array.isArray(a) && a.length && 'stageId' in (a[0] as object) ? (a as FunnelStage[]) : moduleFunnel(a);
        return `${stages.length} stages; first stages reached by ${stages.filter((s) => s.position === 0).map((s) => formatInt(s.reached)).join(' + ')} deals`;
      },
    });
  }
  if (queries) {
    cases.push({
      id: 'sales-metrics-FY1404',
      group: 'metrics',
      name: 'sales metrics, FY1404 (module only)',
      module: () => queries.salesMetrics(db, workspaceId, { from: '2025-03-21', to: '2026-03-20', today }),
      hand: null,
      compare: () => null,
      describe: (a: any) => `won ${formatInt(a.winRate.won)}, lost ${formatInt(a.winRate.lost)}, ${a.reps.length} reps`,
    });
  }
  cases.push({
    id: 'orders-revenue-FY1404',
    group: 'orders',
    name: 'order lines: revenue+margin per month, FY1404 (hand SQL only)',
    module: null,
    hand: () => handMonthlyRevenue(run, workspaceId, 1404),
    compare: () => null,
    describe: (a: any) => `12 months, ${formatInt(a.reduce((n: number, m: any) => n + m.lines, 0))} lines`,
  });
  // The busiest customer (organisation #1 gets the most orders) and a typical one.
  for (const [label, org] of [
    ['largest customer', 1],
    ['typical customer', 5_000],
  ] as const) {
    const organizationId = uuidOf(7, org);
    cases.push({
      id: `orders-customer-${org}`,
      group: 'orders',
      name: `order lines: customer value, ${label}`,
      module: queries ? () => queries.customerSummary(db, workspaceId, { organizationId }) : null,
      hand: () => handCustomerValue(run, workspaceId, organizationId),
      compare: (m: any, h) => {
        const mine = h as CustomerValue;
        const theirs: CustomerValue = { revenue: cents(m.revenue), cost: cents(m.cost), orders: Number(m.count), first: m.first, last: m.last };
        const text = (v: CustomerValue) => `revenue ${v.revenue} cost ${v.cost} (cents), ${v.orders} orders ${v.first}…${v.last}`;
        return text(mine) === text(theirs) ? null : `module ${text(theirs)}; hand ${text(mine)}`;
      },
      describe: (a: any) => `${formatInt(Number(a.orders ?? a.count))} orders`,
    });
  }

  const results: QueryResult[] = [];
  for (const c of cases) {
    if (options.only && !options.only.includes(c.group) && !options.only.includes(c.id)) continue;
    results.push(await measure(c, options));
  }
  return results;
}

async function measure(c: Case, options: Options): Promise<QueryResult> {
  const moduleAnswer = c.module ? await c.module() : undefined;
  const handAnswer = c.hand ? await c.hand() : undefined;
  let match: QueryResult['match'] = c.module && c.hand ? 'same' : c.module ? 'module only' : 'hand only';
  let mismatch: string | undefined;
  if (c.module && c.hand) {
    mismatch = c.compare(moduleAnswer, handAnswer) ?? undefined;
    if (mismatch) {
      match = 'MISMATCH';
      mismatches++;
      console.error(`\n!!!!! MISMATCH in ${c.name}: the module and the hand-written SQL disagree\n!!!!! ${mismatch}\n`);
    }
  }
  for (let i = 0; i < options.warmup; i++) {
    if (c.module) await c.module();
    if (c.hand) await c.hand();
  }
  const moduleMs: number[] = [];
  const handMs: number[] = [];
  // Alternating, so a slow phase of the machine hits both sides alike.
  const started = performance.now();
  for (let i = 0; i < options.runs; i++) {
    if (i >= 3 && performance.now() - started > options.maxSeconds * 1000) break;
    if (c.module) moduleMs.push(await timed(c.module));
    if (c.hand) handMs.push(await timed(c.hand));
  }
  const side = (values: number[]): Side | null => {
    if (!values.length) return null;
    const latency = summarize(values);
    return { p50: latency.p50, p99: latency.p99, latency };
  };
  const moduleSide = side(moduleMs);
  const handSide = side(handMs);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result: QueryResult = {
    id: c.id,
    name: c.name,
    answer: c.describe(handAnswer ?? moduleAnswer),
    runs: Math.max(moduleMs.length, handMs.length),
    module: moduleSide,
    hand: handSide,
    ratioP50: moduleSide && handSide ? ratio(moduleSide.p50, handSide.p50) : null,
    ratioP99: moduleSide && handSide ? ratio(moduleSide.p99, handSide.p99) : null,
    match,
    mismatch,
  };
  const figures = (label: string, s: Side | null) => (s ? `${label} p50 ${formatMs(s.p50).padStart(5)} p99 ${formatMs(s.p99).padStart(5)} ms` : ''.padEnd(label.length + 25));
  console.log(
    `  ${c.name.padEnd(62)} ${figures('module', moduleSide)}   ${figures('hand', handSide)}` +
      (result.ratioP50 !== null ? `   ratio ${result.ratioP50.toFixed(2)} / ${result.ratioP99!.toFixed(2)}` : ''.padEnd(23)) +
      `   [${match === 'same' ? 'same numbers' : match}; ${result.answer}${result.runs < options.runs ? `; ${result.runs} runs` : ''}]`,
  );
  return result;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------
// Comparing the answers

function moduleCells(answer: any): ForecastCell[] {
  return (answer.cells as any[]).map((c) => ({
    bucket: c.bucket,
    group: c.group ?? null,
    closedWon: cents(c.closedWon),
    commit: cents(c.commit),
    bestCase: cents(c.bestCase),
    pipeline: cents(c.pipeline),
    weighted: cents(c.weighted),
    counts: { ...c.counts },
  }));
}

const cellKey = (c: ForecastCell) => `${c.bucket}|${c.group ?? '∅'}`;
const cellText = (c: ForecastCell | undefined) =>
  c
    ? `closedWon ${c.closedWon}/${c.counts.closedWon} commit ${c.commit}/${c.counts.commit} bestCase ${c.bestCase}/${c.counts.bestCase} pipeline ${c.pipeline}/${c.counts.pipeline} weighted ${c.weighted} (cents/count)`
    : 'no cell';

/** Cells with nothing in them may be left out by either side. */
const isEmpty = (c: ForecastCell) => c.counts.closedWon + c.counts.pipeline === 0;

function compareForecast(moduleAnswer: ForecastCell[], hand: ForecastCell[]): string | null {
  const mine = new Map(hand.filter((c) => !isEmpty(c)).map((c) => [cellKey(c), c]));
  const theirs = new Map(moduleAnswer.filter((c) => !isEmpty(c)).map((c) => [cellKey(c), c]));
  const differences: string[] = [];
  for (const key of new Set([...mine.keys(), ...theirs.keys()])) {
    const a = theirs.get(key);
    const b = mine.get(key);
    if (cellText(a) !== cellText(b)) differences.push(`cell ${key}: module ${cellText(a)}; hand ${cellText(b)}`);
  }
  return differences.length ? `${differences.length} of ${mine.size} cells differ, e.g.\n!!!!!   ${differences.slice(0, 3).join('\n!!!!!   ')}` : null;
}

function moduleFunnel(answer: any): FunnelStage[] {
  return (answer as any[]).flatMap((p) => (p.stages as any[]).map((s) => ({ pipelineId: p.pipelineId, stageId: s.stageId, position: s.position, reached: s.reached })));
}

function compareFunnel(moduleAnswer: FunnelStage[], hand: FunnelStage[]): string | null {
  const text = (stages: FunnelStage[]) =>
    stages
      .map((s) => `${s.stageId}@${s.position}:${s.reached}`)
      .sort()
      .join(' ');
  const a = text(moduleAnswer);
  const b = text(hand);
  return a === b ? null : `module ${a}\n!!!!! hand   ${b}`;
}

// ---------------------------------------------------------------------------------------------

function printSummary(reports: EngineReport[]): void {
  const header = ['engine', 'deals', 'order lines', 'query', 'module p50', 'module p99', 'hand p50', 'hand p99', 'ratio p50', 'ratio p99', 'numbers'];
  const rows = reports.flatMap((r) =>
    r.results.map((x) => [
      r.engine,
      formatInt(r.deals),
      formatInt(r.orderLines),
      x.name,
      x.module ? formatMs(x.module.p50) : '–',
      x.module ? formatMs(x.module.p99) : '–',
      x.hand ? formatMs(x.hand.p50) : '–',
      x.hand ? formatMs(x.hand.p99) : '–',
      x.ratioP50 !== null ? x.ratioP50.toFixed(2) : '–',
      x.ratioP99 !== null ? x.ratioP99.toFixed(2) : '–',
      x.match,
    ]),
  );
  console.log(`\n${formatTable(header, rows, [0, 3, 10])}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
