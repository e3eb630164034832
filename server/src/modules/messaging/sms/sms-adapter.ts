import { AppError, type LocalisedText } from '../../../kernel/errors/index.ts';
import { messagingErrors } from '../messaging.errors.ts';
import type { PhoneFormat } from './sms-config.ts';

/** One text to one recipient; `to` is E.164 (normalised by the sender before any adapter sees it). */
export type SmsMessage = { to: string; text: string };

export type SmsSendResult = { providerMessageId: string | null };

/** How adapters reach the network: injectable for tests, with a deadline on every request. */
export type SmsTransport = { fetch: typeof fetch; timeoutMs: number };

export type SmsAdapter<Config> = {
  send(config: Config, message: SmsMessage, transport: SmsTransport): Promise<SmsSendResult>;
};

/** The gateway answered and said no: its reason, in both languages, for the user and the activity log. */
export function gatewayRefused(reason: LocalisedText): AppError {
  return new AppError('sms_gateway_refused', 502, {
    fa: `سامانهٔ پیامکی پیام را نپذیرفت: ${reason.fa}`,
    en: `The SMS gateway refused the message: ${reason.en}`,
  });
}

/**
 * The gateway answered but is overloaded or failing on its side (HTTP 5xx/429, Kavenegar 409):
 * worth another try later, unlike a refusal.
 */
export function gatewayBusy(reason: LocalisedText): AppError {
  return new AppError('sms_gateway_busy', 502, {
    fa: `سامانهٔ پیامکی فعلاً پیام را نپذیرفت؛ بعداً دوباره تلاش می‌شود: ${reason.fa}`,
    en: `The SMS gateway could not take the message right now; it will be retried: ${reason.en}`,
  });
}

/** Errors after which the same SMS may succeed later (network trouble, an overloaded gateway). */
export function isRetryableSmsError(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'sms_gateway_unreachable' || error.code === 'sms_gateway_busy');
}

/** Writes an E.164 number the way a gateway expects it. */
export function formatPhone(e164: string, format: PhoneFormat): string {
  if (format === 'e164') return e164;
  if (format === 'international_digits') return e164.slice(1);
  // National form only exists for Iranian numbers here; a foreign number keeps its 00 prefix.
  return e164.startsWith('+98') ? `0${e164.slice(3)}` : `00${e164.slice(1)}`;
}

/**
 * fetch with the transport's deadline. A network failure or timeout becomes a clear
 * "gateway unreachable" error, so the job retries and the user sees what happened.
 */
export async function requestGateway(transport: SmsTransport, url: string, init: RequestInit): Promise<{ status: number; ok: boolean; body: string }> {
  let response: Response;
  try {
    response = await transport.fetch(url, { ...init, signal: AbortSignal.timeout(transport.timeoutMs), redirect: 'manual' });
  } catch (error) {
    throw messagingErrors.sms_gateway_unreachable({ params: { reason: describeNetworkError(error, transport.timeoutMs) } });
  }
  // Gateways answer in a few hundred bytes; a huge body is not read in full into memory.
  const body = (await response.text().catch(() => '')).slice(0, 64_000);
  return { status: response.status, ok: response.ok, body };
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'network error';
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short, single-line excerpt of a gateway's answer for an error message. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
