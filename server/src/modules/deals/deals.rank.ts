import { add, compare, divide, subtract } from '#common/money/index.ts';

/*
 * Board order: each card has a fractional rank (numeric(30, 10)); a card dropped between two
 * others gets the midpoint of their ranks, so a move writes one row. When the gap between two
 * neighbours gets too small for another midpoint, the column is renumbered 1, 2, 3 … first.
 */

export const RANK_SCALE = 10;
/** Below this gap a midpoint would lose digits: renumber the column first. */
const MIN_GAP = '0.000001';

/** The rank between two neighbours; null above means the top of the column, null below the bottom. */
export function rankBetween(above: string | null, below: string | null): string {
  if (above === null && below === null) return '1';
  if (above === null) return subtract(below!, '1');
  if (below === null) return add(above, '1');
  return divide(add(above, below), '2', RANK_SCALE);
}

/** Whether a midpoint between these neighbours still fits the rank's precision. */
export function hasRoomBetween(above: string | null, below: string | null): boolean {
  if (above === null || below === null) return true;
  return compare(subtract(below, above), MIN_GAP) > 0;
}
