import type { Locale } from '../../kernel/errors/index.ts';

export type EmailMessage = { to: string; subject: string; text: string; html?: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain, readable email in both directions; the HTML part mirrors the text. */
export function composeEmail(locale: Locale, to: string, subject: string, paragraphs: string[], link: { url: string; label: string }): EmailMessage {
  const dir = locale === 'fa' ? 'rtl' : 'ltr';
  const text = [...paragraphs, '', `${link.label}: ${link.url}`].join('\n');
  const html =
    `<div dir="${dir}" style="font-family:Vazirmatn,Tahoma,Arial,sans-serif;line-height:1.8">` +
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p></div>`;
  return { to, subject, text, html };
}

export function passwordResetEmail(locale: Locale, to: string, name: string, url: string): EmailMessage {
  return locale === 'fa'
    ? composeEmail(locale, to, 'بازیابی رمز عبور پیوند', [
        `${name} عزیز، سلام.`,
        'درخواستی برای تعیین رمز عبور تازه برای حساب شما در پیوند دریافت شد. این پیوند تا یک ساعت معتبر است.',
        'اگر این درخواست را شما نداده‌اید، این ایمیل را نادیده بگیرید.',
      ], { url, label: 'تعیین رمز عبور تازه' })
    : composeEmail(locale, to, 'Reset your Peyvand password', [
        `Hello ${name},`,
        'We received a request to set a new password for your Peyvand account. The link is valid for one hour.',
        'If you did not ask for this, ignore this email.',
      ], { url, label: 'Set a new password' });
}
