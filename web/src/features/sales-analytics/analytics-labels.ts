import type { TKey } from '../../shared/i18n/index.ts';
import type { Category } from './analytics.api.ts';

export const CATEGORY_LABELS: Record<Category, TKey> = {
  closedWon: 'analytics.forecast.closedWon',
  commit: 'analytics.forecast.commit',
  bestCase: 'analytics.forecast.bestCase',
  pipeline: 'analytics.forecast.pipelineAmount',
  weighted: 'analytics.forecast.weighted',
};
