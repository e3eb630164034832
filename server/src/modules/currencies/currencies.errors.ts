import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const currencyErrors = defineErrors({
  exchange_rate_not_found: { status: 404, fa: 'این نرخ ارز در فضای کاری پیدا نشد.', en: 'No such exchange rate in this workspace.' },
  exchange_rate_exists: {
    status: 409,
    fa: 'برای این ارز در این روز نرخی ثبت شده است؛ همان را ویرایش کنید.',
    en: 'This currency already has a rate from that day; edit that one instead.',
  },
  exchange_rate_missing: {
    status: 422,
    fa: 'نرخ تبدیل «{currency}» به ارز پایه‌ی فضای کاری ثبت نشده است؛ ابتدا نرخ ارز را وارد کنید.',
    en: 'No exchange rate from {currency} to the workspace currency is known; add one first.',
  },
});

export const currencyFieldMessages = {
  invalid_currency: { fa: 'کد ارز معتبر نیست (مثلاً IRR، USD، EUR).', en: 'Not a valid ISO 4217 currency code (e.g. IRR, USD, EUR).' },
  invalid_rate: { fa: 'نرخ باید عددی مثبت باشد.', en: 'The rate must be a positive number.' },
  default_currency_rate: {
    fa: 'نرخ ارز پایه‌ی فضای کاری همیشه ۱ است.',
    en: 'The workspace default currency is always worth 1.',
  },
  exchange_rate_missing: { fa: 'برای این ارز نرخ تبدیل ثبت نشده است.', en: 'No exchange rate is known for this currency.' },
} satisfies Record<string, FieldError['message']>;

export const currencyFieldError = (path: string, code: keyof typeof currencyFieldMessages): FieldError => ({ path, code, message: currencyFieldMessages[code] });
