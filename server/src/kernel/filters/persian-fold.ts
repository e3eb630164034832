import { sql, type SQL } from 'drizzle-orm';

/*
 * SQL side of Persian text folding: the same letter choices as normalizePersianText
 * (common/src/text/normalize.ts), done with translate() so that stored values need no extra
 * column. persian-fold.test.ts checks every character here against normalizePersianText.
 * What translate() cannot do (NFKC of presentation forms, collapsing runs of spaces) is left to
 * the value side, which is normalised in full.
 */
const LETTER_FOLDS: ReadonlyArray<readonly [from: string, to: string]> = [
  ['ي', 'ی'], // Arabic yeh
  ['ى', 'ی'], // alef maksura
  ['ئ', 'ی'], // yeh with hamza above
  ['ې', 'ی'],
  ['ۍ', 'ی'],
  ['ك', 'ک'], // Arabic kaf
  ['ڪ', 'ک'], // swash kaf
  ['ة', 'ه'], // teh marbuta
  ['ۀ', 'ه'], // heh with yeh above
  ['ە', 'ه'],
  ['ھ', 'ه'],
  ['ہ', 'ه'],
  ['أ', 'ا'],
  ['إ', 'ا'],
  ['ٱ', 'ا'],
  ['ؤ', 'و'],
  ['\u00A0', ' '], // no-break space
  ['\u202F', ' '], // narrow no-break space
  ['\t', ' '],
];

const DIGIT_FOLDS: ReadonlyArray<readonly [string, string]> = [...'۰۱۲۳۴۵۶۷۸۹', ...'٠١٢٣٤٥٦٧٨٩'].map((digit, index) => [digit, String(index % 10)] as const);

/** Removed outright: ZWNJ (so «می‌شود» = «میشود»), other invisibles, tatweel, diacritics. */
const REMOVED = [
  '\u200C', // ZWNJ
  '\u200D', // ZWJ
  '\u200B', // zero-width space
  '\u200E', // LRM
  '\u200F', // RLM
  '\u00AD', // soft hyphen
  '\uFEFF', // BOM
  '\u0640', // tatweel
  '\u0670', // superscript alef
  ...Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => String.fromCharCode(0x064b + i)), // harakat
].join('');

const FOLDS = [...LETTER_FOLDS, ...DIGIT_FOLDS];
/** translate() deletes the characters of `from` that have no partner in `to`, so REMOVED goes last. */
export const FOLD_FROM = FOLDS.map(([from]) => from).join('') + REMOVED;
export const FOLD_TO = FOLDS.map(([, to]) => to).join('');
export const FOLD_REMOVED = REMOVED;

/** Persian alphabetical order; the sort key maps it onto consecutive code points. */
export const PERSIAN_ALPHABET = 'ءآابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی';
const LATIN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const privateUse = (from: number, count: number) => Array.from({ length: count }, (_, i) => String.fromCharCode(from + i)).join('');
// Persian letters, then Latin ones, both above digits and punctuation: the order Intl.Collator('fa') gives.
const SORT_SOURCE = PERSIAN_ALPHABET + LATIN_ALPHABET;
const SORT_TARGETS = privateUse(0xe000, [...PERSIAN_ALPHABET].length) + privateUse(0xe100, LATIN_ALPHABET.length);

/** Our own constants only, so they can be inlined: readable SQL, and usable by expression indexes. */
function literal(text: string): SQL {
  if (text.includes("'")) throw new Error('fold tables must not contain quotes');
  return sql.raw(`'${text}'`);
}

/** The text with Arabic ي/ك and friends folded to Persian, digits to Latin, ZWNJ and marks removed. */
export function foldedText(expr: SQL): SQL {
  return sql`translate(${expr}, ${literal(FOLD_FROM)}, ${literal(FOLD_TO)})`;
}

/**
 * A key that sorts text in Persian alphabetical order (پ after ب, چ before ح, گ before ل), Persian
 * names before Latin ones, the same way on every engine: letters are mapped onto private-use code
 * points in alphabet order and compared byte-wise (COLLATE "C"), whatever the server's locale.
 * Empty text sorts as NULL, which callers put last.
 */
export function persianSortKey(expr: SQL): SQL {
  return sql`(translate(lower(${foldedText(sql`nullif(btrim(${expr}), '')`)}), ${literal(SORT_SOURCE)}, ${literal(SORT_TARGETS)}) COLLATE "C")`;
}

/** LIKE pattern characters in a user's value are matched literally (backslash is the default escape). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
