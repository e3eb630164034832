import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import type { TimelinePage, TimelineSubject, TimelineSubjectType } from './timeline.types.ts';

const subjectTables = { person: people, organization: organizations, lead: leads } as const;

/** Audit entries of other entity types that name the subject in their after/before image. */
const referenceKeys: Record<TimelineSubjectType, string> = { person: 'personId', organization: 'organizationId', lead: 'leadId' };

export const timelineRepository = {
  /** The subject and every record merged into it, or null when it is not in this workspace. */
  async subjectIds(db: Executor, workspaceId: string, entityType: TimelineSubjectType, id: string): Promise<string[] | null> {
    const table = subjectTables[entityType];
    const [subject] = await db.select({ id: table.id }).from(table).where(and(eq(table.workspaceId, workspaceId), eq(table.id, id)));
    if (!subject) return null;
    if (entityType === 'lead') return [id];
    const merged = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.workspaceId, workspaceId), eq((table as typeof people).mergedIntoId, id)));
    return [id, ...merged.map((m) => m.id)];
  },

  auditEntries(db: Executor, workspaceId: string, subject: TimelineSubject, page: TimelinePage) {
    const key = referenceKeys[subject.entityType];
    const mentions: SQL[] = [
      and(eq(auditLog.entityType, subject.entityType), inArray(auditLog.entityId, subject.ids))!,
      sql`${auditLog.after}->>${key} in ${subject.ids}`,
      sql`${auditLog.before}->>${key} in ${subject.ids}`,
    ];
    const before = page.before
      ? or(lt(auditLog.occurredAt, page.before.at), and(eq(auditLog.occurredAt, page.before.at), lt(auditLog.id, page.before.id)))
      : undefined;
    return db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), or(...mentions), before))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(page.limit);
  },
};
