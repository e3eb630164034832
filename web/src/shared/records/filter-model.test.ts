import { describe, expect, it } from 'vitest';
import { countConditions, defaultOperator, filterParam, operatorsFor, pruneGroup, sameFilter, type FieldDescriptor, type FilterGroup } from './filter-model.ts';

describe('filter model', () => {
  const group: FilterGroup = {
    op: 'and',
    conditions: [
      { field: 'lastName', op: 'contains', value: 'رضایی' },
      { field: 'jobTitle', op: 'contains', value: '' },
      { field: 'emails', op: 'is_empty', value: 'ignored' },
      { op: 'or', conditions: [{ field: 'tags', op: 'has_any', value: [] }] },
      { op: 'or', conditions: [{ field: 'ownerId', op: 'eq', value: 'me' }, { field: 'score', op: 'between', value: ['10', ''] }] },
    ],
  };

  it('sends only complete conditions and drops empty groups', () => {
    expect(pruneGroup(group)).toEqual({
      op: 'and',
      conditions: [
        { field: 'lastName', op: 'contains', value: 'رضایی' },
        { field: 'emails', op: 'is_empty' },
        { op: 'or', conditions: [{ field: 'ownerId', op: 'eq', value: 'me' }] },
      ],
    });
    expect(countConditions(pruneGroup(group))).toBe(3);
  });

  it('has no filter parameter when nothing filters', () => {
    expect(filterParam({ op: 'and', conditions: [] })).toBeUndefined();
    expect(filterParam({ op: 'and', conditions: [{ field: 'lastName', op: 'contains', value: '' }] })).toBeUndefined();
    expect(JSON.parse(filterParam(group)!)).toEqual(pruneGroup(group));
  });

  it('compares filters by what they send', () => {
    expect(sameFilter(group, pruneGroup(group))).toBe(true);
    expect(sameFilter(null, { op: 'or', conditions: [] })).toBe(true);
  });

  it('offers the operators the server describes, starting text fields with "contains"', () => {
    const field = (type: FieldDescriptor['type'], operators: FieldDescriptor['operators']): FieldDescriptor => ({
      key: 'k',
      type,
      label: { fa: 'ک', en: 'K' },
      operators,
      sortable: true,
      defaultColumn: false,
      custom: false,
    });
    expect(defaultOperator(field('text', ['eq', 'neq', 'contains']))).toBe('contains');
    expect(defaultOperator(field('enum', ['eq', 'in']))).toBe('eq');
    expect(operatorsFor(field('boolean', ['eq']))).toEqual(['eq']);
    expect(operatorsFor(undefined)).toEqual([]);
    expect(defaultOperator(undefined)).toBeUndefined();
  });
});
