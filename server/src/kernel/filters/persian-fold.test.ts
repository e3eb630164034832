import { describe, expect, test } from 'vitest';
import { normalizePersianText } from '#common/text/index.ts';
import { escapeLike, FOLD_FROM, FOLD_REMOVED, FOLD_TO, PERSIAN_ALPHABET } from './persian-fold.ts';

// The SQL fold (translate) and the value fold (normalizePersianText) must agree character by
// character, or a search typed one way would miss text stored the other way.

describe('SQL fold tables', () => {
  const folded = [...FOLD_FROM].slice(0, [...FOLD_TO].length);
  const targets = [...FOLD_TO];

  test('every mapped character folds to what normalizePersianText gives', () => {
    expect(folded.length).toBeGreaterThan(30);
    folded.forEach((ch, i) => {
      // Between two letters, so trimming and space runs do not hide a difference.
      expect(normalizePersianText(`ب${ch}ب`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(`ب${targets[i]}ب`);
    });
  });

  test('every removed character is removed by normalizePersianText too', () => {
    for (const ch of FOLD_REMOVED) {
      expect(normalizePersianText(`ب${ch}ب`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('بب');
    }
    expect(FOLD_FROM.endsWith(FOLD_REMOVED)).toBe(true);
  });

  test('the sort alphabet holds the 32 Persian letters plus hamza and alef madda, each once and already folded', () => {
    const letters = [...PERSIAN_ALPHABET];
    expect(new Set(letters).size).toBe(34);
    for (const letter of letters) expect(normalizePersianText(letter)).toBe(letter);
    // Spot checks of the order that code points get wrong.
    expect(letters.indexOf('چ')).toBeLessThan(letters.indexOf('ح'));
    expect(letters.indexOf('ژ')).toBeLessThan(letters.indexOf('س'));
    expect(letters.indexOf('گ')).toBeLessThan(letters.indexOf('ل'));
  });

  test('LIKE wildcards and the escape character are escaped', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});
