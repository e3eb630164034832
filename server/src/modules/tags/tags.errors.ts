import { defineErrors } from '../../kernel/errors/index.ts';

export const tagErrors = defineErrors({
  tag_not_found: { status: 404, fa: 'این برچسب پیدا نشد.', en: 'No such tag.' },
  tag_name_taken: { status: 409, fa: 'برچسبی با نام «{name}» از قبل وجود دارد.', en: 'A tag named "{name}" already exists.' },
  tag_name_empty: { status: 400, fa: 'نام برچسب خالی است.', en: 'The tag name is empty.' },
  tag_name_too_long: { status: 400, fa: 'نام برچسب حداکثر {max} نویسه است.', en: 'A tag name has at most {max} characters.' },
  unknown_tags: {
    status: 400,
    fa: 'این برچسب‌ها در این فضای کاری نیستند: {ids}',
    en: 'These tags do not exist in this workspace: {ids}',
  },
  too_many_tags: { status: 400, fa: 'یک رکورد حداکثر {max} برچسب می‌گیرد.', en: 'A record can carry at most {max} tags.' },
});
