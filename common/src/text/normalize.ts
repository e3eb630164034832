import { toLatinDigits } from './digits.ts';

/*
 * Persian text folding for search, dedupe and sorting (SPEC §3).
 *
 * Two functions, one contract each:
 *  - normalizePersianText(s): folded text that still has word boundaries (single spaces). Use it
 *    for sorting, for splitting into words, and for storing a "normalised name" column.
 *  - searchKey(s): normalizePersianText(s) with every space removed. Use it for equality
 *    (dedupe), for substring search and as the indexed search column, because Persian writers
 *    put a space, a ZWNJ or nothing between the parts of one word: «می‌شود», «میشود» and «می شود»
 *    are the same word and only searchKey makes them equal.
 * Neither result is meant for display.
 *
 * The letter choices are the domain's, so they are written out here (persian-tools only maps
 * ي/ى/ك and would skip text inside "{{…}}"):
 *  - Arabic yeh ي, alef maksura ى, yeh with hamza ئ, and the Arabic-script yeh variants → ی.
 *    ئ is folded too because «پائیز» and «پاییز» are both in use for the same word.
 *  - Arabic kaf ك (and swash kaf ڪ) → ک.
 *  - teh marbuta ة, heh with yeh above ۀ (ezafe), ae ە, heh doachashmee ھ, heh goal ہ → ه.
 *  - أ, إ, ٱ → ا, and ؤ → و: writers use the hamza forms inconsistently.
 *  - آ is KEPT: in Persian it is a letter of its own (آب "water" ≠ اب), typed directly on every
 *    Persian keyboard, so folding it would merge different words. A decomposed ا + ◌ٓ is
 *    composed into آ first (NFKC) so both encodings still match.
 *  - Diacritics are removed: tanwin, fatha, damma, kasra, shadda, sukun, maddah/hamza marks
 *    (U+064B–U+065F), superscript alef U+0670, Quranic marks U+06D6–U+06ED.
 *  - Tatweel ـ, ZWNJ, ZWJ, zero-width space, BOM, word joiner, soft hyphen and bidi controls are
 *    removed (ZWNJ removal is what makes «می‌شود» equal «میشود»).
 *  - NBSP and every other Unicode space or line break → one space; trimmed.
 *  - Persian and Arabic-Indic digits → Latin; Latin letters → lower case.
 *  - NFKC first, so Arabic presentation forms (ﻱ, ﻙ, ﻻ …) from old PDFs and full-width Latin
 *    fold into the ordinary letters.
 */

const LETTER_MAP: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ي Arabic yeh
  '\u0649': '\u06CC', // ى alef maksura
  '\u0626': '\u06CC', // ئ yeh with hamza above
  '\u06D0': '\u06CC', // ې
  '\u06CD': '\u06CC', // ۍ
  '\u0643': '\u06A9', // ك Arabic kaf
  '\u06AA': '\u06A9', // ڪ swash kaf
  '\u0629': '\u0647', // ة teh marbuta
  '\u06C0': '\u0647', // ۀ heh with yeh above
  '\u06D5': '\u0647', // ە ae
  '\u06BE': '\u0647', // ھ heh doachashmee
  '\u06C1': '\u0647', // ہ heh goal
  '\u0623': '\u0627', // أ alef with hamza above
  '\u0625': '\u0627', // إ alef with hamza below
  '\u0671': '\u0627', // ٱ alef wasla
  '\u0624': '\u0648', // ؤ waw with hamza above
};

const LETTER_RE = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');
// Diacritics, superscript alef, Quranic annotation marks, tatweel.
const MARKS_RE = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
// Zero-width and invisible formatting characters, removed outright.
const INVISIBLE_RE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u061C]/g;
// \s covers NBSP (U+00A0), U+2000–U+200A, U+202F, U+3000, tabs and line breaks.
const SPACE_RUN_RE = /\s+/g;

/**
 * Folded comparison text with single spaces kept between words (see the contract above).
 * «علي» and «علی» give the same result; «می‌شود» gives «میشود».
 */
export function normalizePersianText(text: string): string {
  return toLatinDigits(
    text
      .normalize('NFKC')
      .replace(LETTER_RE, (ch) => LETTER_MAP[ch] ?? ch)
      .replace(MARKS_RE, '')
      .replace(INVISIBLE_RE, ''),
  )
    .replace(SPACE_RUN_RE, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The search/dedupe key: normalizePersianText without any spaces, so «می‌شود», «میشود» and
 * «می شود» give the same key. Compare keys with ===, or search with key.includes(searchKey(q)).
 */
export function searchKey(text: string): string {
  return normalizePersianText(text).replace(/ /g, '');
}
