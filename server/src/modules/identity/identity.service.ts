import { APIError } from 'better-auth/api';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Auth } from '../../kernel/auth/auth.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { kernelErrors, type Locale } from '../../kernel/errors/index.ts';
import type { Principal, SignedInUser, WorkspaceContext } from '../../kernel/http/context.ts';
import type { WorkspacesService } from '../workspaces/workspaces.service.ts';
import { workspaceErrors } from '../workspaces/workspaces.errors.ts';
import { passwordResetEmail, type EmailMessage } from './identity.emails.ts';
import { identityErrors } from './identity.errors.ts';
import { identityRepository as repo, type UserRow } from './identity.repository.ts';

import type { Executor } from '../../kernel/db/database.ts';

/** Queues an email; with `tx` the email exists only if that transaction commits. */
export type EnqueueEmail = (message: EmailMessage, tx?: Executor) => Promise<void>;

export type IdentityDeps = {
  db: AppDb;
  auth: Auth;
  workspaces: WorkspacesService;
  enqueueEmail: EnqueueEmail;
  publicUrl: string;
  clock?: () => Date;
  /** Failed sign-ins allowed per email within the window before throttling. */
  maxFailedLogins?: number;
  loginWindowMinutes?: number;
};

export type AuthResult = { user: SignedInUser; setCookie: string[] };

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const toSignedInUser = (u: Pick<UserRow, 'id' | 'name' | 'email'> & { locale?: string | null; calendar?: string | null }): SignedInUser => ({
  id: u.id,
  name: u.name,
  email: u.email,
  locale: u.locale === 'en' ? 'en' : 'fa',
  calendar: u.calendar === 'gregorian' ? 'gregorian' : 'jalali',
});

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

const isBetterAuthError = (error: unknown, code: string) => error instanceof APIError && (error.body as { code?: string } | undefined)?.code === code;

export function createIdentityService(deps: IdentityDeps) {
  const { db, auth, workspaces } = deps;
  const clock = deps.clock ?? (() => new Date());
  const maxFailures = deps.maxFailedLogins ?? 5;
  const windowMinutes = deps.loginWindowMinutes ?? 15;

  async function contextFor(user: SignedInUser, userRow: UserRow): Promise<WorkspaceContext | undefined> {
    const workspaceId = userRow.activeWorkspaceId ?? (await repo.firstMembership(db, user.id))?.workspaceId;
    if (!workspaceId) return undefined;
    let membership = await repo.membershipWithRole(db, user.id, workspaceId);
    if (!membership) {
      // The active workspace was left or removed: fall back to another membership.
      const first = await repo.firstMembership(db, user.id);
      membership = first ? await repo.membershipWithRole(db, user.id, first.workspaceId) : undefined;
      if (!membership) return undefined;
    }
    return {
      workspaceId: membership.workspaceId,
      actor: { type: 'user', id: user.id, name: user.name },
      roleKey: membership.roleKey,
      permissions: new Set(membership.permissions ?? []),
      locale: user.locale,
    };
  }

  /** Creates the account and its session (cookies to forward); no workspace. */
  async function createAccount(
    input: { name: string; email: string; password: string; locale: Locale },
    requestHeaders: Record<string, string | string[] | undefined>,
  ) {
    const calendar = input.locale === 'fa' ? 'jalali' : 'gregorian';
    try {
      const result = await auth.api.signUpEmail({
        body: { name: input.name, email: normaliseEmail(input.email), password: input.password, locale: input.locale, calendar },
        headers: toHeaders(requestHeaders),
        returnHeaders: true,
      });
      const created = result.response.user;
      return { user: toSignedInUser({ ...created, locale: input.locale, calendar }), setCookie: result.headers.getSetCookie() };
    } catch (error) {
      if (isBetterAuthError(error, 'USER_ALREADY_EXISTS') || isBetterAuthError(error, 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL')) {
        throw identityErrors.email_taken({ fieldErrors: [{ path: 'email', code: 'email_taken', message: identityErrors.email_taken().messages }] });
      }
      if (isBetterAuthError(error, 'PASSWORD_TOO_SHORT')) throw identityErrors.weak_password();
      throw error;
    }
  }

  return {
    createAccount,

    async signUp(
      input: { name: string; email: string; password: string; workspaceName: string; locale?: Locale },
      requestHeaders: Record<string, string | string[] | undefined>,
    ) {
      const locale = input.locale ?? 'fa';
      const { user, setCookie } = await createAccount({ ...input, locale }, requestHeaders);
      const actor = { type: 'user' as const, id: user.id, name: user.name };
      const workspace = await db.transaction(async (tx) => {
        const ws = await workspaces.createWithin(tx, { userId: user.id, actor }, { name: input.workspaceName, defaultLocale: locale });
        await repo.updateUser(tx, user.id, { activeWorkspaceId: ws.id });
        const ctx = { workspaceId: ws.id, actor, roleKey: 'admin', permissions: new Set<string>(), locale };
        await recordAudit(tx, ctx, { action: 'user.signed_up', entityType: 'user', entityId: user.id, after: { name: user.name, email: user.email } });
        return ws;
      });
      return { user, workspace, setCookie };
    },

    async signIn(input: { email: string; password: string }, request: { headers: Record<string, string | string[] | undefined>; ip: string }): Promise<AuthResult> {
      const email = normaliseEmail(input.email);
      const now = clock();
      const since = new Date(now.getTime() - windowMinutes * 60_000);
      const failures = await repo.recentFailures(db, email, since);
      if (failures.count >= maxFailures) {
        const unlockAt = (failures.oldest?.getTime() ?? now.getTime()) + windowMinutes * 60_000;
        const minutes = Math.max(1, Math.ceil((unlockAt - now.getTime()) / 60_000));
        throw identityErrors.too_many_attempts({ params: { minutes }, headers: { 'retry-after': String(minutes * 60) } });
      }
      try {
        const result = await auth.api.signInEmail({ body: { email, password: input.password }, headers: toHeaders(request.headers), returnHeaders: true });
        await repo.recordLoginAttempt(db, { email, ipAddress: request.ip, succeeded: true, at: now });
        const row = await repo.findUser(db, result.response.user.id);
        return { user: toSignedInUser(row!), setCookie: result.headers.getSetCookie() };
      } catch (error) {
        if (error instanceof APIError && (error.statusCode === 401 || isBetterAuthError(error, 'INVALID_EMAIL_OR_PASSWORD'))) {
          await repo.recordLoginAttempt(db, { email, ipAddress: request.ip, succeeded: false, at: now });
          throw identityErrors.invalid_credentials();
        }
        throw error;
      }
    },

    async signOut(requestHeaders: Record<string, string | string[] | undefined>): Promise<string[]> {
      const result = await auth.api.signOut({ headers: toHeaders(requestHeaders), returnHeaders: true });
      return result.headers.getSetCookie();
    },

    /** Always succeeds from the caller's view, so the endpoint does not reveal which emails exist. */
    async requestPasswordReset(email: string): Promise<void> {
      await auth.api.requestPasswordReset({ body: { email: normaliseEmail(email), redirectTo: '/reset-password' } }).catch((error) => {
        if (!(error instanceof APIError)) throw error;
      });
    },

    /** better-auth calls this with the token; we email our own link in the user's language. */
    async sendPasswordResetEmail(request: { user: { id: string; email: string; name: string }; token: string }) {
      const row = await repo.findUser(db, request.user.id);
      const locale: Locale = row?.locale === 'en' ? 'en' : 'fa';
      const url = `${deps.publicUrl}/reset-password?token=${encodeURIComponent(request.token)}`;
      await deps.enqueueEmail(passwordResetEmail(locale, request.user.email, request.user.name, url));
    },

    async confirmPasswordReset(token: string, password: string): Promise<void> {
      try {
        await auth.api.resetPassword({ body: { token, newPassword: password } });
      } catch (error) {
        if (isBetterAuthError(error, 'PASSWORD_TOO_SHORT')) throw identityErrors.weak_password();
        if (error instanceof APIError) throw identityErrors.invalid_reset_token();
        throw error;
      }
    },

    /** Session cookie → user and active workspace. */
    async principalFromSession(requestHeaders: Record<string, string | string[] | undefined>): Promise<Principal | null> {
      const session = await auth.api.getSession({ headers: toHeaders(requestHeaders) });
      if (!session) return null;
      const row = await repo.findUser(db, session.user.id);
      if (!row) return null;
      const user = toSignedInUser(row);
      return { user, sessionToken: session.session.token, workspace: await contextFor(user, row) };
    },

    async me(principal: Principal) {
      const workspaceId = principal.workspace?.workspaceId;
      const workspace = workspaceId ? await workspaces.find(workspaceId) : undefined;
      const memberOf = principal.user ? await workspaces.listForUser(principal.user.id) : [];
      return {
        user: principal.user ?? null,
        actor: principal.workspace?.actor ?? (principal.user ? { type: 'user' as const, id: principal.user.id, name: principal.user.name } : null),
        workspace: workspace
          ? {
              id: workspace.id,
              name: workspace.name,
              slug: workspace.slug,
              defaultLocale: workspace.defaultLocale,
              calendar: workspace.calendar,
              timezone: workspace.timezone,
              defaultCurrency: workspace.defaultCurrency,
              moneyDisplay: workspace.moneyDisplay,
              fiscalYearStartMonth: workspace.fiscalYearStartMonth,
              vatRate: workspace.vatRate,
            }
          : null,
        role: principal.workspace?.roleKey ?? null,
        permissions: [...(principal.workspace?.permissions ?? [])].sort(),
        workspaces: memberOf,
      };
    },

    async updateMe(user: SignedInUser, changes: { name?: string; locale?: Locale; calendar?: 'jalali' | 'gregorian' }): Promise<SignedInUser> {
      const row = await repo.updateUser(db, user.id, changes);
      return toSignedInUser(row!);
    },

    async switchWorkspace(user: SignedInUser, workspaceId: string): Promise<void> {
      const membership = await repo.membershipWithRole(db, user.id, workspaceId);
      if (!membership) throw workspaceErrors.not_a_member();
      await repo.updateUser(db, user.id, { activeWorkspaceId: workspaceId });
    },

    requireSignedIn(principal: Principal | null): SignedInUser {
      if (!principal?.user) throw kernelErrors.unauthenticated();
      return principal.user;
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
