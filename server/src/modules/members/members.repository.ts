import { and, count, eq, sql } from 'drizzle-orm';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { memberships, roles } from './members.schema.ts';
import type { BuiltInRole } from './members.permissions.ts';

export type MemberRow = {
  id: string;
  userId: string;
  name: string;
  email: string;
  roleKey: string;
  version: number;
  createdAt: Date;
};

const memberColumns = {
  id: memberships.id,
  userId: memberships.userId,
  name: users.name,
  email: users.email,
  roleKey: memberships.roleKey,
  version: memberships.version,
  createdAt: memberships.createdAt,
};

export const membersRepository = {
  async insertRoles(db: Executor, workspaceId: string, builtIns: BuiltInRole[]) {
    await db.insert(roles).values(builtIns.map((r) => ({ workspaceId, ...r, builtIn: true })));
  },

  listRoles(db: Executor, workspaceId: string) {
    return db.select().from(roles).where(eq(roles.workspaceId, workspaceId)).orderBy(roles.createdAt, roles.key);
  },

  async findRole(db: Executor, workspaceId: string, key: string) {
    const [row] = await db.select().from(roles).where(and(eq(roles.workspaceId, workspaceId), eq(roles.key, key)));
    return row;
  },

  async insertMembership(db: Executor, values: { workspaceId: string; userId: string; roleKey: string }) {
    const [row] = await db.insert(memberships).values(values).returning();
    return row!;
  },

  list(db: Executor, workspaceId: string, page: { limit: number; cursor?: string }): Promise<MemberRow[]> {
    return db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), keysetWhere(memberships.createdAt, memberships.id, page.cursor)))
      .orderBy(...keysetOrder(memberships.createdAt, memberships.id))
      .limit(page.limit + 1);
  },

  async find(db: Executor, workspaceId: string, membershipId: string): Promise<MemberRow | undefined> {
    const [row] = await db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)));
    return row;
  },

  async findByUser(db: Executor, workspaceId: string, userId: string) {
    const [row] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return row;
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async updateRole(db: Executor, workspaceId: string, membershipId: string, roleKey: string, version: number) {
    const [row] = await db
      .update(memberships)
      .set({ roleKey, version: sql`${memberships.version} + 1`, updatedAt: new Date() })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId), eq(memberships.version, version)))
      .returning();
    return row;
  },

  async delete(db: Executor, workspaceId: string, membershipId: string) {
    await db.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)));
  },

  async countWithRole(db: Executor, workspaceId: string, roleKey: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.roleKey, roleKey)));
    return Number(row?.n ?? 0);
  },

  async countMembers(db: Executor, workspaceId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
    return Number(row?.n ?? 0);
  },
};
