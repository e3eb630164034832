import { digitsArToEn, digitsArToFa, digitsEnToFa, digitsFaToEn } from '@persian-tools/persian-tools';

/**
 * Latin (0-9) and Arabic-Indic (٠-٩) digits → Persian digits (۰-۹). Everything else is left as
 * is, so it is safe on mixed text ("1403/01/15" → "۱۴۰۳/۰۱/۱۵").
 */
export function toPersianDigits(value: string | number): string {
  return digitsArToFa(digitsEnToFa(String(value)));
}

/**
 * Persian (۰-۹) AND Arabic-Indic (٠-٩) digits → Latin (0-9). Input from Iranian users mixes
 * both: Persian keyboards type ۰-۹, but text pasted from Arabic-locale software carries ٠-٩.
 */
export function toLatinDigits(value: string): string {
  return digitsArToEn(digitsFaToEn(value));
}
