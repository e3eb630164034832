import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href.ts';

describe('safeHref', () => {
  it('keeps web, email and phone links', () => {
    expect(safeHref(' https://example.com/budget?q=1 ')).toBe('https://example.com/budget?q=1');
    expect(safeHref('http://example.com')).toBe('http://example.com');
    expect(safeHref('mailto:ali@example.com')).toBe('mailto:ali@example.com');
    expect(safeHref('tel:+98 912 345 6789')).toBe('tel:+989123456789');
  });

  it('gives a bare address the scheme it plainly means', () => {
    expect(safeHref('example.com/price')).toBe('https://example.com/price');
    expect(safeHref('ali.rezaei@example.com')).toBe('mailto:ali.rezaei@example.com');
    expect(safeHref('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('tel:09123456789');
  });

  it('refuses every other scheme and empty addresses', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'file:///etc/passwd', 'ftp://example.com', '', '   ', 'https://', 'mailto:', 'tel:', 'https://exa mple.com']) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });
});
