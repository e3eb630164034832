import { toLatinDigits } from '#common/text/index.ts';
import type { TKey, TVars } from '../../shared/i18n/index.ts';
import type { Activity } from './activities.types.ts';

/*
 * The one line under an activity's title: «تماس خروجی — ۵ دقیقه — پاسخ داد», "Meeting — 14:00–15:30 — Office".
 * Pure, so it is unit-tested without a browser.
 */

export type SummaryContext = {
  t: (key: TKey, vars?: TVars) => string;
  /** Persian digits in fa. */
  digits: (value: string | number) => string;
  /** 'HH:MM' of an instant in the workspace zone. */
  timeOf?: (iso: string) => string;
};

/** Duration typed by a rep: "3" (minutes), "3:20" / «۳:۲۰» (mm:ss), "1:05:00" (h:mm:ss) → seconds; null when unreadable. */
export function parseDuration(text: string): number | null {
  const clean = toLatinDigits(text).replace(/[٫.]/g, ':').replace(/\s+/g, '');
  if (!clean) return null;
  if (/^\d{1,4}$/.test(clean)) return Number(clean) * 60;
  const parts = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{1,2})$/.exec(clean);
  if (!parts) return null;
  const hours = Number(parts[1] ?? 0);
  const minutes = Number(parts[2]);
  const seconds = Number(parts[3]);
  if (seconds > 59 || (parts[1] !== undefined && minutes > 59)) return null;
  return hours * 3600 + minutes * 60 + seconds;
}

/** «۵ دقیقه», «۴۵ ثانیه», «۳ دقیقه و ۲۰ ثانیه», «۱ ساعت و ۵ دقیقه». */
export function durationText(totalSeconds: number, ctx: SummaryContext): string {
  const { t, digits } = ctx;
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return t('activities.duration.seconds', { s: digits(seconds) });
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return minutes ? t('activities.duration.hoursMinutes', { h: digits(hours), m: digits(minutes) }) : t('activities.duration.hours', { h: digits(hours) });
  return rest ? t('activities.duration.minutesSeconds', { m: digits(minutes), s: digits(rest) }) : t('activities.duration.minutes', { m: digits(minutes) });
}

const SEPARATOR = ' — ';

/** What kind of activity it is, in words: «تماس خروجی», "Logged email", "Planned call". */
export function activityKindText(activity: Pick<Activity, 'type' | 'status' | 'direction' | 'chatChannel'>, ctx: SummaryContext): string {
  const { t } = ctx;
  if (activity.type === 'call') {
    if (activity.status === 'planned') return t('activities.kind.plannedCall');
    return activity.direction === 'inbound' ? t('activities.kind.callInbound') : t('activities.kind.callOutbound');
  }
  if (activity.type === 'chat' && activity.chatChannel) return t('activities.kind.chatOn', { channel: t(`activities.channels.${activity.chatChannel}`) });
  if ((activity.type === 'email' || activity.type === 'sms') && activity.direction === 'inbound') return t(`activities.kind.${activity.type}Inbound`);
  return t(`activities.kind.${activity.type}`);
}

/** The summary line of an activity card. */
export function activitySummary(activity: Activity, ctx: SummaryContext): string {
  const { t, digits } = ctx;
  const parts = [activityKindText(activity, ctx)];
  if (activity.type === 'call') {
    if (activity.durationSeconds !== null && activity.durationSeconds > 0) parts.push(durationText(activity.durationSeconds, ctx));
    if (activity.callOutcome) parts.push(t(`activities.outcomes.${activity.callOutcome}`));
  }
  if (activity.type === 'meeting') {
    if (ctx.timeOf) parts.push(activity.endsAt ? `${ctx.timeOf(activity.occurredAt)}–${ctx.timeOf(activity.endsAt)}` : ctx.timeOf(activity.occurredAt));
    if (activity.attendees.length) parts.push(t('activities.attendeeCount', { count: digits(activity.attendees.length) }));
    if (activity.place) parts.push(activity.place);
  }
  if (activity.status === 'cancelled') parts.push(t('activities.status.cancelled'));
  return parts.join(SEPARATOR);
}
