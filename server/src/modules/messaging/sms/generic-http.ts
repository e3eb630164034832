import type { GenericHttpConfig } from './sms-config.ts';
import { excerpt, formatPhone, gatewayBusy, gatewayRefused, parseJson, requestGateway, type SmsAdapter } from './sms-adapter.ts';

/**
 * Any HTTP SMS gateway: the recipient, text and sender go into configurable fields of a JSON
 * body, a form body or the query string; the API key into a header or a field. A 2xx answer means
 * the gateway accepted the message; the message id is read from `messageIdPath` of a JSON answer.
 */
export const genericHttpAdapter: SmsAdapter<GenericHttpConfig> = {
  async send(config, message, transport) {
    const fields: Record<string, string> = { ...(config.extraFields ?? {}) };
    fields[config.toField] = formatPhone(message.to, config.phoneFormat);
    fields[config.textField] = message.text;
    if (config.senderField && config.sender) fields[config.senderField] = config.sender;

    const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.5', ...(config.headers ?? {}) };
    if (config.apiKey) {
      const value = `${config.apiKeyPrefix ?? ''}${config.apiKey}`;
      if (config.apiKeyIn === 'field') fields[config.apiKeyName ?? 'apiKey'] = value;
      else headers[config.apiKeyName ?? 'Authorization'] = value;
    }

    const url = new URL(config.url);
    let body: string | undefined;
    if (config.method === 'GET' || config.bodyFormat === 'query') {
      for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
    } else if (config.bodyFormat === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
      body = new URLSearchParams(fields).toString();
    } else {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(fields);
    }

    const answer = await requestGateway(transport, url.toString(), { method: config.method, headers, body });
    if (!answer.ok) {
      const reason = gatewayMessage(answer.body) ?? excerpt(answer.body);
      const text = `HTTP ${answer.status}${reason ? ` — ${reason}` : ''}`;
      throw answer.status >= 500 || answer.status === 429 ? gatewayBusy({ fa: text, en: text }) : gatewayRefused({ fa: text, en: text });
    }
    return { providerMessageId: config.messageIdPath ? readPath(parseJson(answer.body), config.messageIdPath) : null };
  },
};

/** The human message of a JSON error answer, under the names gateways commonly use. */
function gatewayMessage(body: string): string | null {
  const json = parseJson(body) as Record<string, unknown> | undefined;
  if (!json || typeof json !== 'object') return null;
  for (const key of ['message', 'error_description', 'error', 'detail', 'title']) {
    const value = json[key];
    if (typeof value === 'string' && value.trim()) return excerpt(value);
    if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') return excerpt((value as { message: string }).message);
  }
  return null;
}

/** `data.id`, `messages.0.id` …: a string or number found there, else null. */
export function readPath(value: unknown, path: string): string | null {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current === 'string' && current) return current;
  if (typeof current === 'number' && Number.isFinite(current)) return String(current);
  return null;
}
