import { describe, expect, it } from 'vitest';
import { hasRoomBetween, rankBetween } from './deals.rank.ts';

describe('board ranks', () => {
  it('takes the midpoint between neighbours, exactly, and steps by one at the edges', () => {
    expect(rankBetween('1', '2')).toBe('1.5000000000');
    expect(rankBetween('-3', '-2.5')).toBe('-2.7500000000');
    expect(rankBetween(null, '1')).toBe('0.00');
    expect(rankBetween('7.25', null)).toBe('8.25');
    expect(rankBetween(null, null)).toBe('1');
  });

  it('says when two neighbours are too close for another midpoint', () => {
    expect(hasRoomBetween('1', '1.0000001')).toBe(false);
    expect(hasRoomBetween('1', '1.00001')).toBe(true);
    expect(hasRoomBetween(null, '1')).toBe(true);
    // Twenty halvings from a gap of one still fit; the column is renumbered long before digits run out.
    let below = '2';
    for (let i = 0; i < 20; i += 1) below = rankBetween('1', below);
    expect(hasRoomBetween('1', below)).toBe(false);
    expect(below.length).toBeLessThanOrEqual(12);
  });
});
