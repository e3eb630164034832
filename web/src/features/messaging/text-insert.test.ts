import { describe, expect, it } from 'vitest';
import { insertAt, smsParts } from './text-insert.ts';

describe('insertAt', () => {
  it('puts the token at the caret and moves the caret after it', () => {
    expect(insertAt('سلام !', '{{first_name}}', 5)).toEqual({ value: 'سلام {{first_name}}!', caret: 19 });
  });
  it('replaces a selection, in either direction', () => {
    expect(insertAt('Dear X,', '{{full_name}}', 5, 6).value).toBe('Dear {{full_name}},');
    expect(insertAt('Dear X,', '{{full_name}}', 6, 5).value).toBe('Dear {{full_name}},');
  });
  it('appends when there is no caret and clamps positions outside the text', () => {
    expect(insertAt('abc', '{{email}}', undefined).value).toBe('abc{{email}}');
    expect(insertAt('abc', '{{email}}', 99).value).toBe('abc{{email}}');
  });
});

describe('smsParts', () => {
  it('counts Persian text as Unicode: 70 characters in one part, 67 per part after', () => {
    expect(smsParts('س'.repeat(70))).toEqual({ length: 70, parts: 1, unicode: true });
    expect(smsParts('س'.repeat(71)).parts).toBe(2);
    expect(smsParts('س'.repeat(135)).parts).toBe(3);
  });
  it('counts plain Latin text as GSM-7: 160 in one part, 153 per part after', () => {
    expect(smsParts('a'.repeat(160))).toEqual({ length: 160, parts: 1, unicode: false });
    expect(smsParts('a'.repeat(161)).parts).toBe(2);
    expect(smsParts('').parts).toBe(0);
  });
});
