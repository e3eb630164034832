import type { Activity, ActivityPatch, Attendee, AttendeeInput } from './activities.types.ts';

/*
 * Editing a logged activity: which dialog edits it, how its stored values read back into the
 * form's fields, and which of the form's fields actually changed (only those are sent, so an
 * untouched field never rewrites what the server holds). Pure, so unit-tested without a browser.
 */

/** What edits an activity: the call dialog for a call that happened, the composer (with its kind) for the rest. */
export type ActivityEditor = 'call-dialog' | 'meeting' | 'note' | 'email' | 'sms' | 'chat' | 'call';

export function editorOf(activity: Pick<Activity, 'type' | 'status'>): ActivityEditor {
  if (activity.type === 'call') return activity.status === 'planned' ? 'call' : 'call-dialog';
  return activity.type;
}

/**
 * Whether the activity may be edited at all: an email or SMS the app sent (it has a delivery status)
 * is a record of what went out, so it is not rewritten afterwards; it can still be deleted.
 */
export const isEditable = (activity: Pick<Activity, 'deliveryStatus'>) => activity.deliveryStatus === null;

/** Seconds as a rep would type them back: 300 → "5", 200 → "3:20", 3900 → "1:05:00"; null → "". */
export function durationInputText(seconds: number | null): string {
  if (seconds === null) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s % 60 === 0 && s < 10_000 * 60) return String(s / 60);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML the rich-text editor starts from: the stored (sanitised) HTML, or the plain text as paragraphs. */
export function editorHtmlOf(activity: Pick<Activity, 'bodyHtml' | 'bodyText'>): string {
  if (activity.bodyHtml) return activity.bodyHtml;
  if (!activity.bodyText) return '';
  return activity.bodyText
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** An attendee as the API takes it back, keeping their answer to the invitation. */
export function attendeeInputOf(attendee: Attendee): AttendeeInput {
  const response = attendee.response ? { response: attendee.response } : {};
  if (attendee.userId) return { userId: attendee.userId, ...response };
  if (attendee.personId) return { personId: attendee.personId, ...response };
  return { email: attendee.email ?? '', ...(attendee.name ? { name: attendee.name } : {}), ...response };
}

const attendeeKey = (a: AttendeeInput) => ('userId' in a ? `u:${a.userId}` : 'personId' in a ? `p:${a.personId}` : `e:${a.email.toLowerCase()}`);

/** The same instant (or both empty), however the ISO text is written. */
const sameInstant = (a: string | null | undefined, b: string | null | undefined) => (a ? (b ? new Date(a).getTime() === new Date(b).getTime() : false) : !b);

/** `patch` without the fields whose value is what `activity` already has; empty when nothing changed. */
export function changedFields(activity: Activity, patch: ActivityPatch): ActivityPatch {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch) as Array<[keyof ActivityPatch, unknown]>) {
    if (value === undefined) continue;
    let same: boolean;
    if (field === 'occurredAt' || field === 'endsAt') same = sameInstant(value as string | null, activity[field]);
    else if (field === 'attendees') {
      const before = activity.attendees.map((a) => attendeeKey(attendeeInputOf(a))).sort();
      const after = (value as AttendeeInput[]).map(attendeeKey).sort();
      same = before.join('|') === after.join('|');
    } else if (field === 'links') same = false;
    else if (field === 'bodyText') same = value === activity.bodyText;
    else same = (activity as Record<string, unknown>)[field] === value;
    if (!same) changed[field] = value;
  }
  return changed as ActivityPatch;
}
