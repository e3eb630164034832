import { normalizeIranianPhone } from '#common/identity/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import { richTextToPlain, sanitizeRichText } from '../../kernel/html/sanitize.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { TActivityPatch, TAttendeeInput, TLinkInput } from './activities.contract.ts';
import { activityFieldError } from './activities.errors.ts';
import { activitiesRepository as repo, type ActivityRow, type ActivityValues, type AttendeeValues, type LinkValues } from './activities.repository.ts';
import type { ActivityType, LinkedEntityType } from './activities.schema.ts';

export const actingUserId = (ctx: WorkspaceContext): string | null => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/** Calls and meetings are the activities that can lie ahead (planned) and be reminded of. */
export const isSchedulable = (type: ActivityType) => type === 'call' || type === 'meeting';

/** The fields a create or update may carry (the create's type is fixed and known separately). */
type ActivityInput = Omit<TActivityPatch, 'version'>;

/** What a write stores besides the activity row: its links and attendees, when they were sent. */
export type PreparedActivity = { values: Partial<ActivityValues>; links?: LinkValues[]; attendees?: AttendeeValues[] };

/**
 * The stored body: sanitised HTML and the plain text derived from it, so neither an old
 * script nor a `javascript:` link survives to be rendered later. Only plain text given: it is
 * the body, and any earlier HTML goes.
 */
export function bodyValues(input: { bodyHtml?: string | null; bodyText?: string }): Pick<ActivityValues, 'bodyHtml' | 'bodyText'> | undefined {
  if (input.bodyHtml !== undefined && input.bodyHtml !== null) {
    const html = sanitizeRichText(input.bodyHtml);
    return { bodyHtml: html || null, bodyText: html ? richTextToPlain(html) : '' };
  }
  if (input.bodyHtml === null || input.bodyText !== undefined) return { bodyHtml: null, bodyText: (input.bodyText ?? '').trim() };
  return undefined;
}

/** E.164, or a field error in both languages; null/empty clears the phone. */
export function normalisePhone(raw: string | null | undefined, path: string, errors: FieldError[]): string | null {
  if (!raw) return null;
  const e164 = normalizeIranianPhone(raw);
  if (!e164) errors.push(activityFieldError(path, 'invalid_phone'));
  return e164;
}

/** Drops repeated links (the same record twice is one link). */
export function uniqueLinks(links: TLinkInput[]): LinkValues[] {
  const seen = new Map<string, LinkValues>();
  for (const l of links) seen.set(`${l.entityType}:${l.entityId}`, { entityType: l.entityType, entityId: l.entityId });
  return [...seen.values()];
}

/**
 * Every link must be a live record of this workspace. Links the activity already has are kept
 * without the check, so an edit never fails because a linked customer was deleted since.
 */
async function checkLinks(db: Executor, workspaceId: string, links: LinkValues[], existing: LinkValues[], errors: FieldError[]): Promise<void> {
  const known = new Set(existing.map((l) => `${l.entityType}:${l.entityId}`));
  const types: LinkedEntityType[] = ['person', 'organization', 'lead', 'deal'];
  for (const type of types) {
    const wanted = links.filter((l) => l.entityType === type && !known.has(`${type}:${l.entityId}`)).map((l) => l.entityId);
    const live = await repo.liveRecordIds(db, workspaceId, type, wanted);
    links.forEach((l, index) => {
      if (l.entityType === type && wanted.includes(l.entityId) && !live.has(l.entityId)) errors.push(activityFieldError(`links.${index}.entityId`, 'link_not_found'));
    });
  }
}

/** Colleagues must be members, customers live people of the workspace; nobody twice. */
async function prepareAttendees(db: Executor, workspaceId: string, list: TAttendeeInput[], existingPeople: Set<string>, errors: FieldError[]): Promise<AttendeeValues[]> {
  const members = await repo.memberUserIds(db, workspaceId, list.flatMap((a) => (a.userId ? [a.userId] : [])));
  const newPeople = list.flatMap((a) => (a.personId && !existingPeople.has(a.personId) ? [a.personId] : []));
  const livePeople = await repo.liveRecordIds(db, workspaceId, 'person', newPeople);
  const seen = new Set<string>();
  return list.map((a, index) => {
    const key = a.userId ? `u:${a.userId}` : a.personId ? `p:${a.personId}` : `e:${a.email!.toLowerCase()}`;
    if (seen.has(key)) errors.push(activityFieldError(`attendees.${index}`, 'duplicate_attendee'));
    seen.add(key);
    if (a.userId && !members.has(a.userId)) errors.push(activityFieldError(`attendees.${index}.userId`, 'user_not_member'));
    if (a.personId && !existingPeople.has(a.personId) && !livePeople.has(a.personId)) errors.push(activityFieldError(`attendees.${index}.personId`, 'person_not_found'));
    return { userId: a.userId ?? null, personId: a.personId ?? null, email: a.email?.toLowerCase() ?? null, name: a.name ?? null, response: a.response ?? 'needs_action' };
  });
}

/**
 * Applies every rule to the fields of a create (no `before`) or an update: body sanitising,
 * phone in E.164, the type's own rules (a call has a direction, a meeting does not end before
 * it starts, only calls and meetings are planned), links and attendees, owner. Problems are
 * collected into `errors` so the caller reports them all at once.
 */
export async function prepareActivity(
  db: Executor,
  ctx: WorkspaceContext,
  type: ActivityType,
  input: ActivityInput,
  before: { row: ActivityRow; links: LinkValues[]; attendees: AttendeeValues[] } | undefined,
  now: Date,
  errors: FieldError[],
): Promise<PreparedActivity> {
  const ws = ctx.workspaceId;
  const values: Partial<ActivityValues> = {};
  const copy = ['subject', 'direction', 'endsAt', 'durationSeconds', 'callOutcome', 'place', 'chatChannel', 'reminderMinutes', 'status'] as const;
  for (const key of copy) if (input[key] !== undefined) (values as Record<string, unknown>)[key] = input[key];
  if (input.emailAddress !== undefined) values.emailAddress = input.emailAddress?.toLowerCase() ?? null;
  if (input.occurredAt !== undefined) values.occurredAt = input.occurredAt;
  else if (!before) values.occurredAt = now;
  Object.assign(values, bodyValues(input) ?? {});
  if (input.phone !== undefined) values.phone = normalisePhone(input.phone, 'phone', errors);

  const effective = { ...before?.row, ...values } as ActivityRow;
  if (!before && input.status === undefined) values.status = effective.status = isSchedulable(type) && effective.occurredAt > now ? 'planned' : 'done';
  if (effective.status === 'planned' && !isSchedulable(type)) errors.push(activityFieldError('status', 'planned_not_allowed'));
  if (type === 'call' && !effective.direction) errors.push(activityFieldError('direction', 'direction_required'));
  if (effective.endsAt && effective.endsAt < effective.occurredAt) errors.push(activityFieldError('endsAt', 'ends_before_start'));
  if (type !== 'call' && input.callOutcome) errors.push(activityFieldError('callOutcome', 'not_for_type'));
  if (type !== 'chat' && input.chatChannel) errors.push(activityFieldError('chatChannel', 'not_for_type'));
  if (type !== 'email' && input.emailAddress) errors.push(activityFieldError('emailAddress', 'not_for_type'));
  if (!isSchedulable(type) && input.attendees?.length) errors.push(activityFieldError('attendees', 'not_for_type'));

  if (input.ownerId !== undefined) {
    if (input.ownerId && !(await repo.memberUserIds(db, ws, [input.ownerId])).has(input.ownerId)) errors.push(activityFieldError('ownerId', 'owner_not_member'));
    values.ownerId = input.ownerId;
  } else if (!before) values.ownerId = actingUserId(ctx);

  const links = input.links ? uniqueLinks(input.links) : undefined;
  if (links) await checkLinks(db, ws, links, before?.links ?? [], errors);
  const existingPeople = new Set((before?.attendees ?? []).flatMap((a) => (a.personId ? [a.personId] : [])));
  const attendees = input.attendees ? await prepareAttendees(db, ws, input.attendees, existingPeople, errors) : undefined;
  const linkCount = (links ?? before?.links ?? []).length;
  const attendeeCount = (attendees ?? before?.attendees ?? []).length;
  if ((!before || links) && linkCount === 0 && !(type === 'meeting' && attendeeCount > 0)) errors.push(activityFieldError('links', 'links_required'));
  return { values, ...(links ? { links } : {}), ...(attendees ? { attendees } : {}) };
}
