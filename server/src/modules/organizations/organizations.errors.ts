import { defineErrors } from '../../kernel/errors/index.ts';

export const organizationErrors = defineErrors({
  organization_not_found: { status: 404, fa: 'این سازمان در فضای کاری پیدا نشد.', en: 'No such organisation in this workspace.' },
  organization_deleted: {
    status: 409,
    fa: 'این سازمان حذف شده است؛ برای ویرایش، ابتدا آن را بازگردانید.',
    en: 'This organisation is deleted; restore it before editing.',
  },
  organizations_not_found: {
    status: 404,
    fa: 'برخی از سازمان‌های انتخاب‌شده در این فضای کاری پیدا نشدند؛ هیچ تغییری انجام نشد.',
    en: 'Some of the selected organisations were not found in this workspace; nothing was changed.',
  },
  person_not_linked: { status: 404, fa: 'این شخص به این سازمان پیوند ندارد.', en: 'This person is not linked to this organisation.' },
});
