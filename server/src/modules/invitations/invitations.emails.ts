import type { Locale } from '../../kernel/errors/index.ts';
import { composeEmail, type EmailMessage } from '../identity/identity.emails.ts';

export function invitationEmail(locale: Locale, to: string, inviter: string, workspace: string, url: string): EmailMessage {
  return locale === 'fa'
    ? composeEmail(locale, to, `دعوت به پیوند: ${workspace}`, [
        'سلام،',
        `${inviter} شما را به فضای کاری «${workspace}» در پیوند دعوت کرده است.`,
        'این دعوت‌نامه تا هفت روز معتبر است.',
      ], { url, label: 'پذیرفتن دعوت' })
    : composeEmail(locale, to, `Invitation to Peyvand: ${workspace}`, [
        'Hello,',
        `${inviter} invited you to the workspace "${workspace}" on Peyvand.`,
        'The invitation is valid for seven days.',
      ], { url, label: 'Accept the invitation' });
}
