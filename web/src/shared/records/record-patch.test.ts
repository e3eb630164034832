import { describe, expect, it } from 'vitest';
import { patchBetween, rebaseDraft, textOrNull } from './record-patch.ts';

describe('patchBetween', () => {
  const before = { name: 'پارس', industry: null, tags: ['a'], custom: { tier: 'gold', region: 'north' } };

  it('keeps only the fields that changed and never the tags', () => {
    const after = { ...before, name: 'پارس نو', tags: ['a', 'b'] };
    expect(patchBetween(before, after, 'merged')).toEqual({ name: 'پارس نو' });
  });

  it('is empty when nothing changed', () => {
    expect(patchBetween(before, { ...before, custom: { ...before.custom } }, 'merged')).toEqual({});
  });

  it('sends custom values as the whole set with the change on top, or the changed keys alone', () => {
    const after = { ...before, custom: { tier: 'silver', region: 'north' } };
    expect(patchBetween(before, after, 'merged')).toEqual({ custom: { tier: 'silver', region: 'north' } });
    expect(patchBetween(before, after, 'changed')).toEqual({ custom: { tier: 'silver' } });
  });

  it('treats a missing custom value and null alike', () => {
    const after = { ...before, custom: { ...before.custom, note: null } };
    expect(patchBetween(before, after, 'changed')).toEqual({});
  });
});

describe('textOrNull', () => {
  it('trims, and gives null for blank text', () => {
    expect(textOrNull('  مدیر  ')).toBe('مدیر');
    expect(textOrNull('   ')).toBeNull();
  });
});

describe('rebaseDraft', () => {
  const original: { name: string; industry: string | null; phone: string; custom: Record<string, string> } = {
    name: 'پارس',
    industry: 'Tea',
    phone: '0912',
    custom: { tier: 'gold', region: 'north' },
  };

  it('keeps only the user\'s edits on top of what someone else saved meanwhile', () => {
    const draft = { ...original, name: 'پارس نو', custom: { tier: 'silver', region: 'north' } };
    const latest = { ...original, industry: 'Coffee', custom: { tier: 'gold', region: 'south' } };
    expect(rebaseDraft(original, draft, latest)).toEqual({
      name: 'پارس نو',
      industry: 'Coffee',
      phone: '0912',
      custom: { tier: 'silver', region: 'south' },
    });
  });

  it('is the latest version when the user changed nothing', () => {
    const latest = { ...original, industry: null };
    expect(rebaseDraft(original, { ...original }, latest)).toEqual(latest);
  });
});
