import type { SmsProviderKind, SmsProviderView } from './messaging.api.ts';

/** The SMS settings form's state, and the PUT body made from it. */
export type Pair = { name: string; value: string };
export type Draft = {
  kind: SmsProviderKind;
  enabled: boolean;
  /** Kavenegar */
  sender: string;
  baseUrl: string;
  /** Generic HTTP */
  url: string;
  method: 'POST' | 'GET';
  bodyFormat: 'json' | 'form' | 'query';
  toField: string;
  textField: string;
  senderField: string;
  apiKeyIn: 'header' | 'field';
  apiKeyName: string;
  apiKeyPrefix: string;
  phoneFormat: 'e164' | 'national' | 'international_digits';
  messageIdPath: string;
  headers: Pair[];
  extraFields: Pair[];
  /** A new API key; null keeps the stored one. */
  newApiKey: string | null;
};

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const pairs = (v: unknown): Pair[] => (v && typeof v === 'object' ? Object.entries(v as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) })) : []);
const optional = (v: string) => (v.trim() ? v.trim() : null);
const record = (rows: Pair[]) => {
  const filled = rows.filter((r) => r.name.trim());
  return filled.length ? Object.fromEntries(filled.map((r) => [r.name.trim(), r.value])) : null;
};

export function draftOf(saved: SmsProviderView | null): Draft {
  const c = saved?.config ?? {};
  return {
    kind: saved?.kind ?? 'kavenegar',
    enabled: saved?.enabled ?? true,
    sender: str(c.sender),
    baseUrl: str(c.baseUrl),
    url: str(c.url),
    method: c.method === 'GET' ? 'GET' : 'POST',
    bodyFormat: c.bodyFormat === 'form' || c.bodyFormat === 'query' ? c.bodyFormat : 'json',
    toField: str(c.toField, 'to'),
    textField: str(c.textField, 'text'),
    senderField: str(c.senderField),
    apiKeyIn: c.apiKeyIn === 'field' ? 'field' : 'header',
    apiKeyName: str(c.apiKeyName),
    apiKeyPrefix: str(c.apiKeyPrefix),
    phoneFormat: c.phoneFormat === 'national' || c.phoneFormat === 'international_digits' ? c.phoneFormat : 'e164',
    messageIdPath: str(c.messageIdPath),
    headers: pairs(c.headers),
    extraFields: pairs(c.extraFields),
    newApiKey: null,
  };
}

/** The body of PUT /api/v1/sms-provider; the API key is left out unless replaced (the server keeps the stored one). */
export function providerInput(draft: Draft, saved: SmsProviderView | null) {
  const apiKey = draft.newApiKey !== null ? draft.newApiKey.trim() : undefined;
  const base = { kind: draft.kind, enabled: draft.enabled, ...(saved && saved.kind === draft.kind ? { version: saved.version } : {}) };
  if (draft.kind === 'kavenegar') {
    return { ...base, config: { ...(apiKey !== undefined ? { apiKey } : {}), sender: optional(draft.sender), baseUrl: optional(draft.baseUrl) } };
  }
  return {
    ...base,
    config: {
      url: draft.url.trim(),
      method: draft.method,
      bodyFormat: draft.method === 'GET' ? 'query' : draft.bodyFormat,
      toField: draft.toField.trim(),
      textField: draft.textField.trim(),
      senderField: optional(draft.senderField),
      sender: optional(draft.sender),
      headers: record(draft.headers),
      ...(apiKey !== undefined ? { apiKey: apiKey || null } : {}),
      apiKeyIn: draft.apiKeyIn,
      apiKeyName: optional(draft.apiKeyName),
      apiKeyPrefix: draft.apiKeyPrefix ? draft.apiKeyPrefix : null,
      phoneFormat: draft.phoneFormat,
      messageIdPath: optional(draft.messageIdPath),
      extraFields: record(draft.extraFields),
    },
  };
}

