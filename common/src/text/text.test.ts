import { describe, expect, it } from 'vitest';
import { formatNumber, normalizePersianText, searchKey, toLatinDigits, toPersianDigits } from './index.ts';

describe('digits', () => {
  it('toPersianDigits converts Latin and Arabic-Indic digits', () => {
    expect(toPersianDigits(1234567890)).toBe('۱۲۳۴۵۶۷۸۹۰');
    expect(toPersianDigits('1403/01/15')).toBe('۱۴۰۳/۰۱/۱۵');
    expect(toPersianDigits('٣ و 4')).toBe('۳ و ۴');
    expect(toPersianDigits(-2.5)).toBe('-۲.۵');
  });

  it('toLatinDigits converts Persian and Arabic-Indic digits', () => {
    expect(toLatinDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toLatinDigits('تلفن: ۰۹۱۲-٣٤٥ abc')).toBe('تلفن: 0912-345 abc');
  });
});

describe('formatNumber', () => {
  it('uses Persian digits and separators in fa', () => {
    expect(formatNumber(1234567.89, 'fa')).toBe('۱٬۲۳۴٬۵۶۷٫۸۹');
    expect(formatNumber(0, 'fa')).toBe('۰');
    expect(formatNumber(12_000_000_000n, 'fa')).toBe('۱۲٬۰۰۰٬۰۰۰٬۰۰۰');
    expect(formatNumber(1234.5678, 'fa', { maximumFractionDigits: 1 })).toBe('۱٬۲۳۴٫۶');
  });

  it('uses Latin digits in en', () => {
    expect(formatNumber(1234567.89, 'en')).toBe('1,234,567.89');
    expect(formatNumber(-42, 'en')).toBe('-42');
  });
});

describe('normalizePersianText and searchKey', () => {
  it('maps Arabic letters to Persian: «علي» finds «علی»', () => {
    expect(normalizePersianText('علي')).toBe('علی');
    expect(normalizePersianText('على')).toBe('علی');
    expect(searchKey('علي')).toBe(searchKey('علی'));
    expect(normalizePersianText('كتاب')).toBe('کتاب');
    expect(normalizePersianText('مدرسة')).toBe('مدرسه');
    expect(normalizePersianText('خانۀ ما')).toBe('خانه ما');
    expect(normalizePersianText('خانهٔ ما')).toBe('خانه ما');
  });

  it('makes «می‌شود», «میشود» and «می شود» one search key', () => {
    const keys = ['می‌شود', 'میشود', 'می شود', 'مي‌شود', 'می\u00A0شود', 'می  \t شود'].map(searchKey);
    expect(new Set(keys)).toEqual(new Set(['میشود']));
    // normalizePersianText keeps word boundaries; ZWNJ is not a word boundary.
    expect(normalizePersianText('می‌شود')).toBe('میشود');
    expect(normalizePersianText('می شود')).toBe('می شود');
  });

  it('removes diacritics, tatweel and invisible characters', () => {
    expect(normalizePersianText('مُحَمَّد')).toBe('محمد');
    expect(normalizePersianText('حتماً')).toBe('حتما');
    expect(normalizePersianText('کتابٌ')).toBe('کتاب');
    expect(normalizePersianText('مسْجد')).toBe('مسجد');
    expect(normalizePersianText('رحمٰن')).toBe('رحمن');
    expect(normalizePersianText('سـلـام')).toBe('سلام');
    expect(normalizePersianText('\u200Fسلام\u200E\u200D\uFEFF')).toBe('سلام');
    expect(normalizePersianText('  علی \u00A0\u2009 رضا\n')).toBe('علی رضا');
  });

  it('folds hamza forms of alef, waw and yeh but keeps آ', () => {
    expect(normalizePersianText('أحمد')).toBe('احمد');
    expect(normalizePersianText('إيران')).toBe('ایران');
    expect(normalizePersianText('مؤسسه')).toBe('موسسه');
    expect(searchKey('پائیز')).toBe(searchKey('پاییز'));
    expect(normalizePersianText('آب')).toBe('آب');
    expect(normalizePersianText('آب')).not.toBe(normalizePersianText('اب'));
    // A decomposed alef + maddah is still the letter آ.
    expect(normalizePersianText('\u0627\u0653ب')).toBe('آب');
  });

  it('folds presentation forms, digits and Latin case', () => {
    expect(normalizePersianText('ﻋﻠﻲ')).toBe('علی');
    expect(normalizePersianText('Ali REZAEI')).toBe('ali rezaei');
    expect(normalizePersianText('کد ۱۲۳ و ٤٥٦')).toBe('کد 123 و 456');
    expect(normalizePersianText('ＡＢＣ１２')).toBe('abc12');
    expect(searchKey('شرکت  پیوند ۲')).toBe('شرکتپیوند2');
  });

  it('is idempotent', () => {
    for (const text of ['مُحَمَّد علي‌زاده', 'می شود', 'Ali ۱۲ ك']) {
      expect(normalizePersianText(normalizePersianText(text))).toBe(normalizePersianText(text));
      expect(searchKey(searchKey(text))).toBe(searchKey(text));
    }
  });
});
