import { describe, expect, it } from 'vitest';
import type { Executor } from '../../kernel/db/database.ts';
import { keyFromLabel } from './custom-fields.service.ts';
import { changedCustomInput, mergeCustomValues, validateCustomValues, type CustomFieldDef } from './custom-fields.values.ts';

// Only person/organisation references touch the database; these specs use none (the API specs do).
const untouchable = new Proxy({}, { get: () => { throw new Error('no database in this spec'); } }) as Executor;
const options = { partial: false, db: untouchable, workspaceId: '00000000-0000-4000-8000-000000000000' };

const field = (key: string, type: CustomFieldDef['type'], extra: Partial<CustomFieldDef> = {}): CustomFieldDef => ({ key, type, options: [], required: false, ...extra });

describe('validateCustomValues', () => {
  it('reads numbers the way Persian writers type them', async () => {
    const defs = [field('n', 'number')];
    for (const [input, expected] of [
      ['۱۲٬۳۴۵', 12345],
      ['۲٫۵', 2.5],
      ['۲/۵', 2.5],
      ['٣٤', 34],
      ['1,000,000', 1000000],
      ['−7', -7],
      [42, 42],
    ] as const) {
      expect((await validateCustomValues(defs, { n: input }, options)).values.n).toBe(expected);
    }
    for (const bad of ['abc', '1.2.3', '12a', Number.NaN, Number.POSITIVE_INFINITY, true, {}]) {
      expect((await validateCustomValues(defs, { n: bad }, options)).fieldErrors[0]).toMatchObject({ path: 'custom.n', code: 'not_number' });
    }
  });

  it('takes ISO and Jalali dates in any digits, and knows leap years', async () => {
    const defs = [field('d', 'date')];
    const read = async (value: string) => (await validateCustomValues(defs, { d: value }, options)).values.d;
    expect(await read('2024-04-03')).toBe('2024-04-03');
    expect(await read('۱۴۰۳/۰۱/۱۵')).toBe('2024-04-03');
    expect(await read('1403/12/30')).toBe('2025-03-20');
    const notLeap = await validateCustomValues(defs, { d: '1402/12/30' }, options);
    expect(notLeap.fieldErrors[0]?.code).toBe('not_date');
    expect(notLeap.fieldErrors[0]?.message.fa).toContain('تاریخ');
  });

  it('matches options by value or by a label in either language and any Persian spelling', async () => {
    const choices = [
      { value: 'gold', labelFa: 'طلایی', labelEn: 'Gold' },
      { value: 'silver', labelFa: 'نقره‌ای', labelEn: 'Silver' },
    ];
    const defs = [field('s', 'select', { options: choices }), field('m', 'multi_select', { options: choices })];
    const { values, fieldErrors } = await validateCustomValues(defs, { s: 'طلايي', m: 'نقره ای، GOLD, gold' }, options);
    expect(fieldErrors).toEqual([]);
    expect(values).toEqual({ s: 'gold', m: ['silver', 'gold'] });
    expect((await validateCustomValues(defs, { s: 'bronze' }, options)).fieldErrors[0]?.code).toBe('not_option');
  });

  it('reads yes/no words in both languages', async () => {
    const defs = [field('b', 'boolean')];
    for (const yes of [true, 'true', 'Yes', '1', 'بله', 'آری']) expect((await validateCustomValues(defs, { b: yes }, options)).values.b).toBe(true);
    for (const no of [false, 'false', 'no', '0', 'خیر', 'نه']) expect((await validateCustomValues(defs, { b: no }, options)).values.b).toBe(false);
    expect((await validateCustomValues(defs, { b: 'شاید' }, options)).fieldErrors[0]?.code).toBe('not_boolean');
  });

  it('refuses unknown keys, enforces required fields on create only, and lets blanks clear optional values', async () => {
    const defs = [field('req', 'text', { required: true }), field('opt', 'text')];
    const created = await validateCustomValues(defs, { other: 1 }, options);
    expect(created.fieldErrors.map((e) => [e.path, e.code])).toEqual([
      ['custom.other', 'unknown_field'],
      ['custom.req', 'required'],
    ]);
    const update = await validateCustomValues(defs, { opt: '  ' }, { ...options, partial: true });
    expect(update).toEqual({ values: { opt: null }, fieldErrors: [] });
    expect((await validateCustomValues(defs, { req: null }, { ...options, partial: true })).fieldErrors[0]?.code).toBe('required');
    expect((await validateCustomValues(defs, 'text', options)).fieldErrors[0]).toMatchObject({ path: 'custom', code: 'not_object' });
    expect((await validateCustomValues(defs, { req: 'x'.repeat(2001) }, options)).fieldErrors[0]?.code).toBe('too_long');
  });

  it('refuses a malformed record id without asking the database', async () => {
    const defs = [field('p', 'person'), field('o', 'organization')];
    const { fieldErrors } = await validateCustomValues(defs, { p: 'nope', o: 12 }, options);
    expect(fieldErrors.map((e) => e.code)).toEqual(['not_person', 'not_organization']);
  });
});

describe('merging and comparing custom values', () => {
  it('removes cleared keys and keeps the others', () => {
    expect(mergeCustomValues({ a: 1, b: 2, archived: 'x' }, { a: null, c: 3 })).toEqual({ b: 2, archived: 'x', c: 3 });
  });

  it('treats values sent back unchanged as no input', () => {
    expect(changedCustomInput({ a: ['x'], b: 1 }, { a: ['x'], b: 2, c: 3 })).toEqual({ b: 2, c: 3 });
  });
});

describe('keyFromLabel', () => {
  it('makes lower-case Latin keys from English labels', () => {
    expect(keyFromLabel('Contract end date')).toBe('contract_end_date');
    expect(keyFromLabel('  Café — au lait! ')).toBe('cafe_au_lait');
    expect(keyFromLabel('2nd phone')).toBe('f_2nd_phone');
    expect(keyFromLabel('تاریخ')).toBe('');
    expect(keyFromLabel('x'.repeat(100)).length).toBeLessThanOrEqual(48);
  });
});
