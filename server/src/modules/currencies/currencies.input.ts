import { parseDecimal } from '#common/money/index.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import { isCurrencyCode } from './currencies.contract.ts';
import { currencyFieldError } from './currencies.errors.ts';

export type DecimalRule = { scale: number; positive?: boolean; nonNegative?: boolean; maxWholeDigits?: number; maxValue?: bigint };

const decimalMessages = {
  not_a_number: { fa: 'یک عدد وارد کنید (مثلاً ۱۲۵۰۰۰۰ یا 1,250,000).', en: 'Enter a number (e.g. 1250000 or 1,250,000).' },
  too_many_decimals: { fa: 'رقم‌های اعشار بیش از حد مجاز است ({scale} رقم).', en: 'Too many decimal places (at most {scale}).' },
  too_large: { fa: 'این عدد بیش از حد بزرگ است.', en: 'This number is too large.' },
  must_be_positive: { fa: 'عدد باید بزرگ‌تر از صفر باشد.', en: 'Must be greater than zero.' },
  must_not_be_negative: { fa: 'عدد نمی‌تواند منفی باشد.', en: 'Must not be negative.' },
} as const;

const faDigits = (value: unknown) => String(value).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

function decimalError(path: string, code: keyof typeof decimalMessages, scale: number): FieldError {
  const m = decimalMessages[code];
  return { path, code, message: { fa: m.fa.replace('{scale}', faDigits(scale)), en: m.en.replace('{scale}', String(scale)) } };
}

/**
 * A decimal input (Persian/Arabic/Latin digits, separators, or a number) as a canonical decimal
 * string, or undefined with the problem pushed to `errors` in both languages.
 */
export function parseDecimalInput(path: string, value: string | number, rule: DecimalRule, errors: FieldError[]): string | undefined {
  const parsed = parseDecimal(value);
  if (parsed === null) return void errors.push(decimalError(path, 'not_a_number', rule.scale));
  const negative = parsed.startsWith('-');
  const [whole = '', fraction = ''] = parsed.replace('-', '').split('.');
  if (fraction.replace(/0+$/, '').length > rule.scale) return void errors.push(decimalError(path, 'too_many_decimals', rule.scale));
  if (whole.replace(/^0+/, '').length > (rule.maxWholeDigits ?? 18)) return void errors.push(decimalError(path, 'too_large', rule.scale));
  const zero = !/[1-9]/.test(parsed);
  if (rule.positive && (negative || zero)) return void errors.push(decimalError(path, 'must_be_positive', rule.scale));
  if (rule.nonNegative && negative) return void errors.push(decimalError(path, 'must_not_be_negative', rule.scale));
  return zero ? '0' : parsed;
}

/** The upper-case ISO 4217 code, or undefined with a field error. */
export function checkCurrency(path: string, code: string, errors: FieldError[]): string | undefined {
  const upper = code.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(upper) && isCurrencyCode(upper)) return upper;
  errors.push(currencyFieldError(path, 'invalid_currency'));
  return undefined;
}
