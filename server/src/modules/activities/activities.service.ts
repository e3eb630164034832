import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { escapeHtml } from '../../kernel/html/sanitize.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { decodeCursor, encodeCursor, type Page } from '../../kernel/http/pagination.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
import {
  ZActivityCreate,
  ZActivityPatch,
  ZComplete,
  ZQuickCall,
  ZReschedule,
  type Activity,
  type TActivityCreate,
  type TActivityListQuery,
} from './activities.contract.ts';
import { activityErrors, activityFieldError } from './activities.errors.ts';
import { hydrateActivities, hydrateActivity } from './activities.public.ts';
import { syncActivityReminders } from './activities.reminders.ts';
import { activitiesRepository as repo, type ActivityRow, type ActivityValues, type Keyset } from './activities.repository.ts';
import { actingUserId, prepareActivity } from './activities.rules.ts';

export type ActivitiesServiceDeps = { db: AppDb; clock?: () => Date };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor is client input: a hand-edited one is a 400, never a database error. */
function keysetOf(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  if (!UUID_RE.test(c.id)) failOnFieldErrors([activityFieldError('cursor', 'invalid_cursor')]);
  return { at: new Date(c.at), id: c.id };
}

export function createActivitiesService(deps: ActivitiesServiceDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function requireLive(executor: Executor, workspaceId: string, id: string, forUpdate: boolean): Promise<ActivityRow> {
    const row = forUpdate ? await repo.findForUpdate(executor, workspaceId, id) : await repo.find(executor, workspaceId, id);
    if (!row || row.deletedAt) throw activityErrors.activity_not_found();
    return row;
  }

  /** The links and attendees an activity has now: what an update's rules compare against. */
  async function currentDetails(tx: Tx, workspaceId: string, id: string) {
    const links = (await repo.linksOf(tx, workspaceId, [id])).map(({ entityType, entityId }) => ({ entityType, entityId }));
    const attendees = (await repo.attendeesOf(tx, workspaceId, [id])).map((a) => ({ userId: a.userId, personId: a.personId, email: a.email, name: a.name, response: a.response }));
    return { links, attendees };
  }

  const audit = (tx: Tx, ctx: WorkspaceContext, action: string, before: Activity | undefined, after: Activity) =>
    recordAudit(tx, ctx, { action, entityType: 'activity', entityId: after.id, ...(before ? { before } : {}), after });

  /** Creates an activity inside the caller's transaction (the API, the quick call log, other modules). */
  async function createWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<Activity> {
    requirePermission(ctx, 'records.write');
    const { type, ...input } = parseInput(ZActivityCreate, rawInput);
    const now = clock();
    const errors: FieldError[] = [];
    const prepared = await prepareActivity(tx, ctx, type, input, undefined, now, errors);
    failOnFieldErrors(errors);
    const row = await repo.insert(tx, ctx.workspaceId, { ...(prepared.values as ActivityValues), type, createdBy: actingUserId(ctx) });
    await repo.replaceLinks(tx, ctx.workspaceId, row.id, prepared.links ?? [], row.occurredAt);
    if (prepared.attendees?.length) await repo.replaceAttendees(tx, ctx.workspaceId, row.id, prepared.attendees);
    await syncActivityReminders(tx, row, now);
    const created = await hydrateActivity(tx, ctx.workspaceId, row);
    await audit(tx, ctx, 'activity.created', undefined, created);
    return created;
  }

  async function updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Activity> {
    requirePermission(ctx, 'records.write');
    const { version, ...input } = parseInput(ZActivityPatch, rawInput);
    const before = await requireLive(tx, ctx.workspaceId, id, true);
    // A stale edit is refused before its content is judged: the caller must see the current activity first.
    if (before.version !== version) throw kernelErrors.version_conflict();
    const now = clock();
    const details = await currentDetails(tx, ctx.workspaceId, id);
    const errors: FieldError[] = [];
    const prepared = await prepareActivity(tx, ctx, before.type, input, { row: before, ...details }, now, errors);
    failOnFieldErrors(errors);
    const beforeActivity = await hydrateActivity(tx, ctx.workspaceId, before);
    const row = await repo.update(tx, ctx.workspaceId, id, version, prepared.values, now);
    if (!row) throw kernelErrors.version_conflict();
    if (prepared.links) await repo.replaceLinks(tx, ctx.workspaceId, id, prepared.links, row.occurredAt);
    else if (row.occurredAt.getTime() !== before.occurredAt.getTime()) await repo.syncLinkTimes(tx, ctx.workspaceId, id, row.occurredAt);
    if (prepared.attendees) await repo.replaceAttendees(tx, ctx.workspaceId, id, prepared.attendees);
    await syncActivityReminders(tx, row, now);
    const after = await hydrateActivity(tx, ctx.workspaceId, row);
    await audit(tx, ctx, 'activity.updated', beforeActivity, after);
    return after;
  }

  /** A state change of one live activity under its version, with reminders and audit. */
  async function transition(ctx: WorkspaceContext, id: string, version: number, action: string, change: (before: ActivityRow) => Partial<ActivityValues>): Promise<Activity> {
    requirePermission(ctx, 'records.write');
    return mutate(db, ctx, async (tx) => {
      const before = await requireLive(tx, ctx.workspaceId, id, true);
      if (before.version !== version) throw kernelErrors.version_conflict();
      const now = clock();
      const beforeActivity = await hydrateActivity(tx, ctx.workspaceId, before);
      const row = (await repo.update(tx, ctx.workspaceId, id, version, change(before), now))!;
      if (row.occurredAt.getTime() !== before.occurredAt.getTime()) await repo.syncLinkTimes(tx, ctx.workspaceId, id, row.occurredAt);
      await syncActivityReminders(tx, row, now);
      const after = await hydrateActivity(tx, ctx.workspaceId, row);
      await audit(tx, ctx, action, beforeActivity, after);
      return after;
    });
  }

  /**
   * The quick call log: the person's link and primary phone stand in for links and phone. The
   * number is whatever was dialled, so a person without one still gets the call logged.
   */
  async function quickCallInput(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<TActivityCreate> {
    const input = parseInput(ZQuickCall, rawInput);
    const links = [...(input.personId ? [{ entityType: 'person' as const, entityId: input.personId }] : []), ...(input.links ?? [])];
    let phone = input.phone ?? null;
    if (!phone && input.personId) {
      const phones = await repo.personPhones(tx, ctx.workspaceId, input.personId);
      if (!phones) failOnFieldErrors([activityFieldError('personId', 'person_not_found')]);
      phone = (phones!.find((p) => p.primary) ?? phones![0])?.value ?? null;
    }
    return {
      type: 'call',
      direction: input.direction,
      links,
      phone,
      ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
      ...(input.callOutcome ? { callOutcome: input.callOutcome } : {}),
      ...(input.note ? { bodyText: input.note } : {}),
      ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
    };
  }

  return {
    createWithin,
    updateWithin,

    async create(ctx: WorkspaceContext, input: unknown): Promise<Activity> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => createWithin(tx, ctx, input));
    },

    async logCall(ctx: WorkspaceContext, input: unknown): Promise<Activity> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, async (tx) => createWithin(tx, ctx, await quickCallInput(tx, ctx, input)));
    },

    async update(ctx: WorkspaceContext, id: string, input: unknown): Promise<Activity> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => updateWithin(tx, ctx, id, input));
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Activity> {
      requirePermission(ctx, 'records.read');
      return hydrateActivity(db, ctx.workspaceId, await requireLive(db, ctx.workspaceId, id, false));
    },

    /** Newest first; by linked record (its own index range) or over the workspace. */
    async list(ctx: WorkspaceContext, query: TActivityListQuery): Promise<Page<Activity>> {
      requirePermission(ctx, 'records.read');
      if ((query.entityType === undefined) !== (query.entityId === undefined)) failOnFieldErrors([activityFieldError(query.entityType ? 'entityId' : 'entityType', 'entity_pair')]);
      const before = keysetOf(query.cursor);
      const filters = {
        types: query.type,
        statuses: query.status,
        ownerId: query.ownerId === 'me' ? (actingUserId(ctx) ?? ctx.actor.id) : query.ownerId,
        from: query.from,
        to: query.to,
      };
      let rows: ActivityRow[];
      if (query.entityType && query.entityId) {
        if (!(await repo.recordExists(db, ctx.workspaceId, query.entityType, query.entityId))) throw activityErrors.link_target_not_found();
        const keys = await repo.linkedPage(db, ctx.workspaceId, query.entityType, [query.entityId], filters, before, query.limit + 1);
        const byId = new Map((await repo.byIds(db, ctx.workspaceId, keys.map((k) => k.id))).map((r) => [r.id, r]));
        rows = keys.flatMap((k) => (byId.has(k.id) ? [byId.get(k.id)!] : []));
      } else {
        rows = await repo.list(db, ctx.workspaceId, filters, before, query.limit + 1);
      }
      const shown = rows.slice(0, query.limit);
      const last = shown[shown.length - 1];
      return { items: await hydrateActivities(db, ctx.workspaceId, shown), nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
    },

    /** A planned call or meeting happened: done, with what came of it. */
    async complete(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Activity> {
      const input = parseInput(ZComplete, rawInput);
      return transition(ctx, id, input.version, 'activity.completed', (before) => {
        if (before.status !== 'planned') throw activityErrors.activity_not_planned();
        if (before.type !== 'call' && input.callOutcome) failOnFieldErrors([activityFieldError('callOutcome', 'not_for_type')]);
        const changes: Partial<ActivityValues> = { status: 'done' };
        if (input.callOutcome) changes.callOutcome = input.callOutcome;
        if (input.durationSeconds !== undefined) changes.durationSeconds = input.durationSeconds;
        if (input.note) {
          changes.bodyText = [before.bodyText, input.note].filter(Boolean).join('\n\n');
          if (before.bodyHtml) changes.bodyHtml = `${before.bodyHtml}<p>${escapeHtml(input.note).replace(/\n/g, '<br />')}</p>`;
        }
        return changes;
      });
    },

    /** Moves it in time (calendar drag); without endsAt the duration is kept. */
    async reschedule(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Activity> {
      const input = parseInput(ZReschedule, rawInput);
      return transition(ctx, id, input.version, 'activity.rescheduled', (before) => {
        let endsAt = input.endsAt !== undefined ? input.endsAt : before.endsAt;
        if (input.endsAt === undefined && before.endsAt) endsAt = new Date(input.occurredAt.getTime() + (before.endsAt.getTime() - before.occurredAt.getTime()));
        if (endsAt && endsAt < input.occurredAt) failOnFieldErrors([activityFieldError('endsAt', 'ends_before_start')]);
        return { occurredAt: input.occurredAt, endsAt };
      });
    },

    /**
     * Soft delete (its reminders are cancelled); deleting twice changes nothing. Anyone with
     * records.delete, or the activity's owner or creator (a rep fixing a call logged by mistake),
     * as for tasks.
     */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.write');
      await mutate(db, ctx, async (tx, record) => {
        const before = await repo.findForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw activityErrors.activity_not_found();
        const own = before.ownerId === ctx.actor.id || before.createdBy === ctx.actor.id;
        if (!own) requirePermission(ctx, 'records.delete');
        if (before.deletedAt) return;
        const now = clock();
        const row = (await repo.update(tx, ctx.workspaceId, id, before.version, { deletedAt: now }, now))!;
        await syncActivityReminders(tx, row, now);
        await record({ action: 'activity.deleted', entityType: 'activity', entityId: id, before: { deletedAt: null, version: before.version }, after: { deletedAt: row.deletedAt, version: row.version } });
      });
    },

    /** Handover target 'activity': the departing user's planned calls and meetings, with their reminders. */
    handoverTarget: {
      name: 'activity',
      async move(tx: Tx, workspaceId: string, fromUserId: string, toUserId: string) {
        const now = clock();
        const rows = await repo.reassignPlanned(tx, workspaceId, fromUserId, toUserId, now);
        for (const row of rows) await syncActivityReminders(tx, row, now);
        return rows.map((r) => ({ id: r.id, version: r.version }));
      },
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
