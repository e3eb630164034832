import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const calendarErrors = defineErrors({
  calendar_range_invalid: {
    status: 400,
    fa: 'بازهٔ تقویم معتبر نیست: پایان باید پس از شروع و حداکثر ۱۰۰ روز بعد از آن باشد.',
    en: 'Invalid calendar range: the end must come after the start and at most 100 days later.',
  },
  calendar_feed_user_only: {
    status: 403,
    fa: 'نشانی تقویم شخصی است و فقط کاربر واردشده می‌تواند آن را بسازد یا باطل کند، نه کلید API.',
    en: 'A calendar feed is personal: only a signed-in user can create or revoke it, not an API key.',
  },
  calendar_feed_not_found: { status: 404, fa: 'این نشانی تقویم وجود ندارد یا باطل شده است.', en: 'This calendar address does not exist or has been revoked.' },
});

export const calendarFieldMessages = {
  range_invalid: { fa: 'پایان بازه باید پس از شروع و حداکثر ۱۰۰ روز بعد از آن باشد.', en: 'The end must come after the start, at most 100 days later.' },
} satisfies Record<string, FieldError['message']>;

export const calendarFieldError = (path: string, code: keyof typeof calendarFieldMessages): FieldError => ({ path, code, message: calendarFieldMessages[code] });
