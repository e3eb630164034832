import { toLatinDigits } from '../text/digits.ts';

// Separators people and spreadsheets put inside phone numbers: spaces (incl. NBSP), dashes of
// every kind, dots, slashes, parentheses, and the invisible bidi marks that copy-paste from RTL
// text leaves around numbers.
const NOISE_RE = /[\s()\-\u2010-\u2015\u2212./\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g;

// National significant number (after +98 / 0): mobiles are 9 + 9 digits (0912…, 0990…);
// landlines are a two-digit area code (21 Tehran, 31 Isfahan, 51 Mashhad …, never x0) and an
// eight-digit subscriber number.
const IRAN_MOBILE_RE = /^9\d{9}$/;
const IRAN_LANDLINE_RE = /^[1-8][1-9]\d{8}$/;

function isIranianNsn(nsn: string): boolean {
  return IRAN_MOBILE_RE.test(nsn) || IRAN_LANDLINE_RE.test(nsn);
}

/**
 * Normalises a phone number to E.164, so that 09121234567, 9121234567, +989121234567,
 * 00989121234567, «۰۹۱۲ ۱۲۳ ۴۵۶۷» and (0912) 123-4567 are one number: '+989121234567'.
 *
 * - Iranian mobiles and landlines (021-88776655 → '+982188776655'), in national (0…),
 *   international (+98…, 0098…, 98… with 12 digits) or bare-mobile (912…) form; a stray trunk
 *   zero after the country code (+98 0912…) is dropped.
 * - A foreign number written with + or 00 becomes '+<digits>' when it has 8–15 digits (the
 *   E.164 maximum); its country-specific rules are not checked.
 * - Anything else → null: letters, an Iranian number of the wrong length, a bare landline
 *   without its leading 0 (2188776655 could as well be a foreign number), a local number
 *   without area code.
 */
export function normalizeIranianPhone(input: string): string | null {
  const compact = toLatinDigits(input).replace(/\uFF0B/g, '+').replace(NOISE_RE, '');
  if (!/^\+?\d+$/.test(compact)) return null;

  let international: string | null = null;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);

  if (international !== null) {
    if (international.startsWith('98')) {
      const nsn = international.slice(2).replace(/^0/, '');
      return isIranianNsn(nsn) ? `+98${nsn}` : null;
    }
    return /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : null;
  }

  let nsn: string | null = null;
  if (compact.startsWith('0')) nsn = compact.slice(1);
  else if (compact.length === 12 && compact.startsWith('98')) nsn = compact.slice(2);
  else if (IRAN_MOBILE_RE.test(compact)) nsn = compact;
  return nsn !== null && isIranianNsn(nsn) ? `+98${nsn}` : null;
}

/** True when the input normalises to an Iranian mobile (+989…), i.e. a number that can get SMS. */
export function isIranianMobile(input: string): boolean {
  const e164 = normalizeIranianPhone(input);
  return e164 !== null && e164.startsWith('+98') && IRAN_MOBILE_RE.test(e164.slice(3));
}
