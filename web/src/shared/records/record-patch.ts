/** A trimmed text field, or null when nothing is left of it (the API clears a field with null). */
export const textOrNull = (value: string): string | null => value.trim() || null;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Only what changed between two request bodies, so the history says exactly what the user did.
 * Tags are left out: they are edited in place on the 360° page. Custom values are sent as the
 * whole set with the changes on top (`merged`, people and organisations), or as the changed keys
 * alone (`changed`, leads: the server takes those and a null clears one).
 */
export function patchBetween(before: Record<string, unknown>, after: Record<string, unknown>, custom: 'merged' | 'changed'): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'tags') continue;
    if (key === 'custom') {
      const was = (before.custom ?? {}) as Record<string, unknown>;
      const changed = Object.fromEntries(Object.entries(after.custom as Record<string, unknown>).filter(([k, v]) => !same(v, was[k])));
      if (Object.keys(changed).length) patch.custom = custom === 'merged' ? { ...was, ...changed } : changed;
      continue;
    }
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch;
}

/**
 * After a version conflict: the latest values from the server with only the user's own edits on
 * top. Keeping the whole old draft would quietly revert what someone else saved meanwhile.
 * Custom values are rebased key by key for the same reason.
 */
export function rebaseDraft<D extends object>(original: D, draft: D, latest: D): D {
  const was = original as Record<string, unknown>;
  const mine = draft as Record<string, unknown>;
  const rebased: Record<string, unknown> = { ...(latest as Record<string, unknown>) };
  for (const key of Object.keys(mine)) {
    if (same(mine[key], was[key])) continue;
    if (key === 'custom') {
      const wasCustom = (was.custom ?? {}) as Record<string, unknown>;
      const myCustom = (mine.custom ?? {}) as Record<string, unknown>;
      const edited = Object.entries(myCustom).filter(([k, v]) => !same(v, wasCustom[k]));
      rebased.custom = { ...((rebased.custom ?? {}) as Record<string, unknown>), ...Object.fromEntries(edited) };
      continue;
    }
    rebased[key] = mine[key];
  }
  return rebased as D;
}
