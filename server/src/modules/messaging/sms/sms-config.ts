import { z } from 'zod';
import { ZText } from '../../../kernel/http/zod-text.ts';

/*
 * The settings of each SMS adapter, as stored in sms_providers.config and sent to PUT
 * /api/v1/sms-provider. Secrets (the API key, header values) never leave the server: reads show
 * them masked, and a write that sends the mask back keeps the stored value.
 */

const ZHttpUrl = ZText()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'The URL must start with http:// or https://');

const ZFieldName = ZText().trim().min(1).max(100);
/** HTTP header names are tokens (RFC 9110); anything else would make fetch throw at send time. */
const ZHeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'Not a valid HTTP header name');
const ZHeaderValue = ZText().max(2000).refine((v) => !/[\r\n]/.test(v), 'A header value cannot contain line breaks');

/** How the recipient's number is written in the request. */
export const PHONE_FORMATS = ['e164', 'national', 'international_digits'] as const;
export type PhoneFormat = (typeof PHONE_FORMATS)[number];

export const ZGenericHttpConfig = z.strictObject({
  url: ZHttpUrl,
  method: z.enum(['POST', 'GET']).default('POST'),
  /** json / form: the fields in the request body; query: in the URL (always so for GET). */
  bodyFormat: z.enum(['json', 'form', 'query']).default('json'),
  toField: ZFieldName,
  textField: ZFieldName,
  senderField: ZFieldName.nullish(),
  sender: ZText().trim().max(100).nullish(),
  /** Fixed extra headers (e.g. a token header); their values are secret. */
  headers: z.record(ZHeaderName, ZHeaderValue).refine((h) => Object.keys(h).length <= 20, 'At most 20 headers').nullish(),
  apiKey: ZText().trim().max(1000).nullish(),
  /** Where the API key goes: a header (default `Authorization`) or a request field (default `apiKey`). */
  apiKeyIn: z.enum(['header', 'field']).default('header'),
  apiKeyName: ZText().trim().min(1).max(100).nullish(),
  /** Put before the key, e.g. "Bearer " or "AccessKey ". */
  apiKeyPrefix: ZText().max(50).nullish(),
  /** Recipient number format; default E.164 (+989121234567). */
  phoneFormat: z.enum(PHONE_FORMATS).default('e164'),
  /** Dot path of the gateway's message id in a JSON answer, e.g. "data.id" or "messages.0.id". */
  messageIdPath: ZText().trim().max(200).nullish(),
  /** Extra constant fields sent with every message (e.g. an account id). */
  extraFields: z.record(ZFieldName, ZText().max(1000)).refine((f) => Object.keys(f).length <= 20, 'At most 20 fields').nullish(),
});
export type GenericHttpConfig = z.output<typeof ZGenericHttpConfig>;

export const KAVENEGAR_BASE_URL = 'https://api.kavenegar.com';

export const ZKavenegarConfig = z.strictObject({
  apiKey: ZText().trim().min(1).max(1000),
  /** The sender line (e.g. 10004346 or 2000500666); omitted: the account's default line. */
  sender: ZText().trim().max(50).nullish(),
  baseUrl: ZHttpUrl.nullish(),
});
export type KavenegarConfig = z.output<typeof ZKavenegarConfig>;

export type SmsProviderConfig = { kind: 'generic_http'; config: GenericHttpConfig } | { kind: 'kavenegar'; config: KavenegarConfig };

/** What PUT accepts: secrets may be left out or sent back masked to keep the stored ones. */
export const ZSmsProviderInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('generic_http'),
    enabled: z.boolean().optional(),
    version: z.number().int().positive().optional(),
    config: ZGenericHttpConfig,
  }),
  z.strictObject({
    kind: z.literal('kavenegar'),
    enabled: z.boolean().optional(),
    version: z.number().int().positive().optional(),
    config: ZKavenegarConfig.extend({ apiKey: ZText().trim().max(1000).nullish() }),
  }),
]);
export type SmsProviderInput = z.output<typeof ZSmsProviderInput>;

export const ZSmsProviderView = z.object({
  kind: z.enum(['generic_http', 'kavenegar']),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  updatedAt: z.date(),
});

export const ZSmsTestInput = z.strictObject({ to: ZText().trim().min(1).max(40) });
export const ZSmsTestResult = z.object({ providerMessageId: z.string().nullable(), to: z.string() });

const MASK = '••••';

/** A secret as shown to users: its last four characters when long enough to stay secret. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `${MASK}${value.slice(-4)}` : MASK;
}

const isMasked = (value: string | null | undefined) => typeof value === 'string' && value.startsWith(MASK);

/** The config as the API shows it: API key and header values masked. */
export function maskedConfig(kind: string, config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  if (typeof out.apiKey === 'string' && out.apiKey) out.apiKey = maskSecret(out.apiKey);
  if (kind === 'generic_http' && out.headers && typeof out.headers === 'object') {
    out.headers = Object.fromEntries(Object.entries(out.headers as Record<string, string>).map(([name, value]) => [name, maskSecret(String(value))]));
  }
  return out;
}

/**
 * The config to store from a PUT: a secret left out or sent back masked keeps the stored value
 * (when the kind is unchanged), so a settings form can round-trip what GET returned.
 */
export function mergeSecrets(input: SmsProviderInput, stored: { kind: string; config: Record<string, unknown> } | undefined): Record<string, unknown> {
  const previous = stored && stored.kind === input.kind ? stored.config : {};
  const config: Record<string, unknown> = { ...input.config };
  const apiKey = config.apiKey as string | null | undefined;
  // Left out or sent back masked: keep the stored key; null or '' clears it.
  if (apiKey === undefined || isMasked(apiKey)) config.apiKey = typeof previous.apiKey === 'string' ? previous.apiKey : null;
  else if (!apiKey) config.apiKey = null;
  if (input.kind === 'generic_http' && config.headers) {
    const previousHeaders = (previous.headers ?? {}) as Record<string, string>;
    config.headers = Object.fromEntries(
      Object.entries(config.headers as Record<string, string>).flatMap(([name, value]) => {
        if (!isMasked(value)) return [[name, value]];
        const kept = previousHeaders[name];
        return kept === undefined ? [] : [[name, kept]];
      }),
    );
  }
  return config;
}

/** The stored config, checked again before use (it is JSON in the database). */
export function parseStoredConfig(kind: string, config: unknown): SmsProviderConfig | null {
  if (kind === 'generic_http') {
    const parsed = ZGenericHttpConfig.safeParse(config);
    return parsed.success ? { kind, config: parsed.data } : null;
  }
  if (kind === 'kavenegar') {
    const parsed = ZKavenegarConfig.safeParse(config);
    return parsed.success ? { kind, config: parsed.data } : null;
  }
  return null;
}
