import { describe, expect, it } from 'vitest';
import { inTreeOrder } from './coverage-tree.ts';

const row = (id: string, parentId: string | null = null) => ({ territory: { id, parentId } });

describe('inTreeOrder', () => {
  it('puts sub-territories right under their parent, one level deeper', () => {
    const rows = [row('a'), row('a1', 'a'), row('b'), row('a2', 'a'), row('a11', 'a1')];
    expect(inTreeOrder(rows).map(({ row, depth }) => `${row.territory.id}:${depth}`)).toEqual(['a:0', 'a1:1', 'a11:2', 'a2:1', 'b:0']);
  });

  it('starts a tree at a territory whose parent is not listed', () => {
    expect(inTreeOrder([row('x', 'archived'), row('y')]).map(({ row, depth }) => `${row.territory.id}:${depth}`)).toEqual(['x:0', 'y:0']);
  });
});
