import { describe, expect, it } from 'vitest';
import type { Activity } from './activities.types.ts';
import { attendeeInputOf, changedFields, durationInputText, editorHtmlOf, editorOf, isEditable } from './activity-edit.ts';
import { parseDuration } from './activity-summary.ts';

function activity(over: Partial<Activity>): Activity {
  return {
    id: 'a1', type: 'call', status: 'done', subject: null, bodyHtml: null, bodyText: '', direction: 'outbound',
    occurredAt: '2026-11-24T06:30:00.000Z', endsAt: null, durationSeconds: null, callOutcome: null, phone: null, place: null,
    chatChannel: null, emailAddress: null, deliveryStatus: null, deliveryError: null, deliveredAt: null, templateId: null,
    reminderMinutes: null, owner: null, createdBy: null, links: [], attendees: [], version: 1, createdAt: '', updatedAt: '', ...over,
  };
}

describe('editorOf', () => {
  it('edits a call that happened in the call dialog, a planned one and everything else in the composer', () => {
    expect(editorOf({ type: 'call', status: 'done' })).toBe('call-dialog');
    expect(editorOf({ type: 'call', status: 'planned' })).toBe('call');
    expect(editorOf({ type: 'meeting', status: 'planned' })).toBe('meeting');
    expect(editorOf({ type: 'note', status: 'done' })).toBe('note');
  });
  it('does not rewrite an email or SMS the app sent', () => {
    expect(isEditable({ deliveryStatus: null })).toBe(true);
    expect(isEditable({ deliveryStatus: 'sent' })).toBe(false);
  });
});

describe('durationInputText', () => {
  it('writes seconds the way the duration field reads them back', () => {
    expect(durationInputText(null)).toBe('');
    expect(durationInputText(0)).toBe('0');
    expect(durationInputText(300)).toBe('5');
    expect(durationInputText(200)).toBe('3:20');
    expect(durationInputText(3905)).toBe('1:05:05');
    for (const seconds of [0, 45, 60, 200, 300, 3600, 3905, 86_399]) expect(parseDuration(durationInputText(seconds))).toBe(seconds);
  });
});

describe('editorHtmlOf', () => {
  it('starts from the stored HTML, or from the plain text as escaped paragraphs', () => {
    expect(editorHtmlOf({ bodyHtml: '<p><b>مهم</b></p>', bodyText: 'مهم' })).toBe('<p><b>مهم</b></p>');
    expect(editorHtmlOf({ bodyHtml: null, bodyText: '' })).toBe('');
    expect(editorHtmlOf({ bodyHtml: null, bodyText: 'a < b\nline two\n\nnext' })).toBe('<p>a &lt; b<br>line two</p><p>next</p>');
  });
});

describe('attendeeInputOf', () => {
  it('gives back a colleague, a customer or an address with their answer', () => {
    const base = { id: 'x', userId: null, personId: null, email: null, name: 'N', response: 'accepted' };
    expect(attendeeInputOf({ ...base, userId: 'u1' })).toEqual({ userId: 'u1', response: 'accepted' });
    expect(attendeeInputOf({ ...base, personId: 'p1' })).toEqual({ personId: 'p1', response: 'accepted' });
    expect(attendeeInputOf({ ...base, email: 'a@b.ir' })).toEqual({ email: 'a@b.ir', name: 'N', response: 'accepted' });
  });
});

describe('changedFields', () => {
  const call = activity({ durationSeconds: 180, callOutcome: 'connected', bodyText: 'قبلی', phone: '+989121234567' });
  it('keeps only what differs from the activity', () => {
    expect(changedFields(call, { direction: 'outbound', callOutcome: 'connected', durationSeconds: 300, bodyText: 'تازه' })).toEqual({ durationSeconds: 300, bodyText: 'تازه' });
  });
  it('is empty when nothing changed, an instant written another way included', () => {
    expect(changedFields(call, { occurredAt: '2026-11-24T06:30:00Z', durationSeconds: 180, bodyText: 'قبلی' })).toEqual({});
  });
  it('sends a cleared value', () => {
    expect(changedFields(call, { callOutcome: null, durationSeconds: null })).toEqual({ callOutcome: null, durationSeconds: null });
  });
  it('compares attendees as a set', () => {
    const meeting = activity({
      type: 'meeting',
      attendees: [
        { id: '1', userId: 'u1', personId: null, email: null, name: 'U', response: 'accepted' },
        { id: '2', userId: null, personId: 'p1', email: null, name: 'P', response: 'needs_action' },
      ],
    });
    expect(changedFields(meeting, { attendees: [{ personId: 'p1' }, { userId: 'u1' }] })).toEqual({});
    expect(changedFields(meeting, { attendees: [{ userId: 'u1' }] })).toEqual({ attendees: [{ userId: 'u1' }] });
  });
});
