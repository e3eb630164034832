import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { smsProviders, type SmsProviderKind } from './messaging.schema.ts';

export type SmsProviderRow = typeof smsProviders.$inferSelect;

/** The one SMS gateway row of a workspace (primary key: workspace_id). */
export const smsProvidersRepository = {
  async find(db: Executor, workspaceId: string): Promise<SmsProviderRow | undefined> {
    const [row] = await db.select().from(smsProviders).where(eq(smsProviders.workspaceId, workspaceId));
    return row;
  },

  async findForUpdate(db: Executor, workspaceId: string): Promise<SmsProviderRow | undefined> {
    const [row] = await db.select().from(smsProviders).where(eq(smsProviders.workspaceId, workspaceId)).for('update');
    return row;
  },

  async insert(db: Executor, workspaceId: string, values: { kind: SmsProviderKind; config: Record<string, unknown>; enabled: boolean; updatedBy: string | null }, at: Date) {
    const [row] = await db
      .insert(smsProviders)
      .values({ ...values, workspaceId, updatedAt: at })
      .returning();
    return row!;
  },

  /** Null when the version moved on (another write in between). */
  async update(
    db: Executor,
    workspaceId: string,
    version: number,
    values: { kind: SmsProviderKind; config: Record<string, unknown>; enabled: boolean; updatedBy: string | null },
    at: Date,
  ): Promise<SmsProviderRow | undefined> {
    const [row] = await db
      .update(smsProviders)
      .set({ ...values, version: sql`${smsProviders.version} + 1`, updatedAt: at })
      .where(and(eq(smsProviders.workspaceId, workspaceId), eq(smsProviders.version, version)))
      .returning();
    return row;
  },
};
