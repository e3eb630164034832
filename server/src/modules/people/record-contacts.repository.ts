import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import type { ContactEntity } from '../../kernel/records/index.ts';
import { contactPoints } from './people.schema.ts';

/** Batch companion of kernel/records' contactPointsRepository, for bulk deletes of up to 500 records. */
export const recordContactsRepository = {
  async removeForMany(db: Executor, workspaceId: string, entityType: ContactEntity, entityIds: string[]): Promise<void> {
    if (!entityIds.length) return;
    await db
      .delete(contactPoints)
      .where(and(eq(contactPoints.workspaceId, workspaceId), eq(contactPoints.entityType, entityType), inArray(contactPoints.entityId, entityIds)));
  },
};
