import { describe, expect, test } from 'vitest';
import { parsePersonRow } from './adapters/person.adapter.ts';
import { PERSON_FIELDS } from './adapters/person.adapter.ts';
import { safeCell } from './exports.service.ts';
import { cleanText, suggestMapping } from './field-values.ts';
import type { RowContext } from './import-adapter.ts';
import { toRecord } from './imports.runner.ts';

const context = { ctx: {} as RowContext['ctx'], calendar: 'jalali', customFields: [] } satisfies RowContext;

describe('mapping suggestions', () => {
  test('Persian and English headers, any spelling, map to the person fields', () => {
    const header = ['نام', 'نام خانوادگي', 'موبايل', 'تلفن محل کار', 'E-Mail', 'شركت', 'Job Title', 'تاریخ‌تولد', 'یادداشت'];
    expect(suggestMapping(header, PERSON_FIELDS)).toEqual({
      نام: 'firstName',
      'نام خانوادگي': 'lastName',
      موبايل: 'phone',
      'E-Mail': 'email',
      شركت: 'organization',
      'Job Title': 'jobTitle',
      'تاریخ‌تولد': 'birthday',
    });
  });

  test('columns mapped to one multi-valued field are joined', () => {
    expect(toRecord(['09121111111', ' ', '02188776655'], ['phone', 'email', 'phone'])).toEqual({ phone: '09121111111\n02188776655' });
  });
});

describe('reading a person row', () => {
  test('Arabic letters, Persian digits and Jalali dates are read the Persian way', () => {
    const parsed = parsePersonRow({ fullName: 'علي  رضايي', phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷', birthday: '۱۳۶۵/۰۴/۲۱', organization: 'شركت پيوند' }, context);
    expect(parsed).toEqual({
      input: {
        person: { firstName: 'علی', lastName: 'رضایی', phones: ['+989121234567'], birthday: '1986-07-12' },
        organizationName: 'شرکت پیوند',
      },
    });
  });

  test('every bad value of a row is reported, in fa and en', () => {
    const parsed = parsePersonRow({ firstName: 'x', email: 'bad@', phone: '12345', birthday: '1403/13/01' }, context);
    expect('errors' in parsed && parsed.errors.map((e) => [e.field, e.code])).toEqual([
      ['email', 'invalid_email'],
      ['phone', 'invalid_phone'],
      ['birthday', 'invalid_date'],
    ]);
    expect('errors' in parsed && parsed.errors[0]!.message.fa).toContain('ایمیل');
    expect(parsePersonRow({}, context)).toMatchObject({ errors: [{ code: 'name_or_contact_required' }] });
  });
});

describe('formula-like cells', () => {
  test('are defused on export and restored on import; phone numbers are left alone', () => {
    expect(safeCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(safeCell('+989121234567')).toBe('+989121234567');
    expect(safeCell('-12.5')).toBe('-12.5');
    expect(safeCell('@cmd')).toBe(`'@cmd`);
    expect(cleanText(`'=1+2`)).toBe('=1+2');
    expect(cleanText(`O'Brien`)).toBe(`O'Brien`);
  });
});
