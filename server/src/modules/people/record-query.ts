import { searchKey } from '#common/text/index.ts';
import { normalizeIranianPhone } from '#common/identity/index.ts';
import { and, isNull, or, sql, type SQL } from 'drizzle-orm';
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

export function sortOrderBy(sort: ResolvedSort, id: PgColumn): SQL[] {
  const dir = sql.raw(sort.direction);
  if (sort.notNull) return [sql`${sort.expression} ${dir}`, sql`${id} ${dir}`];
  return [sql`${sort.expression} ${dir} nulls last`, sql`${id} ${dir}`];
}

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

/** Rows after the cursor in (sort value, id) order, nulls last in both directions. */
export function sortKeysetWhere(sort: ResolvedSort, id: PgColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeSortCursor(cursor, sort);
  const after = sort.direction === 'desc' ? sql.raw('<') : sql.raw('>');
  const e = sort.expression;
  if (sort.notNull) return sql`(${e}, ${id}) ${after} (${c.v}, ${c.id})`;
  if (c.v === null) return and(isNull(e), sql`${id} ${after} ${c.id}`);
  return or(sql`${e} ${after} ${c.v}`, and(sql`${e} = ${c.v}`, sql`${id} ${after} ${c.id}`), isNull(e));
}

/** Fetch limit + 1 rows; the extra one says whether another page exists. */
export function toSortedPage<T extends { id: string; sortValue: string | null }>(rows: T[], limit: number, sort: ResolvedSort): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify({ f: sort.field, d: sort.direction, v: last.sortValue, id: last.id } satisfies SortCursor)).toString('base64url')
      : null;
  return { items, nextCursor };
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
