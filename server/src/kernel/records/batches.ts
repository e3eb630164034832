import { AppError } from '../errors/index.ts';

/*
 * Multi-row writes (imports, bulk creates). PostgreSQL takes at most 65,535 parameters per
 * statement, so a multi-row INSERT goes in chunks that stay well below it whatever the row width.
 */

/** Rows per multi-row statement: 1,000 rows of up to 60 parameters each. */
export const ROWS_PER_STATEMENT = 1000;

export function inChunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs one item's rules: its own refusal (an AppError below 500: validation, a missing
 * reference) becomes its result, so a batch can report each item; anything else is thrown.
 */
export async function orRefusal<T>(work: () => T | Promise<T>): Promise<T | AppError> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return error;
    throw error;
  }
}

export const isRefusal = <T>(value: T | AppError): value is AppError => value instanceof AppError;

/** The items no rule refused. */
export const accepted = <T>(items: ReadonlyArray<T | AppError>): T[] => items.filter((item): item is T => !isRefusal(item));
