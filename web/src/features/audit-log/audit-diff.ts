export type Change = { field: string; before: unknown; after: unknown };

export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Fields whose value differs between before and after (all fields on create or delete). */
export function diffEntries(before: unknown, after: unknown): Change[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before === undefined && after === undefined) return [];
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ field: '', before, after }];
  }
  const keys = Array.from(new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})]));
  return keys
    .map((field) => ({ field, before: b?.[field], after: a?.[field] }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}
