// Temporary probe (customers benchmark): EXPLAIN ANALYZE of the people list queries on a kept database.
import { and, getTableColumns, isNotNull, sql } from 'drizzle-orm';
import { openDatabase } from '#server/kernel/db/database.ts';
import { compileFilter } from '#server/kernel/filters/index.ts';
import { peopleCatalog } from '#server/modules/people/people.catalog.ts';
import { peopleRepository } from '#server/modules/people/people.repository.ts';
import { people } from '#server/modules/people/people.schema.ts';
import { resolveSort, sortValueOf } from '#server/modules/people/record-query.ts';

const url = process.argv[2]!;
const which = process.argv[3] ?? 'filter-sort';
const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
const [{ id: ws }] = (await database.executeSql('select workspace_id as id from people limit 1')).rows;
const [{ id: tag }] = (await database.executeSql(`select id from tags where name = 'نمایشگاه ایران‌کامکس'`)).rows;
const catalog = peopleCatalog([]);
const sort = resolveSort(catalog, { field: 'lastName', direction: 'asc' });
const filter =
  which === 'sort'
    ? undefined
    : compileFilter(catalog, { op: 'and', conditions: [{ field: 'tags', op: 'has_any', value: [tag] }, { field: 'source', op: 'eq', value: 'نمایشگاه' }] }, {});
const where = peopleRepository.listWhere(ws, { deleted: false, filter });
const q = database.db
  .select({ ...getTableColumns(people), sortValue: sortValueOf(sort) })
  .from(people)
  .where(and(where, isNotNull(sort.expression)))
  .orderBy(sql`${sort.expression} asc`, sql`${people.id} asc`)
  .limit(51);
const { sql: text, params } = q.toSQL();
if (process.argv.includes('--sql')) console.log(text, params);
const plan = await database.executeSql(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
for (const row of plan.rows) console.log(row['QUERY PLAN']);
await database.close();
