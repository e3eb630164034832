import { isApiError } from '../api/index.ts';
import type { Translate } from '../i18n/index.ts';

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

/** What is wrong with a typed email address (surrounding spaces ignored), or null. */
export function emailProblem(value: string, t: Translate): string | null {
  const email = value.trim();
  if (!email) return t('errors.required');
  return EMAIL_PATTERN.test(email) ? null : t('errors.invalidEmail');
}

/** What is wrong with a new password, or null. */
export function newPasswordProblem(password: string, t: Translate): string | null {
  if (!password) return t('errors.required');
  return password.length < MIN_PASSWORD_LENGTH ? t('errors.passwordTooShort', { min: MIN_PASSWORD_LENGTH }) : null;
}
