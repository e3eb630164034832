import { randomUUID } from 'node:crypto';
import { mutate, recordAudit, recordAuditMany } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page } from '../../kernel/http/pagination.ts';
import { DEFAULT_TIME_ZONE, type CalendarKind } from '#common/calendar/index.ts';
import { remindersRepository } from '../notifications/reminders.repository.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
import { TASK_STATUSES, ZTaskCreate, ZTaskPatch, ZTaskVersion, type Task, type TTaskListQuery } from './tasks.contract.ts';
import { addDays, dayIn, dueInstant, nextDueDate, parseDueDate, parseDueTime } from './tasks.dates.ts';
import { invalidTaskField, taskErrors, taskFieldError } from './tasks.errors.ts';
import { auditImage, hydrateTask, hydrateTasks } from './tasks.public.ts';
import { ACTIVE_STATUSES, tasksRepository as repo, type TaskLinkRef, type TaskRow, type TaskValues } from './tasks.repository.ts';
import type { TaskRecurrence, TaskStatus } from './tasks.schema.ts';

/** My tasks: the next two weeks after today are "upcoming". */
const UPCOMING_DAYS = 14;
/** A bound on each "my tasks" answer; someone with more open tasks than this uses the list. */
const MY_TASKS_LIMIT = 1000;

type WorkspaceSettings = { timeZone: string; calendar: CalendarKind; locale: 'fa' | 'en' };
type TaskInput = Omit<ReturnType<typeof ZTaskPatch.parse>, 'version'>;

/** A lead just created, as the follow-up task needs it. */
export type CreatedLead = { id: string; ownerId: string | null; firstName: string; lastName: string; companyName: string | null; email?: string | null; phone?: string | null };

const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);
const linkKey = (l: TaskLinkRef) => `${l.entityType}:${l.entityId}`;

export function createTasksService(deps: { db: AppDb; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function settingsOf(executor: Executor, workspaceId: string): Promise<WorkspaceSettings> {
    const row = await repo.workspaceSettings(executor, workspaceId);
    return {
      timeZone: row?.timeZone ?? DEFAULT_TIME_ZONE,
      calendar: row?.calendar === 'gregorian' ? 'gregorian' : 'jalali',
      locale: row?.locale === 'en' ? 'en' : 'fa',
    };
  }

  /** New links must name live records of this workspace; links the task already has may stay even if their record has gone. */
  async function checkLinks(executor: Executor, workspaceId: string, links: TaskLinkRef[], kept: Set<string>, errors: FieldError[]): Promise<void> {
    const seen = new Set<string>();
    for (const [i, link] of links.entries()) {
      if (seen.has(linkKey(link))) errors.push(taskFieldError(`links.${i}.entityId`, 'duplicate_link'));
      seen.add(linkKey(link));
    }
    for (const type of ['person', 'organization', 'lead', 'deal'] as const) {
      const ids = links.filter((l) => l.entityType === type).map((l) => l.entityId);
      const found = new Map((await repo.linkedRecords(executor, workspaceId, type, ids)).map((r) => [r.id, r]));
      links.forEach((link, i) => {
        if (link.entityType !== type) return;
        const record = found.get(link.entityId);
        if (!record || (record.deleted && !kept.has(linkKey(link)))) errors.push(taskFieldError(`links.${i}.entityId`, `${type}_not_found`));
      });
    }
  }

  /**
   * The columns a create (no `before`) or a patch sets, after every rule: dates and times read
   * in any digits and placed in the workspace's zone, the owner a member, links to live records
   * of this workspace, a reminder and a repetition only on a dated task. All problems at once.
   */
  async function prepare(tx: Tx, ctx: WorkspaceContext, input: TaskInput, before: TaskRow | undefined, settings: WorkspaceSettings) {
    const errors: FieldError[] = [];
    const values: Partial<TaskValues> = {};
    if (input.title !== undefined) values.title = input.title;
    if (input.description !== undefined) values.description = input.description;
    if (input.priority !== undefined) values.priority = input.priority;

    let dueDate = before?.dueDate ?? null;
    if (input.dueDate !== undefined) {
      dueDate = input.dueDate ? parseDueDate(input.dueDate) : null;
      if (input.dueDate && !dueDate) errors.push(taskFieldError('dueDate', 'invalid_date'));
    }
    // Rules that need a date are judged only when the date itself is readable.
    const dateReadable = !(input.dueDate && !dueDate);
    // Taking the date away takes its time and reminder with it.
    const dateRemoved = input.dueDate !== undefined && !input.dueDate;
    let dueTime = dateRemoved ? null : (before?.dueTime ?? null);
    if (input.dueTime !== undefined) {
      dueTime = input.dueTime ? parseDueTime(input.dueTime) : null;
      if (input.dueTime && !dueTime) errors.push(taskFieldError('dueTime', 'invalid_time'));
      else if (dueTime && !dueDate && dateReadable) errors.push(taskFieldError('dueTime', 'time_without_date'));
    }
    let reminderMinutes = dateRemoved ? null : (before?.reminderMinutes ?? null);
    if (input.reminderMinutes !== undefined) {
      reminderMinutes = input.reminderMinutes;
      if (reminderMinutes !== null && !dueDate && dateReadable) errors.push(taskFieldError('reminderMinutes', 'reminder_without_date'));
    }
    let recurrence: TaskRecurrence | null = before?.recurrence ?? null;
    if (input.recurrence !== undefined) {
      recurrence = null;
      if (input.recurrence) {
        const until = input.recurrence.until ? parseDueDate(input.recurrence.until) : null;
        if (input.recurrence.until && !until) errors.push(taskFieldError('recurrence.until', 'invalid_date'));
        recurrence = { frequency: input.recurrence.frequency, interval: input.recurrence.interval ?? 1, calendar: input.recurrence.calendar ?? settings.calendar, until };
      }
    }
    if (recurrence?.until && dueDate && recurrence.until < dueDate) errors.push(taskFieldError('recurrence.until', 'until_before_due'));
    if (recurrence && !dueDate && dateReadable) errors.push(taskFieldError(input.recurrence !== undefined ? 'recurrence' : 'dueDate', 'recurrence_without_date'));

    if (input.ownerId !== undefined && input.ownerId !== (before?.ownerId ?? undefined)) {
      if (input.ownerId && !(await repo.isMember(tx, ctx.workspaceId, input.ownerId))) errors.push(taskFieldError('ownerId', 'owner_not_member'));
      values.ownerId = input.ownerId;
    }

    let links: TaskLinkRef[] | undefined;
    if (input.links !== undefined) {
      links = input.links;
      const kept = new Set(before ? (await repo.linksOf(tx, ctx.workspaceId, [before.id])).map(linkKey) : []);
      await checkLinks(tx, ctx.workspaceId, links, kept, errors);
    }
    failOnFieldErrors(errors);

    Object.assign(values, {
      dueDate,
      dueTime,
      dueAt: dueDate ? dueInstant(dueDate, dueTime, settings.timeZone) : null,
      allDay: !!dueDate && !dueTime,
      reminderMinutes,
      recurrence,
    } satisfies Partial<TaskValues>);
    return { values, links };
  }

  /**
   * Keeps the owner's "task due" reminder in step with the task, in the same transaction: armed
   * while the task is to be done and has a due moment and a lead time, moved when those change,
   * cancelled otherwise (done, cancelled, deleted, date or owner removed).
   */
  async function syncReminder(tx: Tx, workspaceId: string, row: TaskRow): Promise<void> {
    const wanted = !row.deletedAt && ACTIVE_STATUSES.includes(row.status) && row.dueAt && row.reminderMinutes !== null && row.ownerId;
    if (!wanted) {
      await remindersRepository.cancelFor(tx, workspaceId, 'task', row.id, `task:${row.id}`);
      return;
    }
    await remindersRepository.schedule(tx, {
      workspaceId,
      userId: row.ownerId!,
      event: 'task_due',
      entityType: 'task',
      entityId: row.id,
      fireAt: new Date(row.dueAt!.getTime() - row.reminderMinutes! * 60_000),
      dedupeKey: `task:${row.id}`,
      data: { title: row.title, dueAt: row.dueAt!.toISOString() },
    });
  }

  async function requireTask(executor: Executor, workspaceId: string, id: string): Promise<TaskRow> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw taskErrors.task_not_found();
    return row;
  }

  /** The task locked for this change, at the version the caller read (409 otherwise). */
  async function lockAt(tx: Tx, workspaceId: string, id: string, version: number): Promise<TaskRow> {
    const row = await repo.findForUpdate(tx, workspaceId, id);
    if (!row) throw taskErrors.task_not_found();
    if (row.version !== version) throw kernelErrors.version_conflict();
    return row;
  }

  async function write(tx: Tx, ctx: WorkspaceContext, before: TaskRow, changes: Partial<TaskValues>): Promise<TaskRow> {
    const row = await repo.update(tx, ctx.workspaceId, before.id, before.version, changes, clock());
    if (!row) throw kernelErrors.version_conflict();
    await syncReminder(tx, ctx.workspaceId, row);
    return row;
  }

  async function createWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown, source: TaskValues['source'] = 'manual'): Promise<Task> {
    requirePermission(ctx, 'records.write');
    const { status, ...input } = parseInput(ZTaskCreate, rawInput);
    const settings = await settingsOf(tx, ctx.workspaceId);
    const { values, links } = await prepare(tx, ctx, input, undefined, settings);
    const id = randomUUID();
    const row = await repo.insert(tx, ctx.workspaceId, {
      ...values,
      id,
      title: input.title,
      ownerId: input.ownerId === undefined ? actingUserId(ctx) : input.ownerId,
      status: status ?? 'open',
      seriesId: values.recurrence ? id : null,
      source: ctx.actor.type === 'api_key' && source === 'manual' ? 'api' : source,
      createdBy: actingUserId(ctx),
    });
    if (links?.length) await repo.insertLinks(tx, ctx.workspaceId, links.map((l) => ({ ...l, taskId: id })));
    await syncReminder(tx, ctx.workspaceId, row);
    const created = await hydrateTask(tx, ctx.workspaceId, row, clock());
    await recordAudit(tx, ctx, { action: 'task.created', entityType: 'task', entityId: id, after: auditImage(created) });
    return created;
  }

  async function updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Task> {
    requirePermission(ctx, 'records.write');
    const { version, status, ...input } = parseInput(ZTaskPatch, rawInput);
    const before = await lockAt(tx, ctx.workspaceId, id, version);
    if (status === 'done' && before.status !== 'done') failOnFieldErrors([taskFieldError('status', 'status_use_complete')]);
    const settings = await settingsOf(tx, ctx.workspaceId);
    const { values, links } = await prepare(tx, ctx, input, before, settings);
    const changes: Partial<TaskValues> = { ...values };
    if (values.recurrence && !before.seriesId) changes.seriesId = before.id;
    if (status !== undefined && status !== before.status) {
      changes.status = status;
      // Leaving 'done' (reopened or cancelled) forgets who completed it.
      if (before.status === 'done') Object.assign(changes, { completedAt: null, completedBy: null });
    }
    const beforeTask = await hydrateTask(tx, ctx.workspaceId, before, clock());
    const row = await write(tx, ctx, before, changes);
    if (links) await repo.replaceLinks(tx, ctx.workspaceId, id, links);
    const after = await hydrateTask(tx, ctx.workspaceId, row, clock());
    await recordAudit(tx, ctx, { action: 'task.updated', entityType: 'task', entityId: id, before: auditImage(beforeTask), after: auditImage(after) });
    return after;
  }

  /**
   * The next task of a recurring series, created when one is completed: same title, links,
   * owner, priority, reminder and series, due `interval` units after the completed one's due
   * day. None after `until`, and none when the series already has a later task (completing,
   * reopening and completing again never makes two).
   */
  async function createNext(tx: Tx, ctx: WorkspaceContext, done: TaskRow, settings: WorkspaceSettings): Promise<Task | null> {
    if (!done.recurrence || !done.dueDate) return null;
    const seriesId = done.seriesId ?? done.id;
    const anchor = (await repo.seriesStart(tx, ctx.workspaceId, seriesId)) ?? done.dueDate;
    const dueDate = nextDueDate(done.dueDate, done.recurrence, anchor);
    if (!dueDate || (await repo.hasLaterInSeries(tx, ctx.workspaceId, seriesId, done.dueDate))) return null;
    const id = randomUUID();
    const row = await repo.insert(tx, ctx.workspaceId, {
      id,
      title: done.title,
      description: done.description,
      ownerId: done.ownerId,
      dueDate,
      dueTime: done.dueTime,
      dueAt: dueInstant(dueDate, done.dueTime, settings.timeZone),
      allDay: done.allDay,
      priority: done.priority,
      status: 'open',
      reminderMinutes: done.reminderMinutes,
      recurrence: done.recurrence,
      seriesId,
      source: done.source,
      createdBy: actingUserId(ctx),
    });
    const links = await repo.linksOf(tx, ctx.workspaceId, [done.id]);
    await repo.insertLinks(tx, ctx.workspaceId, links.map((l) => ({ ...l, taskId: id })));
    await syncReminder(tx, ctx.workspaceId, row);
    const next = await hydrateTask(tx, ctx.workspaceId, row, clock());
    await recordAudit(tx, ctx, { action: 'task.created', entityType: 'task', entityId: id, after: { ...auditImage(next), previousId: done.id } });
    return next;
  }

  /** Follow-up tasks of new leads (SPEC §2.2): one per lead with an owner, due the next day, in the lead's transaction. */
  async function createLeadFollowUps(tx: Tx, ctx: WorkspaceContext, leads: CreatedLead[]): Promise<void> {
    const owned = leads.filter((l) => l.ownerId);
    if (!owned.length) return;
    const settings = await settingsOf(tx, ctx.workspaceId);
    const dueDate = addDays(dayIn(clock(), settings.timeZone), 1);
    const dueAt = dueInstant(dueDate, null, settings.timeZone);
    const prefix = settings.locale === 'fa' ? 'پیگیری سرنخ: ' : 'Follow up lead: ';
    const planned = owned.map((lead) => {
      const name = [lead.firstName, lead.lastName].join(' ').trim() || lead.companyName || lead.email || lead.phone || '';
      return { leadId: lead.id, values: { id: randomUUID(), title: `${prefix}${name}`.trim(), ownerId: lead.ownerId, dueDate, dueAt, allDay: true, source: 'lead' as const, createdBy: actingUserId(ctx) } };
    });
    const rows = await repo.insertMany(tx, ctx.workspaceId, planned.map((p) => p.values));
    await repo.insertLinks(tx, ctx.workspaceId, planned.map((p) => ({ taskId: p.values.id, entityType: 'lead', entityId: p.leadId })));
    const created = await hydrateTasks(tx, ctx.workspaceId, rows, clock());
    await recordAuditMany(tx, ctx, created.map((task) => ({ action: 'task.created', entityType: 'task', entityId: task.id, after: auditImage(task) })));
  }

  function parseStatuses(text: string | undefined): TaskStatus[] | undefined {
    if (!text) return undefined;
    const statuses = text.split(',').map((s) => s.trim()).filter(Boolean);
    if (statuses.some((s) => !(TASK_STATUSES as readonly string[]).includes(s))) throw invalidTaskField('status', 'invalid_status');
    return statuses as TaskStatus[];
  }

  function parseDayFilter(path: string, text: string | undefined): string | undefined {
    if (!text) return undefined;
    const day = parseDueDate(text);
    if (!day) throw invalidTaskField(path, 'invalid_date');
    return day;
  }

  return {
    createWithin,
    updateWithin,
    createLeadFollowUps,

    async list(ctx: WorkspaceContext, query: TTaskListQuery): Promise<Page<Task>> {
      requirePermission(ctx, 'records.read');
      if (!!query.entityType !== !!query.entityId) throw invalidTaskField(query.entityType ? 'entityId' : 'entityType', 'entity_id_without_type');
      const rows = await repo.list(db, ctx.workspaceId, {
        entity: query.entityType && query.entityId ? { entityType: query.entityType, entityId: query.entityId } : undefined,
        ownerId: query.ownerId === 'me' ? ctx.actor.id : query.ownerId,
        statuses: parseStatuses(query.status),
        dueFrom: parseDayFilter('dueFrom', query.dueFrom),
        dueTo: parseDayFilter('dueTo', query.dueTo),
        cursor: query.cursor,
        limit: query.limit,
      });
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      return { items: await hydrateTasks(db, ctx.workspaceId, page.items, clock()), nextCursor: page.nextCursor };
    },

    /**
     * The caller's tasks still to do: overdue (past their due moment), today (due later today in
     * the workspace's zone), upcoming (the next 14 days) and those without a date.
     */
    async mine(ctx: WorkspaceContext) {
      requirePermission(ctx, 'records.read');
      const now = clock();
      const { timeZone } = await settingsOf(db, ctx.workspaceId);
      const today = dayIn(now, timeZone);
      const rows = await repo.openTasksOf(db, ctx.workspaceId, ctx.actor.id, addDays(today, UPCOMING_DAYS), MY_TASKS_LIMIT);
      const tasks = await hydrateTasks(db, ctx.workspaceId, rows, now);
      return {
        overdue: tasks.filter((t) => t.dueDate && (t.overdue || t.dueDate < today)),
        today: tasks.filter((t) => t.dueDate === today && !t.overdue),
        upcoming: tasks.filter((t) => t.dueDate && t.dueDate > today),
        noDate: tasks.filter((t) => !t.dueDate),
      };
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Task> {
      requirePermission(ctx, 'records.read');
      return hydrateTask(db, ctx.workspaceId, await requireTask(db, ctx.workspaceId, id), clock());
    },

    create(ctx: WorkspaceContext, input: unknown): Promise<Task> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => createWithin(tx, ctx, input));
    },

    update(ctx: WorkspaceContext, id: string, input: unknown): Promise<Task> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => updateWithin(tx, ctx, id, input));
    },

    /** Marks a task done; a recurring one gets its next task. Completing a done task changes nothing. */
    async complete(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<{ task: Task; next: Task | null }> {
      requirePermission(ctx, 'records.write');
      const { version } = parseInput(ZTaskVersion, rawInput);
      return mutate(db, ctx, async (tx) => {
        const before = await lockAt(tx, ctx.workspaceId, id, version);
        if (before.status === 'done') return { task: await hydrateTask(tx, ctx.workspaceId, before, clock()), next: null };
        const row = await write(tx, ctx, before, { status: 'done', completedAt: clock(), completedBy: actingUserId(ctx) });
        const task = await hydrateTask(tx, ctx.workspaceId, row, clock());
        await recordAudit(tx, ctx, {
          action: 'task.completed',
          entityType: 'task',
          entityId: id,
          before: { status: before.status, version: before.version, ownerId: before.ownerId },
          after: auditImage(task),
        });
        const next = await createNext(tx, ctx, row, await settingsOf(tx, ctx.workspaceId));
        return { task, next };
      });
    },

    /** A done or cancelled task back to open (its reminder re-armed); an open one is returned as it is. */
    async reopen(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Task> {
      requirePermission(ctx, 'records.write');
      const { version } = parseInput(ZTaskVersion, rawInput);
      return mutate(db, ctx, async (tx) => {
        const before = await lockAt(tx, ctx.workspaceId, id, version);
        if (ACTIVE_STATUSES.includes(before.status)) return hydrateTask(tx, ctx.workspaceId, before, clock());
        const row = await write(tx, ctx, before, { status: 'open', completedAt: null, completedBy: null });
        const task = await hydrateTask(tx, ctx.workspaceId, row, clock());
        await recordAudit(tx, ctx, {
          action: 'task.reopened',
          entityType: 'task',
          entityId: id,
          before: { status: before.status, version: before.version, ownerId: before.ownerId },
          after: auditImage(task),
        });
        return task;
      });
    },

    /** Soft delete; anyone with records.delete, or the task's owner or creator. Its reminder is cancelled. */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.write');
      await mutate(db, ctx, async (tx) => {
        const before = await repo.findForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw taskErrors.task_not_found();
        const own = before.ownerId === ctx.actor.id || before.createdBy === ctx.actor.id;
        if (!own) requirePermission(ctx, 'records.delete');
        const row = await write(tx, ctx, before, { deletedAt: clock() });
        await recordAudit(tx, ctx, {
          action: 'task.deleted',
          entityType: 'task',
          entityId: id,
          before: { deletedAt: null, version: before.version, ownerId: before.ownerId },
          after: { deletedAt: row.deletedAt, version: row.version, ownerId: row.ownerId },
        });
      });
    },

    /** Handover: a departing user's tasks still to do, with their reminders, go to the new owner. */
    handoverTarget: {
      name: 'task',
      move: (tx: Tx, workspaceId: string, fromUserId: string, toUserId: string) => repo.reassignOpen(tx, workspaceId, fromUserId, toUserId, clock()),
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
