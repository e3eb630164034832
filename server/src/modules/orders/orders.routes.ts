import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import {
  ZLangQuery,
  ZOrder,
  ZOrderCreate,
  ZOrderCustomerSummary,
  ZOrderListQuery,
  ZOrderPatch,
  ZOrderSummary,
  ZQuote,
  ZQuoteCreate,
  ZQuoteListQuery,
  ZQuotePatch,
  ZQuoteSummary,
  ZQuoteToOrder,
  ZSummaryQuery,
} from './orders.contract.ts';
import type { OrdersService } from './orders.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerOrdersRoutes(app: App, orders: OrdersService): void {
  app.get('/api/v1/quotes', {
    schema: {
      tags: ['quotes'],
      summary: 'Quotes, newest first (without lines): status, organisation, person, deal, issue date range, trash',
      querystring: ZQuoteListQuery,
      response: { 200: pageOf(ZQuoteSummary), ...errors },
    },
    handler: async (request) => orders.listQuotes(await request.workspace(), request.query),
  });

  app.post('/api/v1/quotes', {
    schema: { tags: ['quotes'], summary: 'Create a quote (numbered Q-n, gapless; lines priced from products and price lists)', body: ZQuoteCreate, response: { 201: ZQuote, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await orders.createQuote(await request.workspace(), request.body)),
  });

  app.get('/api/v1/quotes/:id', {
    schema: { tags: ['quotes'], summary: 'A quote with its lines; ?lang=fa|en adds the printable display strings', params: ZParams, querystring: ZLangQuery, response: { 200: ZQuote, ...errors } },
    handler: async (request) => orders.getQuote(await request.workspace(), request.params.id, request.query.lang),
  });

  app.patch('/api/v1/quotes/:id', {
    schema: {
      tags: ['quotes'],
      summary: 'Change a quote or its status (version; 409 if stale, an invalid status change, or lines changed after sending)',
      params: ZParams,
      body: ZQuotePatch,
      response: { 200: ZQuote, ...errors },
    },
    handler: async (request) => orders.updateQuote(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/quotes/:id', {
    schema: { tags: ['quotes'], summary: 'Move a quote to the trash', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await orders.removeQuote(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/quotes/:id/restore', {
    schema: { tags: ['quotes'], summary: 'Bring a quote back from the trash', params: ZParams, response: { 200: ZQuote, ...errors } },
    handler: async (request) => orders.restoreQuote(await request.workspace(), request.params.id),
  });

  app.post('/api/v1/quotes/:id/order', {
    schema: {
      tags: ['quotes'],
      summary: 'Turn a sent or accepted quote into an order with the same lines; the quote becomes accepted',
      params: ZParams,
      body: ZQuoteToOrder.optional(),
      response: { 201: ZOrder, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await orders.convertQuote(await request.workspace(), request.params.id, request.body ?? {})),
  });

  app.get('/api/v1/orders', {
    schema: {
      tags: ['orders'],
      summary: 'Orders and invoices, newest first (without lines): status, organisation, person, deal, order date range, trash',
      querystring: ZOrderListQuery,
      response: { 200: pageOf(ZOrderSummary), ...errors },
    },
    handler: async (request) => orders.listOrders(await request.workspace(), request.query),
  });

  app.get('/api/v1/orders/summary', {
    schema: {
      tags: ['orders'],
      summary: "A customer's orders: count, revenue, cost and margin in the workspace currency, first and last order date",
      querystring: ZSummaryQuery,
      response: { 200: ZOrderCustomerSummary, ...errors },
    },
    handler: async (request) => orders.customerSummary(await request.workspace(), request.query),
  });

  app.post('/api/v1/orders', {
    schema: { tags: ['orders'], summary: 'Create an order (numbered INV-n, gapless)', body: ZOrderCreate, response: { 201: ZOrder, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await orders.createOrder(await request.workspace(), request.body)),
  });

  app.get('/api/v1/orders/:id', {
    schema: { tags: ['orders'], summary: 'An order with its lines; ?lang=fa|en adds the printable display strings', params: ZParams, querystring: ZLangQuery, response: { 200: ZOrder, ...errors } },
    handler: async (request) => orders.getOrder(await request.workspace(), request.params.id, request.query.lang),
  });

  app.patch('/api/v1/orders/:id', {
    schema: {
      tags: ['orders'],
      summary: 'Change an order or its status (version; 409 if stale, an invalid status change, or lines changed after draft)',
      params: ZParams,
      body: ZOrderPatch,
      response: { 200: ZOrder, ...errors },
    },
    handler: async (request) => orders.updateOrder(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/orders/:id', {
    schema: { tags: ['orders'], summary: 'Move an order to the trash (its lines stop counting in analytics)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await orders.removeOrder(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/orders/:id/restore', {
    schema: { tags: ['orders'], summary: 'Bring an order back from the trash', params: ZParams, response: { 200: ZOrder, ...errors } },
    handler: async (request) => orders.restoreOrder(await request.workspace(), request.params.id),
  });
}
