import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../shared/format/index.ts';
import { badgeText, internalPath, normalisedSmsPhone, smsPhoneProblem, whenText } from './notification-format.ts';

const fa = makeFormatters('fa', 'jalali', 'Asia/Tehran');
const en = makeFormatters('en', 'gregorian', 'Asia/Tehran');

describe('notification formatting', () => {
  it('counts on the badge in Persian digits, capped at 99+', () => {
    expect(badgeText(3, fa.digits)).toBe('۳');
    expect(badgeText(120, fa.digits)).toBe('۹۹+');
    expect(badgeText(7, en.digits)).toBe('7');
  });

  it('says how long ago for the last week, and a Jalali date after that', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(whenText('2026-11-24T07:00:00Z', fa, now)).not.toMatch(/[0-9]/);
    const old = whenText('2026-10-01T08:00:00Z', fa, now);
    expect(old).toContain('مهر');
    expect(old).toContain('۱۴۰۵');
    expect(whenText('2026-10-01T08:00:00Z', en, now)).toContain('2026');
  });

  it('follows only links inside the app', () => {
    expect(internalPath('/tasks')).toBe('/tasks');
    expect(internalPath('/people/0b6e0a2e-1f00-4a6e-9a7b-5a9f8a3e9d11')).toBe('/people/0b6e0a2e-1f00-4a6e-9a7b-5a9f8a3e9d11');
    expect(internalPath('https://evil.example/x')).toBeNull();
    expect(internalPath('//evil.example/x')).toBeNull();
    expect(internalPath('/\\evil.example')).toBeNull();
    expect(internalPath('javascript:alert(1)')).toBeNull();
    expect(internalPath(null)).toBeNull();
  });

  it('accepts an SMS number in Persian digits with spaces and stores it as E.164', () => {
    expect(smsPhoneProblem('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toBeNull();
    expect(normalisedSmsPhone('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('+989123456789');
    expect(smsPhoneProblem('')).toBeNull();
    expect(normalisedSmsPhone('')).toBeNull();
    expect(smsPhoneProblem('021 8888 7777')).toBe('invalid');
    expect(smsPhoneProblem('12')).toBe('invalid');
  });
});
