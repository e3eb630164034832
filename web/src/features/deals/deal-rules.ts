import { divide, multiply, parseDecimal, type MoneyDisplay } from '#common/money/index.ts';
import type { Deal } from './deals.api.ts';

/* Small rules of the deal screens, kept free of React so they are unit-tested on their own. */

/** Tomans in, rials out (and back) where the workspace shows IRR as tomans. */
const factor = (currency: string, display: MoneyDisplay) => (currency === 'IRR' && display === 'toman' ? '10' : '1');
export const amountToApi = (typed: string, currency: string, display: MoneyDisplay): string | null => {
  const parsed = parseDecimal(typed);
  return parsed === null ? null : multiply(parsed, factor(currency, display));
};
export const amountFromApi = (amount: string, currency: string, display: MoneyDisplay): string => {
  const shown = divide(amount, factor(currency, display));
  return shown.replace(/\.00$/, '');
};

const DAY = 24 * 60 * 60 * 1000;

/** Whole days the deal has sat in its stage, and whether that is longer than the stage allows. */
export function rottingDays(deal: Pick<Deal, 'status' | 'stageEnteredAt'>, rottingAfter: number | null, now = Date.now()): number | null {
  if (deal.status !== 'open' || !rottingAfter) return null;
  const days = daysInStage(deal, now);
  return days > rottingAfter ? days : null;
}

/** Whole days since the deal entered its stage. */
export const daysInStage = (deal: Pick<Deal, 'stageEnteredAt'>, now = Date.now()): number => Math.floor((now - Date.parse(deal.stageEnteredAt)) / DAY);

/** An open deal whose expected close date is before today. */
export function isOverdue(deal: Pick<Deal, 'status' | 'expectedCloseDate'>, today = new Date().toISOString().slice(0, 10)): boolean {
  return deal.status === 'open' && Boolean(deal.expectedCloseDate) && deal.expectedCloseDate! < today;
}

