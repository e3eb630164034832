import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { AppDb } from '../db/database.ts';
import { accounts, sessions, users, verifications } from './auth.schema.ts';

export type ResetPasswordRequest = { user: { id: string; email: string; name: string }; token: string };

export type AuthOptions = {
  db: AppDb;
  secret: string;
  publicUrl: string;
  /** Called inside better-auth when a reset is requested; the identity module emails the link. */
  onResetPasswordRequested: (request: ResetPasswordRequest) => Promise<void>;
};

export const SESSION_COOKIE_PREFIX = 'peyvand';
export const SESSION_COOKIE_NAME = `${SESSION_COOKIE_PREFIX}.session_token`;

/**
 * Identity (users, credentials, sessions, password reset) is better-auth's; tenancy (workspaces,
 * memberships, roles, invitations, API keys) is ours. See docs/decisions/0003-auth.md.
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    secret: options.secret,
    baseURL: options.publicUrl,
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    user: {
      additionalFields: {
        locale: { type: 'string', required: false, defaultValue: 'fa', input: true },
        calendar: { type: 'string', required: false, defaultValue: 'jalali', input: true },
      },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, token }) => {
        await options.onResetPasswordRequested({ user: { id: user.id, email: user.email, name: user.name }, token });
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    // Throttling of failed sign-ins is ours (database-backed, shared by all processes).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: options.publicUrl.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      database: { generateId: () => randomUUID() },
    },
    logger: { disabled: true },
  });
}

export type Auth = ReturnType<typeof createAuth>;
