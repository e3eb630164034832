import { z } from 'zod';
import { ZFieldDescription } from '../../kernel/filters/index.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import type { FieldsService } from './fields.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };

export function registerFieldsRoutes(app: App, fields: FieldsService): void {
  app.get('/api/v1/fields/:entityType', {
    schema: {
      tags: ['fields'],
      summary: 'Every field a list can filter, sort and show as a column, built-in and custom, with fa/en labels and operators',
      params: z.object({ entityType: z.string().max(100).describe('person, organization, lead or deal') }),
      response: { 200: z.object({ items: z.array(ZFieldDescription) }), ...errors },
    },
    handler: async (request) => ({ items: await fields.describe(await request.workspace(), request.params.entityType) }),
  });
}
