import { defineErrors } from '../../kernel/errors/index.ts';

export const workspaceErrors = defineErrors({
  workspace_not_found: { status: 404, fa: 'فضای کاری پیدا نشد.', en: 'Workspace not found.' },
  not_a_member: { status: 403, fa: 'شما عضو این فضای کاری نیستید.', en: 'You are not a member of this workspace.' },
});
