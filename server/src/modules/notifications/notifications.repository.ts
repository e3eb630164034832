import { toInstant } from '#common/calendar/index.ts';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetWhere } from '../../kernel/http/pagination.ts';
import {
  notificationDeliveries,
  notificationPreferences,
  notificationProfiles,
  notifications,
  reminders,
  type DeliveryState,
  type NotificationChannel,
  type NotificationEvent,
} from './notifications.schema.ts';

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(query: Promise<unknown>): Promise<T[]> => ((await query) as Rows<T>).rows;

export type ReminderRow = typeof reminders.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;

/** Who a notification goes to, with what the outside channels and the messages need. */
export type Recipient = {
  userId: string;
  email: string;
  name: string;
  locale: 'fa' | 'en';
  calendar: 'jalali' | 'gregorian';
  timeZone: string;
  phone: string | null;
  member: boolean;
};

export const notificationsRepository = {
  /**
   * Locks up to `limit` due reminders. SKIP LOCKED lets a second dispatcher (another process on
   * PostgreSQL) take the next rows instead of waiting for, and then repeating, these.
   */
  lockDueReminders(tx: Executor, now: Date, limit: number): Promise<ReminderRow[]> {
    return tx
      .select()
      .from(reminders)
      .where(and(eq(reminders.status, 'pending'), sql`${reminders.fireAt} <= ${now.toISOString()}::timestamptz`))
      .orderBy(reminders.fireAt)
      .limit(limit)
      .for('update', { skipLocked: true });
  },

  async markFired(tx: Executor, ids: string[], now: Date): Promise<void> {
    if (ids.length) await tx.update(reminders).set({ status: 'fired', firedAt: now }).where(inArray(reminders.id, ids));
  },

  /**
   * A reminder that fired and was armed again (its task got a new due time) fires anew: its earlier
   * notification stays in the centre but lets go of the reminder, whose id is unique there.
   */
  async releaseEarlierNotifications(tx: Executor, reminderIds: string[]): Promise<void> {
    if (reminderIds.length) await tx.update(notifications).set({ reminderId: null }).where(inArray(notifications.reminderId, reminderIds));
  },

  async recipient(tx: Executor, workspaceId: string, userId: string): Promise<Recipient | undefined> {
    const [row] = await rowsOf<Recipient>(
      tx.execute(sql`
        select u.id as "userId", u.email, u.name, u.locale, u.calendar, w.timezone as "timeZone", np.phone,
               exists (select 1 from memberships m where m.workspace_id = w.id and m.user_id = u.id) as member
        from users u
        join workspaces w on w.id = ${workspaceId}
        left join notification_profiles np on np.workspace_id = w.id and np.user_id = u.id
        where u.id = ${userId}`),
    );
    return row;
  },

  storedPreferences(tx: Executor, workspaceId: string, userId: string) {
    return tx
      .select({ event: notificationPreferences.event, channel: notificationPreferences.channel, enabled: notificationPreferences.enabled })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.workspaceId, workspaceId), eq(notificationPreferences.userId, userId)));
  },

  async setPreferences(tx: Executor, workspaceId: string, userId: string, choices: Array<{ event: NotificationEvent; channel: NotificationChannel; enabled: boolean }>, now: Date) {
    if (!choices.length) return;
    await tx
      .insert(notificationPreferences)
      .values(choices.map((c) => ({ workspaceId, userId, ...c, updatedAt: now })))
      .onConflictDoUpdate({
        target: [notificationPreferences.workspaceId, notificationPreferences.userId, notificationPreferences.event, notificationPreferences.channel],
        set: { enabled: sql`excluded.enabled`, updatedAt: now },
      });
  },

  async profile(tx: Executor, workspaceId: string, userId: string) {
    const [row] = await tx
      .select()
      .from(notificationProfiles)
      .where(and(eq(notificationProfiles.workspaceId, workspaceId), eq(notificationProfiles.userId, userId)));
    return row;
  },

  async saveProfile(
    tx: Executor,
    workspaceId: string,
    userId: string,
    values: { phone: string | null; meetingLeadMinutes: number; occasionLeadDays: number },
    now: Date,
  ): Promise<void> {
    await tx
      .insert(notificationProfiles)
      .values({ workspaceId, userId, ...values, updatedAt: now })
      .onConflictDoUpdate({ target: [notificationProfiles.workspaceId, notificationProfiles.userId], set: { ...values, updatedAt: now } });
  },

  insertNotifications(tx: Executor, values: Array<typeof notifications.$inferInsert>): Promise<NotificationRow[]> {
    if (!values.length) return Promise.resolve([]);
    return tx.insert(notifications).values(values).returning();
  },

  async updateNotificationData(tx: Executor, id: string, data: Record<string, unknown>): Promise<void> {
    await tx.update(notifications).set({ data }).where(eq(notifications.id, id));
  },

  insertDeliveries(tx: Executor, values: Array<typeof notificationDeliveries.$inferInsert>): Promise<DeliveryRow[]> {
    if (!values.length) return Promise.resolve([]);
    return tx.insert(notificationDeliveries).values(values).returning();
  },

  /** A delivery with what its message needs; workspace-scoped through its notification. */
  async deliveryForSending(db: Executor, deliveryId: string) {
    const [row] = await rowsOf<{
      id: string;
      workspaceId: string;
      channel: 'email' | 'sms';
      destination: string | null;
      status: DeliveryState;
      attempts: number;
      userId: string;
      event: NotificationEvent;
      entityType: string | null;
      entityId: string | null;
      data: Record<string, unknown>;
      email: string;
      locale: 'fa' | 'en';
      calendar: 'jalali' | 'gregorian';
      timeZone: string;
    }>(
      db.execute(sql`
        select d.id, d.workspace_id as "workspaceId", d.channel, d.destination, d.status, d.attempts,
               n.user_id as "userId", n.event, n.entity_type as "entityType", n.entity_id as "entityId", n.data,
               u.email, u.locale, u.calendar, w.timezone as "timeZone"
        from notification_deliveries d
        join notifications n on n.id = d.notification_id and n.workspace_id = d.workspace_id
        join users u on u.id = n.user_id
        join workspaces w on w.id = d.workspace_id
        where d.id = ${deliveryId}`),
    );
    return row;
  },

  async recordDelivery(
    db: Executor,
    deliveryId: string,
    outcome: { status: DeliveryState; error: string | null; providerMessageId?: string | null; sentAt?: Date | null },
  ): Promise<void> {
    await db
      .update(notificationDeliveries)
      .set({
        status: outcome.status,
        error: outcome.error,
        attempts: sql`${notificationDeliveries.attempts} + 1`,
        ...(outcome.providerMessageId !== undefined ? { providerMessageId: outcome.providerMessageId } : {}),
        ...(outcome.sentAt !== undefined ? { sentAt: outcome.sentAt } : {}),
      })
      // Never overwrite a success: a late failure report of a duplicate run must not undo it.
      .where(and(eq(notificationDeliveries.id, deliveryId), sql`${notificationDeliveries.status} <> 'sent'`));
  },

  /** The caller's visible notifications, newest first (keyset on created_at, id). */
  list(db: Executor, workspaceId: string, userId: string, options: { unread: boolean; cursor?: string; limit: number }) {
    return db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.workspaceId, workspaceId),
          eq(notifications.userId, userId),
          eq(notifications.visible, true),
          options.unread ? isNull(notifications.readAt) : undefined,
          keysetWhere(notifications.createdAt, notifications.id, options.cursor),
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(options.limit + 1);
  },

  async unreadCount(db: Executor, workspaceId: string, userId: string): Promise<number> {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt), eq(notifications.visible, true)));
    return Number(row?.count ?? 0);
  },

  /** Marks one of the user's own notifications read; false when it is not theirs (or not there). */
  async markRead(db: Executor, workspaceId: string, userId: string, id: string, now: Date): Promise<boolean> {
    const rows = await db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(notifications.id, id), eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), eq(notifications.visible, true)))
      .returning({ id: notifications.id });
    return rows.length > 0;
  },

  async markAllRead(db: Executor, workspaceId: string, userId: string, now: Date): Promise<number> {
    const rows = await db
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt), eq(notifications.visible, true)))
      .returning({ id: notifications.id });
    return rows.length;
  },

  async readerSettings(db: Executor, workspaceId: string, userId: string) {
    const [row] = await rowsOf<{ calendar: 'jalali' | 'gregorian'; timeZone: string }>(
      db.execute(sql`select u.calendar, w.timezone as "timeZone" from users u join workspaces w on w.id = ${workspaceId} where u.id = ${userId}`),
    );
    return row;
  },

  /** Names of records, by type, for "assigned to you" and record-bound reminders. */
  async recordName(db: Executor, workspaceId: string, entityType: string, entityId: string): Promise<string | null> {
    const query = RECORD_NAME_QUERIES[entityType];
    if (!query) return null;
    const [row] = await rowsOf<{ name: string | null }>(db.execute(query(workspaceId, entityId)));
    return row?.name?.trim() || null;
  },

  /**
   * The current facts of the records reminders are about (a task's title and due time may have
   * changed since it was scheduled), by reminder id; three queries whatever the batch size.
   */
  async reminderFacts(db: Executor, due: Array<Pick<ReminderRow, 'id' | 'workspaceId' | 'entityType' | 'entityId'>>): Promise<Map<string, Record<string, unknown>>> {
    const idsOf = (type: string) => `{${[...new Set(due.filter((r) => r.entityType === type).map((r) => r.entityId))].join(',')}}`;
    const byRecord = new Map<string, Record<string, unknown>>();
    const load = async (type: string, query: (ids: string) => ReturnType<typeof sql>, shape: (row: Record<string, unknown>) => Record<string, unknown>) => {
      if (!due.some((r) => r.entityType === type)) return;
      for (const row of await rowsOf<Record<string, unknown>>(db.execute(query(idsOf(type))))) {
        byRecord.set(`${type}:${row.workspaceId}:${row.id}`, shape(row));
      }
    };
    await load(
      'task',
      (ids) => sql`select id, workspace_id as "workspaceId", title, due_at as "dueAt", due_date::text as "dueDate", all_day as "allDay" from tasks where id = any(${ids}::uuid[])`,
      (row) => ({ title: row.title, dueAt: isoOf(row.dueAt), dueDate: row.dueDate, allDay: row.allDay }),
    );
    await load(
      'activity',
      (ids) => sql`select id, workspace_id as "workspaceId", subject, occurred_at as "startsAt", type as "activityType" from activities where id = any(${ids}::uuid[])`,
      (row) => ({ subject: row.subject ?? undefined, startsAt: isoOf(row.startsAt), activityType: row.activityType }),
    );
    await load(
      'person',
      (ids) => sql`select id, workspace_id as "workspaceId", trim(first_name || ' ' || last_name) as name from people where id = any(${ids}::uuid[])`,
      (row) => ({ name: typeof row.name === 'string' && row.name ? row.name : undefined }),
    );
    const facts = new Map<string, Record<string, unknown>>();
    // Keyed by workspace too: a record of another workspace with the same id is never read.
    for (const r of due) facts.set(r.id, byRecord.get(`${r.entityType}:${r.workspaceId}:${r.entityId}`) ?? {});
    return facts;
  },
};

/** A timestamptz as the drivers return it (Date, or PostgreSQL's text) → ISO; undefined when absent. */
function isoOf(value: unknown): string | undefined {
  if (!(value instanceof Date) && typeof value !== 'string') return undefined;
  try {
    return toInstant(value).toISOString();
  } catch {
    return undefined;
  }
}

const RECORD_NAME_QUERIES: Record<string, (workspaceId: string, id: string) => ReturnType<typeof sql>> = {
  person: (ws, id) => sql`select trim(first_name || ' ' || last_name) as name from people where id = ${id} and workspace_id = ${ws}`,
  organization: (ws, id) => sql`select name from organizations where id = ${id} and workspace_id = ${ws}`,
  lead: (ws, id) =>
    sql`select coalesce(nullif(trim(first_name || ' ' || last_name), ''), company_name) as name from leads where id = ${id} and workspace_id = ${ws}`,
  deal: (ws, id) => sql`select title as name from deals where id = ${id} and workspace_id = ${ws}`,
  task: (ws, id) => sql`select title as name from tasks where id = ${id} and workspace_id = ${ws}`,
};
