import { toLatinDigits } from '../text/digits.ts';

/*
 * Exact decimal arithmetic for money. Amounts travel as decimal strings ("12500000.00") and are
 * computed as BigInt multiples of 10^-scale, so totals of many lines never pick up binary
 * floating-point error. Rounding is half away from zero, as invoices expect.
 */

/** Decimal places kept for money amounts (matches numeric(…, 2) in the database). */
export const MONEY_SCALE = 2;

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses "1,250.5", "۱۲۵۰٫۵", "١٢٥٠.٥" or a number into a canonical decimal string, or null when
 * it is not a number. Thousands separators (",", "٬", "،") are dropped; "٫" is a decimal point.
 */
export function parseDecimal(value: string | number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? numberToDecimal(value) : null;
  const text = toLatinDigits(value.trim()).replace(/[,٬،\s]/g, '').replace('٫', '.');
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction] = match;
  const digits = whole!.replace(/^0+(?=\d)/, '');
  const canonical = fraction ? `${digits}.${fraction}` : digits;
  return sign === '-' && /[1-9]/.test(canonical) ? `-${canonical}` : canonical;
}

function numberToDecimal(value: number): string {
  // toFixed keeps small values out of exponent notation; 8 places covers exchange rates.
  return Math.abs(value) < 1e21 ? String(Number(value.toFixed(8))).replace(/e.*$/, '') : value.toFixed(0);
}

/** The decimal as an integer count of 10^-scale units, rounded half away from zero. */
export function toUnits(value: string, scale: number): bigint {
  const parsed = parseDecimal(value);
  if (parsed === null) throw new RangeError(`Not a decimal: ${value}`);
  const negative = parsed.startsWith('-');
  const [whole, fraction = ''] = parsed.replace('-', '').split('.');
  const kept = (fraction + '0'.repeat(scale)).slice(0, scale);
  let units = BigInt(whole! + kept);
  if ((fraction[scale] ?? '0') >= '5') units += 1n;
  return negative ? -units : units;
}

/** Integer units back to a decimal string with exactly `scale` places. */
export function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** a / b rounded half away from zero. */
function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const quotient = (x * 2n + y) / (y * 2n);
  return negative ? -quotient : quotient;
}

/** a × b rounded to `scale` places. */
export function multiply(a: string, b: string, scale = MONEY_SCALE): string {
  const aScale = decimalPlaces(a);
  const bScale = decimalPlaces(b);
  const product = toUnits(a, aScale) * toUnits(b, bScale);
  return fromUnits(divideRounded(product * 10n ** BigInt(scale), 10n ** BigInt(aScale + bScale)), scale);
}

/** amount × percent / 100, rounded to `scale` places. */
export function percentOf(amount: string, percent: string, scale = MONEY_SCALE): string {
  return multiply(amount, divide(percent, '100', 10), scale);
}

/** a / b rounded to `scale` places; b must not be zero. */
export function divide(a: string, b: string, scale = MONEY_SCALE): string {
  const places = Math.max(decimalPlaces(a), decimalPlaces(b));
  const denominator = toUnits(b, places);
  if (denominator === 0n) throw new RangeError('Division by zero');
  return fromUnits(divideRounded(toUnits(a, places) * 10n ** BigInt(scale), denominator), scale);
}

export function add(...values: string[]): string {
  const scale = Math.max(MONEY_SCALE, ...values.map(decimalPlaces));
  return fromUnits(values.reduce((sum, v) => sum + toUnits(v, scale), 0n), scale);
}

export function subtract(a: string, b: string): string {
  const scale = Math.max(MONEY_SCALE, decimalPlaces(a), decimalPlaces(b));
  return fromUnits(toUnits(a, scale) - toUnits(b, scale), scale);
}

/** Negative, zero or positive as a < b, a = b, a > b. */
export function compare(a: string, b: string): number {
  const scale = Math.max(decimalPlaces(a), decimalPlaces(b));
  const difference = toUnits(a, scale) - toUnits(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** Rounds to `scale` places (money: 2). */
export function round(value: string, scale = MONEY_SCALE): string {
  return fromUnits(toUnits(value, scale), scale);
}

function decimalPlaces(value: string): number {
  const parsed = parseDecimal(value);
  if (parsed === null) throw new RangeError(`Not a decimal: ${value}`);
  return parsed.split('.')[1]?.length ?? 0;
}
