import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { deals } from '../deals/deals.schema.ts';
import { leads } from '../leads/leads.schema.ts';
import { memberships } from '../members/members.schema.ts';
import { notificationProfiles } from '../notifications/notifications.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people, type PhoneEntry } from '../people/people.schema.ts';
import { activities, activityAttendees, activityLinks, type ActivityStatus, type ActivityType, type AttendeeResponse, type LinkedEntityType } from './activities.schema.ts';

export type ActivityRow = typeof activities.$inferSelect;
export type ActivityValues = Omit<typeof activities.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;
export type LinkValues = { entityType: LinkedEntityType; entityId: string };
export type AttendeeValues = { userId: string | null; personId: string | null; email: string | null; name: string | null; response: AttendeeResponse };

export type ActivityFilters = {
  types?: ActivityType[];
  statuses?: ActivityStatus[];
  ownerId?: string;
  from?: Date;
  to?: Date;
};

/** A position in a newest-first list: the (occurredAt, id) of the last row shown. */
export type Keyset = { at: Date; id: string };

const scoped = (workspaceId: string, id: string) => and(eq(activities.workspaceId, workspaceId), eq(activities.id, id));
const uuidArray = (ids: string[]) => sql`array[${sql.join(
  ids.map((id) => sql`${id}`),
  sql`, `,
)}]::uuid[]`;

/** The live records of each linkable type: not in the trash, people and organisations not merged away. */
const linkTables = {
  person: { table: people, live: and(isNull(people.deletedAt), isNull(people.mergedIntoId)) },
  organization: { table: organizations, live: and(isNull(organizations.deletedAt), isNull(organizations.mergedIntoId)) },
  lead: { table: leads, live: isNull(leads.deletedAt) },
  deal: { table: deals, live: isNull(deals.deletedAt) },
} as const;

const personName = sql<string>`coalesce(nullif(btrim(coalesce(${people.firstName}, '') || ' ' || coalesce(${people.lastName}, '')), ''), nullif(btrim(coalesce(${people.firstNameLatin}, '') || ' ' || coalesce(${people.lastNameLatin}, '')), ''), '')`;

function filtersWhere(f: ActivityFilters): SQL | undefined {
  return and(
    f.types?.length ? inArray(activities.type, f.types) : undefined,
    f.statuses?.length ? inArray(activities.status, f.statuses) : undefined,
    f.ownerId !== undefined ? eq(activities.ownerId, f.ownerId) : undefined,
    f.from ? sql`${activities.occurredAt} >= ${f.from.toISOString()}::timestamptz` : undefined,
    f.to ? sql`${activities.occurredAt} < ${f.to.toISOString()}::timestamptz` : undefined,
  );
}

/**
 * The page query of `linkedPage`, on its own so its plan can be checked (tests EXPLAIN it):
 * per subject id a LATERAL walk of activity_links_subject_idx from the cursor down, joined to
 * the live activity by primary key, stopped after `limit` rows.
 */
export function linkedPageQuery(workspaceId: string, entityType: LinkedEntityType, entityIds: string[], f: ActivityFilters, before: Keyset | undefined, limit: number): SQL {
  const after = before ? sql`and (l.occurred_at, l.activity_id) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)` : sql``;
  const extra = filtersWhere(f);
  return sql`
    select distinct page.activity_id as id, page.occurred_at as at
    from unnest(${uuidArray(entityIds)}) as subject(id)
    cross join lateral (
      select l.activity_id, l.occurred_at
      from ${activityLinks} l
      join ${activities} on ${activities.id} = l.activity_id and ${activities.workspaceId} = l.workspace_id and ${activities.deletedAt} is null
      where l.workspace_id = ${workspaceId} and l.entity_type = ${entityType} and l.entity_id = subject.id ${after}
        ${extra ? sql`and ${extra}` : sql``}
      -- NULLS LAST as in the index (DESC alone means NULLS FIRST, which the index cannot give in order).
      order by l.occurred_at desc nulls last, l.activity_id desc nulls last
      limit ${limit}
    ) page
    order by at desc, id desc
    limit ${limit}`;
}

export const activitiesRepository = {
  async insert(db: Executor, workspaceId: string, values: ActivityValues): Promise<ActivityRow> {
    const [row] = await db
      .insert(activities)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<ActivityRow | undefined> {
    const [row] = await db.select().from(activities).where(scoped(workspaceId, id));
    return row;
  },

  async findForUpdate(db: Executor, workspaceId: string, id: string): Promise<ActivityRow | undefined> {
    const [row] = await db.select().from(activities).where(scoped(workspaceId, id)).for('update');
    return row;
  },

  byIds(db: Executor, workspaceId: string, ids: string[]): Promise<ActivityRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db
      .select()
      .from(activities)
      .where(and(eq(activities.workspaceId, workspaceId), inArray(activities.id, ids)));
  },

  /** Optimistic update: nothing changes unless the caller saw the current version. */
  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<ActivityValues>, at: Date): Promise<ActivityRow | undefined> {
    const [row] = await db
      .update(activities)
      .set({ ...changes, version: sql`${activities.version} + 1`, updatedAt: at })
      .where(and(scoped(workspaceId, id), eq(activities.version, version)))
      .returning();
    return row;
  },

  // — links —

  async replaceLinks(db: Executor, workspaceId: string, activityId: string, links: LinkValues[], occurredAt: Date): Promise<void> {
    await db.delete(activityLinks).where(and(eq(activityLinks.workspaceId, workspaceId), eq(activityLinks.activityId, activityId)));
    if (links.length) await db.insert(activityLinks).values(links.map((l) => ({ ...l, workspaceId, activityId, occurredAt })));
  },

  /** The links carry the activity's time (the timeline index is on it): moved together, always. */
  async syncLinkTimes(db: Executor, workspaceId: string, activityId: string, occurredAt: Date): Promise<void> {
    await db
      .update(activityLinks)
      .set({ occurredAt })
      .where(and(eq(activityLinks.workspaceId, workspaceId), eq(activityLinks.activityId, activityId)));
  },

  linksOf(db: Executor, workspaceId: string, activityIds: string[]) {
    if (!activityIds.length) return Promise.resolve([]);
    return db
      .select({ activityId: activityLinks.activityId, entityType: activityLinks.entityType, entityId: activityLinks.entityId })
      .from(activityLinks)
      .where(and(eq(activityLinks.workspaceId, workspaceId), inArray(activityLinks.activityId, activityIds)))
      .orderBy(asc(activityLinks.entityType), asc(activityLinks.entityId));
  },

  /** Which of these ids are live records of `type` in the workspace. */
  async liveRecordIds(db: Executor, workspaceId: string, type: LinkedEntityType, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const { table, live } = linkTables[type];
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.workspaceId, workspaceId), inArray(table.id, ids), live));
    return new Set(rows.map((r) => r.id));
  },

  /** Whether the record is in the workspace at all (trash and merged ones included). */
  async recordExists(db: Executor, workspaceId: string, type: LinkedEntityType, id: string): Promise<boolean> {
    const { table } = linkTables[type];
    const [row] = await db.select({ id: table.id }).from(table).where(and(eq(table.workspaceId, workspaceId), eq(table.id, id)));
    return !!row;
  },

  // — attendees —

  async replaceAttendees(db: Executor, workspaceId: string, activityId: string, list: AttendeeValues[]): Promise<void> {
    await db.delete(activityAttendees).where(and(eq(activityAttendees.workspaceId, workspaceId), eq(activityAttendees.activityId, activityId)));
    if (list.length) await db.insert(activityAttendees).values(list.map((a) => ({ ...a, workspaceId, activityId })));
  },

  /** Attendees with the name to show: the colleague's, the customer's, else the one given, else the address. */
  attendeesOf(db: Executor, workspaceId: string, activityIds: string[]) {
    if (!activityIds.length) return Promise.resolve([]);
    return db
      .select({
        activityId: activityAttendees.activityId,
        id: activityAttendees.id,
        userId: activityAttendees.userId,
        personId: activityAttendees.personId,
        email: activityAttendees.email,
        name: sql<string>`coalesce(nullif(${users.name}, ''), nullif(${personName}, ''), nullif(${activityAttendees.name}, ''), ${activityAttendees.email}, '')`,
        response: activityAttendees.response,
      })
      .from(activityAttendees)
      .leftJoin(users, eq(users.id, activityAttendees.userId))
      .leftJoin(people, and(eq(people.id, activityAttendees.personId), eq(people.workspaceId, workspaceId)))
      .where(and(eq(activityAttendees.workspaceId, workspaceId), inArray(activityAttendees.activityId, activityIds)))
      .orderBy(asc(activityAttendees.activityId), sql`${activityAttendees.userId} is null`, sql`${activityAttendees.personId} is null`, asc(activityAttendees.id));
  },

  /** User ids among the attendees of an activity (they get meeting reminders). */
  async attendeeUserIds(db: Executor, workspaceId: string, activityId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: activityAttendees.userId })
      .from(activityAttendees)
      .where(and(eq(activityAttendees.workspaceId, workspaceId), eq(activityAttendees.activityId, activityId), sql`${activityAttendees.userId} is not null`));
    return rows.map((r) => r.userId!);
  },

  // — people, users —

  async memberUserIds(db: Executor, workspaceId: string, userIds: string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));
    return new Set(rows.map((r) => r.userId));
  },

  userNames(db: Executor, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  },

  /** A live person's phones (E.164 values), or undefined when there is no such person. */
  async personPhones(db: Executor, workspaceId: string, personId: string): Promise<PhoneEntry[] | undefined> {
    const [row] = await db
      .select({ phones: people.phones })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId), linkTables.person.live));
    return row ? (Array.isArray(row.phones) ? row.phones : []) : undefined;
  },

  /** The "meeting soon" lead time each user chose (users without a profile are absent). */
  async meetingLeadMinutes(db: Executor, workspaceId: string, userIds: string[]): Promise<Map<string, number>> {
    if (!userIds.length) return new Map();
    const rows = await db
      .select({ userId: notificationProfiles.userId, minutes: notificationProfiles.meetingLeadMinutes })
      .from(notificationProfiles)
      .where(and(eq(notificationProfiles.workspaceId, workspaceId), inArray(notificationProfiles.userId, userIds)));
    return new Map(rows.map((r) => [r.userId, r.minutes]));
  },

  // — lists —

  /** Live activities, newest first, `limit` rows after `before`: a backward walk of activities_keyset_idx. */
  list(db: Executor, workspaceId: string, f: ActivityFilters, before: Keyset | undefined, limit: number): Promise<ActivityRow[]> {
    return db
      .select()
      .from(activities)
      .where(
        and(
          eq(activities.workspaceId, workspaceId),
          isNull(activities.deletedAt),
          filtersWhere(f),
          before ? sql`(${activities.occurredAt}, ${activities.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(activities.occurredAt), desc(activities.id))
      .limit(limit);
  },

  /**
   * Live activities linked to any of `entityIds` (a record and those merged into it), newest first.
   * Each id is one range of activity_links_subject_idx read in index order and stopped after
   * `limit` rows (LATERAL … LIMIT), so a customer with 10,000 activities costs a page, not a scan.
   */
  async linkedPage(db: Executor, workspaceId: string, entityType: LinkedEntityType, entityIds: string[], f: ActivityFilters, before: Keyset | undefined, limit: number): Promise<Keyset[]> {
    if (!entityIds.length) return [];
    const result = (await db.execute(linkedPageQuery(workspaceId, entityType, entityIds, f, before, limit))) as unknown as { rows: Array<{ id: string; at: Date | string }> };
    return result.rows.map((r) => ({ id: r.id, at: r.at instanceof Date ? r.at : new Date(r.at) }));
  },

  // — handover —

  /** Planned, live activities of a user: they are the work that moves to the new owner. */
  async reassignPlanned(db: Executor, workspaceId: string, fromUserId: string, toUserId: string, at: Date) {
    return db
      .update(activities)
      .set({ ownerId: toUserId, version: sql`${activities.version} + 1`, updatedAt: at })
      .where(and(eq(activities.workspaceId, workspaceId), eq(activities.ownerId, fromUserId), eq(activities.status, 'planned'), isNull(activities.deletedAt)))
      .returning();
  },
};
