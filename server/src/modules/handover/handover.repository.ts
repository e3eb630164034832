import { and, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';

const ownedTables = { person: people, organization: organizations, lead: leads } as const;
export type OwnedRecordType = keyof typeof ownedTables;

/**
 * Which of one owner's records a handover moves, besides live ones:
 *  - records in the trash move too, so restoring one gives it to the new owner, not to someone
 *    who has left;
 *  - records merged into another never move: they are history, and their survivor moves instead;
 *  - converted leads never move: a converted lead is the read-only record of who converted it,
 *    and its person and organisation move on their own.
 */
const movable: Record<OwnedRecordType, SQL> = {
  person: isNull(people.mergedIntoId),
  organization: isNull(organizations.mergedIntoId),
  lead: ne(leads.status, 'converted'),
};

export type MovedRecord = { id: string; version: number; deleted: boolean };

export const handoverRepository = {
  /** Moves the owner's movable records to another owner (a new version each); returns what moved. */
  async reassignOwner(db: Executor, workspaceId: string, type: OwnedRecordType, fromUserId: string, toUserId: string): Promise<MovedRecord[]> {
    const table = ownedTables[type];
    const rows = await db
      .update(table)
      .set({ ownerId: toUserId, version: sql`${table.version} + 1`, updatedAt: new Date() })
      .where(and(eq(table.workspaceId, workspaceId), eq(table.ownerId, fromUserId), movable[type]))
      .returning({ id: table.id, version: table.version, deletedAt: table.deletedAt });
    return rows.map((r) => ({ id: r.id, version: r.version, deleted: r.deletedAt !== null }));
  },
};
