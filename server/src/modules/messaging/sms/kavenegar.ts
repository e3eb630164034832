import type { LocalisedText } from '../../../kernel/errors/index.ts';
import { KAVENEGAR_BASE_URL, type KavenegarConfig } from './sms-config.ts';
import { excerpt, formatPhone, gatewayBusy, gatewayRefused, parseJson, requestGateway, type SmsAdapter } from './sms-adapter.ts';

/**
 * Kavenegar's REST API (kavenegar.com/rest.html): POST {baseUrl}/v1/{apiKey}/sms/send.json with
 * receptor (national form, 09…), message and sender as a form. The answer is
 * `{ return: { status, message }, entries: [{ messageid, status, statustext, … }] }`; status 200
 * means accepted, any other is one of the documented error codes below (the HTTP status carries
 * the same code).
 */
export const kavenegarAdapter: SmsAdapter<KavenegarConfig> = {
  async send(config, message, transport) {
    const base = (config.baseUrl ?? KAVENEGAR_BASE_URL).replace(/\/+$/, '');
    const url = `${base}/v1/${encodeURIComponent(config.apiKey)}/sms/send.json`;
    const fields: Record<string, string> = { receptor: formatPhone(message.to, 'national'), message: message.text };
    if (config.sender) fields.sender = config.sender;
    const answer = await requestGateway(transport, url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams(fields).toString(),
    });
    const json = parseJson(answer.body) as KavenegarAnswer | undefined;
    const status = Number(json?.return?.status);
    if (!json || !Number.isFinite(status)) {
      if (answer.status >= 500) throw gatewayBusy({ fa: `HTTP ${answer.status}`, en: `HTTP ${answer.status}` });
      const text = `HTTP ${answer.status}${answer.body ? ` — ${excerpt(answer.body)}` : ''}`;
      throw gatewayRefused({ fa: `پاسخ نامفهوم از کاوه‌نگار (${text})`, en: `unexpected answer from Kavenegar (${text})` });
    }
    // 409: "the server cannot answer right now" — the one code worth retrying.
    if (status === 409) throw gatewayBusy(kavenegarReason(status, json.return?.message));
    if (status !== 200) throw gatewayRefused(kavenegarReason(status, json.return?.message));
    const entry = Array.isArray(json.entries) ? json.entries[0] : undefined;
    const id = entry?.messageid;
    return { providerMessageId: id === undefined || id === null || id === '' ? null : String(id) };
  },
};

type KavenegarAnswer = {
  return?: { status?: number | string; message?: string };
  entries?: Array<{ messageid?: number | string | null; status?: number; statustext?: string }>;
};

/** Kavenegar's documented `return.status` codes of sms/send, explained for the user. */
const KAVENEGAR_ERRORS: Record<number, LocalisedText> = {
  400: { fa: 'پارامترها ناقص هستند', en: 'incomplete parameters' },
  401: { fa: 'حساب کاربری کاوه‌نگار غیرفعال شده است', en: 'the Kavenegar account is deactivated' },
  402: { fa: 'عملیات ناموفق بود', en: 'the operation failed' },
  403: { fa: 'کلید API (API key) کاوه‌نگار معتبر نیست', en: 'the Kavenegar API key is not valid' },
  404: { fa: 'متد شناخته نشد', en: 'unknown method' },
  405: { fa: 'نوع درخواست (GET/POST) نادرست است', en: 'wrong request method (GET/POST)' },
  406: { fa: 'پارامترهای اجباری خالی ارسال شده‌اند', en: 'required parameters were empty' },
  407: { fa: 'دسترسی به این اطلاعات یا سرویس مجاز نیست (محدودیت IP حساب را بررسی کنید)', en: 'access denied (check the account IP restrictions)' },
  409: { fa: 'سرور کاوه‌نگار قادر به پاسخ نیست؛ بعداً تلاش کنید', en: 'the Kavenegar server cannot answer; try again later' },
  411: { fa: 'شمارهٔ گیرنده معتبر نیست', en: 'the recipient number is not valid' },
  412: { fa: 'شمارهٔ فرستنده (خط) معتبر نیست', en: 'the sender line is not valid' },
  413: { fa: 'متن پیام خالی یا بیش از حد طولانی است', en: 'the message is empty or too long' },
  414: { fa: 'تعداد گیرندگان بیش از حد مجاز است', en: 'too many recipients' },
  416: { fa: 'IP سرویس‌دهنده با تنظیمات حساب مطابقت ندارد', en: "the server's IP does not match the account settings" },
  417: { fa: 'تاریخ ارسال معتبر نیست', en: 'the send date is not valid' },
  418: { fa: 'اعتبار حساب کاوه‌نگار کافی نیست', en: 'the Kavenegar account has insufficient credit' },
  420: { fa: 'ارسال لینک در متن پیام برای این حساب مجاز نیست', en: 'links in the text are not allowed for this account' },
  422: { fa: 'متن یا داده‌ها نویسهٔ نامعتبر دارند', en: 'the text or data contain invalid characters' },
  451: { fa: 'درخواست تکراری است', en: 'duplicate request' },
  501: {
    fa: 'حساب آزمایشی فقط به شمارهٔ صاحب حساب پیامک می‌فرستد',
    en: "a trial account can only send to the account owner's number",
  },
};

function kavenegarReason(status: number, message: string | undefined): LocalisedText {
  const known = KAVENEGAR_ERRORS[status];
  const theirs = message ? ` — ${excerpt(message)}` : '';
  if (known) return { fa: `${known.fa} (کد ${status})`, en: `${known.en} (code ${status}${theirs})` };
  return { fa: `خطای ${status}${theirs}`, en: `error ${status}${theirs}` };
}
