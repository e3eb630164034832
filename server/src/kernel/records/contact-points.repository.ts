import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { contactPoints } from '../../modules/people/people.schema.ts';
import { inChunks } from './batches.ts';

export type ContactEntity = 'person' | 'organization' | 'lead';
export type ContactPoint = { kind: 'email' | 'phone'; value: string };

/** One row per distinct non-empty email/phone. */
const uniquePoints = (points: ContactPoint[]) => [...new Map(points.filter((p) => p.value).map((p) => [`${p.kind}:${p.value}`, p])).values()];

/** Keeps the normalised email/phone index of one record in step with the record itself. */
export const contactPointsRepository = {
  async replace(db: Executor, workspaceId: string, entityType: ContactEntity, entityId: string, points: ContactPoint[]) {
    await db
      .delete(contactPoints)
      .where(and(eq(contactPoints.workspaceId, workspaceId), eq(contactPoints.entityType, entityType), eq(contactPoints.entityId, entityId)));
    await contactPointsRepository.insertForNew(db, workspaceId, entityType, [{ entityId, points }]);
  },

  /**
   * The index rows of records that have none yet (just created), many records in one statement:
   * what `replace` writes for each of them, without the delete.
   */
  async insertForNew(db: Executor, workspaceId: string, entityType: ContactEntity, records: Array<{ entityId: string; points: ContactPoint[] }>) {
    const rows = records.flatMap(({ entityId, points }) => uniquePoints(points).map((p) => ({ workspaceId, entityType, entityId, kind: p.kind, value: p.value })));
    for (const chunk of inChunks(rows)) await db.insert(contactPoints).values(chunk);
  },

  /** Records (other than `exceptId`) that share any of these emails/phones. */
  async findMatches(db: Executor, workspaceId: string, points: ContactPoint[], exceptId?: string) {
    if (!points.length) return [];
    const rows = await db
      .select({ entityType: contactPoints.entityType, entityId: contactPoints.entityId, kind: contactPoints.kind, value: contactPoints.value })
      .from(contactPoints)
      .where(
        and(
          eq(contactPoints.workspaceId, workspaceId),
          inArray(
            contactPoints.value,
            points.map((p) => p.value),
          ),
        ),
      );
    return rows.filter((r) => r.entityId !== exceptId && points.some((p) => p.kind === r.kind && p.value === r.value));
  },

  async removeFor(db: Executor, workspaceId: string, entityType: ContactEntity, entityId: string) {
    await db
      .delete(contactPoints)
      .where(and(eq(contactPoints.workspaceId, workspaceId), eq(contactPoints.entityType, entityType), eq(contactPoints.entityId, entityId)));
  },
};
