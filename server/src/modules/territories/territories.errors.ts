import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const territoryErrors = defineErrors({
  territory_not_found: { status: 404, fa: 'این قلمرو فروش در فضای کاری پیدا نشد.', en: 'No such sales territory in this workspace.' },
  territory_archived: { status: 409, fa: 'این قلمرو بایگانی شده است؛ ابتدا آن را بازگردانید.', en: 'This territory is archived; restore it first.' },
  team_not_found: { status: 404, fa: 'این تیم فروش در فضای کاری پیدا نشد.', en: 'No such sales team in this workspace.' },
  team_archived: { status: 409, fa: 'این تیم بایگانی شده است؛ ابتدا آن را بازگردانید.', en: 'This team is archived; restore it first.' },
});

/** Per-field messages that zod cannot word in both languages itself. */
export const territoryFieldMessages = {
  parent_not_found: { fa: 'قلمرو بالادستی در این فضای کاری پیدا نشد.', en: 'No such parent territory in this workspace.' },
  parent_cycle: {
    fa: 'قلمرو نمی‌تواند زیرمجموعهٔ خودش یا یکی از زیرمجموعه‌هایش باشد.',
    en: 'A territory cannot sit under itself or one of its own sub-territories.',
  },
  member_not_in_workspace: { fa: 'این کاربر عضو این فضای کاری نیست.', en: 'This user is not a member of this workspace.' },
  duplicate_member: { fa: 'این کاربر بیش از یک بار آمده است.', en: 'This user is listed more than once.' },
  territory_not_found: { fa: 'این قلمرو فروش در فضای کاری پیدا نشد.', en: 'No such sales territory in this workspace.' },
  territory_archived: { fa: 'این قلمرو بایگانی شده است.', en: 'This territory is archived.' },
  invalid_cursor: { fa: 'نشانگر صفحه نامعتبر است.', en: 'The page cursor is not valid.' },
} satisfies Record<string, FieldError['message']>;

export const territoryFieldError = (path: string, code: keyof typeof territoryFieldMessages): FieldError => ({ path, code, message: territoryFieldMessages[code] });
