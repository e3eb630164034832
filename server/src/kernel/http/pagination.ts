import { desc, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { kernelErrors } from '../errors/index.ts';

export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200'),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
});
export type TListQuery = z.infer<typeof ZListQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export type Page<T> = { items: T[]; nextCursor: string | null };

type Cursor = { at: string; id: string };

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value?.at === 'string' && typeof value?.id === 'string' && !Number.isNaN(Date.parse(value.at))) return value;
  } catch {
    // fall through to the error below
  }
  throw kernelErrors.validation_failed({
    fieldErrors: [{ path: 'cursor', code: 'invalid_cursor', message: { fa: 'نشانگر صفحه نامعتبر است.', en: 'The page cursor is not valid.' } }],
  });
}

/**
 * Newest first, keyset on (timestamp, id): stable under inserts and as fast on page 10,000 as on
 * page 1, unlike OFFSET. Timestamps are stored with millisecond precision (timestamptz(3)) so the
 * cursor, which holds a JS Date, compares equal to the stored value.
 */
export function keysetWhere(at: PgColumn, id: PgColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  // A row-value comparison lets PostgreSQL seek straight into the (…, at, id) index; the
  // equivalent OR form makes it walk every newer row first (measured in docs/performance.md).
  return sql`(${at}, ${id}) < (${new Date(c.at).toISOString()}::timestamptz, ${c.id})`;
}

export const keysetOrder = (at: PgColumn, id: PgColumn) => [desc(at), desc(id)];

/** Fetch limit + 1 rows; the extra one tells whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => { at: Date; id: string }): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(keyOf(last).at, keyOf(last).id) : null;
  return { items, nextCursor };
}
