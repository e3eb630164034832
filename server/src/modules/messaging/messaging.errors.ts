import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const messagingErrors = defineErrors({
  sms_provider_not_configured: {
    status: 409,
    fa: 'برای این فضای کاری سامانهٔ پیامکی تنظیم یا فعال نشده است. در تنظیمات، بخش «پیامک»، آن را تنظیم کنید.',
    en: 'No SMS gateway is configured (or it is disabled) for this workspace. Set it up under Settings → SMS.',
  },
  sms_invalid_recipient: {
    status: 400,
    fa: 'شمارهٔ گیرندهٔ پیامک معتبر نیست: {to}',
    en: 'The SMS recipient is not a valid phone number: {to}',
  },
  sms_gateway_unreachable: {
    status: 502,
    fa: 'سامانهٔ پیامکی پاسخ نداد یا در دسترس نبود ({reason}). کمی بعد دوباره تلاش کنید.',
    en: 'The SMS gateway could not be reached or did not answer ({reason}). Try again shortly.',
  },
  template_not_found: { status: 404, fa: 'این قالب پیام در فضای کاری پیدا نشد.', en: 'No such message template in this workspace.' },
  template_name_taken: {
    status: 409,
    fa: 'قالب دیگری با همین نام برای این کانال در فضای کاری هست.',
    en: 'Another template of this channel already has this name in the workspace.',
  },
  template_channel_mismatch: {
    status: 400,
    fa: 'این قالب برای کانال دیگری است (ایمیل/پیامک).',
    en: 'This template belongs to the other channel (email/SMS).',
  },
  unknown_placeholder: {
    status: 400,
    fa: 'جای‌نگهدار ناشناخته: {placeholder}. جای‌نگهدارهای مجاز: {allowed}',
    en: 'Unknown placeholder: {placeholder}. Allowed placeholders: {allowed}',
  },
  person_not_found: { status: 404, fa: 'این شخص در فضای کاری پیدا نشد.', en: 'No such person in this workspace.' },
  email_consent_refused: {
    status: 409,
    fa: 'این شخص دریافت ایمیل را نپذیرفته است (رضایت ایمیل: خیر)؛ ایمیل فرستاده نشد.',
    en: 'This person has opted out of email (email consent: no); nothing was sent.',
  },
  sms_consent_refused: {
    status: 409,
    fa: 'این شخص دریافت پیامک را نپذیرفته است (رضایت پیامک: خیر)؛ پیامک فرستاده نشد.',
    en: 'This person has opted out of SMS (SMS consent: no); nothing was sent.',
  },
  no_email_address: {
    status: 409,
    fa: 'این شخص نشانی ایمیلی ندارد؛ نشانی را در «to» بدهید یا به پروندهٔ او بیفزایید.',
    en: 'This person has no email address; give one in "to" or add it to their record.',
  },
  no_mobile_number: {
    status: 409,
    fa: 'این شخص شمارهٔ تلفن همراهی ندارد؛ شماره را در «to» بدهید یا به پروندهٔ او بیفزایید.',
    en: 'This person has no mobile number; give one in "to" or add it to their record.',
  },
  message_empty: {
    status: 400,
    fa: 'متن پیام خالی است؛ یک قالب انتخاب کنید یا متن را بنویسید.',
    en: 'The message is empty; choose a template or write the text.',
  },
  link_not_found: {
    status: 400,
    fa: 'پروندهٔ پیوندشده پیدا نشد: {entityType} {entityId}',
    en: 'The linked record was not found: {entityType} {entityId}',
  },
});

/** Per-field messages of messaging input, in both languages. */
export const messagingFieldMessages = {
  invalid_phone: { fa: 'شمارهٔ تلفن معتبر نیست.', en: 'Not a valid phone number.' },
  invalid_email: { fa: 'نشانی ایمیل معتبر نیست.', en: 'Not a valid email address.' },
  invalid_url: { fa: 'نشانی باید با http:// یا https:// آغاز شود.', en: 'The URL must start with http:// or https://.' },
  subject_required: { fa: 'موضوع ایمیل را وارد کنید.', en: 'Enter the email subject.' },
  unknown_placeholder: { fa: 'جای‌نگهدار ناشناخته در متن.', en: 'Unknown placeholder in the text.' },
} satisfies Record<string, FieldError['message']>;

export const messagingFieldError = (path: string, code: keyof typeof messagingFieldMessages): FieldError => ({
  path,
  code,
  message: messagingFieldMessages[code],
});
