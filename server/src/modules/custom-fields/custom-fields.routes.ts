import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import { ZCustomField, ZCustomFieldCreate, ZCustomFieldListQuery, ZCustomFieldPatch } from './custom-fields.contract.ts';
import type { CustomFieldsService } from './custom-fields.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerCustomFieldsRoutes(app: App, customFields: CustomFieldsService): void {
  app.get('/api/v1/custom-fields', {
    schema: {
      tags: ['custom-fields'],
      summary: "The workspace's own fields, in form order",
      querystring: ZCustomFieldListQuery,
      response: { 200: z.object({ items: z.array(ZCustomField) }), ...errors },
    },
    handler: async (request) => ({ items: await customFields.list(await request.workspace(), request.query) }),
  });

  app.post('/api/v1/custom-fields', {
    schema: {
      tags: ['custom-fields'],
      summary: 'Add a custom field to people, organisations or leads',
      body: ZCustomFieldCreate,
      response: { 201: ZCustomField, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await customFields.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/custom-fields/:id', {
    schema: { tags: ['custom-fields'], summary: 'One custom field', params: ZParams, response: { 200: ZCustomField, ...errors } },
    handler: async (request) => customFields.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/custom-fields/:id', {
    schema: {
      tags: ['custom-fields'],
      summary: 'Change labels, options, required or position (send the version you read)',
      params: ZParams,
      body: ZCustomFieldPatch,
      response: { 200: ZCustomField, ...errors },
    },
    handler: async (request) => customFields.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/custom-fields/:id', {
    schema: {
      tags: ['custom-fields'],
      summary: 'Archive a custom field; values already stored in records stay',
      params: ZParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await customFields.archive(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
