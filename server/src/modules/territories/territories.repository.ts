import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { memberships } from '../members/members.schema.ts';
import { territories, territoryMembers, type TerritoryRole } from './territories.schema.ts';

export type TerritoryRow = typeof territories.$inferSelect;
export type TerritoryValues = Pick<TerritoryRow, 'name' | 'description' | 'parentId' | 'regions'>;
export type TerritoryMemberRow = { territoryId: string; userId: string; name: string; email: string; role: TerritoryRole };

/** Where a page of a name-ordered list starts: after (name, id) of the last row seen. */
export type NameCursor = { name: string; id: string };

/** Rows after the cursor in (name, id) order: a row-value comparison the (workspace_id, name) index serves. */
export const afterName = (name: PgColumn, id: PgColumn, cursor: NameCursor | undefined): SQL | undefined =>
  cursor ? sql`(${name}, ${id}) > (${cursor.name}, ${cursor.id}::uuid)` : undefined;

const scoped = (workspaceId: string, id: string) => and(eq(territories.workspaceId, workspaceId), eq(territories.id, id));

export const territoriesRepository = {
  list(db: Executor, workspaceId: string, options: { archived: boolean; limit: number; after?: NameCursor }): Promise<TerritoryRow[]> {
    return db
      .select()
      .from(territories)
      .where(
        and(
          eq(territories.workspaceId, workspaceId),
          options.archived ? undefined : isNull(territories.archivedAt),
          afterName(territories.name, territories.id, options.after),
        ),
      )
      .orderBy(asc(territories.name), asc(territories.id))
      .limit(options.limit + 1);
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<TerritoryRow | undefined> {
    const [row] = await db.select().from(territories).where(scoped(workspaceId, id));
    return row;
  },

  /** Every territory of the workspace (archived too), for the organisations filter and coverage. */
  all(db: Executor, workspaceId: string): Promise<Array<Pick<TerritoryRow, 'id' | 'name' | 'parentId' | 'regions' | 'archivedAt'>>> {
    return db
      .select({ id: territories.id, name: territories.name, parentId: territories.parentId, regions: territories.regions, archivedAt: territories.archivedAt })
      .from(territories)
      .where(eq(territories.workspaceId, workspaceId))
      .orderBy(asc(territories.name), asc(territories.id))
      .limit(5000);
  },

  async insert(db: Executor, workspaceId: string, values: TerritoryValues): Promise<TerritoryRow> {
    const [row] = await db
      .insert(territories)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<TerritoryValues & { archivedAt: Date | null }>, at: Date) {
    const [row] = await db
      .update(territories)
      .set({ ...changes, version: version + 1, updatedAt: at })
      .where(and(scoped(workspaceId, id), eq(territories.version, version)))
      .returning();
    return row;
  },

  async membersOf(db: Executor, workspaceId: string, territoryIds: string[]): Promise<TerritoryMemberRow[]> {
    if (!territoryIds.length) return [];
    return db
      .select({ territoryId: territoryMembers.territoryId, userId: territoryMembers.userId, name: users.name, email: users.email, role: territoryMembers.role })
      .from(territoryMembers)
      .innerJoin(users, eq(users.id, territoryMembers.userId))
      .where(and(eq(territoryMembers.workspaceId, workspaceId), inArray(territoryMembers.territoryId, territoryIds)))
      .orderBy(asc(users.name), asc(users.id));
  },

  /**
   * Replaces the members. The territory row is locked first, so two replacements at once run one
   * after the other instead of both inserting the same (territory, user) keys.
   */
  async replaceMembers(db: Executor, workspaceId: string, territoryId: string, members: Array<{ userId: string; role: TerritoryRole }>, at: Date) {
    await db.select({ id: territories.id }).from(territories).where(scoped(workspaceId, territoryId)).for('update');
    await db.delete(territoryMembers).where(and(eq(territoryMembers.workspaceId, workspaceId), eq(territoryMembers.territoryId, territoryId)));
    if (members.length) await db.insert(territoryMembers).values(members.map((m) => ({ ...m, workspaceId, territoryId })));
    await db.update(territories).set({ updatedAt: at }).where(scoped(workspaceId, territoryId));
  },
};

/** Of `userIds`, those who are members of the workspace (territory and team members must be). */
export async function workspaceMemberIds(db: Executor, workspaceId: string, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));
  return new Set(rows.map((r) => r.userId));
}
