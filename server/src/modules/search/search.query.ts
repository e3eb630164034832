import { normalizeIranianPhone } from '#common/identity/index.ts';
import { normalizePersianText, searchKey, toLatinDigits } from '#common/text/index.ts';

/**
 * What a search box query means, normalised exactly like the stored `search_key` columns
 * (common/src/text searchKey: Arabic ي/ك → ی/ک, ZWNJ and spaces removed, diacritics dropped,
 * Persian/Arabic-Indic digits → Latin, lower case).
 *
 * - `key`: the whole query as one spaceless key («محمد رضا» → «محمدرضا»), matched as a substring.
 * - `tokens`: one key per word when there are several («علی رضایی» → [علی, رضایی]); each must
 *   appear somewhere in the record's key, so the order of the words and the record's own part
 *   boundaries do not matter.
 * - `phone`: E.164 when the query is a whole phone number in any format or digit set; matched
 *   exactly against contact_points.
 * - `email`: lower-cased when the query is a whole email address; matched exactly.
 * - `kind: 'digits'`: the query is a (partial) number; `key` is then its core without country
 *   code and trunk zero («۰۹۱۲ ۱۲۳» → «912123»), which is inside both «+98912…» and «0912…».
 * - `fuzzy`: whether trigram (typo-tolerant) matching is worth running, and at which
 *   word-similarity threshold: short queries have too few trigrams to survive a typo, and
 *   emails share their domain with every colleague's.
 */
export type ParsedQuery = {
  kind: 'text' | 'digits' | 'email';
  key: string;
  tokens: string[];
  phone: string | null;
  email: string | null;
  fuzzy: { threshold: number } | null;
};

/** Minimum digits before a number is searched for inside the keys (SPEC: partial phone search). */
export const MIN_DIGITS = 4;
/** Keys shorter than this only match whole parts or part prefixes (no trigram can be extracted). */
export const MIN_CONTAINS_LENGTH = 3;
/** Keys shorter than this are not fuzzy-matched: one typo leaves nothing to compare. */
export const MIN_FUZZY_LENGTH = 4;

// Separators people put inside phone numbers (and the bidi marks RTL copy-paste leaves around them).
const PHONE_NOISE_RE = /[\s()\-\u2010-\u2015\u2212./\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function fuzzyThreshold(keyLength: number): number | null {
  if (keyLength < MIN_FUZZY_LENGTH) return null;
  // Measured with pg_trgm: «mohamad» in «mohammad…» scores 0.625, «محمدرزا» in «محمدرضا…» 0.625;
  // 4–5 letter queries need a stricter bar or unrelated short names flood the results.
  return keyLength <= 5 ? 0.6 : 0.5;
}

/** The digits of a partial number without country code or trunk zero: «+98 912 12» → «91212». */
export function digitCore(compact: string): string {
  const phone = normalizeIranianPhone(compact);
  if (phone) return phone.startsWith('+98') ? phone.slice(3) : phone.slice(1);
  let digits = compact;
  if (digits.startsWith('+98')) digits = digits.slice(3);
  else if (digits.startsWith('0098')) digits = digits.slice(4);
  else if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  return digits.replace(/^0+/, '');
}

export function parseSearchQuery(raw: string): ParsedQuery {
  const text = raw.trim();
  const compact = toLatinDigits(text).replace(/\uFF0B/g, '+').replace(PHONE_NOISE_RE, '');
  if (/^\+?\d+$/.test(compact)) {
    const digitCount = compact.replace('+', '').length;
    const core = digitCore(compact);
    const usable = digitCount >= MIN_DIGITS && core.length >= MIN_CONTAINS_LENGTH;
    return { kind: 'digits', key: usable ? core : '', tokens: [], phone: normalizeIranianPhone(compact), email: null, fuzzy: null };
  }
  const key = searchKey(text);
  const words = normalizePersianText(text).split(' ').map(searchKey).filter(Boolean);
  const tokens = words.length > 1 ? [...new Set(words)] : [];
  const lowered = text.toLowerCase();
  const isEmail = text.includes('@');
  // Emails are not fuzzy-matched: every address at the same domain would look alike.
  const threshold = isEmail ? null : fuzzyThreshold([...key].length);
  return {
    kind: isEmail ? 'email' : 'text',
    key,
    tokens,
    phone: null,
    email: EMAIL_RE.test(lowered) ? lowered : null,
    fuzzy: threshold === null ? null : { threshold },
  };
}

/** Escapes LIKE wildcards in user input (the default escape character is the backslash). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
