import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { startStatisticsRefresh } from './statistics.ts';

/*
 * PGlite has no autovacuum: the refresh must notice a table that grew and analyse it, so the
 * planner's row estimate (pg_class.reltuples) follows the data; an unchanged table is left alone.
 */
let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const estimate = async (db: Database, table: string) =>
  Number((await db.executeSql(`SELECT reltuples FROM pg_class WHERE relname = $1`, [table])).rows[0].reltuples);

describe('planner statistics refresh (PGlite)', () => {
  it('analyses a table that changed beyond the threshold, and only that one', async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await database.executeSql('CREATE TABLE grows (n int)');
    await database.executeSql('CREATE TABLE still (n int)');
    await database.executeSql('INSERT INTO still SELECT generate_series(1, 100)');
    const refresh = startStatisticsRefresh(database);
    await refresh.refreshNow();
    expect(await estimate(database, 'still')).toBe(100);

    await database.executeSql('INSERT INTO grows SELECT generate_series(1, 20000)');
    expect(await estimate(database, 'grows')).toBeLessThan(1); // never analysed: -1
    // The change counters may publish one pass late; two passes always see them.
    const analysed = [...(await refresh.refreshNow()), ...(await refresh.refreshNow())];
    expect(analysed).toEqual(['public.grows']);
    expect(await estimate(database, 'grows')).toBe(20000);
    await refresh.stop();
  });
});
