import { defineErrors } from '../../kernel/errors/index.ts';

export const memberErrors = defineErrors({
  member_not_found: { status: 404, fa: 'این عضو در فضای کاری پیدا نشد.', en: 'No such member in this workspace.' },
  unknown_role: { status: 400, fa: 'نقش «{role}» در این فضای کاری تعریف نشده است.', en: 'The role "{role}" is not defined in this workspace.' },
  last_admin: {
    status: 409,
    fa: 'فضای کاری باید دست‌کم یک مدیر سیستم داشته باشد.',
    en: 'A workspace must keep at least one admin.',
  },
});
