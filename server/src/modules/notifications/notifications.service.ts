import { isIranianMobile, normalizeIranianPhone } from '#common/identity/index.ts';
import { registerAuditObserver } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage } from '../../kernel/http/pagination.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import type { Mailer } from '../../kernel/mail/index.ts';
import type { TNotificationListQuery, TPreferencesUpdate } from './notifications.contract.ts';
import { createAssignmentObserver } from './notifications.assigned.ts';
import { registerNotificationJobs, type NotificationSmsSender } from './notifications.delivery.ts';
import { dispatchDueReminders } from './notifications.dispatcher.ts';
import { notificationErrors, notificationFieldError } from './notifications.errors.ts';
import { renderNotification, type ReaderSettings } from './notifications.messages.ts';
import { scheduleOccasions, workspacesForOccasions } from './notifications.occasions.ts';
import { DEFAULT_PROFILE, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, preferenceMatrix } from './notifications.preferences.ts';
import { notificationsRepository as repo, type NotificationRow } from './notifications.repository.ts';
import type { NotificationChannel, NotificationEvent } from './notifications.schema.ts';

/** Birthdays and anniversaries of a workspace are looked for at most this often. */
const OCCASION_SCAN_MS = 60 * 60_000;

export type NotificationsDeps = {
  db: AppDb;
  jobs: JobQueue;
  clock?: () => Date;
};

/** Notifications belong to a person: an API key (no user of its own) has none. */
function userOf(ctx: WorkspaceContext): string {
  if (ctx.actor.type !== 'user') throw notificationErrors.notifications_user_only();
  return ctx.actor.id;
}

function publicNotification(row: NotificationRow, reader: ReaderSettings) {
  const rendered = renderNotification({ event: row.event, entityType: row.entityType, entityId: row.entityId, data: row.data ?? {} }, reader);
  return {
    id: row.id,
    event: row.event,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data ?? {},
    ...rendered,
    readAt: row.readAt,
    createdAt: row.createdAt,
  };
}

/** Normalises the SMS number of the profile: E.164, and a mobile when it is Iranian. */
function normalizeProfilePhone(input: string | null | undefined): string | null {
  if (!input) return null;
  const e164 = normalizeIranianPhone(input);
  if (!e164) throw kernelErrors.validation_failed({ fieldErrors: [notificationFieldError('profile.phone', 'invalid_phone')] });
  if (e164.startsWith('+98') && !isIranianMobile(e164)) {
    throw kernelErrors.validation_failed({ fieldErrors: [notificationFieldError('profile.phone', 'not_mobile')] });
  }
  return e164;
}

export function createNotificationsService(deps: NotificationsDeps) {
  const { db, jobs } = deps;
  const clock = deps.clock ?? (() => new Date());
  const unregisterObserver = registerAuditObserver('notifications.record_assigned', createAssignmentObserver({ db, jobs, clock }));
  const lastOccasionScan = new Map<string, number>();
  let ticker: { stop(): Promise<void> } | undefined;

  async function readerFor(ctx: WorkspaceContext, userId: string): Promise<ReaderSettings> {
    const settings = await repo.readerSettings(db, ctx.workspaceId, userId);
    return { locale: ctx.locale, calendar: settings?.calendar ?? 'jalali', timeZone: settings?.timeZone ?? 'Asia/Tehran' };
  }

  async function preferences(ctx: WorkspaceContext) {
    const userId = userOf(ctx);
    const [stored, profile] = await Promise.all([repo.storedPreferences(db, ctx.workspaceId, userId), repo.profile(db, ctx.workspaceId, userId)]);
    return {
      events: [...NOTIFICATION_EVENTS],
      channels: [...NOTIFICATION_CHANNELS],
      matrix: preferenceMatrix(stored),
      profile: profile
        ? { phone: profile.phone, meetingLeadMinutes: profile.meetingLeadMinutes, occasionLeadDays: profile.occasionLeadDays }
        : { ...DEFAULT_PROFILE },
    };
  }

  /**
   * Birthdays and anniversaries of every workspace not scanned in the last hour (all of them at
   * startup). Each workspace's scan is its own statement set; one failing does not stop the others.
   */
  async function scheduleOccasionsDue(now: Date, options: { force?: boolean } = {}): Promise<number> {
    let added = 0;
    for (const workspace of await workspacesForOccasions(db)) {
      const last = lastOccasionScan.get(workspace.id);
      if (!options.force && last !== undefined && now.getTime() - last < OCCASION_SCAN_MS && now.getTime() >= last) continue;
      added += await scheduleOccasions(db, workspace, now);
      lastOccasionScan.set(workspace.id, now.getTime());
    }
    return added;
  }

  return {
    /** Turns every reminder due at `now` into its notification, deliveries and jobs, exactly once. */
    dispatchDue: (now: Date = clock()) => dispatchDueReminders(db, jobs, now),

    /** Schedules today's birthday/anniversary reminders (force: ignore the once-an-hour limit). */
    scheduleOccasions: (now: Date = clock(), options: { force?: boolean } = {}) => scheduleOccasionsDue(now, options),

    async list(ctx: WorkspaceContext, query: TNotificationListQuery) {
      const userId = userOf(ctx);
      const reader = await readerFor(ctx, userId);
      const rows = await repo.list(db, ctx.workspaceId, userId, { unread: query.unread, cursor: query.cursor, limit: query.limit });
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      return {
        items: page.items.map((row) => publicNotification(row, reader)),
        nextCursor: page.nextCursor,
        unreadCount: await repo.unreadCount(db, ctx.workspaceId, userId),
      };
    },

    async unreadCount(ctx: WorkspaceContext) {
      return { count: await repo.unreadCount(db, ctx.workspaceId, userOf(ctx)) };
    },

    async markRead(ctx: WorkspaceContext, id: string): Promise<void> {
      if (!(await repo.markRead(db, ctx.workspaceId, userOf(ctx), id, clock()))) throw notificationErrors.notification_not_found();
    },

    async markAllRead(ctx: WorkspaceContext) {
      return { updated: await repo.markAllRead(db, ctx.workspaceId, userOf(ctx), clock()) };
    },

    preferences,

    async updatePreferences(ctx: WorkspaceContext, input: TPreferencesUpdate) {
      const userId = userOf(ctx);
      const now = clock();
      const phone = input.profile?.phone === undefined ? undefined : normalizeProfilePhone(input.profile.phone);
      await db.transaction(async (tx) => {
        const choices: Array<{ event: NotificationEvent; channel: NotificationChannel; enabled: boolean }> = [];
        for (const [event, switches] of Object.entries(input.matrix ?? {})) {
          for (const [channel, enabled] of Object.entries(switches ?? {})) {
            if (typeof enabled === 'boolean') choices.push({ event: event as NotificationEvent, channel: channel as NotificationChannel, enabled });
          }
        }
        await repo.setPreferences(tx, ctx.workspaceId, userId, choices, now);
        if (input.profile) {
          const current = (await repo.profile(tx, ctx.workspaceId, userId)) ?? DEFAULT_PROFILE;
          await repo.saveProfile(
            tx,
            ctx.workspaceId,
            userId,
            {
              phone: phone === undefined ? current.phone : phone,
              meetingLeadMinutes: input.profile.meetingLeadMinutes ?? current.meetingLeadMinutes,
              occasionLeadDays: input.profile.occasionLeadDays ?? current.occasionLeadDays,
            },
            now,
          );
        }
      });
      return preferences(ctx);
    },

    /** Registers the `notification.deliver` worker (email through the mailer, SMS through messaging). */
    registerJobs(queue: JobQueue, delivery: { mailer: Mailer; emailConfigured: boolean; sms: NotificationSmsSender; publicUrl: () => string }) {
      return registerNotificationJobs(queue, { db, clock, ...delivery });
    },

    /**
     * Every `intervalMs`, dispatches due reminders (and, once an hour per workspace and at the
     * start, schedules birthdays and anniversaries) with the injected clock. A tick still running
     * when the next is due is not overlapped.
     */
    startTicker(options: { intervalMs: number; onError: (error: unknown) => void }) {
      if (ticker) return ticker;
      let running: Promise<void> | undefined;
      let stopped = false;
      const tick = () => {
        if (running || stopped) return;
        running = (async () => {
          try {
            await scheduleOccasionsDue(clock());
            await dispatchDueReminders(db, jobs, clock());
          } catch (error) {
            options.onError(error);
          } finally {
            running = undefined;
          }
        })();
      };
      const timer = setInterval(tick, Math.max(50, options.intervalMs));
      timer.unref();
      tick();
      ticker = {
        async stop() {
          stopped = true;
          clearInterval(timer);
          await running;
        },
      };
      return ticker;
    },

    /** Stops the ticker (waiting for a tick under way) and the audit observer of this service. */
    async stop(): Promise<void> {
      await ticker?.stop();
      unregisterObserver();
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
