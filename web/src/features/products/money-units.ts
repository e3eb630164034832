import { divide, multiply, parseDecimal, type MoneyDisplay } from '#common/money/index.ts';
import { formatNumber, toPersianDigits } from '#common/text/index.ts';
import type { Locale } from '#common/calendar/index.ts';

/*
 * What a money field shows and what it stores. IRR is stored in rials; a toman workspace types
 * and reads tomans, so the field divides by ten on the way in and multiplies on the way out, on
 * decimal strings (never floats).
 */

/** Tomans are typed for IRR in a toman workspace: a factor of 10 between what is typed and stored. */
const enteredInTomans = (currency: string, display: MoneyDisplay) => currency === 'IRR' && display === 'toman';

/** Stored amount (rials for IRR) → the number the user types. */
export function toEntered(amount: string, currency: string, display: MoneyDisplay): string {
  if (!amount) return '';
  const value = enteredInTomans(currency, display) ? divide(amount, '10', 2) : amount;
  return value.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
}

/** What the user typed (any digits, separators) → the stored amount, or null when unreadable. */
export function fromEntered(text: string, currency: string, display: MoneyDisplay): string | null {
  const parsed = parseDecimal(text);
  if (parsed === null) return null;
  return enteredInTomans(currency, display) ? multiply(parsed, '10', 2) : multiply(parsed, '1', 2);
}

/** Groups the digits of a typed number for display in the field (Persian digits in fa). */
export function groupDigits(text: string, locale: Locale): string {
  const parsed = parseDecimal(text);
  if (parsed === null) return text;
  const [whole, rawFraction] = parsed.split('.');
  // "2.000" from the server reads as "2"; a fraction being typed ("2.5") is kept as typed.
  const fraction = rawFraction?.replace(/0+$/, '') || undefined;
  const grouped = formatNumber(BigInt(whole!), locale);
  const point = locale === 'fa' ? '٫' : '.';
  const fractionDigits = fraction === undefined ? '' : locale === 'fa' ? toPersianDigits(fraction) : fraction;
  return fraction === undefined ? (text.trim().match(/[.٫]$/) ? grouped + point : grouped) : `${grouped}${point}${fractionDigits}`;
}

