import { isApiError } from '../api/index.ts';

/**
 * Props for a TextField: the server's message for that field wins, then the client-side check,
 * then the normal helper text.
 */
export function fieldState(
  field: string,
  options: { error?: unknown; client?: string | null | undefined; helper?: string } = {},
): { error: boolean; helperText: string | undefined } {
  const server = isApiError(options.error) ? options.error.fieldMessage(field) : undefined;
  const message = server ?? options.client ?? undefined;
  return { error: Boolean(message), helperText: message ?? options.helper };
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 8;
