import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../kernel/errors/index.ts';
import { bodyValues, normalisePhone, uniqueLinks } from './activities.rules.ts';

describe('activity bodies', () => {
  it('sanitises HTML and derives the plain text from what was kept', () => {
    expect(bodyValues({ bodyHtml: '<p>سلام <b>سارا</b></p><script>alert(1)</script><p onclick="x()">خداحافظ</p>' })).toEqual({
      bodyHtml: '<p>سلام <b>سارا</b></p><p>خداحافظ</p>',
      bodyText: 'سلام سارا\nخداحافظ',
    });
  });

  it('treats HTML that sanitises to nothing as no body', () => {
    expect(bodyValues({ bodyHtml: '<script>alert(1)</script><iframe src="javascript:x"></iframe>' })).toEqual({ bodyHtml: null, bodyText: '' });
  });

  it('takes plain text as the body and drops earlier HTML; nothing sent changes nothing', () => {
    expect(bodyValues({ bodyText: '  پیامک ورودی  ' })).toEqual({ bodyHtml: null, bodyText: 'پیامک ورودی' });
    expect(bodyValues({ bodyHtml: null })).toEqual({ bodyHtml: null, bodyText: '' });
    expect(bodyValues({})).toBeUndefined();
  });
});

describe('activity phones and links', () => {
  it('normalises Iranian numbers in any form to E.164 and explains a bad one in both languages', () => {
    const errors: FieldError[] = [];
    expect(normalisePhone('۰۹۱۲-۱۲۳-۴۵۶۷', 'phone', errors)).toBe('+989121234567');
    expect(normalisePhone('', 'phone', errors)).toBeNull();
    expect(normalisePhone('123', 'phone', errors)).toBeNull();
    expect(errors).toEqual([{ path: 'phone', code: 'invalid_phone', message: expect.objectContaining({ fa: expect.stringContaining('شماره'), en: expect.stringContaining('phone') }) }]);
  });

  it('keeps one link per record', () => {
    const id = '7b0e4a4e-1f7a-4a55-9a53-0a5d3c1f4b11';
    expect(
      uniqueLinks([
        { entityType: 'person', entityId: id },
        { entityType: 'person', entityId: id },
        { entityType: 'deal', entityId: id },
      ]),
    ).toEqual([
      { entityType: 'person', entityId: id },
      { entityType: 'deal', entityId: id },
    ]);
  });
});
