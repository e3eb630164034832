import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { users } from '../../kernel/auth/auth.schema.ts';
import { memberships } from '../members/members.schema.ts';
import type { ActivityStatus, LinkedEntityType } from '../activities/activities.schema.ts';
import type { TaskPriority, TaskStatus } from '../tasks/tasks.schema.ts';
import { calendarFeeds } from './calendar.schema.ts';

/*
 * Read-only access to activities and tasks (their modules own every write) plus the calendar's
 * own table, calendar_feeds. Every query is scoped by workspace.
 */

const rowsOf = (result: unknown): any[] => (result as { rows: any[] }).rows;

/** Whose calendar: everyone in the workspace, or the records these users own or attend. */
export type CalendarPeople = { kind: 'all' } | { kind: 'users'; userIds: string[] };

export type ActivityWindow = {
  from: Date;
  to: Date;
  types: Array<'call' | 'meeting'>;
  statuses: ActivityStatus[];
  people: CalendarPeople;
  limit: number;
};

export type TaskWindow = {
  /** Timed tasks: due_at in [from, to). */
  from: Date;
  to: Date;
  /** All-day tasks: due_date in [firstDay, lastDay] (the workspace-zone days the range touches). */
  firstDay: string;
  lastDay: string;
  statuses: TaskStatus[];
  people: CalendarPeople;
  limit: number;
};

export type CalendarActivityRow = {
  id: string;
  type: 'call' | 'meeting';
  status: ActivityStatus;
  subject: string | null;
  bodyText: string;
  occurredAt: Date;
  endsAt: Date | null;
  place: string | null;
  phone: string | null;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
  updatedAt: Date;
};

export type CalendarTaskRow = {
  id: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  dueDate: string;
  dueTime: string | null;
  dueAt: Date | null;
  allDay: boolean;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
  updatedAt: Date;
};

export type LinkRow = { ownerId: string; entityType: LinkedEntityType; entityId: string; name: string; deleted: boolean };

const toDate = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));
/** A PostgreSQL date column, as 'YYYY-MM-DD' whatever the driver hands back. */
const toIsoDay = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Meetings of these users: owned, or attended as a colleague. */
function activityPeopleFilter(workspaceId: string, people: CalendarPeople): SQL {
  if (people.kind === 'all') return sql`true`;
  const ids = inList(people.userIds);
  return sql`(a.owner_id in (${ids}) or exists (
    select 1 from activity_attendees t where t.workspace_id = ${workspaceId} and t.activity_id = a.id and t.user_id in (${ids})))`;
}

/** The display name of each kind of linked record, and whether it is in the trash. */
const LINK_NAME_SQL = sql`case l.entity_type
    when 'person' then (select coalesce(nullif(trim(p.first_name || ' ' || p.last_name), ''), nullif(trim(coalesce(p.first_name_latin, '') || ' ' || coalesce(p.last_name_latin, '')), ''), '')
      from people p where p.workspace_id = l.workspace_id and p.id = l.entity_id)
    when 'organization' then (select o.name from organizations o where o.workspace_id = l.workspace_id and o.id = l.entity_id)
    when 'lead' then (select coalesce(nullif(trim(d.first_name || ' ' || d.last_name), ''), d.company_name, '')
      from leads d where d.workspace_id = l.workspace_id and d.id = l.entity_id)
    when 'deal' then (select d.title from deals d where d.workspace_id = l.workspace_id and d.id = l.entity_id)
  end`;
const LINK_DELETED_SQL = sql`case l.entity_type
    when 'person' then exists (select 1 from people p where p.workspace_id = l.workspace_id and p.id = l.entity_id and p.deleted_at is not null)
    when 'organization' then exists (select 1 from organizations o where o.workspace_id = l.workspace_id and o.id = l.entity_id and o.deleted_at is not null)
    when 'lead' then exists (select 1 from leads d where d.workspace_id = l.workspace_id and d.id = l.entity_id and d.deleted_at is not null)
    when 'deal' then exists (select 1 from deals d where d.workspace_id = l.workspace_id and d.id = l.entity_id and d.deleted_at is not null)
  end`;

/** Longest meeting the range query reaches back for: one that started before `from` and is still running. */
const LONGEST_EVENT = sql`interval '31 days'`;

export const calendarRepository = {
  /** Planned/done calls and meetings overlapping [from, to), earliest first. */
  async activitiesIn(db: Executor, workspaceId: string, window: ActivityWindow): Promise<CalendarActivityRow[]> {
    if (!window.types.length || !window.statuses.length) return [];
    const result = await db.execute(sql`
      select a.id, a.type, a.status, a.subject, a.body_text, a.occurred_at, a.ends_at, a.place, a.phone,
             a.owner_id, u.name as owner_name, a.version, a.updated_at
      from activities a left join users u on u.id = a.owner_id
      where a.workspace_id = ${workspaceId} and a.deleted_at is null
        and a.type in (${inList(window.types)}) and a.status in (${inList(window.statuses)})
        and a.occurred_at < ${window.to.toISOString()}
        and a.occurred_at > ${window.from.toISOString()}::timestamptz - ${LONGEST_EVENT}
        and (a.occurred_at >= ${window.from.toISOString()} or a.ends_at > ${window.from.toISOString()})
        and ${activityPeopleFilter(workspaceId, window.people)}
      order by a.occurred_at, a.id
      limit ${window.limit}`);
    return rowsOf(result).map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      subject: r.subject,
      bodyText: r.body_text ?? '',
      occurredAt: toDate(r.occurred_at)!,
      endsAt: toDate(r.ends_at),
      place: r.place,
      phone: r.phone,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      version: Number(r.version),
      updatedAt: toDate(r.updated_at)!,
    }));
  },

  /** Tasks due in the range: timed ones by their instant, all-day ones by their day. */
  async tasksIn(db: Executor, workspaceId: string, window: TaskWindow): Promise<CalendarTaskRow[]> {
    if (!window.statuses.length) return [];
    const people = window.people.kind === 'all' ? sql`true` : sql`k.owner_id in (${inList(window.people.userIds)})`;
    const result = await db.execute(sql`
      select k.id, k.title, k.description, k.status, k.priority, k.due_date, k.due_time, k.due_at, k.all_day,
             k.owner_id, u.name as owner_name, k.version, k.updated_at
      from tasks k left join users u on u.id = k.owner_id
      where k.workspace_id = ${workspaceId} and k.deleted_at is null and k.due_date is not null
        and k.status in (${inList(window.statuses)})
        and ((k.due_time is null and k.due_date between ${window.firstDay}::date and ${window.lastDay}::date)
          or (k.due_time is not null and k.due_at >= ${window.from.toISOString()} and k.due_at < ${window.to.toISOString()}))
        and ${people}
      order by k.due_date, k.due_time nulls first, k.id
      limit ${window.limit}`);
    return rowsOf(result).map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      status: r.status,
      priority: r.priority,
      dueDate: toIsoDay(r.due_date),
      dueTime: r.due_time,
      dueAt: toDate(r.due_at),
      allDay: r.due_time === null || r.all_day === true,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      version: Number(r.version),
      updatedAt: toDate(r.updated_at)!,
    }));
  },

  /** The linked records of these activities, with names. */
  async activityLinks(db: Executor, workspaceId: string, activityIds: string[]): Promise<LinkRow[]> {
    if (!activityIds.length) return [];
    const result = await db.execute(sql`
      select l.activity_id as owner_id, l.entity_type, l.entity_id, ${LINK_NAME_SQL} as name, ${LINK_DELETED_SQL} as deleted
      from activity_links l
      where l.workspace_id = ${workspaceId} and l.activity_id in (${inList(activityIds)})
      order by l.activity_id, l.entity_type, l.entity_id`);
    return rowsOf(result).map(linkOf);
  },

  /** The linked records of these tasks, with names. */
  async taskLinks(db: Executor, workspaceId: string, taskIds: string[]): Promise<LinkRow[]> {
    if (!taskIds.length) return [];
    const result = await db.execute(sql`
      select l.task_id as owner_id, l.entity_type, l.entity_id, ${LINK_NAME_SQL} as name, ${LINK_DELETED_SQL} as deleted
      from task_links l
      where l.workspace_id = ${workspaceId} and l.task_id in (${inList(taskIds)})
      order by l.task_id, l.entity_type, l.entity_id`);
    return rowsOf(result).map(linkOf);
  },

  /** Whether the user belongs to the workspace (a feed outlives nothing: leaving the workspace ends it). */
  async isMember(db: Executor, workspaceId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1);
    return !!row;
  },

  async userLocale(db: Executor, userId: string): Promise<string | null> {
    const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1);
    return row?.locale ?? null;
  },

  async workspaceTimeZone(db: Executor, workspaceId: string): Promise<string> {
    const result = await db.execute(sql`select timezone from workspaces where id = ${workspaceId}`);
    return (rowsOf(result)[0]?.timezone as string | undefined) ?? 'Asia/Tehran';
  },

  async activeFeed(db: Executor, workspaceId: string, userId: string) {
    const [row] = await db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
      .limit(1);
    return row;
  },

  /** Revokes the user's live feed(s); the ids revoked. */
  async revokeFeeds(db: Executor, workspaceId: string, userId: string, at: Date): Promise<string[]> {
    const rows = await db
      .update(calendarFeeds)
      .set({ revokedAt: at })
      .where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    return rows.map((r) => r.id);
  },

  async insertFeed(db: Executor, values: { workspaceId: string; userId: string; tokenHash: string; createdAt: Date }) {
    const [row] = await db.insert(calendarFeeds).values(values).returning();
    return row!;
  },

  /** A live feed by the hash of its token (any workspace: the token is the only credential). */
  async feedByTokenHash(db: Executor, tokenHash: string) {
    const [row] = await db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
      .limit(1);
    return row;
  },

  async touchFeed(db: Executor, id: string, at: Date): Promise<void> {
    await db.update(calendarFeeds).set({ lastUsedAt: at }).where(eq(calendarFeeds.id, id));
  },
};

function linkOf(r: any): LinkRow {
  return { ownerId: r.owner_id, entityType: r.entity_type, entityId: r.entity_id, name: r.name ?? '', deleted: r.deleted === true || r.deleted === 't' };
}
