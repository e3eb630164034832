import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { pageOf, ZListQuery } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { MembersService } from './members.service.ts';

export const ZMember = z.object({
  id: z.uuid(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  version: z.number().int(),
  createdAt: z.date(),
});

export const ZRole = z.object({
  key: z.string(),
  name: z.object({ fa: z.string(), en: z.string() }),
  permissions: z.array(z.string()),
  builtIn: z.boolean(),
});

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerMembersRoutes(app: App, members: MembersService): void {
  app.get('/api/v1/roles', {
    schema: { tags: ['members'], summary: 'Roles of the workspace', response: { 200: z.object({ items: z.array(ZRole) }), ...errors } },
    handler: async (request) => ({ items: await members.listRoles(await request.workspace()) }),
  });

  app.get('/api/v1/members', {
    schema: { tags: ['members'], summary: 'Members of the workspace (newest first)', querystring: ZListQuery, response: { 200: pageOf(ZMember), ...errors } },
    handler: async (request) => members.list(await request.workspace(), request.query),
  });

  app.patch('/api/v1/members/:id', {
    schema: {
      tags: ['members'],
      summary: "Change a member's role",
      params: ZParams,
      body: z.object({ role: z.string().min(1).max(64), version: z.number().int().min(1) }).strict(),
      response: { 200: ZMember, ...errors },
    },
    handler: async (request) => members.changeRole(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/members/:id', {
    schema: { tags: ['members'], summary: 'Remove a member from the workspace', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await members.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
