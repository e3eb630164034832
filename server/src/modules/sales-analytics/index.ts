export { createSalesAnalyticsService, type SalesAnalyticsService, type SalesAnalyticsServiceDeps } from './sales-analytics.service.ts';
export { registerSalesAnalyticsRoutes } from './sales-analytics.routes.ts';
/** Callable directly with (db, workspaceId, params), e.g. by the benchmarks in bench/. */
export { forecast, forecastDeals, funnel, salesMetrics, MAX_PERIODS, type ForecastParams, type ForecastDealsParams, type MetricsParams } from './sales-analytics.queries.ts';
export { periodContaining, periodsBetween, defaultRange, type Period, type PeriodKind } from './sales-analytics.periods.ts';
export { analyticsErrors } from './sales-analytics.errors.ts';
export {
  ZForecast,
  ZForecastQuery,
  ZForecastDealsQuery,
  ZDealSummary,
  ZSalesMetrics,
  ZSalesMetricsQuery,
  type Forecast,
  type DealSummary,
  type SalesMetrics,
  type Funnel,
  type TForecastQuery,
  type TForecastDealsQuery,
  type TSalesMetricsQuery,
} from './sales-analytics.contract.ts';
