import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { deals } from '../deals/deals.schema.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import type { TimelinePage, TimelineSubject, TimelineSubjectType } from './timeline.types.ts';

const subjectTables = { person: people, organization: organizations, lead: leads, deal: deals } as const;

/** Audit entries of other entity types that name the subject in their after/before image. */
const referenceKeys: Record<TimelineSubjectType, string> = { person: 'personId', organization: 'organizationId', lead: 'leadId', deal: 'dealId' };

/** What a timeline shows for a record it names: its display name, and whether it is in the trash (or merged away). */
export type RecordName = { entityType: TimelineSubjectType; id: string; name: string; deleted: boolean };

const joined = (a: SQL, b: SQL) => sql`nullif(btrim(coalesce(${a}, '') || ' ' || coalesce(${b}, '')), '')`;
const firstValue = (list: SQL) => sql`(case when jsonb_typeof(${list}) = 'array' then ${list} -> 0 ->> 'value' end)`;

/** Display names as the lists show them: the Persian name, else the Latin one, else a company, an email or a phone. */
const displayName: Record<TimelineSubjectType, SQL> = {
  person: sql`coalesce(${joined(sql`${people.firstName}`, sql`${people.lastName}`)}, ${joined(sql`${people.firstNameLatin}`, sql`${people.lastNameLatin}`)}, ${firstValue(sql`${people.emails}`)}, ${firstValue(sql`${people.phones}`)}, '')`,
  organization: sql`coalesce(nullif(btrim(${organizations.name}), ''), ${organizations.nameLatin}, '')`,
  lead: sql`coalesce(${joined(sql`${leads.firstName}`, sql`${leads.lastName}`)}, nullif(btrim(${leads.companyName}), ''), ${leads.email}, ${leads.phone}, '')`,
  deal: sql`${deals.title}`,
};

/** Leads and deals are never merged: only their own trash counts as gone. */
const unmergeable = (type: TimelineSubjectType): type is 'lead' | 'deal' => type === 'lead' || type === 'deal';

export const timelineRepository = {
  /**
   * Names of the records a page of timeline items refers to, in one query whatever their types,
   * deleted and merged ones included (a timeline is history: it names what was there).
   */
  async recordNames(db: Executor, workspaceId: string, ids: Record<TimelineSubjectType, string[]>): Promise<RecordName[]> {
    const parts = (Object.keys(subjectTables) as TimelineSubjectType[]).flatMap((type) => {
      const table = subjectTables[type];
      if (!ids[type].length) return [];
      const gone = unmergeable(type) ? sql`${table.deletedAt} is not null` : sql`(${table.deletedAt} is not null or ${(table as typeof people).mergedIntoId} is not null)`;
      return [
        sql`(select ${type}::text as entity_type, ${table.id}::text as id, ${displayName[type]} as name, ${gone} as deleted
              from ${table} where ${table.workspaceId} = ${workspaceId} and ${inArray(table.id, ids[type])})`,
      ];
    });
    if (!parts.length) return [];
    const result = (await db.execute(sql.join(parts, sql` union all `))) as unknown as { rows: Array<{ entity_type: TimelineSubjectType; id: string; name: string; deleted: boolean }> };
    return result.rows.map((r) => ({ entityType: r.entity_type, id: r.id, name: r.name, deleted: r.deleted === true }));
  },

  /** The subject and every record merged into it, or null when it is not in this workspace. */
  async subjectIds(db: Executor, workspaceId: string, entityType: TimelineSubjectType, id: string): Promise<string[] | null> {
    const table = subjectTables[entityType];
    const [subject] = await db.select({ id: table.id }).from(table).where(and(eq(table.workspaceId, workspaceId), eq(table.id, id)));
    if (!subject) return null;
    if (unmergeable(entityType)) return [id];
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
    // Row-value keyset, as in kernel/http/pagination.ts: an index bound, not a walk from the newest entry.
    const before = page.before ? sql`(${auditLog.occurredAt}, ${auditLog.id}) < (${page.before.at.toISOString()}::timestamptz, ${page.before.id}::uuid)` : undefined;
    return db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), or(...mentions), before))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(page.limit);
  },
};
