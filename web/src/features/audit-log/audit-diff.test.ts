import { describe, expect, it } from 'vitest';
import { diffEntries } from './audit-diff.ts';

describe('diffEntries', () => {
  it('lists only the fields that changed on an update', () => {
    const before = { name: 'پیوند', version: 1, timezone: 'Asia/Tehran' };
    const after = { name: 'پیوند نو', version: 2, timezone: 'Asia/Tehran' };
    expect(diffEntries(before, after)).toEqual([
      { field: 'name', before: 'پیوند', after: 'پیوند نو' },
      { field: 'version', before: 1, after: 2 },
    ]);
  });

  it('lists every field on a create (no before) and on a delete (no after)', () => {
    expect(diffEntries(null, { role: 'member' })).toEqual([{ field: 'role', before: undefined, after: 'member' }]);
    expect(diffEntries({ role: 'member' }, null)).toEqual([{ field: 'role', before: 'member', after: undefined }]);
  });

  it('compares nested values by content', () => {
    expect(diffEntries({ tags: ['a'] }, { tags: ['a'] })).toEqual([]);
    expect(diffEntries({ tags: ['a'] }, { tags: ['a', 'b'] })).toHaveLength(1);
  });

  it('handles non-object values and nothing at all', () => {
    expect(diffEntries(null, null)).toEqual([]);
    expect(diffEntries(undefined, undefined)).toEqual([]);
    expect(diffEntries('a', 'b')).toEqual([{ field: '', before: 'a', after: 'b' }]);
  });
});
