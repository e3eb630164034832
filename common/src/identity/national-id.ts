import { verifyIranianLegalId, verifyIranianNationalId } from '@persian-tools/persian-tools';
import { toLatinDigits } from '../text/digits.ts';

// People write IDs in groups (049-937089-9, «۰۴۹ ۹۳۷۰۸۹ ۹»); those separators carry no meaning.
const SEPARATORS_RE = /[\s\-\u2010-\u2015\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g;

function digitsOnly(input: string): string {
  return toLatinDigits(input).replace(SEPARATORS_RE, '');
}

/**
 * کد ملی: exactly 10 digits (Persian, Arabic-Indic or Latin; spaces and dashes ignored) with a
 * valid check digit; rejects ten equal digits (1111111111 passes the checksum but is not issued).
 * A string only: as a number the leading zeros of IDs such as 0499370899 would be lost.
 * The issuing-office prefix is deliberately not checked: persian-tools' prefix table is a
 * snapshot, and rejecting a real customer's ID is worse than accepting a rare typo.
 */
export function isValidIranianNationalId(input: string): boolean {
  const digits = digitsOnly(input);
  if (!/^\d{10}$/.test(digits)) return false;
  return verifyIranianNationalId(digits, { checkPrefix: false });
}

/** شناسه ملی اشخاص حقوقی: exactly 11 digits with a valid check digit (same input rules). */
export function isValidIranianLegalId(input: string): boolean {
  const digits = digitsOnly(input);
  // persian-tools accepts longer strings and ignores the extra digits, so pin the length here.
  if (!/^\d{11}$/.test(digits)) return false;
  return verifyIranianLegalId(digits) === true;
}
