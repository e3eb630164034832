import { z } from 'zod';
import { ZFilterGroup, ZSortList } from '../../kernel/filters/index.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import type { ViewInput, ViewsService } from './views.service.ts';
import type { ViewEntity } from './views.schema.ts';

export const ZViewEntity = z.enum(['person', 'organization', 'lead', 'deal']);
const ZVisibility = z.enum(['private', 'shared']).describe('private: only its owner sees it; shared: the whole workspace');
const ZViewName = z.string().trim().min(1).max(100);
const ZColumns = z
  .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,99}$/))
  .max(60)
  .refine((columns) => new Set(columns).size === columns.length, { message: 'Columns must not repeat' })
  .describe('Fields shown as list columns, in order');

export const ZView = z.object({
  id: z.uuid(),
  entityType: ZViewEntity,
  name: z.string(),
  visibility: ZVisibility,
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  filter: ZFilterGroup,
  sort: ZSortList,
  columns: z.array(z.string()),
  version: z.number().int(),
  canEdit: z.boolean().describe('Whether the caller may change or delete this view'),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerViewsRoutes(app: App, views: ViewsService): void {
  app.get('/api/v1/views', {
    schema: {
      tags: ['views'],
      summary: "Saved views the caller can use: their own private views and the workspace's shared ones",
      querystring: z.object({ entityType: ZViewEntity.optional() }),
      response: { 200: z.object({ items: z.array(ZView) }), ...errors },
    },
    handler: async (request) => ({ items: await views.list(await request.workspace(), request.query.entityType) }),
  });

  app.post('/api/v1/views', {
    schema: {
      tags: ['views'],
      summary: "Save a view: a filter (checked against the list's fields), a sort order and columns",
      body: z
        .object({
          entityType: ZViewEntity,
          name: ZViewName,
          visibility: ZVisibility.default('private'),
          filter: ZFilterGroup,
          sort: ZSortList.default([]),
          columns: ZColumns.default([]),
        })
        .strict(),
      response: { 201: ZView, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await views.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/views/:id', {
    schema: { tags: ['views'], summary: 'One saved view', params: ZParams, response: { 200: ZView, ...errors } },
    handler: async (request) => views.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/views/:id', {
    schema: {
      tags: ['views'],
      summary: 'Change a saved view (its owner; for a shared view also an admin); a stale version gets 409',
      params: ZParams,
      body: z
        .object({
          version: z.number().int().min(1),
          name: ZViewName.optional(),
          visibility: ZVisibility.optional(),
          filter: ZFilterGroup.optional(),
          sort: ZSortList.optional(),
          columns: ZColumns.optional(),
        })
        .strict(),
      response: { 200: ZView, ...errors },
    },
    handler: async (request) => views.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/views/:id', {
    schema: { tags: ['views'], summary: 'Delete a saved view', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await views.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
