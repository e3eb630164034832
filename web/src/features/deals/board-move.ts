import { add, percentOf, subtract } from '#common/money/index.ts';
import type { Stage } from '../pipelines/pipelines.api.ts';
import type { Board, Deal, MoveRequest } from './deals.api.ts';

/* The board as the user will see it once a move is done, before the server confirms it. */

/** A deal's share of a column's weighted total, with the probability it has in that stage. */
function weightedOf(deal: Deal, stage: Stage): string {
  return percentOf(deal.amountBase, String(effectiveProbability(deal, stage)));
}

/** The override counts only while the deal is open; a won stage is 100 %, a lost one 0 %. */
const effectiveProbability = (deal: Deal, stage: Stage) => (stage.kind === 'open' ? (deal.probabilityOverride ?? stage.probability) : stage.probability);

/**
 * The board as it will look once the move is done: the card leaves its column (count and totals
 * follow) and goes into the target column before `beforeId` (or at the end).
 */
export function boardAfterMove(board: Board, dealId: string, request: MoveRequest): Board {
  const from = board.columns.find((c) => c.deals.some((d) => d.id === dealId));
  const to = board.columns.find((c) => c.stage.id === request.stageId);
  const deal = from?.deals.find((d) => d.id === dealId);
  if (!from || !to || !deal) return board;
  const moved: Deal = {
    ...deal,
    stageId: to.stage.id,
    stage: { id: to.stage.id, name: to.stage.name, kind: to.stage.kind, probability: to.stage.probability },
    status: to.stage.kind,
    probability: effectiveProbability(deal, to.stage),
    stageEnteredAt: from === to ? deal.stageEnteredAt : new Date().toISOString(),
  };
  return {
    ...board,
    columns: board.columns.map((c) => {
      let deals = c.deals.filter((d) => d.id !== dealId);
      let { count, totalBase, weightedBase } = c;
      if (c === from && from !== to) {
        count -= 1;
        totalBase = subtract(totalBase, deal.amountBase);
        weightedBase = subtract(weightedBase, weightedOf(deal, from.stage));
      }
      if (c === to) {
        const at = request.beforeId ? deals.findIndex((d) => d.id === request.beforeId) : request.afterId ? deals.findIndex((d) => d.id === request.afterId) + 1 : -1;
        deals = at < 0 ? [...deals, moved] : [...deals.slice(0, at), moved, ...deals.slice(at)];
        if (from !== to) {
          count += 1;
          totalBase = add(totalBase, deal.amountBase);
          weightedBase = add(weightedBase, weightedOf(deal, to.stage));
        }
      }
      return { ...c, deals, count, totalBase, weightedBase };
    }),
  };
}

