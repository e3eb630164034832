import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeVersion, describeMachine, formatMachine, packageVersion, type Machine } from './machine.ts';
import { BENCH_ADMIN_URL, postgresServerVersion, type ThrowawayDatabase } from './throwaway-postgres.ts';

/*
 * The scaffolding every benchmark repeats: which engines to run, the machine and versions header,
 * percentiles, a throwaway database kept by an earlier run, cleanup on Ctrl-C, and the JSON report
 * in bench/out. Figures are what the scripts differ in; this is what they share.
 */

export type Engine = 'pglite' | 'postgres';

export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));

/** `--engines postgres,pglite` → the engines, in the order given. */
export function parseEngines(text: string): Engine[] {
  const engines = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const engine of engines) if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`--engines: unknown engine "${engine}"`);
  return engines as Engine[];
}

export type RunVersions = {
  code: { commit: string; changedFiles: number } | null;
  node: string;
  pglite: string;
  postgresServer: string | null;
};

/** Prints the machine, the commit and the engine versions; returns them for the JSON report. */
export async function printRunHeader(engines: readonly Engine[]): Promise<{ machine: Machine; versions: RunVersions }> {
  const machine = describeMachine();
  const versions: RunVersions = {
    code: codeVersion(),
    node: process.version,
    pglite: packageVersion('@electric-sql/pglite'),
    postgresServer: engines.includes('postgres') ? await postgresServerVersion() : null,
  };
  console.log(`machine:  ${formatMachine(machine)}`);
  if (versions.code) console.log(`code:     ${versions.code.commit}${versions.code.changedFiles ? ` + ${versions.code.changedFiles} changed files` : ''}`);
  console.log(`versions: @electric-sql/pglite ${versions.pglite}${versions.postgresServer ? `, PostgreSQL server ${versions.postgresServer}` : ''}`);
  return { machine, versions };
}

/**
 * A database an earlier `--keep` run filled, to measure again. Only names the benchmarks create
 * are accepted, so a typo cannot point a benchmark at a real database; it is never dropped.
 */
export function keptBenchDatabase(name: string): ThrowawayDatabase {
  if (!/^peyvand_bench_[0-9a-f]+$/.test(name)) throw new Error('--database expects the name of a database a --keep run made (peyvand_bench_…)');
  return { name, url: BENCH_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), drop: async () => {} };
}

const pendingCleanups = new Set<() => Promise<void>>();
let interruptHandled = false;

/**
 * Registers work that must run if the user presses Ctrl-C (stop a server, drop a throwaway
 * database); returns the function that unregisters it once it ran normally.
 */
export function cleanupOnInterrupt(cleanup: () => Promise<void>): () => void {
  if (!interruptHandled) {
    interruptHandled = true;
    process.once('SIGINT', () => {
      console.error('\ninterrupted: cleaning up (throwaway databases, servers)…');
      void Promise.allSettled([...pendingCleanups].map((c) => c())).finally(() => process.exit(130));
    });
  }
  pendingCleanups.add(cleanup);
  return () => pendingCleanups.delete(cleanup);
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** Milliseconds as printed: one decimal below 10, whole above. */
export const formatMs = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString());

/** Nearest rank: the smallest value with at least p % of the samples at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export type LatencySummary = { mean: number; p50: number; p90: number; p99: number; max: number; min: number };

export function summarize(values: readonly number[]): LatencySummary {
  return {
    mean: round1(values.reduce((a, b) => a + b, 0) / values.length),
    p50: round1(percentile(values, 50)),
    p90: round1(percentile(values, 90)),
    p99: round1(percentile(values, 99)),
    max: round1(Math.max(...values)),
    min: round1(Math.min(...values)),
  };
}

/** Writes bench/out/<name>-<time>.json and <name>-latest.json; returns the first path. */
export function writeReport(outDir: string, name: string, report: { at: string }): string {
  mkdirSync(outDir, { recursive: true });
  const stamp = report.at.replace(/[:.]/g, '-');
  const file = join(outDir, `${name}-${stamp}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  writeFileSync(join(outDir, `${name}-latest.json`), JSON.stringify(report, null, 2));
  return file;
}

/** A plain text table: the first `leftColumns` columns left-aligned, the rest right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], leftColumns: readonly number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (leftColumns.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
