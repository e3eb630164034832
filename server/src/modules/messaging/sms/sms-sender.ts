import { normalizeIranianPhone } from '#common/identity/phone.ts';
import type { Executor } from '../../../kernel/db/database.ts';
import { messagingErrors } from '../messaging.errors.ts';
import { smsProvidersRepository } from '../sms-providers.repository.ts';
import { genericHttpAdapter } from './generic-http.ts';
import { kavenegarAdapter } from './kavenegar.ts';
import type { SmsSendResult, SmsTransport } from './sms-adapter.ts';
import { parseStoredConfig, type SmsProviderConfig } from './sms-config.ts';

/** A gateway that does not answer within this long is treated as unreachable (the job retries). */
export const SMS_TIMEOUT_MS = 15_000;

export type SmsSenderOptions = {
  db: Executor;
  /** Defaults to the global fetch; tests and proxies may pass their own. */
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export type SmsSender = {
  /**
   * Sends one SMS through the workspace's gateway. `to` may be written any way a person writes a
   * number (09…, +98…, Persian digits); it is normalised first. Throws an AppError when no gateway
   * is configured or enabled, the number is not valid, the gateway cannot be reached, or it refuses
   * (with the gateway's reason), so callers can retry or record the failure.
   */
  send(workspaceId: string, message: { to: string; text: string }): Promise<SmsSendResult>;
  /** Sends with a given configuration (the settings page's test before or after saving). */
  sendWith(provider: SmsProviderConfig, message: { to: string; text: string }): Promise<SmsSendResult>;
};

export function createSmsSender(options: SmsSenderOptions): SmsSender {
  const transport: SmsTransport = { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? SMS_TIMEOUT_MS };

  async function sendWith(provider: SmsProviderConfig, message: { to: string; text: string }): Promise<SmsSendResult> {
    const to = normalizeIranianPhone(message.to);
    if (!to) throw messagingErrors.sms_invalid_recipient({ params: { to: message.to } });
    if (!message.text.trim()) throw messagingErrors.message_empty();
    if (provider.kind === 'kavenegar') return kavenegarAdapter.send(provider.config, { to, text: message.text }, transport);
    return genericHttpAdapter.send(provider.config, { to, text: message.text }, transport);
  }

  return {
    sendWith,
    async send(workspaceId, message) {
      const row = await smsProvidersRepository.find(options.db, workspaceId);
      const provider = row?.enabled ? parseStoredConfig(row.kind, row.config) : null;
      if (!provider) throw messagingErrors.sms_provider_not_configured();
      return sendWith(provider, message);
    },
  };
}
