import { toLatinDigits } from '#common/text/index.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const PHONE = /^\+?[\d\s().-]+$/;
const WEB = /^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i;
const MAILTO = /^mailto:[^\s@]+@[^\s@]+$/i;
const TEL = /^tel:\+?[\d().-]*\d[\d().-]*$/i;

/**
 * The address a link typed into the editor may point to, or null: only web pages (http/https),
 * email (mailto:) and phone numbers (tel:). A bare address gets the scheme it plainly means
 * (`name@example.com` → mailto:, `۰۹۱۲…` → tel:, `example.com` → https://). The server's sanitiser
 * drops any other scheme anyway; refusing it here tells the user before the link silently vanishes.
 */
export function safeHref(raw: string): string | null {
  const value = raw.trim();
  if (!value) return null;
  let href: string;
  if (SCHEME.test(value)) href = /^tel:/i.test(value) ? phoneHref(value.slice(4)) : value;
  else if (EMAIL.test(value)) href = `mailto:${value}`;
  else if (PHONE.test(toLatinDigits(value)) && /\d{3}/.test(toLatinDigits(value).replace(/\D/g, ''))) href = phoneHref(value);
  else href = `https://${value}`;
  return WEB.test(href) || MAILTO.test(href) || TEL.test(href) ? href : null;
}

/** tel: with Latin digits and no spaces, which is what phones' dialers read reliably. */
function phoneHref(number: string): string {
  return `tel:${toLatinDigits(number).replace(/\s+/g, '')}`;
}
