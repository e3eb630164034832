import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor, SqlRows } from '#server/kernel/db/database.ts';

/** What pg-boss needs from a connection: parameterised SQL ($1, $2, …) in, rows out. */
export type SqlExecutor = {
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
};

/**
 * Runs pg-boss's parameterised SQL through a drizzle executor, usually an open transaction, so a
 * job is inserted iff that transaction commits.
 *
 * On PGlite this is the only safe way to enqueue inside a transaction: there is one connection, and
 * the database's own executeSql waits for the open transaction to end, which never happens while
 * the transaction awaits the enqueue.
 *
 * pg-boss numbers its parameters itself and may use one several times ($5 appears four times in
 * its insert); drizzle numbers one placeholder per value in order. So the text goes in verbatim
 * and the values follow it inside a trailing SQL comment, where drizzle renders them as $1…$n,
 * exactly the numbering pg-boss used. The server ignores the comment and binds the values to the
 * placeholders in the text, with the types PostgreSQL infers from the text, as pg-boss intended.
 */
export function executorSql(executor: Executor): SqlExecutor {
  return {
    executeSql: async (text, values = []) => {
      const result = (await executor.execute(toDrizzleSql(text, values))) as unknown as SqlRows;
      return { rows: result.rows };
    },
  };
}

export function toDrizzleSql(text: string, values: readonly unknown[]): SQL {
  if (values.length === 0) return sql.raw(text);
  const params = sql.join(
    values.map((value) => sql.param(value)),
    sql.raw(', '),
  );
  return sql`${sql.raw(text)}\n/* pg-boss parameters: ${params} */`;
}

type PgliteScriptClient = {
  transaction<T>(fn: (tx: { exec(text: string): Promise<SqlRows[]> }) => Promise<T>): Promise<T>;
};

type PgPoolClient = {
  query(text: string): Promise<SqlRows | SqlRows[]>;
  release(destroy?: boolean | Error): void;
};

type PgScriptPool = { connect(): Promise<PgPoolClient> };

/**
 * pg-boss's connection to the application's database, on either engine.
 *
 * Parameterised statements go through `database.executeSql`. pg-boss also sends scripts without
 * parameters — several statements wrapped in its own BEGIN … COMMIT (schema install, migrations,
 * maintenance). PGlite runs those only through `exec`, and on both engines a script that fails
 * halfway leaves its connection inside an aborted transaction. So scripts run:
 * - on PGlite, inside `client.transaction`, which holds PGlite's single connection for the whole
 *   script and rolls back on error before anything else may run;
 * - on PostgreSQL, on a connection checked out of the pool for the script alone, and discarded
 *   (not returned to the pool) if the script fails.
 */
export function databaseSql(database: Database): SqlExecutor {
  const client = (database.db as unknown as { $client: unknown }).$client;
  const runScript =
    database.engine === 'pglite'
      ? pgliteScriptRunner(client as PgliteScriptClient)
      : postgresScriptRunner(client as PgScriptPool);
  return {
    executeSql: (text, values) =>
      values && values.length > 0 ? database.executeSql(text, values) : runScript(text),
  };
}

function pgliteScriptRunner(client: PgliteScriptClient) {
  return async (text: string): Promise<SqlRows> => {
    const results = await client.transaction((tx) => tx.exec(text));
    return lastRows(results);
  };
}

function postgresScriptRunner(pool: PgScriptPool) {
  return async (text: string): Promise<SqlRows> => {
    const connection = await pool.connect();
    let result: SqlRows | SqlRows[];
    try {
      result = await connection.query(text);
    } catch (error) {
      // The connection may sit in an aborted transaction: destroy it rather than pool it.
      connection.release(error instanceof Error ? error : true);
      throw error;
    }
    connection.release();
    return lastRows(Array.isArray(result) ? result : [result]);
  };
}

function lastRows(results: SqlRows[]): SqlRows {
  return { rows: results.at(-1)?.rows ?? [] };
}
