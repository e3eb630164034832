import { ZProblem } from '../../kernel/http/problem.ts';
import { pageOf } from '../../kernel/http/pagination.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZDealSummary, ZForecast, ZForecastDealsQuery, ZForecastQuery, ZSalesMetrics, ZSalesMetricsQuery } from './sales-analytics.contract.ts';
import type { SalesAnalyticsService } from './sales-analytics.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };

export function registerSalesAnalyticsRoutes(app: App, analytics: SalesAnalyticsService): void {
  app.get('/api/v1/forecast', {
    schema: {
      tags: ['forecast'],
      summary:
        'Closed won, commit, best case, pipeline and weighted amounts per month, fiscal quarter or fiscal year of the workspace calendar, optionally per owner, team or territory (open deals past their expected date are in the "overdue" bucket, those without one in "undated")',
      querystring: ZForecastQuery,
      response: { 200: ZForecast, ...errors },
    },
    handler: async (request) => analytics.forecast(await request.workspace(), request.query),
  });

  app.get('/api/v1/forecast/deals', {
    schema: {
      tags: ['forecast'],
      summary: 'The deals behind one forecast cell (bucket, group, category), largest first',
      querystring: ZForecastDealsQuery,
      response: { 200: pageOf(ZDealSummary), ...errors },
    },
    handler: async (request) => analytics.forecastDeals(await request.workspace(), request.query),
  });

  app.get('/api/v1/sales-metrics', {
    schema: {
      tags: ['sales-metrics'],
      summary: 'Lead conversion, win rate, deal size, sales cycle, pipeline velocity, stage funnel, per-rep figures and activity, lost reasons and competitors',
      querystring: ZSalesMetricsQuery,
      response: { 200: ZSalesMetrics, ...errors },
    },
    handler: async (request) => analytics.salesMetrics(await request.workspace(), request.query),
  });
}
