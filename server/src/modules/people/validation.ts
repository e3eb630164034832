import type { z } from 'zod';
import { describeIssue, kernelErrors, type FieldError } from '../../kernel/errors/index.ts';

/**
 * Parses input with its zod contract inside the service, so callers that do not come through
 * HTTP (lead conversion, imports, automation) are held to the same rules as the API. Problems
 * become one validation_failed error with a fa/en message per field.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, pathPrefix?: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw kernelErrors.validation_failed({
    fieldErrors: result.error.issues.map((issue) => ({
      path: [...(pathPrefix ? [pathPrefix] : []), ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: describeIssue(issue as Parameters<typeof describeIssue>[0]),
    })),
  });
}

/** Throws every collected field error at once, so a form shows all its problems in one round. */
export function failOnFieldErrors(fieldErrors: FieldError[]): void {
  if (fieldErrors.length) throw kernelErrors.validation_failed({ fieldErrors });
}
