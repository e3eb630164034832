import { defineErrors } from '../../kernel/errors/index.ts';

export const identityErrors = defineErrors({
  email_taken: {
    status: 409,
    fa: 'با این ایمیل قبلاً حساب ساخته شده است. وارد شوید یا رمز عبور را بازیابی کنید.',
    en: 'An account with this email already exists. Sign in or reset your password.',
  },
  invalid_credentials: { status: 401, fa: 'ایمیل یا رمز عبور نادرست است.', en: 'The email or password is incorrect.' },
  too_many_attempts: {
    status: 429,
    fa: 'تلاش‌های ناموفق زیادی برای ورود انجام شده است. {minutes} دقیقهٔ دیگر دوباره امتحان کنید.',
    en: 'Too many failed sign-in attempts. Try again in {minutes} minutes.',
  },
  invalid_reset_token: {
    status: 400,
    fa: 'پیوند بازیابی رمز عبور نامعتبر یا منقضی است. دوباره درخواست دهید.',
    en: 'The password reset link is invalid or has expired. Request a new one.',
  },
  weak_password: {
    status: 400,
    fa: 'رمز عبور باید دست‌کم ۸ نویسه باشد.',
    en: 'The password must be at least 8 characters long.',
  },
});
