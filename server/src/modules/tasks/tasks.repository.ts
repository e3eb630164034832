import { and, asc, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../../kernel/auth/auth.schema.ts';
import type { Executor, Tx } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { inChunks } from '../../kernel/records/index.ts';
import type { LinkedEntityType } from '../activities/activities.schema.ts';
import { deals } from '../deals/deals.schema.ts';
import { leads } from '../leads/leads.schema.ts';
import { memberships } from '../members/members.schema.ts';
import { reminders } from '../notifications/notifications.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { taskLinks, tasks, type TaskStatus } from './tasks.schema.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type TaskValues = Omit<typeof tasks.$inferInsert, 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;
export type TaskLinkRef = { entityType: LinkedEntityType; entityId: string };
export type TaskLinkRow = TaskLinkRef & { taskId: string };
export type LinkedRecord = { id: string; name: string; deleted: boolean };

export type TaskListCriteria = {
  entity?: TaskLinkRef;
  ownerId?: string;
  statuses?: TaskStatus[];
  dueFrom?: string;
  dueTo?: string;
  cursor?: string;
  limit: number;
};

/** Statuses of a task still to be done. */
export const ACTIVE_STATUSES: TaskStatus[] = ['open', 'in_progress'];

const scoped = (workspaceId: string, id: string) => and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id), isNull(tasks.deletedAt));
const live = (workspaceId: string) => and(eq(tasks.workspaceId, workspaceId), isNull(tasks.deletedAt));
const bumped = (at: Date) => ({ version: sql`${tasks.version} + 1`, updatedAt: at });

const personName = sql<string>`coalesce(nullif(btrim(${people.firstName} || ' ' || ${people.lastName}), ''), nullif(btrim(coalesce(${people.firstNameLatin}, '') || ' ' || coalesce(${people.lastNameLatin}, '')), ''), '')`;
const leadName = sql<string>`coalesce(nullif(btrim(${leads.firstName} || ' ' || ${leads.lastName}), ''), ${leads.companyName}, ${leads.email}, ${leads.phone}, '')`;

/** Each linkable record type: how its id, display name and "gone" state are read. */
const linkedTables = {
  person: { table: people, id: people.id, workspaceId: people.workspaceId, name: personName, gone: sql<boolean>`(${people.deletedAt} is not null or ${people.mergedIntoId} is not null)` },
  organization: {
    table: organizations,
    id: organizations.id,
    workspaceId: organizations.workspaceId,
    name: sql<string>`${organizations.name}`,
    gone: sql<boolean>`(${organizations.deletedAt} is not null or ${organizations.mergedIntoId} is not null)`,
  },
  lead: { table: leads, id: leads.id, workspaceId: leads.workspaceId, name: leadName, gone: sql<boolean>`(${leads.deletedAt} is not null)` },
  deal: { table: deals, id: deals.id, workspaceId: deals.workspaceId, name: sql<string>`${deals.title}`, gone: sql<boolean>`(${deals.deletedAt} is not null)` },
} as const;

export const tasksRepository = {
  async insert(db: Executor, workspaceId: string, values: TaskValues): Promise<TaskRow> {
    const [row] = await db
      .insert(tasks)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  /** Many tasks in multi-row INSERTs (lead imports); rows come back in no particular order. */
  async insertMany(db: Executor, workspaceId: string, values: TaskValues[]): Promise<TaskRow[]> {
    const rows: TaskRow[] = [];
    for (const chunk of inChunks(values)) rows.push(...(await db.insert(tasks).values(chunk.map((v) => ({ ...v, workspaceId }))).returning()));
    return rows;
  },

  /** A live (not deleted) task of this workspace. */
  async find(db: Executor, workspaceId: string, id: string): Promise<TaskRow | undefined> {
    const [row] = await db.select().from(tasks).where(scoped(workspaceId, id));
    return row;
  },

  async findForUpdate(db: Tx, workspaceId: string, id: string): Promise<TaskRow | undefined> {
    const [row] = await db.select().from(tasks).where(scoped(workspaceId, id)).for('update');
    return row;
  },

  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<TaskValues>, at: Date): Promise<TaskRow | undefined> {
    const [row] = await db
      .update(tasks)
      .set({ ...changes, ...bumped(at) })
      .where(and(scoped(workspaceId, id), eq(tasks.version, version)))
      .returning();
    return row;
  },

  async replaceLinks(db: Tx, workspaceId: string, taskId: string, links: TaskLinkRef[]): Promise<void> {
    await db.delete(taskLinks).where(and(eq(taskLinks.workspaceId, workspaceId), eq(taskLinks.taskId, taskId)));
    await tasksRepository.insertLinks(db, workspaceId, links.map((l) => ({ ...l, taskId })));
  },

  async insertLinks(db: Executor, workspaceId: string, links: TaskLinkRow[]): Promise<void> {
    for (const chunk of inChunks(links)) await db.insert(taskLinks).values(chunk.map((l) => ({ ...l, workspaceId })));
  },

  linksOf(db: Executor, workspaceId: string, taskIds: string[]): Promise<TaskLinkRow[]> {
    if (!taskIds.length) return Promise.resolve([]);
    return db
      .select({ taskId: taskLinks.taskId, entityType: taskLinks.entityType, entityId: taskLinks.entityId })
      .from(taskLinks)
      .where(and(eq(taskLinks.workspaceId, workspaceId), inArray(taskLinks.taskId, taskIds)));
  },

  /** Records of one type of this workspace among `ids`, with their display name; other workspaces' ids are absent. */
  async linkedRecords(db: Executor, workspaceId: string, type: LinkedEntityType, ids: string[]): Promise<LinkedRecord[]> {
    if (!ids.length) return [];
    const t = linkedTables[type];
    return db
      .select({ id: t.id, name: t.name, deleted: t.gone })
      .from(t.table)
      .where(and(eq(t.workspaceId, workspaceId), inArray(t.id, [...new Set(ids)])));
  },

  userNames(db: Executor, ids: string[]): Promise<Array<{ id: string; name: string }>> {
    if (!ids.length) return Promise.resolve([]);
    return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(ids)]));
  },

  async isMember(db: Executor, workspaceId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return !!row;
  },

  async workspaceSettings(db: Executor, workspaceId: string) {
    const [row] = await db
      .select({ timeZone: workspaces.timezone, calendar: workspaces.calendar, locale: workspaces.defaultLocale })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    return row;
  },

  /** Newest first, keyset on (createdAt, id). */
  list(db: Executor, workspaceId: string, c: TaskListCriteria): Promise<TaskRow[]> {
    const linked = c.entity
      ? inArray(
          tasks.id,
          db
            .select({ id: taskLinks.taskId })
            .from(taskLinks)
            .where(and(eq(taskLinks.workspaceId, workspaceId), eq(taskLinks.entityType, c.entity.entityType), eq(taskLinks.entityId, c.entity.entityId))),
        )
      : undefined;
    const conditions: Array<SQL | undefined> = [
      live(workspaceId),
      linked,
      c.ownerId ? eq(tasks.ownerId, c.ownerId) : undefined,
      c.statuses?.length ? inArray(tasks.status, c.statuses) : undefined,
      c.dueFrom ? gte(tasks.dueDate, c.dueFrom) : undefined,
      c.dueTo ? lte(tasks.dueDate, c.dueTo) : undefined,
      keysetWhere(tasks.createdAt, tasks.id, c.cursor),
    ];
    return db
      .select()
      .from(tasks)
      .where(and(...conditions))
      .orderBy(...keysetOrder(tasks.createdAt, tasks.id))
      .limit(c.limit + 1);
  },

  /**
   * One user's tasks still to do that are either undated or due up to `dueBy` (a day), soonest
   * first; the undated ones last.
   */
  openTasksOf(db: Executor, workspaceId: string, ownerId: string, dueBy: string, limit: number): Promise<TaskRow[]> {
    return db
      .select()
      .from(tasks)
      .where(and(live(workspaceId), eq(tasks.ownerId, ownerId), inArray(tasks.status, ACTIVE_STATUSES), or(isNull(tasks.dueDate), lte(tasks.dueDate, dueBy))))
      .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt), asc(tasks.id))
      .limit(limit);
  },

  /** Whether the series already has a task due after `dueDate` (a completed task's next one exists). */
  async hasLaterInSeries(db: Executor, workspaceId: string, seriesId: string, dueDate: string): Promise<boolean> {
    const [row] = await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(live(workspaceId), eq(tasks.seriesId, seriesId), gt(tasks.dueDate, dueDate)))
      .limit(1);
    return !!row;
  },

  /** The first due day of a series (deleted tasks included: the series keeps its rhythm). */
  async seriesStart(db: Executor, workspaceId: string, seriesId: string): Promise<string | null> {
    const [row] = await db
      .select({ dueDate: tasks.dueDate })
      .from(tasks)
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, seriesId)));
    return row?.dueDate ?? null;
  },

  /**
   * Handover: the user's tasks still to do go to another owner (a new version each), and so do
   * their pending reminders. Done and cancelled tasks stay with who did them: they are history.
   */
  async reassignOpen(db: Tx, workspaceId: string, fromUserId: string, toUserId: string, at: Date): Promise<Array<{ id: string; version: number }>> {
    const moved = await db
      .update(tasks)
      .set({ ownerId: toUserId, ...bumped(at) })
      .where(and(live(workspaceId), eq(tasks.ownerId, fromUserId), inArray(tasks.status, ACTIVE_STATUSES)))
      .returning({ id: tasks.id, version: tasks.version });
    for (const chunk of inChunks(moved)) {
      await db
        .update(reminders)
        .set({ userId: toUserId })
        .where(
          and(
            eq(reminders.workspaceId, workspaceId),
            eq(reminders.entityType, 'task'),
            inArray(reminders.entityId, chunk.map((m) => m.id)),
            eq(reminders.status, 'pending'),
          ),
        );
    }
    return moved;
  },

  /**
   * Merge: links to the merged record point at the survivor instead; a task linked to both keeps
   * the survivor's link only. Returns the ids of the tasks whose links changed.
   */
  async moveLinks(db: Tx, workspaceId: string, entityType: LinkedEntityType, mergedId: string, survivorId: string): Promise<string[]> {
    const ofRecord = (id: string) => and(eq(taskLinks.workspaceId, workspaceId), eq(taskLinks.entityType, entityType), eq(taskLinks.entityId, id));
    const survivorTasks = db.select({ taskId: taskLinks.taskId }).from(taskLinks).where(ofRecord(survivorId));
    const dropped = await db
      .delete(taskLinks)
      .where(and(ofRecord(mergedId), inArray(taskLinks.taskId, survivorTasks)))
      .returning({ taskId: taskLinks.taskId });
    const moved = await db.update(taskLinks).set({ entityId: survivorId }).where(ofRecord(mergedId)).returning({ taskId: taskLinks.taskId });
    return [...dropped, ...moved].map((r) => r.taskId);
  },
};
