import type { Executor } from '../../kernel/db/database.ts';
import type { LinkedEntityType } from '../activities/activities.schema.ts';
import type { Task } from './tasks.contract.ts';
import { ACTIVE_STATUSES, tasksRepository as repo, type LinkedRecord, type TaskRow } from './tasks.repository.ts';

const LINKED_TYPES: LinkedEntityType[] = ['person', 'organization', 'lead', 'deal'];
const present = (values: Array<string | null>) => values.filter((v): v is string => !!v);

/** Whether a task still to do is past its due moment at `now`. */
export const isOverdue = (row: Pick<TaskRow, 'status' | 'dueAt'>, now: Date) => ACTIVE_STATUSES.includes(row.status) && !!row.dueAt && row.dueAt.getTime() < now.getTime();

/**
 * Tasks in their API shape (ZTask): owner and completer names, links with the linked records'
 * names, and `overdue` against `now`; one query per kind of lookup for the whole list.
 */
export async function hydrateTasks(db: Executor, workspaceId: string, rows: TaskRow[], now: Date): Promise<Task[]> {
  if (!rows.length) return [];
  // One query after the other: inside a transaction they share one connection.
  const users = new Map((await repo.userNames(db, present(rows.flatMap((r) => [r.ownerId, r.completedBy])))).map((u) => [u.id, u]));
  const links = await repo.linksOf(db, workspaceId, rows.map((r) => r.id));
  const records = new Map<string, LinkedRecord>();
  for (const type of LINKED_TYPES) {
    const ids = links.filter((l) => l.entityType === type).map((l) => l.entityId);
    for (const record of await repo.linkedRecords(db, workspaceId, type, ids)) records.set(`${type}:${record.id}`, record);
  }
  const userRef = (id: string | null) => (id ? (users.get(id) ?? { id, name: '' }) : null);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    owner: userRef(r.ownerId),
    dueDate: r.dueDate,
    dueTime: r.dueTime,
    dueAt: r.dueAt,
    allDay: r.allDay,
    priority: r.priority,
    status: r.status,
    completedAt: r.completedAt,
    completedBy: userRef(r.completedBy),
    reminderMinutes: r.reminderMinutes,
    recurrence: r.recurrence ? { ...r.recurrence, until: r.recurrence.until ?? null } : null,
    seriesId: r.seriesId,
    source: r.source,
    links: links
      .filter((l) => l.taskId === r.id)
      .map((l) => {
        const record = records.get(`${l.entityType}:${l.entityId}`);
        return { entityType: l.entityType, entityId: l.entityId, name: record?.name ?? '', deleted: record ? record.deleted : true };
      })
      .sort((a, b) => a.entityType.localeCompare(b.entityType) || a.name.localeCompare(b.name)),
    overdue: isOverdue(r, now),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function hydrateTask(db: Executor, workspaceId: string, row: TaskRow, now: Date): Promise<Task> {
  const [task] = await hydrateTasks(db, workspaceId, [row], now);
  return task!;
}

/** What the audit log keeps of a task: its API shape plus the owner's id, which observers watch. */
export const auditImage = (task: Task) => ({ ...task, ownerId: task.owner?.id ?? null });
