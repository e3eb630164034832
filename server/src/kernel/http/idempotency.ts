import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDb } from '../db/database.ts';
import { kernelErrors } from '../errors/index.ts';
import { idempotencyKeys } from './idempotency.schema.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const RETENTION_MS = 24 * 60 * 60 * 1000;

type Claim = { scope: string; key: string };
declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: Claim;
  }
}

async function scopeOf(request: FastifyRequest): Promise<string> {
  const principal = await request.principal();
  if (principal?.workspace) return `ws:${principal.workspace.workspaceId}:${principal.workspace.actor.id}`;
  if (principal?.user) return `user:${principal.user.id}`;
  return `anon:${request.ip}`;
}

/**
 * POST with Idempotency-Key: the first answer is stored and replayed for retries with the same
 * key and body. A pending row claims the key, so two concurrent retries cannot both run.
 */
export function registerIdempotency(app: FastifyInstance, db: AppDb): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string') return;
    if ((request.routeOptions.config as { idempotent?: boolean }).idempotent === false) return;
    if (!KEY_PATTERN.test(key)) {
      throw kernelErrors.validation_failed({
        fieldErrors: [{ path: 'Idempotency-Key', code: 'invalid', message: { fa: 'Idempotency-Key نامعتبر است.', en: 'Invalid Idempotency-Key.' } }],
      });
    }
    const scope = await scopeOf(request);
    const requestHash = createHash('sha256').update(`${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), lt(idempotencyKeys.createdAt, new Date(Date.now() - RETENTION_MS))));
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ scope, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length) {
      request.idempotencyClaim = { scope, key };
      return;
    }
    const [previous] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!previous) throw kernelErrors.idempotency_in_progress();
    if (previous.requestHash !== requestHash) throw kernelErrors.idempotency_key_reused();
    if (previous.state !== 'done') throw kernelErrors.idempotency_in_progress();
    const status = previous.statusCode ?? 200;
    // A string payload skips the response schema: the stored body is already the serialised answer.
    return reply
      .code(status)
      .header('idempotent-replayed', 'true')
      .type(status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8')
      .send(JSON.stringify(previous.responseBody));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    const where = and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
    if (reply.statusCode >= 500) {
      // A failure is not an answer: let the client retry for real.
      await db.delete(idempotencyKeys).where(where);
      return payload;
    }
    let body: unknown = null;
    try {
      body = typeof payload === 'string' ? JSON.parse(payload) : null;
    } catch {
      body = payload;
    }
    await db.update(idempotencyKeys).set({ state: 'done', statusCode: reply.statusCode, responseBody: body }).where(where);
    return payload;
  });
}
