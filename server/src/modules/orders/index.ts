export { createOrdersService, type OrdersService } from './orders.service.ts';
export { registerOrdersRoutes } from './orders.routes.ts';
export { ordersRepository, type OrderRow, type OrderLineRow, type QuoteRow } from './orders.repository.ts';
export { orderErrors } from './orders.errors.ts';
export { createOrderImportAdapter } from './orders.import.ts';
export { ZQuote, ZOrder, ZQuoteCreate, ZOrderCreate, ZQuotePatch, ZOrderPatch, QUOTE_STATUSES, ORDER_STATUSES } from './orders.contract.ts';
export { registerOrderMergeHooks } from './orders.merge.ts';
