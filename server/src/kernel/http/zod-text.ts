import { z } from 'zod';

/*
 * Text inputs every module validates the same way. PostgreSQL refuses NUL in text, so it is
 * removed at the edge instead of failing as a 500 inside a query.
 */

export const withoutNul = (value: string) => value.replace(/\u0000/g, '');

/** A string with NUL characters removed. */
export const ZText = () => z.string().overwrite(withoutNul);

/** Optional text: trimmed, and an empty string (what a cleared form field sends) means "none". */
export const optionalText = (max: number) =>
  ZText()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullable()
    .optional();

/** A user id (better-auth ids are not UUIDs). */
export const ZUserId = ZText().trim().min(1).max(100);
