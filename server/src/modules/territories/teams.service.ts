import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
import { ZTeamCreate, ZTeamMembersInput, ZTeamPatch, type TTerritoryListQuery } from './territories.contract.ts';
import { territoryErrors } from './territories.errors.ts';
import { teamsRepository as repo, type TeamMemberRow, type TeamRow, type TeamValues } from './teams.repository.ts';
import { checkMembers, decodeNameCursor, namePage } from './territories.rules.ts';

type MemberRef = { userId: string; name: string; email: string };

export type Team = {
  id: string;
  name: string;
  managerId: string | null;
  manager: MemberRef | null;
  members: MemberRef[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
};

/**
 * Sales teams: a manager and members. Forecasts roll up per team through `team_members` (the
 * deal owner's teams), so a rep can sit in several teams and count in each.
 */
export function createTeamsService(deps: { db: AppDb; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function present(executor: Executor, workspaceId: string, rows: TeamRow[]): Promise<Team[]> {
    const members = await repo.membersOf(executor, workspaceId, rows.map((r) => r.id));
    const managers = await repo.usersByIds(executor, [...new Set(rows.map((r) => r.managerId).filter((id): id is string => !!id))]);
    return rows.map((row) => {
      const manager = row.managerId ? managers.get(row.managerId) : undefined;
      return {
        id: row.id,
        name: row.name,
        managerId: row.managerId,
        manager: row.managerId && manager ? { userId: row.managerId, ...manager } : null,
        members: members.filter((m: TeamMemberRow) => m.teamId === row.id).map(({ userId, name, email }) => ({ userId, name, email })),
        version: row.version,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        archivedAt: row.archivedAt,
      };
    });
  }

  async function detail(executor: Executor, workspaceId: string, id: string): Promise<Team> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw territoryErrors.team_not_found();
    return (await present(executor, workspaceId, [row]))[0]!;
  }

  /** The manager, when one is named, must be a member of the workspace. */
  async function checkManager(executor: Executor, ctx: WorkspaceContext, managerId: string | null | undefined): Promise<void> {
    if (!managerId) return;
    const errors: FieldError[] = [];
    await checkMembers(executor, ctx.workspaceId, [managerId], 'manager', errors);
    failOnFieldErrors(errors.map((e) => ({ ...e, path: 'managerId' })));
  }

  async function checkedMemberIds(executor: Executor, ctx: WorkspaceContext, members: Array<{ userId: string }>): Promise<string[]> {
    const userIds = members.map((m) => m.userId);
    const errors: FieldError[] = [];
    await checkMembers(executor, ctx.workspaceId, userIds, 'members', errors);
    failOnFieldErrors(errors);
    return userIds;
  }

  async function archiveOrRestore(ctx: WorkspaceContext, id: string, archive: boolean): Promise<Team> {
    requirePermission(ctx, 'sales.configure');
    return mutate(db, ctx, async (tx, audit) => {
      const before = await detail(tx, ctx.workspaceId, id);
      if (!!before.archivedAt === archive) return before;
      const row = await repo.update(tx, ctx.workspaceId, id, before.version, { archivedAt: archive ? clock() : null }, clock());
      if (!row) throw kernelErrors.version_conflict();
      await audit({ action: archive ? 'team.archived' : 'team.restored', entityType: 'team', entityId: id, before: { archivedAt: before.archivedAt }, after: { archivedAt: row.archivedAt } });
      return detail(tx, ctx.workspaceId, id);
    });
  }

  return {
    async list(ctx: WorkspaceContext, query: TTerritoryListQuery): Promise<{ items: Team[]; nextCursor: string | null }> {
      requirePermission(ctx, 'records.read');
      const after = decodeNameCursor(query.cursor);
      const rows = await repo.list(db, ctx.workspaceId, { archived: query.archived === 'true', limit: query.limit, after });
      const page = namePage(rows, query.limit);
      return { items: await present(db, ctx.workspaceId, page.items), nextCursor: page.nextCursor };
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Team> {
      requirePermission(ctx, 'records.read');
      return detail(db, ctx.workspaceId, id);
    },

    async create(ctx: WorkspaceContext, rawInput: unknown): Promise<Team> {
      requirePermission(ctx, 'sales.configure');
      const input = parseInput(ZTeamCreate, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        await checkManager(tx, ctx, input.managerId);
        const memberIds = input.members ? await checkedMemberIds(tx, ctx, input.members) : [];
        const row = await repo.insert(tx, ctx.workspaceId, { name: input.name, managerId: input.managerId ?? null });
        if (memberIds.length) await repo.replaceMembers(tx, ctx.workspaceId, row.id, memberIds, clock());
        const created = await detail(tx, ctx.workspaceId, row.id);
        await audit({ action: 'team.created', entityType: 'team', entityId: row.id, after: created });
        return created;
      });
    },

    async update(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Team> {
      requirePermission(ctx, 'sales.configure');
      const { version, ...input } = parseInput(ZTeamPatch, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await detail(tx, ctx.workspaceId, id);
        if (before.version !== version) throw kernelErrors.version_conflict();
        if (before.archivedAt) throw territoryErrors.team_archived();
        await checkManager(tx, ctx, input.managerId);
        const changes: Partial<TeamValues> = {};
        if (input.name !== undefined) changes.name = input.name;
        if (input.managerId !== undefined) changes.managerId = input.managerId;
        const row = await repo.update(tx, ctx.workspaceId, id, version, changes, clock());
        if (!row) throw kernelErrors.version_conflict();
        const after = await detail(tx, ctx.workspaceId, id);
        await audit({ action: 'team.updated', entityType: 'team', entityId: id, before, after });
        return after;
      });
    },

    async archive(ctx: WorkspaceContext, id: string): Promise<void> {
      await archiveOrRestore(ctx, id, true);
    },

    restore: (ctx: WorkspaceContext, id: string) => archiveOrRestore(ctx, id, false),

    async setMembers(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Team> {
      requirePermission(ctx, 'sales.configure');
      const members = parseInput(ZTeamMembersInput, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await detail(tx, ctx.workspaceId, id);
        if (before.archivedAt) throw territoryErrors.team_archived();
        await repo.replaceMembers(tx, ctx.workspaceId, id, await checkedMemberIds(tx, ctx, members), clock());
        const after = await detail(tx, ctx.workspaceId, id);
        await audit({ action: 'team.members_changed', entityType: 'team', entityId: id, before: { members: before.members }, after: { members: after.members } });
        return after;
      });
    },
  };
}

export type TeamsService = ReturnType<typeof createTeamsService>;
