import { defineErrors, kernelErrors, type FieldError } from '../../kernel/errors/index.ts';

/** Per-field messages of forecast and metrics queries that zod cannot word in both languages. */
export const analyticsFieldMessages = {
  range_reversed: { fa: 'تاریخ پایان باید بعد از تاریخ شروع باشد.', en: 'The end date must not be before the start date.' },
  range_too_long: {
    fa: 'این بازه دوره‌های زیادی دارد؛ بازهٔ کوتاه‌تر یا دورهٔ بزرگ‌تری (سه‌ماهه، سال) انتخاب کنید.',
    en: 'This range has too many periods; choose a shorter range or a longer period (quarter, year).',
  },
  unknown_bucket: { fa: 'این دوره در بازهٔ پیش‌بینی نیست.', en: 'This period is not in the forecast range.' },
  group_required: { fa: 'گروه را مشخص کنید.', en: 'Say which group.' },
  invalid_cursor: { fa: 'نشانگر صفحه نامعتبر است.', en: 'The page cursor is not valid.' },
} satisfies Record<string, FieldError['message']>;

/** A 400 validation_failed naming the parameter at fault, in the caller's language. */
export function invalidParameter(path: string, code: keyof typeof analyticsFieldMessages) {
  return kernelErrors.validation_failed({ fieldErrors: [{ path, code, message: analyticsFieldMessages[code] }] });
}

export const analyticsErrors = defineErrors({
  pipeline_not_found: { status: 404, fa: 'این پایپ‌لاین در فضای کاری پیدا نشد.', en: 'No such pipeline in this workspace.' },
});
