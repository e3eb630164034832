import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.ts';
import { fa } from '../../shared/i18n/fa.ts';
import { toPersianDigits } from '#common/text/index.ts';
import type { Activity } from './activities.types.ts';
import { activitySummary, durationText, parseDuration, type SummaryContext } from './activity-summary.ts';
import { parseTimeInput, zonedToIso, isoToZoned, daysBetween } from './zoned-time.ts';
import { callLogBody } from './call-log.ts';

type Tree = { [key: string]: string | Tree };
function translator(strings: Tree) {
  return (key: string, vars: Record<string, string | number> = {}) => {
    const text = key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part]!, strings) as string;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name]));
  };
}
const faCtx: SummaryContext = { t: translator(fa as unknown as Tree), digits: (v) => toPersianDigits(v), timeOf: (iso) => toPersianDigits(isoToZoned(iso, 'Asia/Tehran').time) };
const enCtx: SummaryContext = { t: translator(en as unknown as Tree), digits: (v) => String(v), timeOf: (iso) => isoToZoned(iso, 'Asia/Tehran').time };

function activity(over: Partial<Activity>): Activity {
  return {
    id: 'a1', type: 'call', status: 'done', subject: null, bodyHtml: null, bodyText: '', direction: 'outbound',
    occurredAt: '2026-11-24T06:30:00.000Z', endsAt: null, durationSeconds: null, callOutcome: null, phone: null, place: null,
    chatChannel: null, emailAddress: null, deliveryStatus: null, deliveryError: null, deliveredAt: null, templateId: null,
    reminderMinutes: null, owner: null, createdBy: null, links: [], attendees: [], version: 1, createdAt: '', updatedAt: '', ...over,
  };
}

describe('parseDuration', () => {
  it('reads minutes, mm:ss and h:mm:ss in any digits', () => {
    expect(parseDuration('3')).toBe(180);
    expect(parseDuration('۳')).toBe(180);
    expect(parseDuration('٣')).toBe(180);
    expect(parseDuration('3:20')).toBe(200);
    expect(parseDuration('۳:۲۰')).toBe(200);
    expect(parseDuration(' 0:45 ')).toBe(45);
    expect(parseDuration('1:05:00')).toBe(3900);
  });
  it('rejects what is not a duration', () => {
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('abc')).toBeNull();
    expect(parseDuration('3:75')).toBeNull();
    expect(parseDuration('-2')).toBeNull();
    expect(parseDuration('1:75:00')).toBeNull();
  });
});

describe('activitySummary', () => {
  it('says a call in Persian: direction, minutes, outcome', () => {
    expect(activitySummary(activity({ durationSeconds: 300, callOutcome: 'connected' }), faCtx)).toBe('تماس خروجی — ۵ دقیقه — پاسخ داد');
    expect(activitySummary(activity({ direction: 'inbound', durationSeconds: 200, callOutcome: 'busy' }), faCtx)).toBe('تماس ورودی — ۳ دقیقه و ۲۰ ثانیه — مشغول بود');
    expect(activitySummary(activity({ durationSeconds: 0, callOutcome: 'no_answer' }), faCtx)).toBe('تماس خروجی — پاسخ نداد');
  });
  it('says it in English too', () => {
    expect(activitySummary(activity({ durationSeconds: 300, callOutcome: 'connected' }), enCtx)).toBe('Outbound call — 5 min — Connected');
    expect(activitySummary(activity({ status: 'planned' }), enCtx)).toBe('Planned call');
  });
  it('gives a meeting its hours on the Tehran clock, attendees and place', () => {
    const meeting = activity({ type: 'meeting', direction: null, occurredAt: '2026-11-24T06:30:00.000Z', endsAt: '2026-11-24T08:00:00.000Z', place: 'دفتر مرکزی', attendees: [{ id: 'x', userId: 'u', personId: null, email: null, name: 'سارا', response: 'accepted' }, { id: 'y', userId: null, personId: 'p', email: null, name: 'علی', response: 'needs_action' }] });
    expect(activitySummary(meeting, faCtx)).toBe('جلسه — ۱۰:۰۰–۱۱:۳۰ — ۲ شرکت‌کننده — دفتر مرکزی');
  });
  it('names the messenger of a chat and the direction of messages', () => {
    expect(activitySummary(activity({ type: 'chat', chatChannel: 'telegram' }), faCtx)).toBe('گفت‌وگو در تلگرام');
    expect(activitySummary(activity({ type: 'email', direction: 'inbound' }), enCtx)).toBe('Email received');
    expect(activitySummary(activity({ type: 'note', direction: null, status: 'cancelled' }), enCtx)).toBe('Note — Cancelled');
  });
  it('writes durations in words', () => {
    expect(durationText(45, faCtx)).toBe('۴۵ ثانیه');
    expect(durationText(3900, faCtx)).toBe('۱ ساعت و ۵ دقیقه');
    expect(durationText(7200, enCtx)).toBe('2 h');
  });
});

describe('zoned time', () => {
  it('reads times in any digits', () => {
    expect(parseTimeInput('۱۴:۳۰')).toBe('14:30');
    expect(parseTimeInput('9:5')).toBe('09:05');
    expect(parseTimeInput('9')).toBe('09:00');
    expect(parseTimeInput('24:00')).toBeNull();
    expect(parseTimeInput('ab')).toBeNull();
  });
  it('turns the Tehran wall clock into UTC and back', () => {
    expect(zonedToIso('2026-11-24', '14:00', 'Asia/Tehran')).toBe('2026-11-24T10:30:00.000Z');
    expect(isoToZoned('2026-11-24T10:30:00.000Z', 'Asia/Tehran')).toEqual({ date: '2026-11-24', time: '14:00' });
    expect(zonedToIso('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedToIso('2026-01-01', '00:15', 'Asia/Tehran')).toBe('2025-12-31T20:45:00.000Z');
  });
  it('counts days between dates', () => {
    expect(daysBetween('2026-11-24', '2026-11-23')).toBe(-1);
    expect(daysBetween('2026-03-20', '2026-03-21')).toBe(1);
  });
});

describe('callLogBody', () => {
  const fields = { direction: 'outbound' as const, durationSeconds: 180 };
  it('sends the person alone from their own page or the app bar', () => {
    expect(callLogBody({ entityType: 'person', id: 'p1', name: 'مهسا' }, null, fields)).toEqual({ personId: 'p1', direction: 'outbound', durationSeconds: 180 });
    expect(callLogBody(null, { id: 'p2' }, fields)).toEqual({ personId: 'p2', direction: 'outbound', durationSeconds: 180 });
  });
  it('links a deal (or organisation, lead) and the person picked on its page', () => {
    expect(callLogBody({ entityType: 'deal', id: 'd1', name: 'قرارداد' }, { id: 'p1' }, fields)).toEqual({
      links: [{ entityType: 'deal', entityId: 'd1' }, { entityType: 'person', entityId: 'p1' }],
      direction: 'outbound',
      durationSeconds: 180,
    });
    expect(callLogBody({ entityType: 'lead', id: 'l1', name: 'سرنخ' }, null, fields)).toEqual({ links: [{ entityType: 'lead', entityId: 'l1' }], direction: 'outbound', durationSeconds: 180 });
  });
});
