import { z } from 'zod';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { TAG_NAME_MAX, type TagsService } from './tags.service.ts';

const ZColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .describe('#rrggbb');

export const ZTag = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string().nullable(),
  createdAt: z.date(),
});

export const ZTagWithUsage = ZTag.extend({
  usage: z
    .object({ person: z.number().int(), organization: z.number().int(), lead: z.number().int(), deal: z.number().int(), total: z.number().int() })
    .describe('How many records of each kind carry the tag'),
});

export const ZTagRef = z.object({ id: z.uuid(), name: z.string(), color: z.string().nullable() });

// Length is checked again after normalisation by the service; this bounds the raw input.
const ZTagName = z.string().min(1).max(TAG_NAME_MAX * 2);

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerTagsRoutes(app: App, tags: TagsService): void {
  app.get('/api/v1/tags', {
    schema: {
      tags: ['tags'],
      summary: 'Tags of the workspace, in Persian alphabetical order, with how many records carry each',
      response: { 200: z.object({ items: z.array(ZTagWithUsage) }), ...errors },
    },
    handler: async (request) => ({ items: await tags.list(await request.workspace()) }),
  });

  app.post('/api/v1/tags', {
    schema: {
      tags: ['tags'],
      summary: 'Create a tag; a name that exists in any spelling (ي/ی, ZWNJ, spaces) answers 200 with the existing tag',
      body: z.object({ name: ZTagName, color: ZColor.nullable().optional() }).strict(),
      response: { 200: ZTag, 201: ZTag, ...errors },
    },
    handler: async (request, reply) => {
      const { tag, created } = await tags.create(await request.workspace(), request.body);
      return reply.code(created ? 201 : 200).send(tag);
    },
  });

  app.patch('/api/v1/tags/:id', {
    schema: {
      tags: ['tags'],
      summary: 'Rename or recolour a tag',
      params: ZParams,
      body: z
        .object({ name: ZTagName.optional(), color: ZColor.nullable().optional() })
        .strict()
        .refine((body) => body.name !== undefined || body.color !== undefined, { message: 'Nothing to change', path: ['name'] }),
      response: { 200: ZTag, ...errors },
    },
    handler: async (request) => tags.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/tags/:id', {
    schema: { tags: ['tags'], summary: 'Delete a tag and remove it from every record', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await tags.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
