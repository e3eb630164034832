import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const orderErrors = defineErrors({
  quote_not_found: { status: 404, fa: 'این پیش‌فاکتور در فضای کاری پیدا نشد.', en: 'No such quote in this workspace.' },
  order_not_found: { status: 404, fa: 'این سفارش یا فاکتور در فضای کاری پیدا نشد.', en: 'No such order in this workspace.' },
  document_deleted: { status: 409, fa: 'این سند حذف شده است؛ ابتدا آن را بازیابی کنید.', en: 'This document is deleted; restore it first.' },
  invalid_status_transition: {
    status: 409,
    fa: 'وضعیت نمی‌تواند از «{fromFa}» به «{toFa}» تغییر کند.',
    en: 'The status cannot go from "{from}" to "{to}".',
  },
  document_locked: {
    status: 409,
    fa: 'ردیف‌ها و مبالغ این سند در وضعیت «{statusFa}» قابل ویرایش نیستند.',
    en: 'The lines and amounts of this document cannot change while it is "{status}".',
  },
  quote_not_convertible: {
    status: 409,
    fa: 'فقط پیش‌فاکتور ارسال‌شده یا پذیرفته‌شده‌ای که هنوز سفارش نشده به سفارش تبدیل می‌شود.',
    en: 'Only a sent or accepted quote that has no order yet can become an order.',
  },
  external_ref_taken: {
    status: 409,
    fa: 'سفارش دیگری با همین شمارهٔ خارجی در این فضای کاری هست.',
    en: 'Another order of this workspace already has this external number.',
  },
  exchange_rate_missing: {
    status: 422,
    fa: 'نرخ تبدیل «{currency}» به ارز پایهٔ فضای کاری در این تاریخ ثبت نشده است؛ ابتدا نرخ ارز را وارد کنید.',
    en: 'No exchange rate from {currency} to the workspace currency is known for that date; add one first.',
  },
});

export const STATUS_LABELS_FA: Record<string, string> = {
  draft: 'پیش‌نویس',
  sent: 'ارسال‌شده',
  accepted: 'پذیرفته‌شده',
  rejected: 'ردشده',
  expired: 'منقضی',
  confirmed: 'تأییدشده',
  invoiced: 'صورت‌حساب‌شده',
  paid: 'پرداخت‌شده',
  cancelled: 'لغوشده',
};

/** Per-field messages of quote and order input, in both languages. */
export const orderFieldMessages = {
  product_not_found: { fa: 'این کالا در فضای کاری پیدا نشد.', en: 'No such product in this workspace.' },
  description_required: { fa: 'شرح ردیف را وارد کنید یا کالایی انتخاب کنید.', en: 'Give the line a description or choose a product.' },
  unit_price_required: { fa: 'قیمت واحد را وارد کنید یا کالایی انتخاب کنید.', en: 'Give the line a unit price or choose a product.' },
  price_currency_mismatch: {
    fa: 'قیمت این کالا به ارز دیگری است؛ قیمت واحد را به ارز سند وارد کنید.',
    en: "This product is priced in another currency; enter the unit price in the document's currency.",
  },
  percent_out_of_range: { fa: 'درصد باید بین ۰ و ۱۰۰ باشد.', en: 'The percentage must be between 0 and 100.' },
  organization_not_found: { fa: 'این سازمان در فضای کاری پیدا نشد.', en: 'No such organisation in this workspace.' },
  person_not_found: { fa: 'این شخص در فضای کاری پیدا نشد.', en: 'No such person in this workspace.' },
  deal_not_found: { fa: 'این معامله در فضای کاری پیدا نشد.', en: 'No such deal in this workspace.' },
  price_list_not_found: { fa: 'این فهرست قیمت در فضای کاری پیدا نشد.', en: 'No such price list in this workspace.' },
  owner_not_member: { fa: 'مسئول باید یکی از اعضای این فضای کاری باشد.', en: 'The owner must be a member of this workspace.' },
  invalid_date_range: { fa: 'این تاریخ نمی‌تواند پیش از تاریخ سند باشد.', en: 'This date cannot come before the document date.' },
  external_ref_taken: { fa: 'این شمارهٔ خارجی به سفارش دیگری داده شده است.', en: 'This external number already belongs to another order.' },
  exchange_rate_missing: { fa: 'برای این ارز در این تاریخ نرخ تبدیل ثبت نشده است.', en: 'No exchange rate is known for this currency on that date.' },
  amount_too_large: { fa: 'مبلغ این ردیف یا جمع سند بیش از حد بزرگ است.', en: 'The amount of this line or of the document is too large.' },
} satisfies Record<string, FieldError['message']>;

export const orderFieldError = (path: string, code: keyof typeof orderFieldMessages): FieldError => ({ path, code, message: orderFieldMessages[code] });
