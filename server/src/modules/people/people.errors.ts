import { defineErrors } from '../../kernel/errors/index.ts';

export const peopleErrors = defineErrors({
  person_not_found: { status: 404, fa: 'این شخص در فضای کاری پیدا نشد.', en: 'No such person in this workspace.' },
  person_deleted: {
    status: 409,
    fa: 'این شخص حذف شده است؛ برای ویرایش، ابتدا آن را بازگردانید.',
    en: 'This person is deleted; restore them before editing.',
  },
  people_not_found: {
    status: 404,
    fa: 'برخی از اشخاص انتخاب‌شده در این فضای کاری پیدا نشدند؛ هیچ تغییری انجام نشد.',
    en: 'Some of the selected people were not found in this workspace; nothing was changed.',
  },
});
