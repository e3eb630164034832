import { defineErrors } from '../../kernel/errors/index.ts';

export const apiKeyErrors = defineErrors({
  api_key_not_found: { status: 404, fa: 'این کلید API پیدا نشد.', en: 'No such API key.' },
  expiry_in_past: { status: 400, fa: 'تاریخ انقضا باید در آینده باشد.', en: 'The expiry date must be in the future.' },
});
