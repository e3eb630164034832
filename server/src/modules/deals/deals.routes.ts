import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZBoard, ZBoardColumnQuery, ZBoardQuery, ZDeal, ZDealCreate, ZDealListQuery, ZDealMove, ZDealPatch, ZStageStay } from './deals.contract.ts';
import type { DealsService } from './deals.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerDealsRoutes(app: App, deals: DealsService): void {
  app.get('/api/v1/deals', {
    schema: {
      tags: ['deals'],
      summary: 'Deals, newest first: quick search, pipeline/status/owner/organisation/person/tag, filters, saved views, sorting, trash',
      querystring: ZDealListQuery,
      response: { 200: pageOf(ZDeal), ...errors },
    },
    handler: async (request) => deals.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/deals', {
    schema: { tags: ['deals'], summary: 'Create a deal (Idempotency-Key accepted; owner defaults to you)', body: ZDealCreate, response: { 201: ZDeal, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await deals.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/deals/board', {
    schema: {
      tags: ['deals'],
      summary: 'The kanban board of a pipeline: per stage the count, Σ base amount, weighted Σ and the first 50 cards',
      querystring: ZBoardQuery,
      response: { 200: ZBoard, ...errors },
    },
    handler: async (request) => deals.board(await request.workspace(), request.query),
  });

  app.get('/api/v1/deals/board/column', {
    schema: { tags: ['deals'], summary: 'More cards of one board column', querystring: ZBoardColumnQuery, response: { 200: pageOf(ZDeal), ...errors } },
    handler: async (request) => deals.boardColumn(await request.workspace(), request.query),
  });

  app.get('/api/v1/deals/:id', {
    schema: { tags: ['deals'], summary: 'A deal with its people, line items and tags', params: ZParams, response: { 200: ZDeal, ...errors } },
    handler: async (request) => deals.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/deals/:id', {
    schema: { tags: ['deals'], summary: 'Change a deal (send the version you read; 409 if stale)', params: ZParams, body: ZDealPatch, response: { 200: ZDeal, ...errors } },
    handler: async (request) => deals.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/deals/:id', {
    schema: { tags: ['deals'], summary: 'Move a deal to the trash (restorable)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await deals.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/deals/:id/restore', {
    schema: { tags: ['deals'], summary: 'Bring a deal back from the trash', params: ZParams, response: { 200: ZDeal, ...errors } },
    handler: async (request) => deals.restore(await request.workspace(), request.params.id),
  });

  app.post('/api/v1/deals/:id/move', {
    schema: {
      tags: ['deals'],
      summary: 'Move a card: to another stage (history, won/lost; a lost stage needs lostReasonId) and/or between two cards',
      params: ZParams,
      body: ZDealMove,
      response: { 200: ZDeal, ...errors },
    },
    handler: async (request) => deals.move(await request.workspace(), request.params.id, request.body),
  });

  app.get('/api/v1/deals/:id/stage-history', {
    schema: { tags: ['deals'], summary: 'Every stay of the deal in a stage, with its duration', params: ZParams, response: { 200: z.array(ZStageStay), ...errors } },
    handler: async (request) => deals.stageHistory(await request.workspace(), request.params.id),
  });
}
