import { defineErrors } from './app-error.ts';

/** Errors any module can raise; module-specific ones live in <module>.errors.ts. */
export const kernelErrors = defineErrors({
  validation_failed: { status: 400, fa: 'برخی از مقادیر واردشده معتبر نیستند.', en: 'Some of the values sent are not valid.' },
  malformed_request: { status: 400, fa: 'درخواست قابل خواندن نیست.', en: 'The request could not be read.' },
  unauthenticated: { status: 401, fa: 'ابتدا وارد حساب خود شوید.', en: 'Please sign in first.' },
  invalid_api_key: { status: 401, fa: 'کلید API نامعتبر، باطل‌شده یا منقضی است.', en: 'The API key is invalid, revoked or expired.' },
  no_workspace: { status: 403, fa: 'شما عضو هیچ فضای کاری نیستید.', en: 'You are not a member of any workspace.' },
  forbidden: { status: 403, fa: 'اجازهٔ انجام این کار را ندارید.', en: 'You are not allowed to do this.' },
  not_found: { status: 404, fa: 'مورد درخواستی پیدا نشد.', en: 'The requested item was not found.' },
  route_not_found: { status: 404, fa: 'این نشانی در API وجود ندارد.', en: 'There is no such API endpoint.' },
  version_conflict: {
    status: 409,
    fa: 'این مورد در این فاصله توسط شخص دیگری تغییر کرده است. صفحه را تازه کنید و دوباره تلاش کنید.',
    en: 'Someone else changed this item in the meantime. Reload it and try again.',
  },
  idempotency_key_reused: {
    status: 422,
    fa: 'این Idempotency-Key قبلاً با محتوای دیگری به کار رفته است.',
    en: 'This Idempotency-Key was already used with a different request.',
  },
  idempotency_in_progress: {
    status: 409,
    fa: 'درخواستی با همین Idempotency-Key هنوز در حال انجام است.',
    en: 'A request with the same Idempotency-Key is still in progress.',
  },
  payload_too_large: { status: 413, fa: 'حجم درخواست بیش از حد مجاز است.', en: 'The request is too large.' },
  rate_limited: { status: 429, fa: 'تعداد درخواست‌ها زیاد است؛ کمی بعد دوباره تلاش کنید.', en: 'Too many requests; try again shortly.' },
  internal_error: { status: 500, fa: 'خطای داخلی رخ داد. لطفاً دوباره تلاش کنید.', en: 'An internal error occurred. Please try again.' },
  service_unavailable: { status: 503, fa: 'سرویس موقتاً در دسترس نیست.', en: 'The service is temporarily unavailable.' },
});
