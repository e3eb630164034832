import { isIranianMobile, normalizeIranianPhone } from '#common/identity/phone.ts';
import type { Formatters } from '../../shared/format/index.ts';

const WEEK_MS = 7 * 24 * 3600_000;

/** «۳ ساعت پیش» for the last week; older ones as a date and time in the user's calendar. */
export function whenText(createdAt: string, format: Pick<Formatters, 'relative' | 'dateTime'>, now = Date.now()): string {
  const age = now - new Date(createdAt).getTime();
  return age < WEEK_MS ? format.relative(createdAt) : format.dateTime(createdAt, 'long');
}

/** A link from the server is followed only when it is a path inside this app. */
export function internalPath(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}

/** The count as the badge shows it: Persian digits in fa, "99+" past 99. */
export function badgeText(count: number, digits: (v: string | number) => string): string {
  return count > 99 ? `${digits(99)}+` : digits(count);
}

/** What is wrong with a typed mobile number for SMS (Persian or Latin digits, spaces fine), or null; empty is allowed. */
export function smsPhoneProblem(value: string): 'invalid' | null {
  if (!value.trim()) return null;
  return isIranianMobile(value) ? null : 'invalid';
}

/** The number as stored (E.164), or null when empty or not a mobile number. */
export function normalisedSmsPhone(value: string): string | null {
  return value.trim() && isIranianMobile(value) ? normalizeIranianPhone(value) : null;
}
