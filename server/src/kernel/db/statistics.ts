import type { Database } from './database.ts';

/*
 * PGlite runs no autovacuum, so nothing refreshes the planner's statistics: a workspace that grows
 * through the app keeps the row counts of its last ANALYZE, and the planner then picks scans that
 * are orders of magnitude slower (a duplicate lookup measured 1.5 s instead of 17 ms). This does
 * what PostgreSQL's autoanalyze would: tables that changed by more than a threshold since their
 * last ANALYZE are analysed again. On PostgreSQL the server's own autovacuum does it.
 */

/** PostgreSQL's defaults: autovacuum_analyze_threshold 50, autovacuum_analyze_scale_factor 0.1. */
const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

export type StatisticsRefresh = {
  /** One pass: analyses the tables that need it; returns their names. */
  refreshNow(): Promise<string[]>;
  /** Stops the timer and waits for a pass under way, so the database can be closed after it. */
  stop(): Promise<void>;
};

export function startStatisticsRefresh(database: Database, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): StatisticsRefresh {
  let running: Promise<string[]> | undefined;

  async function pass(): Promise<string[]> {
    // The single backend only publishes its change counters at a flush point; ask for one now.
    await database.executeSql('SELECT pg_stat_force_next_flush()');
    const { rows } = await database.executeSql(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(relname) AS name
         FROM pg_stat_user_tables
        WHERE n_mod_since_analyze > $1::float8 + $2::float8 * GREATEST(n_live_tup, 0)
        ORDER BY n_mod_since_analyze DESC`,
      [BASE_THRESHOLD, SCALE_FACTOR],
    );
    const names = rows.map((row) => String((row as { name: string }).name));
    for (const name of names) await database.executeSql(`ANALYZE ${name}`);
    return names;
  }

  const refreshNow = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const enabled = database.engine === 'pglite' && (options.intervalMs ?? 0) > 0;
  const timer = enabled
    ? setInterval(() => {
        refreshNow().catch((error) => options.onError?.(error));
      }, options.intervalMs)
    : undefined;
  timer?.unref();

  return {
    refreshNow,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
