import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';

const ownedTables = { person: people, organization: organizations, lead: leads } as const;
export type OwnedRecordType = keyof typeof ownedTables;

export const handoverRepository = {
  /** Moves every live record of one owner to another; returns the ids moved. */
  async reassignOwner(db: Executor, workspaceId: string, type: OwnedRecordType, fromUserId: string, toUserId: string): Promise<string[]> {
    const table = ownedTables[type];
    const rows = await db
      .update(table)
      .set({ ownerId: toUserId, updatedAt: new Date() })
      .where(and(eq(table.workspaceId, workspaceId), eq(table.ownerId, fromUserId), isNull(table.deletedAt)))
      .returning({ id: table.id });
    return rows.map((r) => r.id);
  },
};
