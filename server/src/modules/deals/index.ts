export { createDealsService, type DealsService, type DealsServiceDeps, type DealTagsPort } from './deals.service.ts';
export { registerDealsRoutes } from './deals.routes.ts';
export { dealsCatalog, loadDealsCatalog } from './deals.catalog.ts';
export { dealsTimelineProvider, DEAL_TIMELINE_ACTIONS } from './deals.timeline.ts';
export { dealErrors } from './deals.errors.ts';
export { hydrateDeals } from './deals.public.ts';
export { ZDeal, ZDealCreate, ZDealPatch, ZDealMove, DEAL_STATUSES, DEAL_SOURCES, FORECAST_CATEGORIES, type Deal, type TDealCreate } from './deals.contract.ts';
export { registerDealMergeHooks } from './deals.merge.ts';
