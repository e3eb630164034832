import { z } from 'zod';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZCurrency, ZExchangeRate, ZExchangeRateCreate, ZExchangeRateListQuery, ZExchangeRatePatch, ZRateLookup } from './currencies.contract.ts';
import type { CurrenciesService } from './currencies.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerCurrenciesRoutes(app: App, currencies: CurrenciesService): void {
  app.get('/api/v1/exchange-rates', {
    schema: {
      tags: ['currencies'],
      summary: 'Exchange rates to the workspace default currency, per currency newest first (or the ones in force on a day)',
      querystring: ZExchangeRateListQuery,
      response: { 200: z.object({ items: z.array(ZExchangeRate) }), ...errors },
    },
    handler: async (request) => ({ items: await currencies.list(await request.workspace(), request.query) }),
  });

  app.get('/api/v1/exchange-rates/lookup', {
    schema: {
      tags: ['currencies'],
      summary: 'The rate of a currency in force on a day (1 for the default currency, null when none is known)',
      querystring: z.object({ currency: ZCurrency, date: z.iso.date() }),
      response: { 200: ZRateLookup, ...errors },
    },
    handler: async (request) => currencies.lookup(await request.workspace(), request.query.currency, request.query.date),
  });

  app.post('/api/v1/exchange-rates', {
    schema: { tags: ['currencies'], summary: 'Add a rate from a day on (sales.configure)', body: ZExchangeRateCreate, response: { 201: ZExchangeRate, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await currencies.create(await request.workspace(), request.body)),
  });

  app.patch('/api/v1/exchange-rates/:id', {
    schema: { tags: ['currencies'], summary: 'Correct a rate (stored deal amounts keep the rate they were valued at)', params: ZParams, body: ZExchangeRatePatch, response: { 200: ZExchangeRate, ...errors } },
    handler: async (request) => currencies.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/exchange-rates/:id', {
    schema: { tags: ['currencies'], summary: 'Remove a rate', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await currencies.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
