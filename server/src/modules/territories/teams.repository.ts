import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { teamMembers, teams } from './territories.schema.ts';
import { afterName, type NameCursor } from './territories.repository.ts';

export type TeamRow = typeof teams.$inferSelect;
export type TeamValues = Pick<TeamRow, 'name' | 'managerId'>;
export type TeamMemberRow = { teamId: string; userId: string; name: string; email: string };

const scoped = (workspaceId: string, id: string) => and(eq(teams.workspaceId, workspaceId), eq(teams.id, id));

export const teamsRepository = {
  list(db: Executor, workspaceId: string, options: { archived: boolean; limit: number; after?: NameCursor }): Promise<TeamRow[]> {
    return db
      .select()
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), options.archived ? undefined : isNull(teams.archivedAt), afterName(teams.name, teams.id, options.after)))
      .orderBy(asc(teams.name), asc(teams.id))
      .limit(options.limit + 1);
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<TeamRow | undefined> {
    const [row] = await db.select().from(teams).where(scoped(workspaceId, id));
    return row;
  },

  async insert(db: Executor, workspaceId: string, values: TeamValues): Promise<TeamRow> {
    const [row] = await db
      .insert(teams)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<TeamValues & { archivedAt: Date | null }>, at: Date) {
    const [row] = await db
      .update(teams)
      .set({ ...changes, version: version + 1, updatedAt: at })
      .where(and(scoped(workspaceId, id), eq(teams.version, version)))
      .returning();
    return row;
  },

  async membersOf(db: Executor, workspaceId: string, teamIds: string[]): Promise<TeamMemberRow[]> {
    if (!teamIds.length) return [];
    return db
      .select({ teamId: teamMembers.teamId, userId: teamMembers.userId, name: users.name, email: users.email })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.teamId, teamIds)))
      .orderBy(asc(users.name), asc(users.id));
  },

  /** Names and emails of users (managers), by id. */
  async usersByIds(db: Executor, userIds: string[]): Promise<Map<string, { name: string; email: string }>> {
    if (!userIds.length) return new Map();
    const rows = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, userIds));
    return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
  },

  /** Replaces the members, the team row locked first so concurrent replacements queue up. */
  async replaceMembers(db: Executor, workspaceId: string, teamId: string, userIds: string[], at: Date) {
    await db.select({ id: teams.id }).from(teams).where(scoped(workspaceId, teamId)).for('update');
    await db.delete(teamMembers).where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teamId, teamId)));
    if (userIds.length) await db.insert(teamMembers).values(userIds.map((userId) => ({ userId, workspaceId, teamId })));
    await db.update(teams).set({ updatedAt: at }).where(scoped(workspaceId, teamId));
  },
};
