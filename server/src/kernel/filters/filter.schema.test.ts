import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { customFieldDefs, describeCatalog, FILTER_LIMITS, ZFilterGroup, ZSortList, type FieldCatalog } from './index.ts';

const condition = { field: 'name', op: 'eq', value: 'x' };
const nest = (levels: number): unknown => (levels === 1 ? { op: 'and', conditions: [condition] } : { op: 'or', conditions: [nest(levels - 1)] });

describe('ZFilterGroup', () => {
  test(`accepts ${FILTER_LIMITS.maxDepth} levels and refuses a fifth at its own path`, () => {
    expect(ZFilterGroup.safeParse(nest(4)).success).toBe(true);
    const refused = ZFilterGroup.safeParse(nest(5));
    expect(refused.success).toBe(false);
    const paths = refused.error!.issues.map((i) => i.path.join('.'));
    expect(paths.every((p) => p.startsWith('conditions.0.conditions.0.conditions.0.conditions.0'))).toBe(true);
  });

  test('counts conditions across the whole tree', () => {
    const group = (n: number) => ({ op: 'or', conditions: Array.from({ length: n }, () => condition) });
    expect(ZFilterGroup.safeParse({ op: 'and', conditions: [group(25), group(25)] }).success).toBe(true);
    const refused = ZFilterGroup.safeParse({ op: 'and', conditions: [group(25), group(25), condition] });
    expect(refused.error?.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['too_big', 'conditions']]);
  });

  test('reports a bad operator at its path and refuses unknown keys', () => {
    const refused = ZFilterGroup.safeParse({ op: 'and', conditions: [condition, { op: 'or', conditions: [{ field: 'a', op: 'like', value: 1 }] }] });
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['conditions.1.conditions.0.op']);
    expect(ZFilterGroup.safeParse({ op: 'and', conditions: [{ ...condition, extra: 1 }] }).success).toBe(false);
    expect(ZFilterGroup.safeParse({ op: 'and', conditions: [{ ...condition, value: { nested: true } }] }).success).toBe(false);
  });
});

describe('ZSortList', () => {
  test('defaults the direction to asc and allows at most five keys', () => {
    expect(ZSortList.parse([{ field: 'name' }])).toEqual([{ field: 'name', direction: 'asc' }]);
    expect(ZSortList.safeParse(Array.from({ length: 6 }, () => ({ field: 'name' }))).success).toBe(false);
  });
});

describe('customFieldDefs and describeCatalog', () => {
  test('map custom field types to filter types under custom.<key>, with operators a builder can offer', () => {
    const catalog: FieldCatalog = customFieldDefs(
      [
        { key: 'budget', type: 'number', labelFa: 'بودجه', labelEn: 'Budget' },
        { key: 'tier', type: 'select', labelFa: 'سطح', labelEn: 'Tier', options: [{ value: 'gold', labelFa: 'طلایی', labelEn: 'Gold' }, { value: 'bare' }] },
        { key: 'topics', type: 'multi_select', labelFa: 'موضوع‌ها', labelEn: 'Topics', options: [{ value: 'a' }] },
        { key: 'company', type: 'organization', labelFa: 'شرکت', labelEn: 'Company' },
      ],
      sql`custom`,
    );
    const described = describeCatalog(catalog);
    expect(described.map((d) => [d.key, d.type, d.sortable])).toEqual([
      ['custom.budget', 'number', true],
      ['custom.tier', 'enum', true],
      ['custom.topics', 'multi_enum', false],
      ['custom.company', 'reference', true],
    ]);
    expect(described[0]!.operators).toEqual(expect.arrayContaining(['gt', 'between', 'is_empty']));
    expect(described[1]).toMatchObject({
      options: [
        { value: 'gold', label: { fa: 'طلایی', en: 'Gold' } },
        { value: 'bare', label: { fa: 'bare', en: 'bare' } },
      ],
      label: { fa: 'سطح', en: 'Tier' },
      custom: true,
      defaultColumn: false,
    });
    expect(described[3]).toMatchObject({ references: 'organization', operators: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'] });
    expect(described[2]!.operators).toEqual(['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty']);
  });
});
