import type { Locale } from '../calendar/types.ts';

// Intl formatters are costly to build and numbers are formatted in every table cell: cache them.
const numberFormatCache = new Map<string, Intl.NumberFormat>();

/**
 * Formats a number for display. fa: Persian digits with the Persian separators
 * (٬ for thousands, ٫ for decimals) via Intl 'fa-IR'; en: Latin digits, "," and ".".
 * `options` is passed to Intl.NumberFormat (e.g. maximumFractionDigits).
 * Note: fa-IR writes negatives as LRM + U+2212 ("‎−۱۲"), which is what ICU considers correct
 * for RTL text; do not parse display strings back into numbers.
 */
export function formatNumber(
  value: number | bigint,
  locale: Locale,
  options: Intl.NumberFormatOptions = {},
): string {
  const tag = locale === 'fa' ? 'fa-IR-u-nu-arabext' : 'en-US-u-nu-latn';
  const key = `${tag}|${JSON.stringify(options)}`;
  let formatter = numberFormatCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(tag, options);
    numberFormatCache.set(key, formatter);
  }
  return formatter.format(value);
}
