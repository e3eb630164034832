/*
 * Where the memory of a Peyvand server on the embedded engine (PGlite) goes, over a day in its life.
 *
 *   node bin/run-ts.js bench/memory.ts                                    # 200k audit entries + 200k people
 *   node bin/run-ts.js bench/memory.ts --audit-rows 50k --people 50k --burst 3 --idle 10
 *   node bin/run-ts.js bench/memory.ts --variants "default;shared_buffers=128MB,maintenance_work_mem=64MB"
 *   node bin/run-ts.js bench/memory.ts --help
 *
 * A server process (bench/http-server.ts, `createPeyvand()` as `peyvand serve` runs it, job workers
 * included) opens a fresh data folder, and reports its memory from the inside at each step:
 *
 *   loaded     node and the server's code loaded, no database open yet
 *   started    migrated, one workspace signed up through the API, nothing else
 *   filled     + members and audit entries (tenant-data.ts), people and organisations (customer-data.ts)
 *   burst      + a few seconds of load on each list and search endpoint (autocannon)
 *   idle       + --idle seconds of nothing
 *   idle, gc   + a full garbage collection of the V8 heap
 *
 * Then it stops that process and starts another on the same folder — a restart, the state a
 * long-running install is in — and reports `restarted`, `restarted, burst` and `restarted, gc`.
 *
 * Each row splits the process's RSS into the V8 heap (heapTotal: what V8 has committed), PGlite's
 * WebAssembly memory (its size, and how much of it is resident: pages PostgreSQL has written to)
 * and the rest (the node binary and compiled code, native allocations, PGlite's in-memory files).
 * The V8 heap and the rest move by tens of MiB from run to run with the timing of garbage
 * collection; the WebAssembly figures do not. Every variant runs the whole sequence with PEYVAND_PGLITE_SETTINGS set to its settings
 * ("default": the settings openDatabase() applies). Figures are printed and written to
 * bench/out/memory-*.json; nothing is asserted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { formatInt, parseCount } from './lib/args.ts';
import { describeMachine, formatMachine, packageVersion } from './lib/machine.ts';
import type { MemorySnapshot } from './lib/memory-probe.ts';
import { machineBusyPercent, startServer, type ServerProcess } from './lib/server-process.ts';
import type { FillAnswer, MemoryAnswer, OpenAnswer, ServerReady, ServerStart } from './lib/server-protocol.ts';

const DEFAULT_OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));

const USAGE = `Usage: node bin/run-ts.js bench/memory.ts [options]

  --audit-rows N      audit entries to fill the workspace with (default 200k)
  --people N          people (and people/10 organisations, their links and contact points; default 200k)
  --members N         members (default 200)
  --burst S           seconds of load on each endpoint per burst (default 5)
  --connections N     concurrent keep-alive connections during a burst (default 10)
  --idle S            seconds of idle before the idle sample (default 30)
  --no-restart        skip the restart on the filled folder
  --variants LIST     ;-separated PGlite settings to compare, each "default" or name=value pairs
                      for PEYVAND_PGLITE_SETTINGS, e.g. "default;shared_buffers=128MB" (default "default")
  --seed S            generator seed (default "peyvand")
  --out DIR           where to write the JSON results (default bench/out)
`;

type Endpoint = { name: string; path: string };

const ENDPOINTS: Endpoint[] = [
  { name: 'audit-log, first page', path: '/api/v1/audit-log?limit=50' },
  { name: 'people, first page', path: '/api/v1/people?limit=50' },
  { name: 'people by last name', path: '/api/v1/people?limit=50&sort=lastName:asc' },
  { name: 'people, quick search', path: `/api/v1/people?limit=50&q=${encodeURIComponent('رضایی')}` },
  { name: 'search, name', path: `/api/v1/search?q=${encodeURIComponent('محمد کریمی')}` },
  { name: 'search, phone', path: '/api/v1/search?q=0912' },
];

type Sample = { phase: string; snapshot: MemorySnapshot };
type BurstResult = {
  phase: string;
  endpoint: string;
  /** One request alone, before the load (the first after the previous endpoint's load). */
  singleMs: number;
  requestsPerSecond: number;   p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};
type VariantReport = {
  variant: string;
  settings: Record<string, string> | null;
  samples: Sample[];
  bursts: BurstResult[];
  fillSeconds: number;
  startSeconds: number;
  restartSeconds: number | null;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'audit-rows': { type: 'string' },
      people: { type: 'string' },
      members: { type: 'string' },
      burst: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      idle: { type: 'string', default: '30' },
      'no-restart': { type: 'boolean', default: false },
      variants: { type: 'string', default: 'default' },
      seed: { type: 'string', default: 'peyvand' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const options = {
    auditRows: parseCount('audit-rows', values['audit-rows'], 200_000),
    people: parseCount('people', values.people, 200_000),
    members: parseCount('members', values.members, 200),
    burst: Number(values.burst),
    connections: parseCount('connections', values.connections, 10),
    idle: Number(values.idle),
    restart: !values['no-restart'],
    seed: values.seed,
  };
  if (!(options.burst > 0)) throw new Error('--burst expects a number of seconds');
  if (!(options.idle >= 0)) throw new Error('--idle expects a number of seconds');
  if (options.members < 1) throw new Error('--members must be at least 1 (people need owners)');
  const variants = values.variants.split(';').map((v) => v.trim()).filter(Boolean);
  if (!variants.length) throw new Error('--variants is empty');

  const machine = describeMachine();
  console.log(`machine:  ${formatMachine(machine)}`);
  console.log(`versions: @electric-sql/pglite ${packageVersion('@electric-sql/pglite')}`);
  console.log(
    `data:     ${formatInt(options.auditRows)} audit entries, ${formatInt(options.people)} people, ${formatInt(options.members)} members; ` +
      `bursts of ${options.burst} s × ${ENDPOINTS.length} endpoints, ${options.connections} connections; idle ${options.idle} s`,
  );
  const idle = await machineBusyPercent(2000);
  console.log(`machine busy before the run: ${idle.toFixed(0)} % of all cores${idle > 15 ? ' — other work is running; timings will be noisier' : ''}`);

  const reports: VariantReport[] = [];
  for (const variant of variants) {
    console.log(`\n== ${variant === 'default' ? 'default settings' : variant}`);
    reports.push(await runVariant(variant, options));
  }

  for (const report of reports) printVariant(report);
  if (reports.length > 1) printComparison(reports);

  const outDir = resolve(values.out ?? DEFAULT_OUT_DIR);
  mkdirSync(outDir, { recursive: true });
  const result = { at: new Date().toISOString(), machine, pglite: packageVersion('@electric-sql/pglite'), options, machineBusyBeforePercent: idle, variants: reports };
  const file = join(outDir, `memory-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  writeFileSync(join(outDir, 'memory-latest.json'), JSON.stringify(result, null, 2));
  console.log(`\nresults: ${file}`);
}

type Options = { auditRows: number; people: number; members: number; burst: number; connections: number; idle: number; restart: boolean; seed: string };

const pendingCleanups = new Set<() => Promise<void>>();
process.once('SIGINT', () => {
  console.error('\ninterrupted: stopping the server and removing its folder…');
  void Promise.allSettled([...pendingCleanups].map((cleanup) => cleanup())).finally(() => process.exit(130));
});

async function runVariant(variant: string, options: Options): Promise<VariantReport> {
  // The server process inherits this environment; openDatabase() reads PEYVAND_PGLITE_SETTINGS.
  if (variant === 'default') delete process.env.PEYVAND_PGLITE_SETTINGS;
  else process.env.PEYVAND_PGLITE_SETTINGS = variant;
  const dataDir = mkdtempSync(join(tmpdir(), 'peyvand-memory-'));
  let server: ServerProcess | undefined;
  const cleanup = async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  pendingCleanups.add(cleanup);
  const samples: Sample[] = [];
  const bursts: BurstResult[] = [];
  const sample = async (phase: string, gc = false) => {
    const { snapshot } = await server!.request<MemoryAnswer>({ type: 'memory', gc }, 'memory');
    samples.push({ phase, snapshot });
    console.log(`  ${phase.padEnd(18)} ${describe(snapshot)}`);
    return snapshot;
  };
  try {
    server = startServer({ onProgress: (text) => console.log(`  filling ${text}`) });
    // Node, tsx and every module of the server loaded; no database open yet.
    await sample('loaded');
    const ready = await server.request<ServerReady>(
      {
        type: 'start',
        engine: 'pglite',
        dataDir,
        seed: options.seed,
        auditRows: 0,
        members: 0,
        deepPosition: 0,
        logLevel: 'warn',
        jobs: 'inline',
      } satisfies ServerStart,
      'ready',
    );
    await sample('started');
    const filled = await server.request<FillAnswer>(
      { type: 'fill', seed: options.seed, members: options.members, auditRows: options.auditRows, people: options.people },
      'filled',
    );
    console.log(`  filled ${formatInt(filled.rows)} rows in ${filled.seconds.toFixed(1)} s`);
    await sample('filled');
    bursts.push(...(await burst('burst', ready.url, ready.apiKey, options)));
    await sample('burst');
    await new Promise((done) => setTimeout(done, options.idle * 1000));
    await sample('idle');
    await sample('idle, gc', true);
    await server.stop();
    server = undefined;

    let restartSeconds: number | null = null;
    if (options.restart) {
      server = startServer();
      const opened = await server.request<OpenAnswer>({ type: 'open', engine: 'pglite', dataDir, logLevel: 'warn', jobs: 'inline' }, 'opened');
      restartSeconds = opened.startSeconds;
      await sample('restarted');
      bursts.push(...(await burst('restarted, burst', opened.url, ready.apiKey, options)));
      await sample('restarted, burst');
      await sample('restarted, gc', true);
      await server.stop();
      server = undefined;
    }
    return { variant, settings: samples.find((s) => s.snapshot.settings)?.snapshot.settings ?? null, samples, bursts, fillSeconds: filled.seconds, startSeconds: ready.startSeconds, restartSeconds };
  } finally {
    pendingCleanups.delete(cleanup);
    await cleanup();
  }
}

async function burst(phase: string, url: string, apiKey: string, options: Options): Promise<BurstResult[]> {
  const results: BurstResult[] = [];
  for (const endpoint of ENDPOINTS) {
    const headers = { authorization: `Bearer ${apiKey}` };
    const probeStarted = performance.now();
    const probe = await fetch(url + endpoint.path, { headers });
    if (probe.status !== 200) throw new Error(`${endpoint.name}: status ${probe.status}: ${await probe.text()}`);
    await probe.arrayBuffer();
    const singleMs = performance.now() - probeStarted;
    const result = await autocannon({ url: url + endpoint.path, headers, connections: options.connections, duration: options.burst });
    const row: BurstResult = {
      phase,
      endpoint: endpoint.name,
      singleMs,
      requestsPerSecond: result.requests.mean,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    results.push(row);
    const failures = row.non2xx + row.errors + row.timeouts ? `  (${row.non2xx} non-2xx, ${row.errors} errors, ${row.timeouts} timeouts)` : '';
    console.log(
      `    ${endpoint.name.padEnd(24)} alone ${formatInt(singleMs).padStart(5)} ms; loaded ${formatInt(row.requestsPerSecond).padStart(5)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms${failures}`,
    );
  }
  // autocannon drops its sockets with requests in flight; let the server finish them.
  await new Promise((done) => setTimeout(done, 1000));
  return results;
}

const mib = (bytes: number | null) => (bytes === null ? '–' : formatInt(bytes / 1024 ** 2));

/** RSS minus what is accounted for: the V8 heap and the resident WebAssembly memory. */
const otherOf = (s: MemorySnapshot) => s.rss - s.heapTotal - (s.wasmResident ?? 0);

function describe(s: MemorySnapshot): string {
  return `RSS ${mib(s.rss)} MiB = V8 heap ${mib(s.heapTotal)} (used ${mib(s.heapUsed)}) + WASM resident ${mib(s.wasmResident)} (size ${mib(s.wasmBytes)}) + other ${mib(otherOf(s))}`;
}

function printVariant(report: VariantReport): void {
  const settings = report.settings ? Object.entries(report.settings).map(([k, v]) => `${k}=${v}`).join(', ') : '';
  console.log(`\n${report.variant === 'default' ? 'default settings' : report.variant}\n  PostgreSQL: ${settings}`);
  console.log(`  first start ${report.startSeconds.toFixed(1)} s, fill ${report.fillSeconds.toFixed(1)} s${report.restartSeconds === null ? '' : `, restart ${report.restartSeconds.toFixed(1)} s`}`);
  const header = ['phase', 'RSS', 'V8 heap', 'heap used', 'WASM size', 'WASM resident', 'external', 'arrayBuffers', 'other'];
  const rows = report.samples.map(({ phase, snapshot: s }) => [
    phase,
    mib(s.rss),
    mib(s.heapTotal),
    mib(s.heapUsed),
    mib(s.wasmBytes),
    mib(s.wasmResident),
    mib(s.external),
    mib(s.arrayBuffers),
    mib(otherOf(s)),
  ]);
  printTable(header, rows, 'MiB; external includes the whole WASM memory; other = RSS − V8 heap − WASM resident');
}

function printComparison(reports: VariantReport[]): void {
  const phases = reports[0]!.samples.map((s) => s.phase);
  const header = ['phase', ...reports.map((r) => r.variant)];
  printTable(header, phases.map((phase) => [phase, ...reports.map((r) => mib(r.samples.find((s) => s.phase === phase)?.snapshot.rss ?? null))]), 'RSS, MiB');
  const bursts = reports[0]!.bursts.map((b) => [b.phase, b.endpoint] as const);
  printTable(
    ['burst', 'endpoint', ...reports.map((r) => r.variant)],
    bursts.map(([phase, endpoint]) => [
      phase,
      endpoint,
      ...reports.map((r) => {
        const b = r.bursts.find((x) => x.phase === phase && x.endpoint === endpoint);
        return b ? formatInt(b.requestsPerSecond) : '–';
      }),
    ]),
    'req/s',
  );
}

function printTable(header: string[], rows: string[][], caption: string): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const textColumns = header[0] === 'burst' ? 2 : 1;
  const line = (cells: string[]) => cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  console.log(`(${caption})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
