import { randomBytes } from 'node:crypto';
import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type Actor, type WorkspaceContext } from '../../kernel/http/context.ts';
import { ADMIN_ROLE, BUILT_IN_ROLES } from '../members/members.permissions.ts';
import { membersRepository } from '../members/members.repository.ts';
import { workspaceErrors } from './workspaces.errors.ts';
import { workspacesRepository as repo, type WorkspaceChanges, type WorkspaceRow } from './workspaces.repository.ts';

export type NewWorkspace = { name: string; defaultLocale?: 'fa' | 'en'; calendar?: 'jalali' | 'gregorian'; timezone?: string };

/** A readable slug when the name has Latin letters, always unique thanks to the random tail. */
function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const tail = randomBytes(3).toString('hex');
  return base ? `${base}-${tail}` : `ws-${tail}`;
}

const publicWorkspace = (w: WorkspaceRow) => ({
  id: w.id,
  name: w.name,
  slug: w.slug,
  defaultLocale: w.defaultLocale as 'fa' | 'en',
  calendar: w.calendar as 'jalali' | 'gregorian',
  timezone: w.timezone,
  verificationIntervalDays: w.verificationIntervalDays,
  version: w.version,
  createdAt: w.createdAt,
});
export type Workspace = ReturnType<typeof publicWorkspace>;

export function createWorkspacesService(db: AppDb) {
  /**
   * Creates a workspace with its built-in roles and the creator as admin, inside the caller's
   * transaction (sign-up, invitations and the CLI all need it as one step).
   */
  async function createWithin(tx: Executor, owner: { userId: string; actor: Actor }, input: NewWorkspace): Promise<Workspace> {
    const locale = input.defaultLocale ?? 'fa';
    const workspace = await repo.insert(tx, {
      name: input.name,
      slug: slugFor(input.name),
      defaultLocale: locale,
      calendar: input.calendar ?? (locale === 'fa' ? 'jalali' : 'gregorian'),
      timezone: input.timezone ?? 'Asia/Tehran',
    });
    await membersRepository.insertRoles(tx, workspace.id, BUILT_IN_ROLES);
    const membership = await membersRepository.insertMembership(tx, { workspaceId: workspace.id, userId: owner.userId, roleKey: ADMIN_ROLE });
    const ctx: WorkspaceContext = { workspaceId: workspace.id, actor: owner.actor, roleKey: ADMIN_ROLE, permissions: new Set(), locale };
    await recordAudit(tx, ctx, { action: 'workspace.created', entityType: 'workspace', entityId: workspace.id, after: workspace });
    await recordAudit(tx, ctx, { action: 'member.added', entityType: 'member', entityId: membership.id, after: membership });
    return publicWorkspace(workspace);
  }

  return {
    createWithin,

    create(owner: { userId: string; actor: Actor }, input: NewWorkspace): Promise<Workspace> {
      return db.transaction((tx) => createWithin(tx, owner, input));
    },

    async get(ctx: WorkspaceContext): Promise<Workspace> {
      const row = await repo.find(db, ctx.workspaceId);
      if (!row) throw workspaceErrors.workspace_not_found();
      return publicWorkspace(row);
    },

    async update(ctx: WorkspaceContext, input: WorkspaceChanges & { version: number }): Promise<Workspace> {
      requirePermission(ctx, 'workspace.manage');
      const { version, ...changes } = input;
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId);
        if (!before) throw workspaceErrors.workspace_not_found();
        const after = await repo.update(tx, ctx.workspaceId, version, changes);
        if (!after) throw kernelErrors.version_conflict();
        await audit({ action: 'workspace.updated', entityType: 'workspace', entityId: ctx.workspaceId, before, after });
        return publicWorkspace(after);
      });
    },

    listForUser: (userId: string) => repo.listForUser(db, userId),
    async find(workspaceId: string): Promise<Workspace | undefined> {
      const row = await repo.find(db, workspaceId);
      return row ? publicWorkspace(row) : undefined;
    },
  };
}

export type WorkspacesService = ReturnType<typeof createWorkspacesService>;
