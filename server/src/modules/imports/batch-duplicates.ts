import { normalizeIranianPhone } from '#common/identity/index.ts';
import { searchKey } from '#common/text/index.ts';
import { normaliseEmail } from '../search/index.ts';

/*
 * Duplicate detection for a batch of rows, with the answers findExisting gives row after row
 * (skip mode). Every way a row is "the same record" is a key: `email:…`, `phone:…`, `name:…`
 * with the organisation it is scoped to. A row is a duplicate when the workspace already holds
 * one of its probe keys, or an earlier row of the batch that was created stored it.
 */

/** How a row finds an existing record (`probe`), and how later rows find it once created (`stored`). */
export type DuplicateKeys = { probe: string[]; stored: string[] };

/** Emails and phones as the contact-point index holds them (lower-cased, E.164), as `kind:value` keys. */
export function contactKeys(emails: Array<string | { value: string }>, phones: Array<string | { value: string }>): string[] {
  const value = (entry: string | { value: string }) => (typeof entry === 'string' ? entry : entry.value);
  return [
    ...emails.map((e) => normaliseEmail(value(e))).filter(Boolean).map((e) => `email:${e}`),
    ...phones.flatMap((p) => normalizeIranianPhone(value(p)) ?? []).map((p) => `phone:${p}`),
  ];
}

/** `kind:value` keys back into contact points, for the lookup of what the workspace holds. */
export function contactPointsOfKeys(keys: string[]): Array<{ kind: 'email' | 'phone'; value: string }> {
  return keys.flatMap((key) => {
    const [kind, ...rest] = key.split(':');
    return kind === 'email' || kind === 'phone' ? [{ kind, value: rest.join(':') }] : [];
  });
}

/** Full names as duplicate detection compares them: Persian-normalised, spaceless, distinct. */
export function nameKeys(...names: Array<string | null | undefined>): string[] {
  return [...new Set(names.filter((n): n is string => !!n && !!n.trim()).map(searchKey).filter(Boolean))];
}

/** "first last", skipping an empty part. */
export const fullName = (first: string | null | undefined, last: string | null | undefined) => [first, last].filter((p) => p && p.trim()).join(' ');

/** What findExisting would compare, for a batch: each row's keys, and whether the workspace holds a key. */
export type BatchDuplicates = { keys: DuplicateKeys[]; held(key: string): boolean };

/**
 * Walks a batch in order: a row is a duplicate when the workspace holds one of its probe keys
 * (`held`: whatever the rows before it do) or an earlier row that was created stored one; tell
 * it which rows are created.
 */
export function duplicateTracker(batch: BatchDuplicates) {
  const stored = new Set<string>();
  const held = (index: number) => batch.keys[index]!.probe.some((key) => batch.held(key));
  return {
    held,
    isDuplicate: (index: number) => held(index) || batch.keys[index]!.probe.some((key) => stored.has(key)),
    created(index: number) {
      for (const key of batch.keys[index]!.stored) stored.add(key);
    },
  };
}
