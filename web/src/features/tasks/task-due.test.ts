import { describe, expect, it } from 'vitest';
import { formatDate } from '#common/calendar/index.ts';
import { toPersianDigits } from '#common/text/index.ts';
import { makeFormatters } from '../../shared/format/index.ts';
import { en } from '../../shared/i18n/en.ts';
import { fa } from '../../shared/i18n/fa.ts';
import { dueLabel, type DueContext } from './task-due.ts';

type Tree = { [key: string]: string | Tree };
/** The real strings with i18next-style {{placeholders}}. */
function translator(strings: Tree) {
  return (key: string, vars: Record<string, string | number> = {}) => {
    const text = key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part]!, strings) as string;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name]));
  };
}

function context(locale: 'fa' | 'en', today: string): DueContext {
  const format = makeFormatters(locale, locale === 'fa' ? 'jalali' : 'gregorian', 'Asia/Tehran');
  return { t: translator((locale === 'fa' ? fa : en) as unknown as Tree), digits: format.digits, date: (d) => format.date(d), weekday: format.weekday, today };
}

describe('dueLabel', () => {
  const fa = context('fa', '2026-11-24');
  const en = context('en', '2026-11-24');

  it('says today, yesterday and tomorrow, with the time in Persian digits', () => {
    expect(dueLabel({ dueDate: '2026-11-24', dueTime: '14:00' }, fa)).toBe('امروز ۱۴:۰۰');
    expect(dueLabel({ dueDate: '2026-11-24', dueTime: null }, fa)).toBe('امروز');
    expect(dueLabel({ dueDate: '2026-11-23', dueTime: null }, fa)).toBe('دیروز');
    expect(dueLabel({ dueDate: '2026-11-25', dueTime: '09:30' }, fa)).toBe('فردا ۰۹:۳۰');
    expect(dueLabel({ dueDate: '2026-11-24', dueTime: '14:00' }, en)).toBe('Today 14:00');
    expect(dueLabel({ dueDate: '2026-11-23', dueTime: '08:15' }, en)).toBe('Yesterday 08:15');
  });

  it('names the weekday within the week and the Jalali date beyond it', () => {
    // 2026-11-27 is a Friday (جمعه).
    expect(dueLabel({ dueDate: '2026-11-27', dueTime: null }, fa)).toBe('جمعه');
    expect(dueLabel({ dueDate: '2026-11-27', dueTime: '10:00' }, en)).toBe('Friday 10:00');
    const far = dueLabel({ dueDate: '2026-12-20', dueTime: null }, fa);
    expect(far).toBe(formatDate('2026-12-20', { locale: 'fa', calendar: 'jalali', style: 'long' }));
    expect(far).toContain(toPersianDigits('1405'));
    expect(dueLabel({ dueDate: '2026-11-10', dueTime: null }, fa)).toContain('آبان');
  });

  it('has no label for a task without a date', () => {
    expect(dueLabel({ dueDate: null, dueTime: null }, fa)).toBeNull();
  });
});
