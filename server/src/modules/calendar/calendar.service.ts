import { createHash, randomBytes } from 'node:crypto';
import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { CalendarItem, CalendarType, TCalendarQuery } from './calendar.contract.ts';
import { calendarErrors, calendarFieldError } from './calendar.errors.ts';
import { buildFeed } from './calendar.ical.ts';
import { calendarRepository as repo, type CalendarActivityRow, type CalendarPeople, type CalendarTaskRow, type LinkRow } from './calendar.repository.ts';
import { addDays, dayInZone, zoneMidnight } from './calendar.zone.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_RANGE_DAYS = 100;
/** Per kind (activities, tasks) in one range answer; a month of a busy team stays far below. */
const RANGE_LIMIT = 2_000;
/** The feed: past 90 days to one year ahead, as subscribed calendars expect. */
const FEED_DAYS_BACK = 90;
const FEED_DAYS_AHEAD = 365;
const FEED_LIMIT = 10_000;
/** 32 random bytes in base64url: 43 characters. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type CalendarServiceDeps = { db: AppDb; config: { publicUrl: string }; clock?: () => Date };

const groupLinks = (links: LinkRow[]) => {
  const map = new Map<string, CalendarItem['links']>();
  for (const { ownerId, ...link } of links) map.set(ownerId, [...(map.get(ownerId) ?? []), link]);
  return map;
};

/** The list separator of the caller's language, for titles made of several names. */
const listSeparator = (locale: string) => (locale === 'fa' ? '، ' : ', ');

function activityItem(row: CalendarActivityRow, links: CalendarItem['links'], separator: string): CalendarItem {
  const names = links.filter((l) => l.name && !l.deleted).map((l) => l.name);
  return {
    kind: 'activity',
    id: row.id,
    type: row.type,
    title: row.subject?.trim() || names.join(separator),
    startsAt: row.occurredAt,
    endsAt: row.endsAt,
    allDay: false,
    status: row.status,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
    links,
    place: row.place,
    phone: row.phone,
    version: row.version,
  };
}

function taskItem(row: CalendarTaskRow, links: CalendarItem['links'], timeZone: string): CalendarItem {
  const startsAt = row.allDay || !row.dueAt ? zoneMidnight(row.dueDate, timeZone) : row.dueAt;
  return {
    kind: 'task',
    id: row.id,
    type: 'task',
    title: row.title,
    startsAt,
    endsAt: null,
    allDay: row.allDay || !row.dueAt,
    status: row.status,
    priority: row.priority,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
    links,
    dueDate: row.dueDate,
    dueTime: row.dueTime,
    version: row.version,
  };
}

export function createCalendarService(deps: CalendarServiceDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const feedUrl = (token: string) => `${deps.config.publicUrl}/ical/${token}.ics`;

  /** 'me' is the calling user; 'all' and other users' calendars need records.read. */
  function whoseCalendar(ctx: WorkspaceContext, userIds: TCalendarQuery['userIds']): CalendarPeople {
    const me = ctx.actor.type === 'user' ? ctx.actor.id : null;
    const wanted = userIds ?? { kind: 'me' as const };
    if (wanted.kind === 'me') {
      if (me) return { kind: 'users', userIds: [me] };
      // An API key has no calendar of its own: it reads everyone's, as it reads every record.
      requirePermission(ctx, 'records.read');
      return { kind: 'all' };
    }
    if (wanted.kind === 'all' || wanted.userIds.some((id) => id !== me)) requirePermission(ctx, 'records.read');
    return wanted;
  }

  /** Everything the caller sees of one user's events in a window, with linked record names. */
  async function eventsOf(workspaceId: string, window: { from: Date; to: Date; timeZone: string; types: CalendarType[]; people: CalendarPeople; limit: number; includeCancelled: boolean }) {
    const activityTypes = window.types.filter((t): t is 'call' | 'meeting' => t !== 'task');
    const [activities, tasks] = await Promise.all([
      repo.activitiesIn(db, workspaceId, {
        from: window.from,
        to: window.to,
        types: activityTypes,
        statuses: window.includeCancelled ? ['planned', 'done', 'cancelled'] : ['planned', 'done'],
        people: window.people,
        limit: window.limit,
      }),
      window.types.includes('task')
        ? repo.tasksIn(db, workspaceId, {
            from: window.from,
            to: window.to,
            firstDay: dayInZone(window.from, window.timeZone),
            lastDay: dayInZone(new Date(window.to.getTime() - 1), window.timeZone),
            statuses: window.includeCancelled ? ['open', 'in_progress', 'done', 'cancelled'] : ['open', 'in_progress', 'done'],
            people: window.people,
            limit: window.limit,
          })
        : Promise.resolve([]),
    ]);
    const [activityLinks, taskLinks] = await Promise.all([
      repo.activityLinks(db, workspaceId, activities.map((a) => a.id)),
      repo.taskLinks(db, workspaceId, tasks.map((t) => t.id)),
    ]);
    return { activities, tasks, activityLinks, taskLinks };
  }

  return {
    /** Calls, meetings and tasks of a range, earliest first (GET /api/v1/calendar). */
    async range(ctx: WorkspaceContext, query: TCalendarQuery) {
      const span = query.to.getTime() - query.from.getTime();
      if (span <= 0 || span > MAX_RANGE_DAYS * DAY_MS) throw calendarErrors.calendar_range_invalid({ fieldErrors: [calendarFieldError('to', 'range_invalid')] });
      const people = whoseCalendar(ctx, query.userIds);
      const timeZone = await repo.workspaceTimeZone(db, ctx.workspaceId);
      const types = query.types?.length ? query.types : ['call', 'meeting', 'task'];
      const found = await eventsOf(ctx.workspaceId, { from: query.from, to: query.to, timeZone, types: types as CalendarType[], people, limit: RANGE_LIMIT, includeCancelled: false });
      const activityLinks = groupLinks(found.activityLinks);
      const taskLinks = groupLinks(found.taskLinks);
      const items = [
        ...found.activities.map((a) => activityItem(a, activityLinks.get(a.id) ?? [], listSeparator(ctx.locale))),
        ...found.tasks.map((t) => taskItem(t, taskLinks.get(t.id) ?? [], timeZone)),
      ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || Number(b.allDay) - Number(a.allDay) || a.id.localeCompare(b.id));
      return { items, timeZone, truncated: found.activities.length >= RANGE_LIMIT || found.tasks.length >= RANGE_LIMIT };
    },

    /** Whether the caller has a live feed address (its secret is never stored, so never shown again). */
    async getFeed(ctx: WorkspaceContext) {
      const userId = feedOwner(ctx);
      const feed = await repo.activeFeed(db, ctx.workspaceId, userId);
      return { url: null, createdAt: feed?.createdAt ?? null, lastUsedAt: feed?.lastUsedAt ?? null };
    },

    /** A new secret address; the previous one stops working at once. */
    async resetFeed(ctx: WorkspaceContext) {
      const userId = feedOwner(ctx);
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const feed = await mutate(db, ctx, async (tx, audit) => {
        for (const id of await repo.revokeFeeds(tx, ctx.workspaceId, userId, now)) await audit({ action: 'calendar_feed.revoked', entityType: 'calendar_feed', entityId: id });
        const row = await repo.insertFeed(tx, { workspaceId: ctx.workspaceId, userId, tokenHash: hashToken(token), createdAt: now });
        await audit({ action: 'calendar_feed.created', entityType: 'calendar_feed', entityId: row.id, after: { userId } });
        return row;
      });
      return { url: feedUrl(token), createdAt: feed.createdAt };
    },

    async revokeFeed(ctx: WorkspaceContext): Promise<void> {
      const userId = feedOwner(ctx);
      const now = clock();
      await mutate(db, ctx, async (tx, audit) => {
        for (const id of await repo.revokeFeeds(tx, ctx.workspaceId, userId, now)) await audit({ action: 'calendar_feed.revoked', entityType: 'calendar_feed', entityId: id });
      });
    },

    /**
     * The iCalendar text behind a secret address: the feed owner's own meetings, calls and tasks.
     * Unknown, malformed and revoked tokens, and owners who left the workspace, all look the same.
     */
    async renderFeed(token: string): Promise<string> {
      if (!TOKEN_RE.test(token)) throw calendarErrors.calendar_feed_not_found();
      const feed = await repo.feedByTokenHash(db, hashToken(token));
      if (!feed || !(await repo.isMember(db, feed.workspaceId, feed.userId))) throw calendarErrors.calendar_feed_not_found();
      const now = clock();
      const [timeZone, locale] = await Promise.all([repo.workspaceTimeZone(db, feed.workspaceId), repo.userLocale(db, feed.userId)]);
      const today = dayInZone(now, timeZone);
      const windowStart = zoneMidnight(addDays(today, -FEED_DAYS_BACK), timeZone);
      const windowEnd = zoneMidnight(addDays(today, FEED_DAYS_AHEAD + 1), timeZone);
      const found = await eventsOf(feed.workspaceId, {
        from: windowStart,
        to: windowEnd,
        timeZone,
        types: ['call', 'meeting', 'task'],
        people: { kind: 'users', userIds: [feed.userId] },
        limit: FEED_LIMIT,
        includeCancelled: true,
      });
      await repo.touchFeed(db, feed.id, now);
      return buildFeed({ timeZone, locale: locale === 'en' ? 'en' : 'fa', publicUrl: deps.config.publicUrl, windowStart, windowEnd, ...found });
    },
  };
}

/** Feeds are personal: a user, never an API key or the system. */
function feedOwner(ctx: WorkspaceContext): string {
  if (ctx.actor.type !== 'user') throw calendarErrors.calendar_feed_user_only();
  return ctx.actor.id;
}

export type CalendarService = ReturnType<typeof createCalendarService>;
