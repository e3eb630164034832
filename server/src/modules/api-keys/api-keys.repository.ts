import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { apiKeys } from './api-keys.schema.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const apiKeysRepository = {
  async insert(db: Executor, values: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
    const [row] = await db.insert(apiKeys).values(values).returning();
    return row!;
  },

  list(db: Executor, workspaceId: string, page: { limit: number; cursor?: string }) {
    return db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, workspaceId), keysetWhere(apiKeys.createdAt, apiKeys.id, page.cursor)))
      .orderBy(...keysetOrder(apiKeys.createdAt, apiKeys.id))
      .limit(page.limit + 1);
  },

  async find(db: Executor, workspaceId: string, id: string) {
    const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
    return row;
  },

  /** Lookup by hash is the one unscoped query: the key itself tells which workspace it belongs to. */
  async findActiveByHash(db: Executor, secretHash: string, now: Date) {
    const [row] = await db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))));
    return row;
  },

  async revoke(db: Executor, workspaceId: string, id: string, at: Date) {
    const [row] = await db
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    return row;
  },

  async touch(db: Executor, id: string, at: Date) {
    await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
  },
};
