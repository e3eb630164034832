import { searchKey } from '#common/text/index.ts';
import { normalizeIranianPhone } from '#common/identity/index.ts';
import { and, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { PgColumn } from 'drizzle-orm/pg-core';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { FieldCatalog, SortSpec } from '../../kernel/filters/filter.types.ts';
import { isSortable, persianSortKey } from '../../kernel/filters/index.ts';
import type { Page } from '../../kernel/http/pagination.ts';

/*
 * Query pieces the people and organisation repositories share: quick search on the stored
 * search key, and keyset pagination over any sortable field of a catalog. Sorting by a field
 * other than created_at still pages by keyset on (field, id), never OFFSET, so page 500 costs what
 * page 1 costs and rows inserted meanwhile never shift a page.
 */

export type ResolvedSort = {
  field: string;
  direction: 'asc' | 'desc';
  expression: PgColumn | SQL;
  /** NOT NULL columns skip the null handling, which keeps the (workspace_id, created_at, id) index usable. */
  notNull: boolean;
};

type SortCursor = { f: string; d: 'asc' | 'desc'; v: string | null; id: string };

const invalid = (path: string, code: string, fa: string, en: string) =>
  kernelErrors.validation_failed({ fieldErrors: [{ path, code, message: { fa, en } }] });

/**
 * The catalog decides whether a field may be sorted on. Text sorts by the filters kernel's
 * Persian sort key (پ after ب, empty last), the same order saved views get from compileSort.
 */
export function resolveSort(catalog: FieldCatalog, spec: SortSpec): ResolvedSort {
  const def = Object.hasOwn(catalog, spec.field) ? catalog[spec.field] : undefined;
  if (!def || !isSortable(def)) {
    throw invalid('sort', 'not_sortable', `نمی‌توان بر اساس «${spec.field}» مرتب کرد.`, `Cannot sort by "${spec.field}".`);
  }
  if (def.type === 'text') return { field: spec.field, direction: spec.direction, expression: persianSortKey(sql`${def.column}`), notNull: false };
  const notNull = def.column instanceof PgColumn && def.column.notNull;
  return { field: spec.field, direction: spec.direction, expression: def.column, notNull };
}

export function parseSortParam(param: string | undefined): SortSpec | undefined {
  if (!param) return undefined;
  const [field, direction] = param.split(':');
  return { field: field!, direction: direction === 'asc' ? 'asc' : 'desc' };
}

/** The sort value as text: it round-trips through the cursor and compares in the column's own type. */
export const sortValueOf = (sort: ResolvedSort): SQL<string | null> => sql<string | null>`(${sort.expression})::text`;

/**
 * The whole order of a sorted list as one ORDER BY (empty values last). Pages are read with
 * readSorted instead; this is for tools that need the row at a position (benchmarks).
 */
export function sortOrderBy(sort: ResolvedSort, id: PgColumn): SQL[] {
  const dir = sql.raw(sort.direction);
  if (sort.notNull) return [sql`${sort.expression} ${dir}`, sql`${id} ${dir}`];
  return [sql`${sort.expression} ${dir} nulls last`, sql`${id} ${dir}`];
}

/** Where the next page starts: after the row with this sort value and id. */
export type SortPosition = { v: string | null; id: string };

function decodeSortCursor(cursor: string, sort: ResolvedSort): SortCursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<SortCursor>;
    const shapeOk = typeof value.id === 'string' && (typeof value.v === 'string' || value.v === null);
    if (shapeOk && value.f === sort.field && value.d === sort.direction) return value as SortCursor;
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor', 'invalid_cursor', 'نشانگر صفحه نامعتبر است.', 'The page cursor is not valid.');
}

/** The position a list cursor stands for; a cursor of another sort is a 400 invalid_cursor. */
export function sortCursorPosition(sort: ResolvedSort, cursor: string | undefined): SortPosition | undefined {
  if (!cursor) return undefined;
  const { v, id } = decodeSortCursor(cursor, sort);
  return { v, id };
}

export function encodeSortCursor(sort: ResolvedSort, row: { id: string; sortValue: string | null }): string {
  return Buffer.from(JSON.stringify({ f: sort.field, d: sort.direction, v: row.sortValue, id: row.id } satisfies SortCursor)).toString('base64url');
}

/** One query of a keyset read: its extra condition, its ORDER BY and how many rows it may return. */
export type SortedReadPart = { where: SQL | undefined; orderBy: SQL[]; limit: number };

/**
 * Reads up to `limit` rows after `after` in (sort value, id) order, empty values last in both
 * directions, the sort column and the id tie-breaker always in the same direction.
 *
 * Every query is a row-value comparison `(value, id) > ($v, $id)` (or `<` descending) with a
 * plain ORDER BY, which PostgreSQL turns into a seek on a `(workspace_id, value, id)` index, in
 * either direction. An OR form (`value > $v OR (value = $v AND id > $id) OR value IS NULL`)
 * cannot bound an index scan: the database walks every earlier row first, so page 500 would cost
 * 500 times page 1 (docs/performance.md). A nullable sort is therefore read in two parts, the
 * rows with a value and then, only when the page is not yet full, the empty ones by id:
 *
 *   1. `value IS NOT NULL` (first page) or `(value, id) > ($v, $id)` (NULL never compares, so
 *      this part holds no empty values; its ORDER BY needs no NULLS clause, which keeps a
 *      backward index scan usable for descending sorts);
 *   2. `value IS NULL` (and `id > $id` once the cursor is among them), ordered by id.
 */
export async function readSorted<T>(
  sort: ResolvedSort,
  id: PgColumn,
  after: SortPosition | undefined,
  limit: number,
  read: (part: SortedReadPart) => Promise<T[]>,
): Promise<T[]> {
  const e = sort.expression;
  const dir = sql.raw(sort.direction);
  const beyond = sort.direction === 'desc' ? sql.raw('<') : sql.raw('>');
  const valuedPart = (where: SQL | undefined, n: number) => read({ where, orderBy: [sql`${e} ${dir}`, sql`${id} ${dir}`], limit: n });
  const emptyPart = (afterId: string | undefined, n: number) =>
    read({ where: afterId ? and(isNull(e), sql`${id} ${beyond} ${afterId}`) : isNull(e), orderBy: [sql`${id} ${dir}`], limit: n });
  if (sort.notNull) return valuedPart(after ? sql`(${e}, ${id}) ${beyond} (${after.v}, ${after.id})` : undefined, limit);
  if (after && after.v === null) return emptyPart(after.id, limit);
  const rows = await valuedPart(after ? sql`(${e}, ${id}) ${beyond} (${after.v}, ${after.id})` : isNotNull(e), limit);
  return rows.length >= limit ? rows : [...rows, ...(await emptyPart(undefined, limit - rows.length))];
}

/** Fetch limit + 1 rows; the extra one says whether another page exists. */
export function toSortedPage<T extends { id: string; sortValue: string | null }>(rows: T[], limit: number, sort: ResolvedSort): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeSortCursor(sort, last) : null };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Substring match on the stored search key, normalised the same way (Arabic ي/ك, ZWNJ, spaces,
 * digits). A query that reads as a phone number also matches its E.164 form, so 0098 912 …
 * finds a number stored as +98912….
 */
export function quickSearch(searchKeyColumn: PgColumn, q: string | undefined): SQL | undefined {
  const key = q ? searchKey(q) : '';
  if (!key) return undefined;
  const phone = normalizeIranianPhone(q!);
  const patterns = [...new Set([key, ...(phone ? [phone] : [])])];
  return or(...patterns.map((p) => sql`${searchKeyColumn} like ${`%${escapeLike(p)}%`}`));
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalidCursor = () => invalid('cursor', 'invalid_cursor', 'نشانگر صفحه نامعتبر است.', 'The page cursor is not valid.');

/** SQLSTATE class 22 (data exception): a value the database cannot read as its column's type. */
function isDataException(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) if (typeof e.code === 'string' && e.code.startsWith('22')) return true;
  return false;
}

/**
 * A cursor is opaque but still client input: one that was edited by hand can be well-formed JSON
 * whose values are not a uuid, a number or a date. Its id is checked here, and a value the
 * database cannot compare with the sort column is a 400 invalid_cursor, never a 500.
 */
export async function withCursorChecked<T>(cursor: string | undefined, read: () => Promise<T>): Promise<T> {
  if (!cursor) return read();
  let id: unknown;
  try {
    id = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))?.id;
  } catch {
    throw invalidCursor();
  }
  if (typeof id !== 'string' || !UUID_RE.test(id)) throw invalidCursor();
  try {
    return await read();
  } catch (error) {
    throw isDataException(error) ? invalidCursor() : error;
  }
}
