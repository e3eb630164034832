import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const leadErrors = defineErrors({
  lead_not_found: { status: 404, fa: 'این سرنخ در فضای کاری پیدا نشد.', en: 'No such lead in this workspace.' },
  lead_converted: {
    status: 409,
    fa: 'این سرنخ به مخاطب تبدیل شده و فقط‌خواندنی است؛ تغییرات را روی مخاطب انجام دهید.',
    en: 'This lead was converted and is read-only; make changes on the person instead.',
  },
  lead_deleted: {
    status: 409,
    fa: 'این سرنخ حذف شده است؛ ابتدا آن را بازیابی کنید.',
    en: 'This lead is deleted; restore it first.',
  },
  leads_not_found: {
    status: 404,
    fa: 'برخی از سرنخ‌های انتخاب‌شده در این فضای کاری پیدا نشدند؛ هیچ تغییری انجام نشد.',
    en: 'Some of the selected leads were not found in this workspace; nothing was changed.',
  },
  leads_converted: {
    status: 409,
    fa: 'برخی از سرنخ‌های انتخاب‌شده تبدیل شده‌اند و فقط‌خواندنی‌اند؛ هیچ تغییری انجام نشد.',
    en: 'Some of the selected leads were converted and are read-only; nothing was changed.',
  },
  invalid_status_transitions: {
    status: 409,
    fa: 'وضعیت برخی از سرنخ‌های انتخاب‌شده نمی‌تواند به «{toFa}» تغییر کند؛ هیچ تغییری انجام نشد.',
    en: 'Some of the selected leads cannot go to "{to}"; nothing was changed.',
  },
  invalid_status_transition: {
    status: 409,
    fa: 'وضعیت سرنخ نمی‌تواند از «{fromFa}» به «{toFa}» تغییر کند.{hintFa}',
    en: 'A lead cannot go from "{from}" to "{to}".{hintEn}',
  },
  view_not_for_leads: { status: 400, fa: 'این نمای ذخیره‌شده مربوط به سرنخ‌ها نیست.', en: 'This saved view is not a view of leads.' },
});

export type LeadErrorCode = keyof typeof leadErrors;

/** Per-field messages of lead input that zod cannot word in both languages itself. */
export const leadFieldMessages = {
  invalid_phone: { fa: 'شماره تلفن معتبر نیست؛ مثلاً ۰۹۱۲۱۲۳۴۵۶۷ یا ‎+989121234567.', en: 'Not a valid phone number, e.g. 09121234567 or +989121234567.' },
  owner_not_member: { fa: 'مسئول باید یکی از اعضای این فضای کاری باشد.', en: 'The owner must be a member of this workspace.' },
  identity_required: {
    fa: 'دست‌کم نام، نام خانوادگی، شرکت، ایمیل یا تلفن را وارد کنید.',
    en: 'Give at least a first or last name, a company, an email or a phone.',
  },
  organization_name_required: {
    fa: 'نام سازمان لازم است؛ سرنخ نام شرکت ندارد.',
    en: 'The organisation needs a name; the lead has no company name.',
  },
  organization_id_required: { fa: 'سازمان موجود را انتخاب کنید.', en: 'Choose the existing organisation.' },
  organization_not_found: { fa: 'این سازمان در فضای کاری پیدا نشد.', en: 'No such organisation in this workspace.' },
  invalid_filter: { fa: 'فیلتر باید JSON معتبر باشد.', en: 'The filter must be valid JSON.' },
  view_not_for_leads: { fa: 'این نمای ذخیره‌شده مربوط به سرنخ‌ها نیست.', en: 'This saved view is not a view of leads.' },
  tag_not_found: { fa: 'چنین برچسبی در این فضای کاری نیست.', en: 'No such tag in this workspace.' },
  lead_not_found: { fa: 'این سرنخ در فضای کاری پیدا نشد.', en: 'No such lead in this workspace.' },
  lead_converted: { fa: 'این سرنخ تبدیل شده و فقط‌خواندنی است.', en: 'This lead was converted and is read-only.' },
  required: { fa: 'این مقدار برای این کار لازم است.', en: 'This value is needed for this action.' },
} satisfies Record<string, FieldError['message']>;

export const fieldError = (path: string, code: keyof typeof leadFieldMessages): FieldError => ({ path, code, message: leadFieldMessages[code] });
