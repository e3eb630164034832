import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZLead, ZLeadBulk, ZLeadBulkResult, ZLeadConversion, ZLeadConvert, ZLeadCreate, ZLeadListQuery, ZLeadPatch } from './leads.contract.ts';
import type { LeadsService } from './leads.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerLeadsRoutes(app: App, leads: LeadsService): void {
  app.get('/api/v1/leads', {
    schema: {
      tags: ['leads'],
      summary: 'Leads, newest first: quick search, status/source/owner/tag, filters, saved views, sorting (e.g. score:desc), trash',
      querystring: ZLeadListQuery,
      response: { 200: pageOf(ZLead), ...errors },
    },
    handler: async (request) => leads.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/leads', {
    schema: { tags: ['leads'], summary: 'Create a lead (scored at once; owner defaults to you)', body: ZLeadCreate, response: { 201: ZLead, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await leads.create(await request.workspace(), request.body)),
  });

  app.post('/api/v1/leads/bulk', {
    schema: {
      tags: ['leads'],
      summary: 'Tag, untag, reassign, change status, delete or restore up to 500 leads at once (all or nothing)',
      body: ZLeadBulk,
      response: { 200: ZLeadBulkResult, ...errors },
    },
    handler: async (request) => leads.bulk(await request.workspace(), request.body),
  });

  app.get('/api/v1/leads/:id', {
    schema: { tags: ['leads'], summary: 'A lead with its score and the reasons for it', params: ZParams, response: { 200: ZLead, ...errors } },
    handler: async (request) => leads.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/leads/:id', {
    schema: {
      tags: ['leads'],
      summary: 'Change a lead (send the version you read; 409 if stale, converted, or an invalid status change)',
      params: ZParams,
      body: ZLeadPatch,
      response: { 200: ZLead, ...errors },
    },
    handler: async (request) => leads.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/leads/:id', {
    schema: { tags: ['leads'], summary: 'Move a lead to the trash (restorable; converted leads stay)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await leads.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/leads/:id/restore', {
    schema: { tags: ['leads'], summary: 'Bring a lead back from the trash', params: ZParams, response: { 200: ZLead, ...errors } },
    handler: async (request) => leads.restore(await request.workspace(), request.params.id),
  });

  app.post('/api/v1/leads/:id/convert', {
    schema: {
      tags: ['leads'],
      summary: 'Convert a lead into a person (and an organisation) in one step; the lead is kept, read-only, linked to both',
      params: ZParams,
      body: ZLeadConvert,
      response: { 200: ZLeadConversion, ...errors },
    },
    handler: async (request) => leads.convert(await request.workspace(), request.params.id, request.body),
  });
}
