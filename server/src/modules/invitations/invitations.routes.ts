import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { pageOf, ZListQuery } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { InvitationsService } from './invitations.service.ts';

const ZInvitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked']),
  expiresAt: z.date(),
  createdAt: z.date(),
});
const ZToken = z.object({ token: z.string().min(20).max(200) });
const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 410: ZProblem };

export function registerInvitationsRoutes(app: App, invitations: InvitationsService): void {
  app.get('/api/v1/invitations', {
    schema: { tags: ['invitations'], summary: 'Pending invitations', querystring: ZListQuery, response: { 200: pageOf(ZInvitation), ...errors } },
    handler: async (request) => invitations.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/invitations', {
    schema: {
      tags: ['invitations'],
      summary: 'Invite someone by email with a role',
      body: z.object({ email: z.email().max(254), role: z.string().min(1).max(64) }).strict(),
      response: { 201: ZInvitation, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await invitations.invite(await request.workspace(), request.body)),
  });

  app.delete('/api/v1/invitations/:id', {
    schema: { tags: ['invitations'], summary: 'Revoke an invitation', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await invitations.revoke(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/invitations/by-token/:token', {
    schema: {
      tags: ['invitations'],
      summary: 'What an invitation link offers (no sign-in needed)',
      security: [],
      params: ZToken,
      response: {
        200: z.object({
          workspaceName: z.string(),
          email: z.string(),
          role: z.string(),
          inviterName: z.string().nullable(),
          status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
          expiresAt: z.date(),
          accountExists: z.boolean(),
        }),
        ...errors,
      },
    },
    handler: async (request) => invitations.view(request.params.token),
  });

  app.post('/api/v1/invitations/by-token/:token/accept', {
    config: { idempotent: false },
    schema: {
      tags: ['invitations'],
      summary: 'Accept an invitation: as the signed-in invitee, or by creating an account',
      security: [],
      params: ZToken,
      body: z
        .object({ name: z.string().trim().min(1).max(120).optional(), password: z.string().min(8).max(128).optional(), locale: z.enum(['fa', 'en']).optional() })
        .strict(),
      response: { 200: z.object({ workspaceId: z.uuid() }), ...errors },
    },
    handler: async (request, reply) => {
      const principal = await request.principal();
      const result = await invitations.accept(request.params.token, { ...request.body, locale: request.body.locale ?? request.locale }, principal?.user, request.headers);
      if (result.setCookie.length) reply.header('set-cookie', result.setCookie);
      return { workspaceId: result.workspaceId };
    },
  });
}
