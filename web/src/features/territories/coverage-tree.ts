/**
 * Territories under their parents (depth-first, siblings by name as the server sorts them), each
 * with its depth; a territory whose parent is not listed (archived, hidden) starts a tree itself.
 */
export function inTreeOrder<T extends { territory: { id: string; parentId: string | null } | null }>(rows: T[]): Array<{ row: T; depth: number }> {
  const ids = new Set(rows.map((r) => r.territory?.id));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const parent = row.territory?.parentId && ids.has(row.territory.parentId) ? row.territory.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const out: Array<{ row: T; depth: number }> = [];
  const visit = (parent: string | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      out.push({ row, depth });
      if (row.territory && depth < 20) visit(row.territory.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
