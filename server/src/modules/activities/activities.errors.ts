import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const activityErrors = defineErrors({
  activity_not_found: { status: 404, fa: 'این فعالیت در فضای کاری پیدا نشد.', en: 'No such activity in this workspace.' },
  activity_not_planned: {
    status: 409,
    fa: 'فقط تماس یا جلسه‌ی برنامه‌ریزی‌شده را می‌توان انجام‌شده ثبت کرد.',
    en: 'Only a planned call or meeting can be completed.',
  },
  link_target_not_found: { status: 404, fa: 'سابقه‌ای که فعالیت به آن پیوند دارد در فضای کاری پیدا نشد.', en: 'The record the activity is linked to is not in this workspace.' },
});

export const activityFieldMessages = {
  link_not_found: { fa: 'این سابقه (مخاطب، سازمان، سرنخ یا معامله) در فضای کاری پیدا نشد یا حذف شده است.', en: 'No such live person, organisation, lead or deal in this workspace.' },
  links_required: {
    fa: 'فعالیت را دست‌کم به یک مخاطب، سازمان، سرنخ یا معامله پیوند دهید (جلسه می‌تواند فقط شرکت‌کننده داشته باشد).',
    en: 'Link the activity to at least one person, organisation, lead or deal (a meeting may have attendees instead).',
  },
  person_not_found: { fa: 'این مخاطب در فضای کاری پیدا نشد.', en: 'No such person in this workspace.' },
  user_not_member: { fa: 'این کاربر عضو این فضای کاری نیست.', en: 'This user is not a member of this workspace.' },
  owner_not_member: { fa: 'مسئول باید یکی از اعضای این فضای کاری باشد.', en: 'The owner must be a member of this workspace.' },
  duplicate_attendee: { fa: 'این شرکت‌کننده بیش از یک بار آمده است.', en: 'This attendee is listed more than once.' },
  direction_required: { fa: 'جهت تماس (ورودی یا خروجی) را مشخص کنید.', en: 'Say whether the call was inbound or outbound.' },
  ends_before_start: { fa: 'پایان جلسه نمی‌تواند پیش از شروع آن باشد.', en: 'A meeting cannot end before it starts.' },
  invalid_phone: { fa: 'شماره‌ی تلفن معتبر نیست؛ مثلاً ۰۹۱۲۱۲۳۴۵۶۷ یا ‎+982188776655.', en: 'Not a valid phone number, e.g. 09121234567 or +982188776655.' },
  planned_not_allowed: { fa: 'فقط تماس و جلسه را می‌توان برنامه‌ریزی کرد.', en: 'Only calls and meetings can be planned.' },
  not_for_type: { fa: 'این فیلد برای این نوع فعالیت کاربرد ندارد.', en: 'This field does not apply to this type of activity.' },
  entity_pair: { fa: 'نوع و شناسه‌ی سابقه را با هم بفرستید.', en: 'Send entityType and entityId together.' },
  invalid_cursor: { fa: 'نشانگر صفحه نامعتبر است.', en: 'The page cursor is not valid.' },
} satisfies Record<string, FieldError['message']>;

export const activityFieldError = (path: string, code: keyof typeof activityFieldMessages): FieldError => ({ path, code, message: activityFieldMessages[code] });
