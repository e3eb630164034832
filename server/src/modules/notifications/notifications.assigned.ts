import type { AuditEntry, AuditObserver } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import { notifyWithin } from './notifications.dispatcher.ts';
import { notificationsRepository as repo } from './notifications.repository.ts';

/** Records whose owner is told when they are given a record. */
const ASSIGNABLE = new Set(['person', 'organization', 'lead', 'deal', 'task']);

type Assignment = { ownerId: string; entityType: string; entityId: string };

const ownerOf = (value: unknown): { has: boolean; ownerId: string | null } => {
  if (!value || typeof value !== 'object' || !('ownerId' in value)) return { has: false, ownerId: null };
  const ownerId = (value as { ownerId: unknown }).ownerId;
  return { has: true, ownerId: typeof ownerId === 'string' && ownerId ? ownerId : null };
};

/**
 * An entry gives a record to someone when its `after` names an owner that differs from `before`
 * (an update or a handover, whose entries carry both), or when a record is created with an owner.
 * An update whose `before` says nothing about the owner did not touch it.
 */
export function assignmentOf(entry: AuditEntry): Assignment | null {
  if (!ASSIGNABLE.has(entry.entityType)) return null;
  const after = ownerOf(entry.after);
  if (!after.ownerId) return null;
  if (entry.before === undefined || entry.before === null) {
    return entry.action.endsWith('.created') ? { ownerId: after.ownerId, entityType: entry.entityType, entityId: entry.entityId } : null;
  }
  const before = ownerOf(entry.before);
  if (!before.has || before.ownerId === after.ownerId) return null;
  return { ownerId: after.ownerId, entityType: entry.entityType, entityId: entry.entityId };
}

type Pending = { notificationId: string; data: Record<string, unknown>; firstType: string };

/**
 * The audit observer behind "record assigned". All assignments to one user in one transaction
 * (a bulk owner change, a handover, an import batch) make one notification that says how many:
 * the first creates it with its deliveries and jobs, later ones only raise its count. The jobs
 * run after the commit and so render the final count.
 */
export function createAssignmentObserver(deps: { db: AppDb; jobs: JobQueue; clock: () => Date }): AuditObserver {
  // null: this user wants no notice of assignments at all; nothing more to do in this batch.
  const batches = new WeakMap<Executor, Map<string, Pending | null>>();
  return async (tx, ctx, entries) => {
    const actorId = ctx.actor.type === 'user' ? ctx.actor.id : null;
    for (const entry of entries) {
      const assignment = assignmentOf(entry);
      if (!assignment || assignment.ownerId === actorId) continue;
      // Outside a transaction there is no batch to gather; each call stands alone.
      const isTransaction = tx !== deps.db;
      let byUser = isTransaction ? batches.get(tx) : undefined;
      if (!byUser) {
        byUser = new Map();
        if (isTransaction) batches.set(tx, byUser);
      }
      const pending = byUser.get(assignment.ownerId);
      if (pending === null) continue;
      if (pending) {
        const count = Number(pending.data.count) + 1;
        pending.data = { ...pending.data, count, ...(assignment.entityType !== pending.firstType ? { mixed: true } : {}) };
        await repo.updateNotificationData(tx, pending.notificationId, pending.data);
        continue;
      }
      const name = await repo.recordName(tx, ctx.workspaceId, assignment.entityType, assignment.entityId);
      const data: Record<string, unknown> = { count: 1, entityType: assignment.entityType, actorName: ctx.actor.name, ...(name ? { name } : {}) };
      const notification = await notifyWithin(tx, deps.jobs, {
        workspaceId: ctx.workspaceId,
        userId: assignment.ownerId,
        event: 'record_assigned',
        entityType: assignment.entityType,
        entityId: assignment.entityId,
        data,
        createdAt: deps.clock(),
      });
      byUser.set(assignment.ownerId, notification ? { notificationId: notification.id, data, firstType: assignment.entityType } : null);
    }
  };
}
