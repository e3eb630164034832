import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page, type TListQuery } from '../../kernel/http/pagination.ts';
import { memberErrors } from './members.errors.ts';
import { ADMIN_ROLE } from './members.permissions.ts';
import { membersRepository as repo, type MemberRow } from './members.repository.ts';

export type Member = Omit<MemberRow, 'roleKey'> & { role: string };

const toMember = ({ roleKey, ...rest }: MemberRow): Member => ({ ...rest, role: roleKey });

export function createMembersService(db: AppDb) {
  return {
    async listRoles(ctx: WorkspaceContext) {
      const rows = await repo.listRoles(db, ctx.workspaceId);
      return rows.map((r) => ({ key: r.key, name: { fa: r.nameFa, en: r.nameEn }, permissions: r.permissions, builtIn: r.builtIn }));
    },

    async list(ctx: WorkspaceContext, query: TListQuery): Promise<Page<Member>> {
      requirePermission(ctx, 'members.read');
      const rows = await repo.list(db, ctx.workspaceId, query);
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      return { items: page.items.map(toMember), nextCursor: page.nextCursor };
    },

    async changeRole(ctx: WorkspaceContext, membershipId: string, input: { role: string; version: number }): Promise<Member> {
      requirePermission(ctx, 'members.manage');
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, membershipId);
        if (!before) throw memberErrors.member_not_found();
        if (!(await repo.findRole(tx, ctx.workspaceId, input.role))) {
          throw memberErrors.unknown_role({ params: { role: input.role } });
        }
        if (before.roleKey === ADMIN_ROLE && input.role !== ADMIN_ROLE && (await repo.countWithRole(tx, ctx.workspaceId, ADMIN_ROLE)) <= 1) {
          throw memberErrors.last_admin();
        }
        const updated = await repo.updateRole(tx, ctx.workspaceId, membershipId, input.role, input.version);
        if (!updated) throw kernelErrors.version_conflict();
        const after = { ...before, roleKey: updated.roleKey, version: updated.version };
        await audit({ action: 'member.role_changed', entityType: 'member', entityId: membershipId, before, after });
        return toMember(after);
      });
    },

    async remove(ctx: WorkspaceContext, membershipId: string): Promise<void> {
      requirePermission(ctx, 'members.manage');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, membershipId);
        if (!before) throw memberErrors.member_not_found();
        if (before.roleKey === ADMIN_ROLE && (await repo.countWithRole(tx, ctx.workspaceId, ADMIN_ROLE)) <= 1) {
          throw memberErrors.last_admin();
        }
        await repo.delete(tx, ctx.workspaceId, membershipId);
        await audit({ action: 'member.removed', entityType: 'member', entityId: membershipId, before });
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
