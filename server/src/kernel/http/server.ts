import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { AppDb } from '../db/database.ts';
import { kernelErrors } from '../errors/index.ts';
import { localeFromHeader, type Principal, type PrincipalResolver } from './context.ts';
import { registerIdempotency } from './idempotency.ts';
import { sendProblem, toAppError } from './problem.ts';

export type HttpServerOptions = {
  db: AppDb;
  resolvePrincipal: PrincipalResolver;
  logLevel: string;
  /** Tests pass a stream to read the logs. */
  logStream?: DestinationStream;
  webDistDir?: string;
  version: string;
};

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/** Secrets travel in paths and query strings of a few links; they never reach the logs. */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/by-token\/)[^/?#]+/g, '$1[redacted]')
    .replace(/([?&](?:token|secret|key|password)=)[^&#]*/gi, '$1[redacted]');
}

export async function createHttpServer(options: HttpServerOptions): Promise<App> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.secret', '*.token'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
      },
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  decorateRequests(app, options.resolvePrincipal);
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toAppError(error, request), request));

  // Awaited: the swagger plugin must be loaded before routes are added, or they are not documented.
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Peyvand CRM API',
        version: options.version,
        description:
          'REST API of Peyvand. Authenticate with the session cookie or `Authorization: Bearer <API key>`. ' +
          'Errors are RFC 9457 problem+json with a stable `code`; messages follow Accept-Language (fa, en).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created in workspace settings' },
          session: { type: 'apiKey', in: 'cookie', name: 'peyvand.session_token' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerIdempotency(app, options.db);
  registerWebApp(app, options.webDistDir);
  return app;
}

function decorateRequests(app: App, resolvePrincipal: PrincipalResolver): void {
  app.decorateRequest('locale', 'fa');
  const cache = new WeakMap<FastifyRequest, Promise<Principal | null>>();
  app.decorateRequest('principal', function (this: FastifyRequest) {
    let pending = cache.get(this);
    if (!pending) {
      pending = resolvePrincipal(this).then((principal) => {
        // An explicit fa/en Accept-Language wins; otherwise the signed-in user's own language.
        const userLocale = principal?.user?.locale;
        if (userLocale && !localeFromHeader(this.headers['accept-language'])) this.locale = userLocale;
        return principal;
      });
      cache.set(this, pending);
    }
    return pending;
  });
  app.decorateRequest('requireUser', async function (this: FastifyRequest) {
    const principal = await this.principal();
    if (!principal?.user) throw kernelErrors.unauthenticated();
    return { user: principal.user, principal };
  });
  app.decorateRequest('workspace', async function (this: FastifyRequest) {
    const principal = await this.principal();
    if (!principal) throw kernelErrors.unauthenticated();
    if (!principal.workspace) throw kernelErrors.no_workspace();
    return { ...principal.workspace, requestId: this.id, locale: this.locale };
  });
  app.addHook('onRequest', async (request) => {
    request.locale = localeFromHeader(request.headers['accept-language']) ?? 'fa';
  });
}

/** The web app is served by the same process; client-side routes fall back to index.html. */
function registerWebApp(app: App, webDistDir: string | undefined): void {
  const hasWeb = !!webDistDir && existsSync(join(webDistDir, 'index.html'));
  if (hasWeb) {
    app.register(fastifyStatic, {
      root: webDistDir!,
      index: ['index.html'],
      // Hashed build files never change under the same name; index.html must always be fresh.
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    // Resolve the caller so the message follows the signed-in user's language.
    await request.principal().catch(() => null);
    const path = request.url.split('?')[0]!;
    // A missing build file must be a 404, not index.html (browsers would report a MIME error).
    const isFile = path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path);
    if (path.startsWith('/api/') || !hasWeb || request.method !== 'GET' || isFile) {
      return sendProblem(reply, path.startsWith('/api/') ? kernelErrors.route_not_found() : kernelErrors.not_found(), request);
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
