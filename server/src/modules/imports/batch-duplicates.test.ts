import { describe, expect, test } from 'vitest';
import { contactKeys, contactPointsOfKeys, duplicateTracker, fullName, nameKeys, type DuplicateKeys } from './batch-duplicates.ts';
import { readTags, suggestMapping, TAGS_FIELD } from './field-values.ts';
import type { RowFieldError } from './import-adapter.ts';

describe('duplicate keys of a batch', () => {
  test('emails and phones in the form the contact-point index holds, any digits and spelling', () => {
    expect(contactKeys(['Ali@Example.com', { value: ' ali@example.com ' }], ['۰۹۱۲۱۲۳۴۵۶۷', { value: '00989121234567' }, 'not a phone'])).toEqual([
      'email:ali@example.com',
      'email:ali@example.com',
      'phone:+989121234567',
      'phone:+989121234567',
    ]);
    expect(contactPointsOfKeys(['email:a@b.c', 'phone:+989121234567', 'name:x:y'])).toEqual([
      { kind: 'email', value: 'a@b.c' },
      { kind: 'phone', value: '+989121234567' },
    ]);
  });

  test('names compare Persian-normalised and spaceless, in either script', () => {
    expect(nameKeys(fullName('علي', 'رضايي'), fullName('علی‌', ' رضایی'), fullName(null, ''))).toEqual(['علیرضایی']);
    expect(nameKeys('Ali Rezaei', 'ALI  REZAEI')).toEqual(['alirezaei']);
  });

  test('a row is a duplicate of the workspace, or of an earlier row that was created; refused rows store nothing', () => {
    const rows: DuplicateKeys[] = [
      { probe: ['email:a'], stored: ['email:a'] }, // 0: created
      { probe: ['email:a'], stored: ['email:a'] }, // 1: duplicate of 0
      { probe: ['email:held'], stored: ['email:held', 'email:b'] }, // 2: the workspace has it
      { probe: ['email:b'], stored: ['email:b'] }, // 3: 2 was not created, so no duplicate; refused below
      { probe: ['email:b', 'name:x'], stored: ['name:x'] }, // 4: 3 was refused, so created
      { probe: ['name:x'], stored: [] }, // 5: duplicate of 4 by its stored key
    ];
    const tracker = duplicateTracker({ keys: rows, held: (key) => key === 'email:held' });
    const outcome = rows.map((_, i) => {
      if (tracker.isDuplicate(i)) return 'skipped';
      if (i === 3) return 'refused';
      tracker.created(i);
      return 'created';
    });
    expect(outcome).toEqual(['created', 'skipped', 'skipped', 'refused', 'created', 'skipped']);
    expect(rows.map((_, i) => tracker.held(i))).toEqual([false, false, true, false, false, false]);
  });
});

describe('the tags column', () => {
  test('names separated by any list mark; spelling variants once; too long and too many are row errors', () => {
    const errors: RowFieldError[] = [];
    expect(readTags('tags', 'مشتری ویژه، VIP; مشتري ويژه\nvip ,  نمایشگاه ۱۴۰۳ ', errors)).toEqual(['مشتری ویژه', 'VIP', 'نمایشگاه ۱۴۰۳']);
    expect(errors).toEqual([]);
    readTags('tags', `کوتاه، ${'ب'.repeat(65)}`, errors);
    expect(errors.map((e) => [e.field, e.code])).toEqual([['tags', 'tag_name_too_long']]);
    expect(errors[0]!.message.fa).toContain('۶۴');
    readTags('tags', Array.from({ length: 51 }, (_, i) => `t${i}`).join(','), errors);
    expect(errors.map((e) => e.code)).toEqual(['tag_name_too_long', 'too_many_tags']);
    expect(suggestMapping(['برچسب‌ها', 'Tags'], [TAGS_FIELD])).toEqual({ 'برچسب‌ها': 'tags', Tags: 'tags' });
  });
});
