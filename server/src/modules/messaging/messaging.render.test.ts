import { describe, expect, it } from 'vitest';
import { addressOf, smtpOutcome } from './messaging.jobs.ts';
import { isRightToLeft, renderEmail, renderSms, scanPlaceholders, type PlaceholderValues } from './messaging.render.ts';
import { readPath } from './sms/generic-http.ts';
import { formatPhone } from './sms/sms-adapter.ts';
import { maskedConfig, maskSecret, mergeSecrets } from './sms/sms-config.ts';

const values: PlaceholderValues = {
  first_name: 'سارا',
  last_name: '<b>Tehrani</b>',
  full_name: 'سارا <b>Tehrani</b>',
  organization: 'A & B',
  job_title: null,
  owner_name: 'رضا',
  workspace: 'آرمان',
  email: 'sara@example.com',
  phone: '09121234567',
};

describe('placeholders', () => {
  it('lists known placeholders in order once, and the unknown ones by name', () => {
    expect(scanPlaceholders('{{ first_name }} {{full_name|x}}', '{{first_name}} {{firstName}} {{a-b|y}} {{}}')).toEqual({
      used: ['first_name', 'full_name'],
      unknown: ['firstName', 'a-b', ''],
    });
  });

  it('escapes values in HTML but not in subjects or SMS; fallbacks and missing values', () => {
    const email = renderEmail('{{last_name}}\r\n{{job_title}}', '<p>{{full_name}} — {{organization}} — {{job_title|همکار گرامی}} — {{job_title}}</p>', values);
    expect(email.subject).toBe('<b>Tehrani</b>');
    expect(email.html).toBe('<p>سارا &lt;b&gt;Tehrani&lt;/b&gt; — A &amp; B — همکار گرامی — </p>');
    expect(email.text).toBe('سارا <b>Tehrani</b> — A & B — همکار گرامی —');
    expect(email.missing).toEqual(['job_title']);
    const sms = renderSms('{{first_name|مشتری گرامی}}، {{last_name}} ({{phone}})', { ...values, first_name: '  ' });
    expect(sms).toEqual({ subject: null, html: null, text: 'مشتری گرامی، <b>Tehrani</b> (09121234567)', missing: [] });
  });

  it('lays Persian text out right to left', () => {
    expect(isRightToLeft('سلام Sara')).toBe(true);
    expect(isRightToLeft('Hello سارا, how are you')).toBe(false);
  });
});

describe('SMS adapters and settings', () => {
  it('writes numbers in the form a gateway expects', () => {
    expect(formatPhone('+989121234567', 'e164')).toBe('+989121234567');
    expect(formatPhone('+989121234567', 'national')).toBe('09121234567');
    expect(formatPhone('+989121234567', 'international_digits')).toBe('989121234567');
    expect(formatPhone('+4915112345678', 'national')).toBe('004915112345678');
  });

  it('reads a message id by path', () => {
    expect(readPath({ data: { id: 7 } }, 'data.id')).toBe('7');
    expect(readPath({ messages: [{ id: 'a1' }] }, 'messages.0.id')).toBe('a1');
    expect(readPath({ data: null }, 'data.id')).toBeNull();
    expect(readPath(undefined, 'id')).toBeNull();
  });

  it('masks secrets and keeps stored ones when the mask comes back', () => {
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret('0123456789abcdef')).toBe('••••cdef');
    const stored = { kind: 'generic_http', config: { apiKey: '0123456789abcdef', headers: { 'X-Token': 'secret-token-value', 'X-Old': 'gone' } } };
    expect(maskedConfig(stored.kind, stored.config)).toEqual({ apiKey: '••••cdef', headers: { 'X-Token': '••••alue', 'X-Old': '••••' } });
    const base = { url: 'https://x.test', method: 'POST' as const, bodyFormat: 'json' as const, toField: 'to', textField: 'text', apiKeyIn: 'header' as const, phoneFormat: 'e164' as const };
    const kept = mergeSecrets({ kind: 'generic_http', config: { ...base, apiKey: '••••cdef', headers: { 'X-Token': '••••alue', 'X-New': 'n' } } }, stored);
    expect(kept).toMatchObject({ apiKey: '0123456789abcdef', headers: { 'X-Token': 'secret-token-value', 'X-New': 'n' } });
    expect(mergeSecrets({ kind: 'generic_http', config: { ...base } }, stored).apiKey).toBe('0123456789abcdef');
    expect(mergeSecrets({ kind: 'generic_http', config: { ...base, apiKey: null } }, stored).apiKey).toBeNull();
    // Another kind never inherits the old provider's key.
    expect(mergeSecrets({ kind: 'kavenegar', config: { apiKey: '••••cdef' } }, stored).apiKey).toBeNull();
  });
});

describe('email delivery outcomes', () => {
  it('retries SMTP 4xx and network errors, not 5xx', () => {
    expect(smtpOutcome(Object.assign(new Error('x'), { responseCode: 451, response: '451 Try again later' }), 'en')).toEqual({
      ok: false,
      error: 'The SMTP server refused the email: 451 Try again later',
      retryable: true,
    });
    expect(smtpOutcome(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 No such user' }), 'fa')).toMatchObject({
      error: 'سرور ایمیل (SMTP) ایمیل را نپذیرفت: 550 5.1.1 No such user',
      retryable: false,
    });
    expect(smtpOutcome(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }), 'en')).toMatchObject({ retryable: true, error: expect.stringContaining('ESOCKET') });
  });

  it('takes the address of the configured sender', () => {
    expect(addressOf('Peyvand <no-reply@peyvand.test>')).toBe('no-reply@peyvand.test');
    expect(addressOf('crm@example.com')).toBe('crm@example.com');
  });
});
