/** Currencies Iranian businesses deal in most, offered first; any ISO 4217 code can be typed. */
export const COMMON_CURRENCIES = ['IRR', 'USD', 'EUR', 'AED', 'TRY', 'CNY', 'GBP', 'RUB', 'IQD', 'INR'];

const NAMES: Record<string, { fa: string; en: string }> = {
  IRR: { fa: 'ریال ایران', en: 'Iranian rial' },
  USD: { fa: 'دلار آمریکا', en: 'US dollar' },
  EUR: { fa: 'یورو', en: 'Euro' },
  AED: { fa: 'درهم امارات', en: 'UAE dirham' },
  TRY: { fa: 'لیر ترکیه', en: 'Turkish lira' },
  CNY: { fa: 'یوان چین', en: 'Chinese yuan' },
  GBP: { fa: 'پوند انگلیس', en: 'British pound' },
  RUB: { fa: 'روبل روسیه', en: 'Russian rouble' },
  IQD: { fa: 'دینار عراق', en: 'Iraqi dinar' },
  INR: { fa: 'روپیه هند', en: 'Indian rupee' },
};

/** "USD · دلار آمریکا"; a code without a known name is shown as itself. */
export function currencyLabel(code: string, locale: 'fa' | 'en'): string {
  const name = NAMES[code]?.[locale];
  return name ? `${code} · ${name}` : code;
}
