import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { pageOf } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import { ZBulkRequest, ZBulkResult, ZPersonCreate, ZPersonDetail, ZPersonListItem, ZPersonPatch, ZRecordListQuery } from './people.contract.ts';
import type { PeopleService } from './people.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerPeopleRoutes(app: App, people: PeopleService): void {
  app.get('/api/v1/people', {
    schema: {
      tags: ['people'],
      summary: 'People: quick search, filters, saved views, sorting, trash and re-verification lists',
      querystring: ZRecordListQuery,
      response: { 200: pageOf(ZPersonListItem), ...errors },
    },
    handler: async (request) => people.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/people', {
    schema: { tags: ['people'], summary: 'Create a person', body: ZPersonCreate, response: { 201: ZPersonDetail, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await people.create(await request.workspace(), request.body)),
  });

  app.post('/api/v1/people/bulk', {
    schema: {
      tags: ['people'],
      summary: 'Tag, untag, reassign, delete or restore up to 500 people at once (all or nothing)',
      body: ZBulkRequest,
      response: { 200: ZBulkResult, ...errors },
    },
    handler: async (request) => people.bulk(await request.workspace(), request.body),
  });

  app.get('/api/v1/people/:id', {
    schema: { tags: ['people'], summary: 'A person with organisations and tags', params: ZParams, response: { 200: ZPersonDetail, ...errors } },
    handler: async (request) => people.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/people/:id', {
    schema: {
      tags: ['people'],
      summary: 'Change a person (send the version you read; 409 if someone changed it meanwhile)',
      params: ZParams,
      body: ZPersonPatch,
      response: { 200: ZPersonDetail, ...errors },
    },
    handler: async (request) => people.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/people/:id', {
    schema: { tags: ['people'], summary: 'Move a person to the trash (restorable)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await people.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/people/:id/restore', {
    schema: { tags: ['people'], summary: 'Bring a person back from the trash', params: ZParams, response: { 200: ZPersonDetail, ...errors } },
    handler: async (request) => people.restore(await request.workspace(), request.params.id),
  });

  app.post('/api/v1/people/:id/verify', {
    schema: { tags: ['people'], summary: "Confirm the person's details are current (last verified: today)", params: ZParams, response: { 200: ZPersonDetail, ...errors } },
    handler: async (request) => people.verify(await request.workspace(), request.params.id),
  });
}
