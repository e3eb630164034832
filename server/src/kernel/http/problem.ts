import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, describeIssue, kernelErrors, type FieldError, type Locale } from '../errors/index.ts';

export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code'),
    detail: z.string().describe("Human-readable explanation in the caller's language"),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

export type TProblem = z.infer<typeof ZProblem>;

export function problemOf(error: AppError, locale: Locale, request?: FastifyRequest): TProblem {
  const detail = error.messages[locale];
  return {
    type: `urn:peyvand:problem:${error.code}`,
    title: detail,
    status: error.status,
    code: error.code,
    detail,
    instance: request?.url.split('?')[0],
    requestId: request?.id,
    ...(error.fieldErrors.length
      ? { errors: error.fieldErrors.map((f) => ({ path: f.path, code: f.code, message: f.message[locale] })) }
      : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError, request: FastifyRequest): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemOf(error, request.locale ?? 'fa', request));
}

/** Maps anything thrown to a problem; only unknown failures become 500 (and are logged). */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const source = (error as { validationContext?: string }).validationContext;
    const fieldErrors: FieldError[] = error.validation.map((v) => {
      const issue = { code: v.keyword, ...(v.params as object) } as Parameters<typeof describeIssue>[0];
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { path: path || (source ?? ''), code: v.keyword, message: describeIssue(issue) };
    });
    return kernelErrors.validation_failed({ fieldErrors });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause?.issues }, 'response did not match its schema');
    return kernelErrors.internal_error();
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return kernelErrors.payload_too_large();
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return fastifyError.statusCode === 429 ? kernelErrors.rate_limited() : kernelErrors.malformed_request();
  }
  request.log.error({ err: error }, 'unhandled error');
  return kernelErrors.internal_error();
}
