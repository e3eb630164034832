import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '#server/kernel/db/database.ts';

/*
 * Where the memory of a Peyvand server process goes, seen from inside it (bench/http-server.ts
 * answers bench/memory.ts with this). process.memoryUsage() alone does not tell PGlite apart:
 * its WebAssembly linear memory is counted in `external` at its full size, while only the pages
 * PostgreSQL has touched are resident. On Linux the resident part is read from /proc/self/smaps:
 * V8 maps a linear memory as one read-write mapping of exactly its size, followed by the
 * inaccessible reservation it may grow into.
 */

export type MemorySnapshot = {
  /** process.memoryUsage(), in bytes. */
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** PGlite only: the size of its WebAssembly linear memory. It grows on demand and never shrinks. */
  wasmBytes: number | null;
  /** PGlite on Linux: how much of that memory is resident (pages PostgreSQL has written to). */
  wasmResident: number | null;
  /** PGlite only: the memory settings PostgreSQL runs with, as `SHOW` prints them. */
  settings: Record<string, string> | null;
};

export const MEMORY_SETTINGS = [
  'shared_buffers',
  'wal_buffers',
  'work_mem',
  'maintenance_work_mem',
  'temp_buffers',
  'effective_cache_size',
  'max_connections',
  'shared_memory_size',
] as const;

let gc: (() => void) | undefined;

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

export async function memorySnapshot(database: Database | undefined, options: { gc?: boolean } = {}): Promise<MemorySnapshot> {
  const client = database?.engine === 'pglite' ? (database.db as unknown as { $client: PGlite }).$client : undefined;
  let settings: Record<string, string> | null = null;
  if (database && client) {
    const { rows } = await database.executeSql('SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1::text[])', [
      [...MEMORY_SETTINGS],
    ]);
    settings = Object.fromEntries(rows.map((r) => [String(r.name), String(r.value)]));
  }
  if (options.gc) collectGarbage();
  const usage = process.memoryUsage();
  const wasmBytes = client ? client.Module.HEAPU8.buffer.byteLength : null;
  return {
    rss: usage.rss,
    heapTotal: usage.heapTotal,
    heapUsed: usage.heapUsed,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    wasmBytes,
    wasmResident: wasmBytes === null ? null : residentOfLinearMemory(wasmBytes),
    settings,
  };
}

/** The resident bytes of the read-write anonymous mapping of exactly `size` bytes followed by a reservation; null if not found. */
function residentOfLinearMemory(size: number): number | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return null;
  }
  type Mapping = { start: number; end: number; perms: string; anonymous: boolean; rss: number };
  const mappings: Mapping[] = [];
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      mappings.push({ start: parseInt(head[1]!, 16), end: parseInt(head[2]!, 16), perms: head[3]!, anonymous: head[4] === '0' && !head[5], rss: 0 });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && mappings.length) mappings[mappings.length - 1]!.rss = Number(rss[1]) * 1024;
  }
  for (let i = 0; i < mappings.length - 1; i++) {
    const m = mappings[i]!;
    const next = mappings[i + 1]!;
    if (m.anonymous && m.perms.startsWith('rw') && m.end - m.start === size && next.start === m.end && next.perms.startsWith('---')) return m.rss;
  }
  return null;
}
