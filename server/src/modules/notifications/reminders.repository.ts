import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { reminders, type NotificationEvent } from './notifications.schema.ts';

export type ReminderSchedule = {
  workspaceId: string;
  userId: string;
  event: NotificationEvent;
  entityType: string;
  entityId: string;
  fireAt: Date;
  /** Identifies the reminder: scheduling the same key again moves it instead of adding one. */
  dedupeKey: string;
  data?: Record<string, unknown>;
};

/**
 * The port other modules (tasks, activities) use, always inside their own transaction so the
 * reminder exists iff their change commits. Rescheduling a fired reminder arms it again.
 */
export const remindersRepository = {
  async schedule(executor: Executor, reminder: ReminderSchedule): Promise<void> {
    await executor
      .insert(reminders)
      .values({ ...reminder, data: reminder.data ?? {}, status: 'pending' })
      .onConflictDoUpdate({
        target: [reminders.workspaceId, reminders.dedupeKey],
        set: {
          userId: reminder.userId,
          fireAt: reminder.fireAt,
          data: reminder.data ?? {},
          // An unchanged moment keeps a fired reminder fired: saving a task twice never re-notifies.
          status: sql`case when ${reminders.fireAt} = excluded.fire_at and ${reminders.status} = 'fired' then 'fired' else 'pending' end`,
          firedAt: sql`case when ${reminders.fireAt} = excluded.fire_at then ${reminders.firedAt} else null end`,
        },
      });
  },

  /** Cancels the still-pending reminders of a record (task done or deleted, meeting cancelled). */
  async cancelFor(executor: Executor, workspaceId: string, entityType: string, entityId: string, dedupeKey?: string): Promise<void> {
    await executor
      .update(reminders)
      .set({ status: 'cancelled' })
      .where(
        and(
          eq(reminders.workspaceId, workspaceId),
          eq(reminders.entityType, entityType),
          eq(reminders.entityId, entityId),
          eq(reminders.status, 'pending'),
          dedupeKey ? eq(reminders.dedupeKey, dedupeKey) : undefined,
        ),
      );
  },
};
