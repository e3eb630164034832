import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const dealErrors = defineErrors({
  deal_not_found: { status: 404, fa: 'این معامله در فضای کاری پیدا نشد.', en: 'No such deal in this workspace.' },
  deal_deleted: { status: 409, fa: 'این معامله حذف شده است؛ ابتدا آن را بازیابی کنید.', en: 'This deal is deleted; restore it first.' },
  view_not_for_deals: { status: 400, fa: 'این نمای ذخیره‌شده مربوط به معامله‌ها نیست.', en: 'This saved view is not a view of deals.' },
  lost_reason_required: {
    status: 422,
    fa: 'برای بردن معامله به مرحله‌ی ناموفق، دلیل شکست را انتخاب کنید.',
    en: 'Choose a lost reason to move the deal to a lost stage.',
  },
  exchange_rate_missing: {
    status: 422,
    fa: 'نرخ تبدیل «{currency}» به ارز پایه‌ی فضای کاری ثبت نشده است؛ ابتدا نرخ ارز را وارد کنید یا نرخ را همراه معامله بفرستید.',
    en: 'No exchange rate from {currency} to the workspace currency is known; add one first or send exchangeRate with the deal.',
  },
});

export const dealFieldMessages = {
  pipeline_not_found: { fa: 'این پایپ‌لاین در فضای کاری پیدا نشد.', en: 'No such pipeline in this workspace.' },
  stage_not_found: { fa: 'این مرحله در فضای کاری پیدا نشد یا بایگانی شده است.', en: 'No such active stage in this workspace.' },
  stage_not_in_pipeline: { fa: 'این مرحله متعلق به پایپ‌لاین انتخاب‌شده نیست.', en: 'This stage belongs to another pipeline.' },
  organization_not_found: { fa: 'این سازمان در فضای کاری پیدا نشد.', en: 'No such organisation in this workspace.' },
  person_not_found: { fa: 'این مخاطب در فضای کاری پیدا نشد.', en: 'No such person in this workspace.' },
  duplicate_person: { fa: 'این مخاطب بیش از یک بار آمده است.', en: 'This person is listed more than once.' },
  owner_not_member: { fa: 'مسئول باید یکی از اعضای این فضای کاری باشد.', en: 'The owner must be a member of this workspace.' },
  territory_not_found: { fa: 'این منطقه‌ی فروش در فضای کاری پیدا نشد.', en: 'No such territory in this workspace.' },
  lost_reason_not_found: { fa: 'این دلیل شکست در فضای کاری پیدا نشد.', en: 'No such lost reason in this workspace.' },
  lost_reason_required: { fa: 'دلیل شکست را انتخاب کنید.', en: 'Choose a lost reason.' },
  competitor_not_found: { fa: 'این رقیب در فضای کاری پیدا نشد.', en: 'No such competitor in this workspace.' },
  competitor_not_competitor: { fa: 'سازمان انتخاب‌شده از نوع «رقیب» نیست.', en: 'This organisation is not of type competitor.' },
  product_not_found: { fa: 'این محصول در فضای کاری پیدا نشد.', en: 'No such product in this workspace.' },
  lead_not_found: { fa: 'این سرنخ در فضای کاری پیدا نشد.', en: 'No such lead in this workspace.' },
  discount_range: { fa: 'تخفیف باید بین ۰ تا ۱۰۰ درصد باشد.', en: 'The discount must be from 0 to 100 percent.' },
  neighbour_not_found: { fa: 'کارت همسایه در این ستون پیدا نشد.', en: 'The neighbouring card is not in this column.' },
  exchange_rate_missing: { fa: 'برای این ارز نرخ تبدیل ثبت نشده است.', en: 'No exchange rate is known for this currency.' },
  view_not_for_deals: { fa: 'این نمای ذخیره‌شده مربوط به معامله‌ها نیست.', en: 'This saved view is not a view of deals.' },
  move_target_lost: {
    fa: 'معامله‌های باز را نمی‌توان یک‌جا به مرحله‌ی ناموفق برد (هر کدام دلیل شکست لازم دارد)؛ مرحله‌ی دیگری انتخاب کنید.',
    en: 'Open deals cannot all be moved to a lost stage (each needs a lost reason); choose another stage.',
  },
  invalid_filter: { fa: 'فیلتر باید JSON معتبر باشد.', en: 'The filter must be valid JSON.' },
  invalid_cursor: { fa: 'نشانگر صفحه نامعتبر است.', en: 'The page cursor is not valid.' },
} satisfies Record<string, FieldError['message']>;

export const dealFieldError = (path: string, code: keyof typeof dealFieldMessages): FieldError => ({ path, code, message: dealFieldMessages[code] });
