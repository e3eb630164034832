import type { FastifyRequest } from 'fastify';
import type { Locale } from '../errors/index.ts';
import { kernelErrors } from '../errors/index.ts';

export type Actor = { type: 'user' | 'api_key' | 'system'; id: string; name: string };

export type SignedInUser = { id: string; name: string; email: string; locale: Locale; calendar: 'jalali' | 'gregorian' };

/** Who is calling and in which workspace; every service method takes it first. */
export type WorkspaceContext = {
  workspaceId: string;
  actor: Actor;
  roleKey: string;
  permissions: ReadonlySet<string>;
  locale: Locale;
  requestId?: string;
};

export type Principal = {
  user?: SignedInUser;
  sessionToken?: string;
  /** Absent for a signed-in user who belongs to no workspace yet. */
  workspace?: WorkspaceContext;
};

export type PrincipalResolver = (request: FastifyRequest) => Promise<Principal | null>;

export function requirePermission(ctx: WorkspaceContext, permission: string): void {
  if (!ctx.permissions.has(permission)) throw kernelErrors.forbidden();
}

export const systemActor: Actor = { type: 'system', id: 'system', name: 'Peyvand' };

/** A context for jobs, the CLI and seeding: acts as the system with every permission. */
export function systemContext(workspaceId: string, permissions: Iterable<string>, locale: Locale = 'fa'): WorkspaceContext {
  return { workspaceId, actor: systemActor, roleKey: 'admin', permissions: new Set(permissions), locale };
}

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    /** The caller, or null when anonymous. Resolved once per request. */
    principal(): Promise<Principal | null>;
    /** The signed-in user; 401 otherwise. */
    requireUser(): Promise<{ user: SignedInUser; principal: Principal }>;
    /** The caller's workspace context; 401/403 otherwise. */
    workspace(): Promise<WorkspaceContext>;
  }
}

export function localeFromHeader(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('fa')) return 'fa';
  return undefined;
}
