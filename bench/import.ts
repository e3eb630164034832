/*
 * CSV import throughput through Peyvand's real import path, beside PostgreSQL's own COPY of the
 * same file.
 *
 *   node bin/run-ts.js bench/import.ts                          # 100k and 1M rows; PostgreSQL, and PGlite at 100k
 *   node bin/run-ts.js bench/import.ts --rows 100k --engines postgres
 *   node bin/run-ts.js bench/import.ts --help
 *
 * For each size, a people CSV is written by the deterministic generator (bench/lib/crm-data.ts:
 * the same people as people.csv, in the columns a customer's spreadsheet has: Persian and Latin
 * names, email, mobile, company name, city, Jalali birth date). Then, for each engine, a server
 * process (bench/http-server.ts) with an empty workspace receives it exactly as the web app sends
 * it: POST /api/v1/imports (the file as the raw body), PATCH the mapping, POST …/start, and GET the
 * import until it is completed. The job runs in the server process (pg-boss, jobsMode inline),
 * as under `peyvand serve`. The server's memory is sampled throughout.
 *
 * The physical limit: psql's `\copy` of the same file into a plain table with the same columns
 * (all text, no index, no constraint) in a fresh PostgreSQL database.
 *
 * Figures are printed and written to bench/out/import-*.json; nothing is asserted.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { formatInt, parseCount } from './lib/args.ts';
import { cleanupOnInterrupt, DEFAULT_OUT_DIR, formatTable, keptBenchDatabase, parseEngines, writeReport, type Engine } from './lib/bench-kit.ts';
import { createDataset, organizationAt, personAt, personCore, type Dataset } from './lib/crm-data.ts';
import { psqlAvailable, runPsql } from './lib/customer-data.ts';
import { writeCsv } from './lib/csv.ts';
import { codeVersion, describeMachine, formatMachine, packageVersion } from './lib/machine.ts';
import { busyBetween, machineBusyPercent, machineTimes, startServer, type ServerProcess } from './lib/server-process.ts';
import type { ServerReady, ServerStart, ServerStats, SqlRows } from './lib/server-protocol.ts';
import { createThrowawayDatabase, postgresServerVersion, type ThrowawayDatabase } from './lib/throwaway-postgres.ts';

/** The upload limit of POST /api/v1/imports (server/src/modules/imports/csv-file.ts). */
const UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;

/** The columns of the import file, and the Peyvand field each is mapped to. */
const IMPORT_COLUMNS = [
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['first_name_latin', 'firstNameLatin'],
  ['last_name_latin', 'lastNameLatin'],
  ['email', 'email'],
  ['mobile', 'phone'],
  ['company', 'organization'],
  ['city', 'city'],
  ['birth_date_jalali', 'birthday'],
] as const;

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Row `i` of the import file: person #i of the generator, with the name of their organisation. */
function importRecord(ds: Dataset, i: number, organizationName: (index: number) => string): string[] {
  const p = personAt(ds, i);
  const fa = p.locale === 'fa';
  return [
    p.firstName,
    p.lastName,
    fa ? capitalize(p.firstLatin) : p.firstName,
    fa ? capitalize(p.lastLatin) : p.lastName,
    p.email,
    p.mobile,
    p.organizationId ? organizationName(i) : '',
    p.city,
    p.birthDateJalali,
  ];
}

const USAGE = `Usage: node bin/run-ts.js bench/import.ts [options]

  --rows LIST          sizes of the import file (default 100k,1M)
  --engines LIST       postgres,pglite (default both); none: only the COPY baseline
  --pglite-max N       PGlite runs only for files up to N rows, unless --engines names pglite alone (default 100k)
  --duplicate-mode M   skip (default, as the web app), update or create (no duplicate lookup)
  --seed S             generator seed (default "peyvand")
  --poll S             seconds between progress polls (default 1)
  --timeout S          give up on an import after S seconds (default 10800)
  --no-copy            skip the PostgreSQL COPY baseline
  --database NAME      PostgreSQL: import into the workspace of a database that bench/customers.ts --keep
                       filled (peyvand_bench_…): an import into a workspace that already has customers.
                       The database is kept, with the imported rows
  --log-level L        server log level (default warn)
  --out DIR            JSON results and the generated files (default bench/out)

PostgreSQL: PEYVAND_BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) must
allow CREATE DATABASE; the benchmark creates peyvand_bench_* databases and drops them afterwards.
The COPY baseline needs psql on PATH.
`;

type Options = {
  /** An existing peyvand_bench_* database (bench/customers.ts --keep) to import into. */
  database: string | undefined;
  seed: string;
  duplicateMode: 'skip' | 'update' | 'create';
  pollMs: number;
  timeoutMs: number;
  logLevel: string;
};

type Sample = { seconds: number; committedRows: number; rssMiB: number; heapMiB: number };

type ImportRun = {
  engine: Engine;
  rows: number;
  fileBytes: number;
  status: string;
  uploadSeconds: number;
  /** From POST …/start to the first poll that saw `completed`. */
  importSeconds: number;
  rowsPerSecond: number;
  counts: { created: number; updated: number; skipped: number; errors: number };
  stored: { people: number; organizations: number; contactPoints: number; personOrganizations: number; auditEntries: number };
  rss: { beforeUploadMiB: number; afterUploadMiB: number; peakMiB: number; at10: number; at50: number; at90: number; afterMiB: number };
  /** Rows/s over the first and the last tenth of the file. */
  rateFirstTenth: number;
  rateLastTenth: number;
  serverCpuPercent: number;
  machineBusyPercent: number;
  timeline: Sample[];
  failure?: unknown;
};

/** psql's \copy, timed from the client (psql's start included); the best of three runs. */
type CopyRun = { rows: number; seconds: number; rowsPerSecond: number; runsSeconds: number[] };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100k,1M' },
      engines: { type: 'string', default: 'postgres,pglite' },
      'pglite-max': { type: 'string', default: '100k' },
      'duplicate-mode': { type: 'string', default: 'skip' },
      seed: { type: 'string', default: 'peyvand' },
      poll: { type: 'string', default: '1' },
      timeout: { type: 'string', default: '10800' },
      'no-copy': { type: 'boolean', default: false },
      database: { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sizes = values.rows.split(',').map((r) => parseCount('rows', r.trim(), 0));
  const engines = values.engines === 'none' ? [] : parseEngines(values.engines);
  const pgliteMax = engines.length === 1 ? Infinity : parseCount('pglite-max', values['pglite-max'], 100_000);
  const duplicateMode = values['duplicate-mode'] as Options['duplicateMode'];
  if (!['skip', 'update', 'create'].includes(duplicateMode)) throw new Error('--duplicate-mode expects skip, update or create');
  const options: Options = { database: values.database, seed: values.seed, duplicateMode, pollMs: Number(values.poll) * 1000, timeoutMs: Number(values.timeout) * 1000, logLevel: values['log-level'] };
  if (options.database !== undefined) {
    keptBenchDatabase(options.database);
    if (engines.length !== 1 || engines[0] !== 'postgres') throw new Error('--database needs --engines postgres');
  }
  const outDir = resolve(values.out ?? DEFAULT_OUT_DIR);
  mkdirSync(join(outDir, 'import'), { recursive: true });

  const machine = describeMachine();
  const postgresVersion = await postgresServerVersion();
  const versions = { code: codeVersion(), node: process.version, pglite: packageVersion('@electric-sql/pglite'), postgresServer: postgresVersion };
  const copy = !values['no-copy'] && postgresVersion !== null && (await psqlAvailable());
  console.log(`machine:  ${formatMachine(machine)}`);
  if (versions.code) console.log(`code:     ${versions.code.commit}${versions.code.changedFiles ? ` + ${versions.code.changedFiles} changed files` : ''}`);
  console.log(`versions: @electric-sql/pglite ${versions.pglite}${postgresVersion ? `, PostgreSQL server ${postgresVersion}` : ''}`);
  console.log(`import:   sizes ${sizes.map(formatInt).join(', ')}; engines ${engines.join(', ')}; duplicate mode ${duplicateMode}; seed "${options.seed}"`);
  const idle = await machineBusyPercent(2000);
  console.log(`machine busy before the run: ${idle.toFixed(0)} % of all cores${idle > 15 ? ' — other work is running; figures will be lower and noisier' : ''}`);

  const results: Array<{ rows: number; file: string; fileBytes: number; copy: CopyRun | null; imports: ImportRun[] }> = [];
  for (const rows of sizes) {
    const file = await importFile(outDir, rows, options.seed);
    const fileBytes = statSync(file).size;
    console.log(`\n== ${formatInt(rows)} rows: ${file} (${(fileBytes / 1024 ** 2).toFixed(1)} MiB)`);
    if (fileBytes > UPLOAD_LIMIT_BYTES) console.log(`  the file is larger than the upload limit (${UPLOAD_LIMIT_BYTES / 1024 ** 2} MiB): the import will be refused`);
    const copyRun = copy ? await copyBaseline(file, rows) : null;
    if (copyRun) {
      console.log(
        `  COPY (psql \\copy into a plain table, best of ${copyRun.runsSeconds.map((x) => x.toFixed(2)).join(' / ')} s): ${formatInt(copyRun.rowsPerSecond)} rows/s`,
      );
    }
    const imports: ImportRun[] = [];
    for (const engine of engines) {
      if (engine === 'pglite' && rows > pgliteMax) {
        console.log(`  pglite: skipped above ${formatInt(pgliteMax)} rows (--pglite-max, or --engines pglite alone)`);
        continue;
      }
      const run = await importOnce(engine, file, rows, fileBytes, options);
      imports.push(run);
      const ratio = copyRun ? ` = 1/${(copyRun.rowsPerSecond / run.rowsPerSecond).toFixed(0)} of COPY` : '';
      console.log(
        `  ${engine}: ${run.status} in ${run.importSeconds.toFixed(1)} s (upload ${run.uploadSeconds.toFixed(1)} s): ${formatInt(run.rowsPerSecond)} rows/s${ratio}; ` +
          `created ${formatInt(run.counts.created)}, skipped ${formatInt(run.counts.skipped)}, updated ${formatInt(run.counts.updated)}, errors ${formatInt(run.counts.errors)}; ` +
          `server RSS ${run.rss.at10}/${run.rss.at50}/${run.rss.at90} MiB at 10/50/90 %, peak ${run.rss.peakMiB} MiB`,
      );
    }
    results.push({ rows, file, fileBytes, copy: copyRun, imports });
  }

  printTable(results);
  const report = { at: new Date().toISOString(), machine, versions, options: { ...options, sizes, engines }, machineBusyBeforePercent: idle, results };
  console.log(`\nresults: ${writeReport(outDir, 'import', report)}`);
}

/** The import file of this size and seed; written once, then reused (it is deterministic). */
async function importFile(outDir: string, rows: number, seed: string): Promise<string> {
  const file = join(outDir, 'import', `people-import-${rows}-${seed.replace(/[^a-z0-9_-]/gi, '_')}.csv`);
  if (existsSync(file)) return file;
  const ds = createDataset({ seed, size: { people: rows, organizations: Math.max(1, Math.floor(rows / 10)), activities: 0, orders: 0 } });
  // Organisation names come from the generator's organisation rows; a person's organisation is
  // known by index (personCore), so names are resolved lazily and cached.
  const names = new Map<number, string>();
  const organizationName = (personIndex: number) => {
    const index = personCore(ds, personIndex).organizationIndex;
    let name = names.get(index);
    if (name === undefined) {
      name = organizationAt(ds, index).name;
      names.set(index, name);
    }
    return name;
  };
  const partial = `${file}.partial`;
  const started = performance.now();
  await writeCsv({ file: partial, header: IMPORT_COLUMNS.map(([column]) => column), rows, record: (i) => importRecord(ds, i, organizationName) });
  renameSync(partial, file);
  console.log(`generated ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

async function copyBaseline(file: string, rows: number): Promise<CopyRun> {
  const database = await createThrowawayDatabase();
  const cleanup = () => database.drop();
  const unregister = cleanupOnInterrupt(cleanup);
  try {
    await runPsql(database.url, `CREATE TABLE people_copy (${IMPORT_COLUMNS.map(([column]) => `${column} text`).join(', ')})`);
    // Best of three (emptied in between): a single short COPY is at the mercy of the machine's other load.
    const runs: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt) await runPsql(database.url, 'TRUNCATE people_copy');
      const started = performance.now();
      await runPsql(database.url, `\\copy people_copy FROM '${file}' WITH (FORMAT csv, HEADER)`);
      runs.push((performance.now() - started) / 1000);
      const count = Number((await runPsql(database.url, 'SELECT count(*) FROM people_copy')).trim());
      if (count !== rows) throw new Error(`COPY loaded ${count} rows, expected ${rows}`);
    }
    const seconds = Math.min(...runs);
    return { rows, seconds, rowsPerSecond: rows / seconds, runsSeconds: runs };
  } finally {
    unregister();
    await cleanup();
  }
}

async function importOnce(engine: Engine, file: string, rows: number, fileBytes: number, options: Options): Promise<ImportRun> {
  let dataDir: string | undefined;
  let database: ThrowawayDatabase | undefined;
  let server: ServerProcess | undefined;
  const cleanup = async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  const unregister = cleanupOnInterrupt(cleanup);
  try {
    dataDir = mkdtempSync(join(tmpdir(), 'peyvand-bench-'));
    if (options.database) database = keptBenchDatabase(options.database);
    else if (engine === 'postgres') database = await createThrowawayDatabase();
    server = startServer();
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
        reuse: !!options.database,
      } satisfies ServerStart,
      'ready',
    );
    const stats = () => server!.request<ServerStats>({ type: 'stats' }, 'stats');
    const headers = { authorization: `Bearer ${ready.apiKey}` };
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(ready.url + path, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as any;
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
      return json;
    };

    const beforeUpload = await stats();
    const uploadStarted = performance.now();
    const uploaded = await fetch(`${ready.url}/api/v1/imports?entityType=person&fileName=${encodeURIComponent(`people-${rows}.csv`)}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    const uploadBody = (await uploaded.json()) as any;
    if (uploaded.status !== 201) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploadBody)}`);
    const afterUpload = await stats();
    const id: string = uploadBody.import.id;
    const mapped = await api('PATCH', `/api/v1/imports/${id}`, {
      mapping: Object.fromEntries(IMPORT_COLUMNS),
      duplicateMode: options.duplicateMode,
      version: uploadBody.import.version,
    });

    const timeline: Sample[] = [];
    const cpuBefore = await stats();
    const machineBefore = machineTimes();
    const started = performance.now();
    await api('POST', `/api/v1/imports/${id}/start`, { version: mapped.version });
    let state: any;
    let lastPrinted = -1;
    for (;;) {
      await new Promise((done) => setTimeout(done, options.pollMs));
      state = await withRetries(() => api('GET', `/api/v1/imports/${id}`), `${engine} poll`);
      const s = await stats();
      const seconds = (performance.now() - started) / 1000;
      timeline.push({ seconds, committedRows: state.committedRows, rssMiB: s.rssMiB, heapMiB: s.heapMiB });
      const tenth = Math.floor(state.progress / 10);
      if (tenth > lastPrinted && state.status === 'running') {
        lastPrinted = tenth;
        console.log(`    ${engine} ${state.progress} %: ${formatInt(state.committedRows)} rows in ${seconds.toFixed(0)} s (${formatInt(state.committedRows / seconds)} rows/s), RSS ${s.rssMiB} MiB`);
      }
      if (!['queued', 'running'].includes(state.status)) break;
      if (performance.now() - started > options.timeoutMs) {
        await api('POST', `/api/v1/imports/${id}/cancel`);
        state = { ...state, status: `timed out after ${options.timeoutMs / 1000} s` };
        break;
      }
    }
    const importSeconds = (performance.now() - started) / 1000;
    const cpuAfter = await stats();
    const machineAfter = machineTimes();

    const [stored] = (
      await server.request<SqlRows>(
        {
          type: 'sql',
          text: `SELECT (SELECT count(*)::int FROM people WHERE workspace_id = $1) AS people,
                        (SELECT count(*)::int FROM organizations WHERE workspace_id = $1) AS organizations,
                        (SELECT count(*)::int FROM contact_points WHERE workspace_id = $1) AS contact_points,
                        (SELECT count(*)::int FROM person_organizations WHERE workspace_id = $1) AS person_organizations,
                        (SELECT count(*)::int FROM audit_log WHERE workspace_id = $1) AS audit_entries`,
          values: [ready.workspaceId],
        },
        'rows',
      )
    ).rows;

    const committed = state.committedRows as number;
    const at = (share: number) => timeline.find((t) => t.committedRows >= rows * share)?.rssMiB ?? 0;
    const rateBetween = (from: number, to: number) => {
      const a = timeline.find((t) => t.committedRows >= rows * from);
      const b = timeline.find((t) => t.committedRows >= rows * to);
      return a && b && b.seconds > a.seconds ? (b.committedRows - a.committedRows) / (b.seconds - a.seconds) : 0;
    };
    return {
      engine,
      rows,
      fileBytes,
      status: state.status,
      uploadSeconds,
      importSeconds,
      rowsPerSecond: committed / importSeconds,
      counts: state.counts,
      stored: {
        people: stored.people,
        organizations: stored.organizations,
        contactPoints: stored.contact_points,
        personOrganizations: stored.person_organizations,
        auditEntries: stored.audit_entries,
      },
      rss: {
        beforeUploadMiB: beforeUpload.rssMiB,
        afterUploadMiB: afterUpload.rssMiB,
        peakMiB: Math.max(...timeline.map((t) => t.rssMiB)),
        at10: at(0.1),
        at50: at(0.5),
        at90: at(0.9),
        afterMiB: cpuAfter.rssMiB,
      },
      rateFirstTenth: rateBetween(0, 0.1),
      rateLastTenth: rateBetween(0.9, 1),
      serverCpuPercent: ((cpuAfter.cpuMicros - cpuBefore.cpuMicros) / 1e6 / importSeconds) * 100,
      machineBusyPercent: busyBetween(machineBefore, machineAfter),
      timeline,
      failure: state.failure ?? undefined,
    };
  } finally {
    unregister();
    await cleanup();
  }
}

/** A poll that fails on the network (a reset keep-alive socket) is retried; the server's own errors are not. */
async function withRetries<T>(work: () => Promise<T>, what: string, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= attempts) throw error;
      console.log(`    ${what}: ${error.message} (${String((error as { cause?: unknown }).cause ?? '')}); retrying`);
      await new Promise((done) => setTimeout(done, 1000 * attempt));
    }
  }
}

function printTable(results: Array<{ rows: number; copy: CopyRun | null; imports: ImportRun[] }>): void {
  const header = ['rows', 'engine', 'status', 'seconds', 'rows/s', 'COPY rows/s', 'COPY ÷ import', 'first/last 10 % rows/s', 'RSS 10/50/90 % MiB', 'peak MiB', 'server CPU', 'machine busy'];
  const table: string[][] = [];
  for (const r of results) {
    if (r.copy) table.push([formatInt(r.rows), 'COPY', 'done', r.copy.seconds.toFixed(1), formatInt(r.copy.rowsPerSecond), '', '1', '', '', '', '', '']);
    for (const x of r.imports) {
      table.push([
        formatInt(r.rows),
        x.engine,
        x.status,
        x.importSeconds.toFixed(1),
        formatInt(x.rowsPerSecond),
        r.copy ? formatInt(r.copy.rowsPerSecond) : '–',
        r.copy ? (r.copy.rowsPerSecond / x.rowsPerSecond).toFixed(0) : '–',
        `${formatInt(x.rateFirstTenth)} / ${formatInt(x.rateLastTenth)}`,
        `${x.rss.at10} / ${x.rss.at50} / ${x.rss.at90}`,
        String(x.rss.peakMiB),
        `${x.serverCpuPercent.toFixed(0)} %`,
        `${x.machineBusyPercent.toFixed(0)} %`,
      ]);
    }
  }
  console.log(`\n${formatTable(header, table, [0, 1, 2])}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
