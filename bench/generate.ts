/*
 * Deterministic benchmark data: the same seed gives byte-identical files on every machine.
 *
 *   node bin/run-ts.js bench/generate.ts --people 1M --seed peyvand
 *   node bin/run-ts.js bench/generate.ts --people 1M --activities 10M --orders 10M
 *   node bin/run-ts.js bench/generate.ts --self-check
 *
 * As a library it also fills an existing workspace (audit log, members): see generateTenantData.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatInt, parseCount } from './lib/args.ts';
import {
  ACTIVITY_COLUMNS,
  activityAt,
  activityRecord,
  createDataset,
  ORDER_COLUMNS,
  orderAt,
  orderRecord,
  ORGANIZATION_COLUMNS,
  organizationAt,
  organizationRecord,
  PERSON_COLUMNS,
  personAt,
  personRecord,
  type Dataset,
  type DatasetOptions,
} from './lib/crm-data.ts';
import { writeCsv, type CsvValue, type CsvWriteResult } from './lib/csv.ts';
import { describeMachine, formatMachine } from './lib/machine.ts';

export * from './lib/crm-data.ts';
export { generateTenantData, type TenantDataOptions, type TenantDataResult } from './lib/tenant-data.ts';
export { writeCsv, csvField, csvLine } from './lib/csv.ts';
export { Prng, stableUuid, stream, rowRng } from './lib/prng.ts';

export const DEFAULT_OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));

export type EntityKind = 'organizations' | 'people' | 'activities' | 'orders';

export const ENTITY_KINDS: readonly EntityKind[] = ['organizations', 'people', 'activities', 'orders'];

const FILES: Record<EntityKind, { header: readonly string[]; record: (ds: Dataset, i: number) => readonly CsvValue[] }> = {
  organizations: { header: ORGANIZATION_COLUMNS, record: (ds, i) => organizationRecord(organizationAt(ds, i)) },
  people: { header: PERSON_COLUMNS, record: (ds, i) => personRecord(personAt(ds, i)) },
  activities: { header: ACTIVITY_COLUMNS, record: (ds, i) => activityRecord(activityAt(ds, i)) },
  orders: { header: ORDER_COLUMNS, record: (ds, i) => orderRecord(orderAt(ds, i)) },
};

export type WriteDatasetOptions = {
  dataset: Dataset;
  outDir?: string;
  only?: readonly EntityKind[];
  bom?: boolean;
  onFile?: (kind: EntityKind, result: CsvWriteResult) => void;
  onProgress?: (kind: EntityKind, done: number, total: number) => void;
};

/** Writes organizations.csv, people.csv, activities.csv and orders.csv, one after the other, streaming. */
export async function writeDataset(options: WriteDatasetOptions): Promise<Record<string, CsvWriteResult>> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  mkdirSync(outDir, { recursive: true });
  const results: Record<string, CsvWriteResult> = {};
  for (const kind of options.only ?? ENTITY_KINDS) {
    const { header, record } = FILES[kind];
    const rows = options.dataset.size[kind === 'organizations' ? 'organizations' : kind];
    const result = await writeCsv({
      file: join(outDir, `${kind}.csv`),
      header,
      rows,
      bom: options.bom,
      record: (i) => record(options.dataset, i),
      onProgress: (done) => options.onProgress?.(kind, done, rows),
    });
    results[kind] = result;
    options.onFile?.(kind, result);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `Usage: node bin/run-ts.js bench/generate.ts [options]

Writes organizations.csv, people.csv, activities.csv and orders.csv (UTF-8, RFC 4180, CRLF).

  --people N          people (default 10000); counts accept 200k, 1M, 1_000_000
  --organizations N   organisations (default people / 10)
  --activities N      activities (default people × 10)
  --orders N          orders (default people × 3)
  --seed S            any string (default "peyvand"); same seed → same files
  --only LIST         comma-separated subset: organizations,people,activities,orders
  --from YYYY/MM/DD   first Jalali day of generated activity (default 1398/01/01)
  --to YYYY/MM/DD     last Jalali day (default 1404/12/29)
  --persian-share X   share of Persian-named people and organisations, 0–1 (default 0.8)
  --out DIR           output folder (default bench/out)
  --bom               start each file with a UTF-8 BOM (for Excel)
  --self-check        verify checksums, phone numbers, time zones and determinism, then exit
`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: 'string' },
      organizations: { type: 'string' },
      activities: { type: 'string' },
      orders: { type: 'string' },
      seed: { type: 'string', default: 'peyvand' },
      only: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'persian-share': { type: 'string' },
      out: { type: 'string' },
      bom: { type: 'boolean', default: false },
      'self-check': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values['self-check']) {
    const { runSelfCheck } = await import('./lib/self-check.ts');
    process.exitCode = runSelfCheck() ? 0 : 1;
    return;
  }
  const people = parseCount('people', values.people, 10_000);
  const size = {
    people,
    organizations: parseCount('organizations', values.organizations, Math.max(1, Math.floor(people / 10))),
    activities: parseCount('activities', values.activities, people * 10),
    orders: parseCount('orders', values.orders, people * 3),
  };
  if (size.people < 1 && (size.activities > 0 || size.orders > 0)) throw new Error('activities and orders need at least one person');
  const only = values.only?.split(',').map((k) => k.trim()) as EntityKind[] | undefined;
  for (const kind of only ?? []) if (!ENTITY_KINDS.includes(kind)) throw new Error(`--only: unknown file "${kind}"`);
  const persianShare = values['persian-share'] === undefined ? undefined : Number(values['persian-share']);
  if (persianShare !== undefined && !(persianShare >= 0 && persianShare <= 1)) throw new Error('--persian-share expects a number from 0 to 1');
  const options: DatasetOptions = { seed: values.seed, size, from: values.from, to: values.to, persianShare };
  const dataset = createDataset(options);
  const outDir = resolve(values.out ?? DEFAULT_OUT_DIR);

  console.log(`machine: ${formatMachine(describeMachine())}`);
  console.log(`seed "${dataset.seed}" → ${outDir}`);
  const started = performance.now();
  const results = await writeDataset({
    dataset,
    outDir,
    only,
    bom: values.bom,
    onProgress: (kind, done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r  ${kind}: ${formatInt(done)} / ${formatInt(total)}   `);
    },
    onFile: (kind, r) => {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      console.log(
        `  ${`${kind}.csv`.padEnd(18)} ${formatInt(r.rows).padStart(12)} rows ${(r.bytes / 1024 ** 2).toFixed(1).padStart(9)} MB ` +
          `${r.seconds.toFixed(1).padStart(7)} s ${formatInt(r.rows / r.seconds).padStart(10)} rows/s`,
      );
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const totalRows = Object.values(results).reduce((sum, r) => sum + r.rows, 0);
  console.log(`  total ${formatInt(totalRows)} rows in ${seconds.toFixed(1)} s (${formatInt(totalRows / seconds)} rows/s), peak RSS ${formatInt(process.resourceUsage().maxRSS / 1024)} MB`);
  writeFileSync(
    join(outDir, 'generate-summary.json'),
    JSON.stringify({ at: new Date().toISOString(), machine: describeMachine(), options, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, files: results }, null, 2),
  );
}

const invokedDirectly = !!process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
