/** Messages between bench/http.ts (the load generator) and bench/http-server.ts (the server under test). */

export type ServerStart = {
  type: 'start';
  engine: 'pglite' | 'postgres';
  /** PGlite: the data folder; PostgreSQL: the throwaway database. */
  dataDir: string;
  databaseUrl?: string;
  seed: string;
  auditRows: number;
  members: number;
  /** Position (0 = newest) of the audit entry the deep cursor points after. */
  deepPosition: number;
  logLevel: string;
  /** 'inline' as `peyvand serve` runs (job workers poll the same database), or 'off'. */
  jobs: 'inline' | 'off';
};

export type ServerReady = {
  type: 'ready';
  url: string;
  apiKey: string;
  deepCursor: string;
  engineVersion: string;
  seed: { members: number; auditRows: number; seconds: number; rowsPerSecond: number };
  startSeconds: number;
  rssMiB: number;
};

export type ServerStats = { type: 'stats'; cpuMicros: number; rssMiB: number; heapMiB: number };

/** Start the V8 CPU profiler, or stop it and write the profile to `file`. */
export type ProfileCommand = { type: 'profile-start' } | { type: 'profile-stop'; file: string };

export type ParentMessage = ServerStart | ProfileCommand | { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | ServerReady
  | ServerStats
  | { type: 'profiling' }
  | { type: 'progress'; text: string }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };
