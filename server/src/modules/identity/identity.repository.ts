import { and, count, desc, eq, gt } from 'drizzle-orm';
import { loginAttempts, users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { memberships, roles } from '../members/members.schema.ts';

export type UserRow = typeof users.$inferSelect;

export const identityRepository = {
  async findUser(db: Executor, userId: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    return row;
  },

  async findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return row;
  },

  async updateUser(db: Executor, userId: string, changes: Partial<Pick<UserRow, 'name' | 'locale' | 'calendar' | 'activeWorkspaceId'>>) {
    const [row] = await db.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
    return row;
  },

  /** The user's membership in a workspace with the permissions of its role. */
  async membershipWithRole(db: Executor, userId: string, workspaceId: string) {
    const [row] = await db
      .select({ workspaceId: memberships.workspaceId, roleKey: memberships.roleKey, permissions: roles.permissions })
      .from(memberships)
      .leftJoin(roles, and(eq(roles.workspaceId, memberships.workspaceId), eq(roles.key, memberships.roleKey)))
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
    return row;
  },

  async firstMembership(db: Executor, userId: string) {
    const [row] = await db
      .select({ workspaceId: memberships.workspaceId })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .orderBy(memberships.createdAt)
      .limit(1);
    return row;
  },

  async recordLoginAttempt(db: Executor, attempt: { email: string; ipAddress: string | null; succeeded: boolean; at: Date }) {
    await db.insert(loginAttempts).values({ email: attempt.email, ipAddress: attempt.ipAddress, succeeded: attempt.succeeded, attemptedAt: attempt.at });
  },

  /** Failures since the window start and since the last success, newest first. */
  async recentFailures(db: Executor, email: string, since: Date) {
    const [lastSuccess] = await db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, true), gt(loginAttempts.attemptedAt, since)))
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(1);
    const from = lastSuccess ? lastSuccess.at : since;
    const [failures] = await db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, from)));
    const [oldest] = await db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, from)))
      .orderBy(loginAttempts.attemptedAt)
      .limit(1);
    return { count: Number(failures?.n ?? 0), oldest: oldest?.at };
  },
};
