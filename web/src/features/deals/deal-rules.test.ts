import { describe, expect, it } from 'vitest';
import type { Stage } from '../pipelines/pipelines.api.ts';
import { boardAfterMove } from './board-move.ts';
import { amountFromApi, amountToApi, isOverdue, rottingDays } from './deal-rules.ts';
import type { Board, Deal } from './deals.api.ts';

const stage = (id: string, probability: number, kind: Stage['kind'] = 'open', rottingDays: number | null = null): Stage => ({
  id,
  pipelineId: 'p',
  name: id,
  position: 0,
  probability,
  kind,
  rottingDays,
  version: 1,
  archivedAt: null,
});

const deal = (id: string, stageId: string, amountBase: string, probabilityOverride: number | null = null): Deal =>
  ({ id, title: id, stageId, amountBase, amount: amountBase, currency: 'IRR', probabilityOverride, status: 'open', stageEnteredAt: '2026-11-01T00:00:00Z' }) as Deal;

function board(): Board {
  const a = stage('a', 10);
  const b = stage('b', 50);
  const won = stage('won', 100, 'won');
  return {
    pipeline: { id: 'p', name: 'p', isDefault: true, position: 0, version: 1, archivedAt: null, stages: [a, b, won] },
    columns: [
      { stage: a, count: 2, totalBase: '300.00', weightedBase: '30.00', deals: [deal('x', 'a', '100.00'), deal('y', 'a', '200.00', 80)], nextCursor: null },
      { stage: b, count: 1, totalBase: '1000.00', weightedBase: '500.00', deals: [deal('z', 'b', '1000.00')], nextCursor: null },
      { stage: won, count: 0, totalBase: '0', weightedBase: '0', deals: [], nextCursor: null },
    ],
  };
}

describe('boardAfterMove', () => {
  it('moves the card, its count and its share of the totals to the target column', () => {
    const after = boardAfterMove(board(), 'x', { stageId: 'b', beforeId: 'z' });
    expect(after.columns[0]).toMatchObject({ count: 1, totalBase: '200.00', weightedBase: '20.00' });
    expect(after.columns[1]).toMatchObject({ count: 2, totalBase: '1100.00', weightedBase: '550.00' });
    expect(after.columns[1]!.deals.map((d) => d.id)).toEqual(['x', 'z']);
    expect(after.columns[1]!.deals[0]).toMatchObject({ stageId: 'b', status: 'open', probability: 50 });
  });

  it('keeps an override while open and drops it in a won stage', () => {
    const after = boardAfterMove(board(), 'y', { stageId: 'b', afterId: 'z' });
    expect(after.columns[1]!.deals.map((d) => d.id)).toEqual(['z', 'y']);
    expect(after.columns[1]!.weightedBase).toBe('660.00');
    const won = boardAfterMove(board(), 'y', { stageId: 'won' });
    expect(won.columns[2]).toMatchObject({ count: 1, totalBase: '200.00', weightedBase: '200.00' });
    expect(won.columns[2]!.deals[0]!.status).toBe('won');
  });

  it('reorders within a column without touching the totals', () => {
    const after = boardAfterMove(board(), 'y', { stageId: 'a', beforeId: 'x' });
    expect(after.columns[0]!.deals.map((d) => d.id)).toEqual(['y', 'x']);
    expect(after.columns[0]).toMatchObject({ count: 2, totalBase: '300.00', weightedBase: '30.00' });
  });

  it('leaves the board alone for an unknown card or stage', () => {
    const before = board();
    expect(boardAfterMove(before, 'nope', { stageId: 'b' })).toBe(before);
    expect(boardAfterMove(before, 'x', { stageId: 'nope' })).toBe(before);
  });
});

describe('deal amounts and hints', () => {
  it('takes tomans typed in any digits and sends rials', () => {
    expect(amountToApi('۲٬۵۰۰٬۰۰۰', 'IRR', 'toman')).toBe('25000000.00');
    expect(amountToApi('2500000', 'IRR', 'rial')).toBe('2500000.00');
    expect(amountToApi('12.5', 'USD', 'toman')).toBe('12.50');
    expect(amountToApi('abc', 'IRR', 'toman')).toBeNull();
    expect(amountFromApi('25000000.00', 'IRR', 'toman')).toBe('2500000');
    expect(amountFromApi('12.50', 'USD', 'toman')).toBe('12.50');
  });

  it('flags rotting and overdue open deals only', () => {
    const now = Date.parse('2026-11-20T00:00:00Z');
    expect(rottingDays({ status: 'open', stageEnteredAt: '2026-11-01T00:00:00Z' }, 14, now)).toBe(19);
    expect(rottingDays({ status: 'open', stageEnteredAt: '2026-11-10T00:00:00Z' }, 14, now)).toBeNull();
    expect(rottingDays({ status: 'won', stageEnteredAt: '2026-11-01T00:00:00Z' }, 14, now)).toBeNull();
    expect(rottingDays({ status: 'open', stageEnteredAt: '2026-11-01T00:00:00Z' }, null, now)).toBeNull();
    expect(isOverdue({ status: 'open', expectedCloseDate: '2026-11-19' }, '2026-11-20')).toBe(true);
    expect(isOverdue({ status: 'open', expectedCloseDate: '2026-11-20' }, '2026-11-20')).toBe(false);
    expect(isOverdue({ status: 'lost', expectedCloseDate: '2026-11-01' }, '2026-11-20')).toBe(false);
  });
});
