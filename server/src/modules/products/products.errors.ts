import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const productErrors = defineErrors({
  product_not_found: { status: 404, fa: 'این کالا یا خدمت در فضای کاری پیدا نشد.', en: 'No such product in this workspace.' },
  product_deleted: { status: 409, fa: 'این کالا حذف شده است؛ ابتدا آن را بازیابی کنید.', en: 'This product is deleted; restore it first.' },
  sku_taken: {
    status: 409,
    fa: 'کالای دیگری با همین کد کالا (SKU) در این فضای کاری هست.',
    en: 'Another product of this workspace already has this SKU.',
  },
  price_list_not_found: { status: 404, fa: 'این فهرست قیمت در فضای کاری پیدا نشد.', en: 'No such price list in this workspace.' },
});

/** Per-field messages of product and price-list input, in both languages. */
export const productFieldMessages = {
  invalid_amount: { fa: 'مبلغ باید عددی نامنفی با حداکثر دو رقم اعشار باشد.', en: 'The amount must be a non-negative number with at most two decimals.' },
  invalid_quantity: { fa: 'مقدار باید عددی مثبت با حداکثر سه رقم اعشار باشد.', en: 'The quantity must be a positive number with at most three decimals.' },
  invalid_currency: { fa: 'کد ارز معتبر نیست (مثلاً IRR، USD، EUR).', en: 'Not a valid ISO 4217 currency code (e.g. IRR, USD, EUR).' },
  sku_taken: { fa: 'این کد کالا (SKU) قبلاً به کالای دیگری داده شده است.', en: 'This SKU already belongs to another product.' },
  name_required: { fa: 'نام کالا یا خدمت را وارد کنید.', en: "Enter the product's name." },
  product_not_found: { fa: 'این کالا در فضای کاری پیدا نشد.', en: 'No such product in this workspace.' },
  duplicate_item: { fa: 'این کالا با همین حداقل مقدار بیش از یک بار آمده است.', en: 'This product appears more than once with the same minimum quantity.' },
  invalid_date_range: { fa: 'تاریخ پایان باید پس از تاریخ شروع باشد.', en: 'The end date must come after the start date.' },
} satisfies Record<string, FieldError['message']>;

export const productFieldError = (path: string, code: keyof typeof productFieldMessages): FieldError => ({ path, code, message: productFieldMessages[code] });
