import { searchKey } from '#common/text/index.ts';

/**
 * The stored search/dedupe key of a record: every searchable part, Persian-normalised and
 * spaceless (see common/src/text), joined by '|' so a match never spans two parts by accident.
 */
export function recordSearchKey(parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .map((p) => searchKey(p))
    .filter(Boolean)
    .join('|');
}
