import { defineErrors, kernelErrors, type FieldError } from '../../kernel/errors/index.ts';

export const taskErrors = defineErrors({
  task_not_found: { status: 404, fa: 'این کار در فضای کاری پیدا نشد.', en: 'No such task in this workspace.' },
});

/** Per-field messages of task input, in both languages. */
export const taskFieldMessages = {
  invalid_date: {
    fa: 'تاریخ معتبر نیست؛ آن را به شکل سال/ماه/روز بنویسید (مثلاً ۱۴۰۳/۱۲/۳۰ یا 2025-03-20).',
    en: 'Not a valid date; write it year first (e.g. 2025-03-20 or 1403/12/30).',
  },
  invalid_time: { fa: 'ساعت باید به شکل ساعت:دقیقه باشد (مثلاً ۰۹:۳۰).', en: 'The time must be HH:MM (e.g. 09:30).' },
  time_without_date: { fa: 'برای تعیین ساعت، تاریخ سررسید را هم وارد کنید.', en: 'A due time needs a due date.' },
  reminder_without_date: { fa: 'یادآوری فقط برای کاری که تاریخ سررسید دارد ممکن است.', en: 'A reminder needs a due date.' },
  recurrence_without_date: { fa: 'کار تکرارشونده باید تاریخ سررسید داشته باشد.', en: 'A recurring task needs a due date.' },
  until_before_due: { fa: 'پایان تکرار نمی‌تواند پیش از تاریخ سررسید باشد.', en: 'The repetition cannot end before the due date.' },
  owner_not_member: { fa: 'مسئول باید یکی از اعضای این فضای کاری باشد.', en: 'The owner must be a member of this workspace.' },
  person_not_found: { fa: 'این مخاطب در فضای کاری پیدا نشد.', en: 'No such person in this workspace.' },
  organization_not_found: { fa: 'این سازمان در فضای کاری پیدا نشد.', en: 'No such organisation in this workspace.' },
  lead_not_found: { fa: 'این سرنخ در فضای کاری پیدا نشد.', en: 'No such lead in this workspace.' },
  deal_not_found: { fa: 'این معامله در فضای کاری پیدا نشد.', en: 'No such deal in this workspace.' },
  duplicate_link: { fa: 'این رکورد بیش از یک بار پیوند شده است.', en: 'This record is linked more than once.' },
  status_use_complete: {
    fa: 'برای انجام‌شده کردن کار از «انجام شد» استفاده کنید.',
    en: 'Use complete to mark a task as done.',
  },
  entity_id_without_type: { fa: 'همراه شناسه‌ی رکورد، نوع آن را هم بفرستید.', en: 'Send entityType together with entityId.' },
  invalid_status: { fa: 'وضعیت کار معتبر نیست.', en: 'Not a valid task status.' },
} satisfies Record<string, FieldError['message']>;

export type TaskFieldCode = keyof typeof taskFieldMessages;

export const taskFieldError = (path: string, code: TaskFieldCode): FieldError => ({ path, code, message: taskFieldMessages[code] });

/** A 400 with one field error (filters of a list, where nothing else is collected). */
export const invalidTaskField = (path: string, code: TaskFieldCode) => kernelErrors.validation_failed({ fieldErrors: [taskFieldError(path, code)] });
