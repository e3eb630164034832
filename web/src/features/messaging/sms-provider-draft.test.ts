import { describe, expect, it } from 'vitest';
import { draftOf, providerInput } from './sms-provider-draft.ts';

const kavenegar = { kind: 'kavenegar' as const, enabled: true, version: 3, config: { apiKey: '••••abcd', sender: '10004346', baseUrl: null } };

describe('SMS provider form', () => {
  it('leaves a stored API key out of the PUT unless it is replaced', () => {
    const draft = draftOf(kavenegar);
    expect(providerInput(draft, kavenegar)).toEqual({ kind: 'kavenegar', enabled: true, version: 3, config: { sender: '10004346', baseUrl: null } });
    expect(providerInput({ ...draft, newApiKey: ' new-key ' }, kavenegar).config).toEqual({ apiKey: 'new-key', sender: '10004346', baseUrl: null });
  });

  it('switching to a generic HTTP API sends its fields, headers as a record, and no version of the other kind', () => {
    const draft = { ...draftOf(kavenegar), kind: 'generic_http' as const, url: ' https://sms.example/send ', headers: [{ name: 'X-Token', value: 's3cret' }, { name: ' ', value: 'x' }], newApiKey: '' };
    const input = providerInput(draft, kavenegar);
    expect(input.version).toBeUndefined();
    expect(input.config).toMatchObject({ url: 'https://sms.example/send', method: 'POST', bodyFormat: 'json', toField: 'to', textField: 'text', headers: { 'X-Token': 's3cret' }, apiKey: null, extraFields: null });
  });

  it('a GET request carries its fields in the query string', () => {
    const draft = { ...draftOf(null), kind: 'generic_http' as const, url: 'https://sms.example/send', method: 'GET' as const, bodyFormat: 'json' as const };
    expect(providerInput(draft, null).config).toMatchObject({ method: 'GET', bodyFormat: 'query' });
  });
});
