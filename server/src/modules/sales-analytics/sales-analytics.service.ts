import type { AppDb } from '../../kernel/db/database.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { TForecastDealsQuery, TForecastQuery, TSalesMetricsQuery } from './sales-analytics.contract.ts';
import { forecast, forecastDeals, salesMetrics } from './sales-analytics.queries.ts';

export type SalesAnalyticsServiceDeps = { db: AppDb; clock?: () => Date };

/** Read-only figures over deals, leads, quotes and orders: anyone who may read records sees them. */
export function createSalesAnalyticsService(deps: SalesAnalyticsServiceDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const now = (ctx: WorkspaceContext) => ({ now: clock(), locale: ctx.locale });

  return {
    async forecast(ctx: WorkspaceContext, query: TForecastQuery) {
      requirePermission(ctx, 'records.read');
      return forecast(db, ctx.workspaceId, { ...query, ...now(ctx) });
    },

    async forecastDeals(ctx: WorkspaceContext, query: TForecastDealsQuery) {
      requirePermission(ctx, 'records.read');
      return forecastDeals(db, ctx.workspaceId, { ...query, ...now(ctx) });
    },

    async salesMetrics(ctx: WorkspaceContext, query: TSalesMetricsQuery) {
      requirePermission(ctx, 'records.read');
      return salesMetrics(db, ctx.workspaceId, { ...query, ...now(ctx) });
    },
  };
}

export type SalesAnalyticsService = ReturnType<typeof createSalesAnalyticsService>;
