import { and, eq, gt } from 'drizzle-orm';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { invitations } from './invitations.schema.ts';

export type InvitationRow = typeof invitations.$inferSelect;

export const invitationsRepository = {
  async insert(db: Executor, values: typeof invitations.$inferInsert): Promise<InvitationRow> {
    const [row] = await db.insert(invitations).values(values).returning();
    return row!;
  },

  listPending(db: Executor, workspaceId: string, now: Date, page: { limit: number; cursor?: string }) {
    return db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.status, 'pending'),
          gt(invitations.expiresAt, now),
          keysetWhere(invitations.createdAt, invitations.id, page.cursor),
        ),
      )
      .orderBy(...keysetOrder(invitations.createdAt, invitations.id))
      .limit(page.limit + 1);
  },

  async find(db: Executor, workspaceId: string, id: string) {
    const [row] = await db.select().from(invitations).where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)));
    return row;
  },

  async pendingForEmail(db: Executor, workspaceId: string, email: string) {
    return db
      .select()
      .from(invitations)
      .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.email, email), eq(invitations.status, 'pending')));
  },

  /** By token hash: the token is the credential, and tells the workspace. */
  async findByTokenHash(db: Executor, tokenHash: string) {
    const [row] = await db
      .select({ invitation: invitations, workspaceName: workspaces.name, inviterName: users.name })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(eq(invitations.tokenHash, tokenHash));
    return row;
  },

  async setStatus(db: Executor, workspaceId: string, id: string, status: 'accepted' | 'revoked', at: Date) {
    const [row] = await db
      .update(invitations)
      .set({ status, ...(status === 'accepted' ? { acceptedAt: at } : {}) })
      .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id), eq(invitations.status, 'pending')))
      .returning();
    return row;
  },
};
