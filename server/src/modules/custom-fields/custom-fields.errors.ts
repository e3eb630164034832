import { defineErrors } from '../../kernel/errors/index.ts';

export const customFieldErrors = defineErrors({
  custom_field_not_found: { status: 404, fa: 'این فیلد سفارشی پیدا نشد.', en: 'No such custom field.' },
  custom_field_key_taken: {
    status: 409,
    fa: 'کلید «{key}» را فیلد دیگری (شاید بایگانی‌شده) به کار برده است.',
    en: 'The key "{key}" is already used by another field (perhaps an archived one).',
  },
  custom_field_archived: { status: 409, fa: 'این فیلد بایگانی شده است و تغییر نمی‌کند.', en: 'This field is archived and cannot be changed.' },
});
