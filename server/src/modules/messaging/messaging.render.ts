import { escapeHtml, richTextToPlain } from '../../kernel/html/sanitize.ts';

/** What a template may ask for; everything else between {{ }} is refused when it is saved. */
export const PLACEHOLDERS = ['first_name', 'last_name', 'full_name', 'organization', 'job_title', 'owner_name', 'workspace', 'email', 'phone'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string | null>;

const KNOWN = new Set<string>(PLACEHOLDERS);
/** `{{name}}` or `{{name|fallback}}`; the fallback runs to the closing braces. */
const PLACEHOLDER_RE = /\{\{([^{}]*)\}\}/g;

type Token = { name: string; fallback: string | null };

function parseToken(inner: string): Token {
  const bar = inner.indexOf('|');
  if (bar === -1) return { name: inner.trim(), fallback: null };
  return { name: inner.slice(0, bar).trim(), fallback: inner.slice(bar + 1).trim() };
}

/** The placeholders used in these texts, in order of first appearance, and the unknown ones. */
export function scanPlaceholders(...texts: Array<string | null | undefined>): { used: Placeholder[]; unknown: string[] } {
  const used: Placeholder[] = [];
  const unknown: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(PLACEHOLDER_RE)) {
      const { name } = parseToken(match[1]!);
      if (KNOWN.has(name)) {
        if (!used.includes(name as Placeholder)) used.push(name as Placeholder);
      } else if (!unknown.includes(name)) unknown.push(name);
    }
  }
  return { used, unknown };
}

export type Rendered = { text: string; missing: Placeholder[] };

/**
 * Fills placeholders. In 'html' mode the source is (sanitised) HTML: values are escaped, so a
 * person named `<script>` stays text, and a fallback is already HTML text of the template. In
 * 'text' mode (SMS, subjects) values go in as they are. A value that is empty and has no fallback
 * renders empty and is reported in `missing`.
 */
export function renderTemplate(source: string, values: PlaceholderValues, mode: 'html' | 'text', missing: Placeholder[] = []): Rendered {
  const text = source.replace(PLACEHOLDER_RE, (whole, inner: string) => {
    const { name, fallback } = parseToken(inner);
    if (!KNOWN.has(name)) return whole;
    const value = values[name as Placeholder]?.trim();
    if (value) return mode === 'text' ? value : escapeHtml(value);
    if (fallback) return fallback;
    if (!missing.includes(name as Placeholder)) missing.push(name as Placeholder);
    return '';
  });
  return { text, missing };
}

export type RenderedMessage = { subject: string | null; html: string | null; text: string; missing: Placeholder[] };

/** An email: subject (text, on one line), HTML body and its plain-text alternative. */
export function renderEmail(subject: string, bodyHtml: string, values: PlaceholderValues): RenderedMessage {
  const missing: Placeholder[] = [];
  const renderedSubject = renderTemplate(subject, values, 'text', missing).text.replace(/[\r\n]+/g, ' ').trim();
  const html = renderTemplate(bodyHtml, values, 'html', missing).text;
  return { subject: renderedSubject, html, text: richTextToPlain(html), missing };
}

/** An SMS: plain text. */
export function renderSms(body: string, values: PlaceholderValues): RenderedMessage {
  const missing: Placeholder[] = [];
  return { subject: null, html: null, text: renderTemplate(body, values, 'text', missing).text.trim(), missing };
}

/** True when the text is (mostly) written in Persian/Arabic script: such an email is laid out right to left. */
export function isRightToLeft(text: string): boolean {
  const rtl = (text.match(/[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g) ?? []).length;
  const ltr = (text.match(/[A-Za-z]/g) ?? []).length;
  return rtl > 0 && rtl >= ltr;
}

/** The HTML document of an email: language and direction on the root, so mail clients lay it out right. */
export function emailDocument(bodyHtml: string, rtl: boolean): string {
  const dir = rtl ? 'rtl' : 'ltr';
  const lang = rtl ? 'fa' : 'en';
  const align = rtl ? 'right' : 'left';
  return [
    '<!doctype html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    `<body dir="${dir}" style="margin:0;padding:16px;font-family:Vazirmatn,Tahoma,Arial,sans-serif;line-height:1.8;text-align:${align}">`,
    `<div dir="${dir}">${bodyHtml}</div>`,
    '</body>',
    '</html>',
  ].join('\n');
}
