import { defineErrors } from '../../kernel/errors/index.ts';

export const viewErrors = defineErrors({
  view_not_found: { status: 404, fa: 'این نمای ذخیره‌شده پیدا نشد.', en: 'No such saved view.' },
  view_not_editable: {
    status: 403,
    fa: 'نمای اشتراکی را فقط سازندهٔ آن یا مدیر فضای کاری می‌تواند تغییر دهد.',
    en: 'Only its owner or a workspace admin can change a shared view.',
  },
  view_visibility_owner_only: {
    status: 403,
    fa: 'فقط سازندهٔ نما می‌تواند آن را خصوصی یا اشتراکی کند.',
    en: 'Only the owner of a view can make it private or shared.',
  },
  private_view_needs_user: {
    status: 400,
    fa: 'نمای خصوصی باید متعلق به یک کاربر باشد؛ با کلید API فقط نمای اشتراکی ساخته می‌شود.',
    en: 'A private view belongs to a user; an API key can only create shared views.',
  },
  views_unavailable: {
    status: 400,
    fa: 'برای فهرست «{entityType}» نمای ذخیره‌شده در دسترس نیست.',
    en: 'Saved views are not available for the "{entityType}" list.',
  },
});
