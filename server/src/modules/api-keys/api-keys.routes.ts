import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { pageOf, ZListQuery } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { ApiKeysService } from './api-keys.service.ts';

export const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the key, to tell keys apart'),
  role: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };

export function registerApiKeysRoutes(app: App, apiKeys: ApiKeysService): void {
  app.get('/api/v1/api-keys', {
    schema: { tags: ['api-keys'], summary: 'API keys of the workspace', querystring: ZListQuery, response: { 200: pageOf(ZApiKey), ...errors } },
    handler: async (request) => apiKeys.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/api-keys', {
    // Not replayable: a stored answer would keep the secret in the database.
    config: { idempotent: false },
    schema: {
      tags: ['api-keys'],
      summary: 'Create an API key; the secret is shown in this answer only',
      body: z.object({ name: z.string().trim().min(1).max(100), expiresAt: z.coerce.date().optional() }).strict(),
      response: { 201: z.object({ apiKey: ZApiKey, secret: z.string() }), ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await apiKeys.create(await request.workspace(), request.body)),
  });

  app.delete('/api/v1/api-keys/:id', {
    schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await apiKeys.revoke(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
