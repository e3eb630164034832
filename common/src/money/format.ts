import type { Locale } from '../calendar/types.ts';
import { formatNumber } from '../text/number.ts';
import { divide, toUnits } from './decimal.ts';

/** How IRR amounts are shown in a workspace (stored amounts are always rials). */
export type MoneyDisplay = 'rial' | 'toman';

const CURRENCY_NAMES: Record<string, { fa: string; en: string }> = {
  IRR: { fa: 'ریال', en: 'IRR' },
  IRT: { fa: 'تومان', en: 'Toman' },
  USD: { fa: 'دلار', en: 'USD' },
  EUR: { fa: 'یورو', en: 'EUR' },
  AED: { fa: 'درهم', en: 'AED' },
  TRY: { fa: 'لیر', en: 'TRY' },
  CNY: { fa: 'یوان', en: 'CNY' },
};

/**
 * "۱۲٬۵۰۰٬۰۰۰ تومان" / "12,500,000 Toman" for 125,000,000 IRR in a toman workspace; other
 * currencies keep two decimals when they have cents. Rials and tomans never show decimals.
 */
export function formatMoney(amount: string, currency: string, locale: Locale, display: MoneyDisplay = 'rial'): string {
  const asToman = currency === 'IRR' && display === 'toman';
  const value = asToman ? divide(amount, '10', 0) : amount;
  const code = asToman ? 'IRT' : currency;
  const noDecimals = currency === 'IRR' || toUnits(value, 2) % 100n === 0n;
  const number = formatNumber(Number(value), locale, { maximumFractionDigits: noDecimals ? 0 : 2, minimumFractionDigits: noDecimals ? 0 : 2 });
  const name = CURRENCY_NAMES[code]?.[locale] ?? code;
  return `${number} ${name}`;
}

/** The unit amounts are entered in: tomans in a toman workspace's IRR fields. */
export function inputUnitLabel(currency: string, locale: Locale, display: MoneyDisplay = 'rial'): string {
  const code = currency === 'IRR' && display === 'toman' ? 'IRT' : currency;
  return CURRENCY_NAMES[code]?.[locale] ?? code;
}
