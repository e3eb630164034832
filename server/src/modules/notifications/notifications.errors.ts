import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const notificationErrors = defineErrors({
  notification_not_found: { status: 404, fa: 'این اعلان پیدا نشد.', en: 'No such notification.' },
  notifications_user_only: {
    status: 403,
    fa: 'اعلان‌ها مال کاربران واردشده‌اند؛ کلید API اعلانی ندارد.',
    en: 'Notifications belong to signed-in users; an API key has none.',
  },
});

export const notificationFieldMessages = {
  invalid_phone: { fa: 'شمارهٔ موبایل معتبر نیست (مثلاً ۰۹۱۲۱۲۳۴۵۶۷).', en: 'Not a valid mobile number (e.g. 09121234567).' },
  not_mobile: { fa: 'پیامک فقط به شمارهٔ موبایل می‌رسد؛ شمارهٔ ثابت پذیرفته نیست.', en: 'SMS only reaches mobiles; a landline number cannot be used.' },
} satisfies Record<string, FieldError['message']>;

export const notificationFieldError = (path: string, code: keyof typeof notificationFieldMessages): FieldError => ({
  path,
  code,
  message: notificationFieldMessages[code],
});
