/** Messages between the benchmarks (bench/http.ts, import.ts, customers.ts) and bench/http-server.ts (the server under test). */
import type { CustomerDataResult } from './customer-data.ts';
import type { MemorySnapshot } from './memory-probe.ts';

export type ServerStart = {
  type: 'start';
  engine: 'pglite' | 'postgres';
  /** PGlite: the data folder; PostgreSQL: the throwaway database. */
  dataDir: string;
  databaseUrl?: string;
  seed: string;
  auditRows: number;
  members: number;
  /** Position (0 = newest) of the audit entry the deep cursor points after (ignored without audit rows). */
  deepPosition: number;
  /** Customers to fill the workspace with (bench/lib/customer-data.ts); none by default. */
  customers?: { people: number; organizations?: number };
  /** The database was filled by an earlier run (kept): sign in to its workspace, generate nothing. */
  reuse?: boolean;
  logLevel: string;
  /** 'inline' as `peyvand serve` runs (job workers poll the same database), or 'off'. */
  jobs: 'inline' | 'off';
};

export type ServerReady = {
  type: 'ready';
  url: string;
  apiKey: string;
  /** Empty when the workspace has no audit rows. */
  deepCursor: string;
  workspaceId: string;
  engineVersion: string;
  seed: { members: number; auditRows: number; seconds: number; rowsPerSecond: number };
  customers?: CustomerDataResult;
  startSeconds: number;
  rssMiB: number;
};

export type ServerStats = { type: 'stats'; cpuMicros: number; rssMiB: number; heapMiB: number };

/** Start the V8 CPU profiler, or stop it and write the profile to `file`. */
export type ProfileCommand = { type: 'profile-start' } | { type: 'profile-stop'; file: string };

/** Raw SQL in the server's database (PGlite lives in that process): EXPLAIN, counts, probes. */
export type SqlCommand = { type: 'sql'; text: string; values?: unknown[] };
export type SqlRows = { type: 'rows'; rows: any[] };

/**
 * The list cursor the people list would hand out after the row at `position` (0-based) of the
 * people list sorted by `field`/`direction`: lets a benchmark jump to a deep page directly.
 */
export type CursorCommand = { type: 'cursor'; field: string; direction: 'asc' | 'desc'; position: number };
export type CursorAnswer = { type: 'cursor'; cursor: string };

/** Where the server's memory goes (bench/memory.ts); `gc` runs a full garbage collection first. */
export type MemoryCommand = { type: 'memory'; gc?: boolean };
export type MemoryAnswer = { type: 'memory'; snapshot: MemorySnapshot };

/**
 * More data in the started workspace (bench/memory.ts): members and audit entries
 * (tenant-data.ts), then people and their organisations (customer-data.ts).
 */
export type FillCommand = { type: 'fill'; seed: string; members: number; auditRows: number; people: number };
export type FillAnswer = { type: 'filled'; seconds: number; rows: number };

/** A restart: open an existing data folder, migrate and listen; no sign-up, no seeding. */
export type OpenCommand = { type: 'open'; engine: 'pglite' | 'postgres'; dataDir: string; databaseUrl?: string; logLevel: string; jobs: 'inline' | 'off' };
export type OpenAnswer = { type: 'opened'; url: string; startSeconds: number };

export type ParentMessage =
  | ServerStart
  | ProfileCommand
  | SqlCommand
  | CursorCommand
  | MemoryCommand
  | FillCommand
  | OpenCommand
  | { type: 'stats' }
  | { type: 'stop' };
export type ChildMessage =
  | ServerReady
  | ServerStats
  | SqlRows
  | CursorAnswer
  | MemoryAnswer
  | FillAnswer
  | OpenAnswer
  | { type: 'profiling' }
  | { type: 'progress'; text: string }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };
