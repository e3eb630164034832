import { and, eq, or, type SQL } from 'drizzle-orm';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { savedViews, type ViewEntity } from './views.schema.ts';

export type SavedViewRow = typeof savedViews.$inferSelect;
export type ViewRow = SavedViewRow & { ownerName: string | null };
export type ViewChanges = Partial<Pick<SavedViewRow, 'name' | 'visibility' | 'filter' | 'sort' | 'columns'>>;

/** A person has a few dozen views at most; this bounds a list that is not paginated. */
const LIST_LIMIT = 500;

const withOwnerName = { view: savedViews, ownerName: users.name };
const toViewRow = ({ view, ownerName }: { view: SavedViewRow; ownerName: string | null }): ViewRow => ({ ...view, ownerName });

/** Shared views, and the caller's own private ones (API keys, with no user, see shared views only). */
const visibleTo = (userId: string | null): SQL =>
  userId ? or(eq(savedViews.visibility, 'shared'), eq(savedViews.ownerId, userId))! : eq(savedViews.visibility, 'shared');

export const viewsRepository = {
  async listVisible(db: Executor, workspaceId: string, userId: string | null, entityType?: ViewEntity): Promise<ViewRow[]> {
    const rows = await db
      .select(withOwnerName)
      .from(savedViews)
      .leftJoin(users, eq(users.id, savedViews.ownerId))
      .where(and(eq(savedViews.workspaceId, workspaceId), entityType ? eq(savedViews.entityType, entityType) : undefined, visibleTo(userId)))
      .limit(LIST_LIMIT);
    return rows.map(toViewRow);
  },

  async findVisible(db: Executor, workspaceId: string, userId: string | null, id: string): Promise<ViewRow | undefined> {
    const [row] = await db
      .select(withOwnerName)
      .from(savedViews)
      .leftJoin(users, eq(users.id, savedViews.ownerId))
      .where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id), visibleTo(userId)));
    return row && toViewRow(row);
  },

  async insert(db: Executor, values: typeof savedViews.$inferInsert): Promise<SavedViewRow> {
    const [row] = await db.insert(savedViews).values(values).returning();
    return row!;
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: ViewChanges, at: Date): Promise<SavedViewRow | undefined> {
    const [row] = await db
      .update(savedViews)
      .set({ ...changes, version: version + 1, updatedAt: at })
      .where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id), eq(savedViews.version, version)))
      .returning();
    return row;
  },

  async delete(db: Executor, workspaceId: string, id: string): Promise<void> {
    await db.delete(savedViews).where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)));
  },
};
