import { defineErrors } from '../../kernel/errors/index.ts';

export const searchErrors = defineErrors({
  record_not_found: {
    status: 404,
    fa: 'این رکورد در فضای کاری پیدا نشد، یا حذف یا با رکورد دیگری ادغام شده است.',
    en: 'The record was not found in this workspace, or it was deleted or merged into another.',
  },
  merge_same_record: { status: 400, fa: 'یک رکورد را نمی‌توان با خودش ادغام کرد.', en: 'A record cannot be merged with itself.' },
});
