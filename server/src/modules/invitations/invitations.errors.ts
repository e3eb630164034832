import { defineErrors } from '../../kernel/errors/index.ts';

export const invitationErrors = defineErrors({
  invitation_not_found: { status: 404, fa: 'این دعوت‌نامه پیدا نشد.', en: 'No such invitation.' },
  invitation_invalid: {
    status: 410,
    fa: 'این دعوت‌نامه دیگر معتبر نیست (پذیرفته، لغو یا منقضی شده است).',
    en: 'This invitation is no longer valid (accepted, revoked or expired).',
  },
  already_member: { status: 409, fa: 'این شخص هم‌اکنون عضو فضای کاری است.', en: 'This person is already a member of the workspace.' },
  email_mismatch: {
    status: 403,
    fa: 'این دعوت‌نامه برای ایمیل دیگری فرستاده شده است. با همان ایمیل وارد شوید.',
    en: 'This invitation was sent to another email address. Sign in with that address.',
  },
  sign_in_required: {
    status: 401,
    fa: 'برای این ایمیل حساب وجود دارد. ابتدا وارد شوید تا دعوت را بپذیرید.',
    en: 'An account exists for this email. Sign in first to accept the invitation.',
  },
  account_details_required: {
    status: 400,
    fa: 'برای ساختن حساب، نام و رمز عبور لازم است.',
    en: 'A name and a password are needed to create your account.',
  },
});
