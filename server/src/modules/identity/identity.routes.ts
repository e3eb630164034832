import { z } from 'zod';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { PrincipalResolver } from '../../kernel/http/context.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { ApiKeysService } from '../api-keys/api-keys.service.ts';
import { ZCalendar, ZLocale, ZMoneyDisplay, ZWorkspace, ZWorkspaceName } from '../workspaces/workspaces.routes.ts';
import type { IdentityService } from './identity.service.ts';

export const ZUser = z.object({ id: z.string(), name: z.string(), email: z.string(), locale: ZLocale, calendar: ZCalendar });
const ZPassword = z.string().min(8).max(128);
const ZEmail = z.email().max(254);
const ZPersonName = z.string().trim().min(1).max(120);

const ZMe = z.object({
  user: ZUser.nullable(),
  actor: z.object({ type: z.enum(['user', 'api_key', 'system']), id: z.string(), name: z.string() }).nullable(),
  workspace: z
    .object({
      id: z.uuid(),
      name: z.string(),
      slug: z.string(),
      defaultLocale: ZLocale,
      calendar: ZCalendar,
      timezone: z.string(),
      // The sales settings every money and period on screen depends on.
      defaultCurrency: z.string(),
      moneyDisplay: ZMoneyDisplay,
      fiscalYearStartMonth: z.number().int(),
      vatRate: z.string(),
    })
    .nullable(),
  role: z.string().nullable(),
  permissions: z.array(z.string()),
  workspaces: z.array(z.object({ id: z.uuid(), name: z.string(), slug: z.string(), role: z.string() })),
});

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 409: ZProblem, 429: ZProblem };
/** Sign-in and sign-up set cookies: replaying a stored answer would not sign anyone in. */
const notReplayable = { idempotent: false };

export function createPrincipalResolver(identity: IdentityService, apiKeys: ApiKeysService): PrincipalResolver {
  return async (request) => {
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, secret] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !secret) throw kernelErrors.invalid_api_key();
      const context = await apiKeys.authenticate(secret.trim());
      if (!context) throw kernelErrors.invalid_api_key();
      return { workspace: { ...context, locale: request.locale } };
    }
    if (!request.headers.cookie) return null;
    return identity.principalFromSession(request.headers);
  };
}

export function registerIdentityRoutes(app: App, identity: IdentityService): void {
  app.post('/api/v1/auth/sign-up', {
    config: notReplayable,
    schema: {
      tags: ['auth'],
      summary: 'Create an account and its first workspace; signs in',
      security: [],
      body: z.object({ name: ZPersonName, email: ZEmail, password: ZPassword, workspaceName: ZWorkspaceName, locale: ZLocale.optional() }).strict(),
      response: { 201: z.object({ user: ZUser, workspace: ZWorkspace }), ...errors },
    },
    handler: async (request, reply) => {
      const result = await identity.signUp({ ...request.body, locale: request.body.locale ?? request.locale }, request.headers);
      return reply.code(201).header('set-cookie', result.setCookie).send({ user: result.user, workspace: result.workspace });
    },
  });

  app.post('/api/v1/auth/sign-in', {
    config: notReplayable,
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password (throttled after repeated failures)',
      security: [],
      body: z.object({ email: ZEmail, password: z.string().min(1).max(128) }).strict(),
      response: { 200: z.object({ user: ZUser }), ...errors },
    },
    handler: async (request, reply) => {
      const result = await identity.signIn(request.body, { headers: request.headers, ip: request.ip });
      return reply.header('set-cookie', result.setCookie).send({ user: result.user });
    },
  });

  app.post('/api/v1/auth/sign-out', {
    config: notReplayable,
    schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } },
    handler: async (request, reply) => {
      const setCookie = await identity.signOut(request.headers);
      return reply.code(204).header('set-cookie', setCookie).send(null);
    },
  });

  app.post('/api/v1/auth/password-reset', {
    schema: {
      tags: ['auth'],
      summary: 'Email a password reset link (answers 202 whether or not the account exists)',
      security: [],
      body: z.object({ email: ZEmail }).strict(),
      response: { 202: z.object({ accepted: z.literal(true) }), ...errors },
    },
    handler: async (request, reply) => {
      await identity.requestPasswordReset(request.body.email);
      return reply.code(202).send({ accepted: true as const });
    },
  });

  app.post('/api/v1/auth/password-reset/confirm', {
    schema: {
      tags: ['auth'],
      summary: 'Set a new password with the token from the email; ends all sessions',
      security: [],
      body: z.object({ token: z.string().min(1).max(500), password: ZPassword }).strict(),
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await identity.confirmPasswordReset(request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/me', {
    schema: { tags: ['auth'], summary: 'Who is calling: user, workspace, role and permissions', response: { 200: ZMe, ...errors } },
    handler: async (request) => {
      const principal = await request.principal();
      if (!principal) throw kernelErrors.unauthenticated();
      return identity.me(principal);
    },
  });

  app.patch('/api/v1/me', {
    schema: {
      tags: ['auth'],
      summary: 'Update your name, language and calendar',
      body: z.object({ name: ZPersonName.optional(), locale: ZLocale.optional(), calendar: ZCalendar.optional() }).strict(),
      response: { 200: ZUser, ...errors },
    },
    handler: async (request) => {
      const { user } = await request.requireUser();
      return identity.updateMe(user, request.body);
    },
  });

  app.post('/api/v1/me/active-workspace', {
    schema: {
      tags: ['auth'],
      summary: 'Switch to another workspace you belong to',
      body: z.object({ workspaceId: z.uuid() }).strict(),
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      const { user } = await request.requireUser();
      await identity.switchWorkspace(user, request.body.workspaceId);
      return reply.code(204).send(null);
    },
  });
}
