import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const workspaceErrors = defineErrors({
  workspace_not_found: { status: 404, fa: 'فضای کاری پیدا نشد.', en: 'Workspace not found.' },
  not_a_member: { status: 403, fa: 'شما عضو این فضای کاری نیستید.', en: 'You are not a member of this workspace.' },
  default_currency_in_use: {
    status: 409,
    fa: 'ارز پایه را پس از ثبت معامله، پیش‌فاکتور، سفارش یا نرخ ارز نمی‌توان تغییر داد؛ مبالغ ثبت‌شده با همین ارز محاسبه شده‌اند.',
    en: 'The default currency cannot change once deals, quotes, orders or exchange rates exist: their amounts were valued in it.',
  },
});

/** Per-field messages of the sales settings that zod cannot word in both languages itself. */
export const salesSettingsFieldMessages = {
  vat_rate_range: { fa: 'نرخ مالیات بر ارزش افزوده باید بین ۰ و ۱۰۰ درصد باشد.', en: 'The VAT rate must be between 0 and 100 percent.' },
} satisfies Record<string, FieldError['message']>;
