import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

type ReceivedRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingHttpHeaders; body: string };

/** A real HTTP server standing in for an SMS gateway: records every request, answers as told. */
async function startGateway() {
  const requests: ReceivedRequest[] = [];
  const state: { reply: { status: number; body: unknown } } = { reply: { status: 200, body: { ok: true } } };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://gateway.test');
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.reply.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(typeof state.reply.body === 'string' ? state.reply.body : JSON.stringify(state.reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let server: TestServer;
let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  server = await startTestServer();
  gateway = await startGateway();
});
afterAll(async () => {
  await server?.close();
  await gateway?.close();
});
beforeEach(() => {
  gateway.requests.length = 0;
  gateway.state.reply = { status: 200, body: { ok: true } };
});
const { sql, admin, memberOf, auditOf } = testAccounts(() => server);

const kavenegarOk = (messageid: number) => ({
  return: { status: 200, message: 'تایید شد' },
  entries: [{ messageid, message: 'x', status: 1, statustext: 'در صف ارسال', sender: '10004346', receptor: '09121234567', date: 1356619709, cost: 120 }],
});

describe('SMS provider', () => {
  it('generic_http, JSON body: fields, sender, API key header and the message id from the answer; secrets masked on read', async () => {
    const { client, workspace } = await admin('en');
    expect((await client.get('/api/v1/sms-provider')).body).toBeNull();
    const put = await client.request('PUT', '/api/v1/sms-provider', {
      kind: 'generic_http',
      config: {
        url: `${gateway.url}/api/send?account=7`,
        method: 'POST',
        bodyFormat: 'json',
        toField: 'to',
        textField: 'text',
        senderField: 'from',
        sender: '3000123',
        headers: { 'X-Tenant': 'tenant-secret-value-1234' },
        apiKey: 'sk_live_abcdefghijkl9876',
        apiKeyIn: 'header',
        apiKeyName: 'Authorization',
        apiKeyPrefix: 'Bearer ',
        messageIdPath: 'data.id',
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.config.apiKey).toBe('••••9876');
    expect(put.body.config.headers).toEqual({ 'X-Tenant': '••••1234' });
    expect(JSON.stringify((await client.get('/api/v1/sms-provider')).body)).not.toContain('abcdefghijkl');
    // The audit entry says a key is set, never what it is.
    const audit = await auditOf(workspace.id, workspace.id);
    const entry = audit.find((a: any) => a.action === 'sms_provider.created');
    expect(entry.after.config.apiKeySet).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('abcdefghijkl');
    expect(JSON.stringify(audit)).not.toContain('tenant-secret');

    gateway.state.reply = { status: 201, body: { data: { id: 'msg-42' } } };
    const test = await client.post('/api/v1/sms-provider/test', { to: '۰۹۱۲ ۱۲۳ ۴۵۶۷' });
    expect(test.status).toBe(200);
    expect(test.body.providerMessageId).toBe('msg-42');
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/api/send');
    expect(request!.query.get('account')).toBe('7');
    expect(request!.headers.authorization).toBe('Bearer sk_live_abcdefghijkl9876');
    expect(request!.headers['x-tenant']).toBe('tenant-secret-value-1234');
    expect(request!.headers['content-type']).toContain('application/json');
    expect(JSON.parse(request!.body)).toEqual({ to: '+989121234567', text: 'Peyvand test message: the SMS gateway of this workspace works.', from: '3000123' });

    // Saving the masked values back keeps the stored secrets.
    const again = await client.request('PUT', '/api/v1/sms-provider', { ...put.body, updatedAt: undefined });
    expect(again.status).toBe(200);
    const [row] = await sql('select config, version from sms_providers where workspace_id = $1', [workspace.id]);
    expect(row.config.apiKey).toBe('sk_live_abcdefghijkl9876');
    expect(row.config.headers['X-Tenant']).toBe('tenant-secret-value-1234');
    expect(row.version).toBe(2);
  });

  it('generic_http, GET with query fields and the key as a field; national number form', async () => {
    const { client } = await admin('en');
    const put = await client.request('PUT', '/api/v1/sms-provider', {
      kind: 'generic_http',
      config: { url: `${gateway.url}/sms`, method: 'GET', toField: 'mobile', textField: 'msg', apiKey: 'k-123', apiKeyIn: 'field', apiKeyName: 'token', phoneFormat: 'national' },
    });
    expect(put.status).toBe(200);
    const test = await client.post('/api/v1/sms-provider/test', { to: '+989351112233' });
    expect(test.status).toBe(200);
    expect(test.body.providerMessageId).toBeNull();
    const [request] = gateway.requests;
    expect(request!.method).toBe('GET');
    expect(request!.path).toBe('/sms');
    expect(Object.fromEntries(request!.query)).toEqual({ mobile: '09351112233', msg: expect.stringContaining('Peyvand'), token: 'k-123' });
    expect(request!.body).toBe('');
  });

  it('generic_http, form body; a refusing gateway gives 502 with its message', async () => {
    const { client } = await admin('fa');
    await client.request('PUT', '/api/v1/sms-provider', {
      kind: 'generic_http',
      config: { url: `${gateway.url}/send`, bodyFormat: 'form', toField: 'receiver', textField: 'body' },
    });
    gateway.state.reply = { status: 400, body: { message: 'Invalid receiver' } };
    const test = await client.post('/api/v1/sms-provider/test', { to: '09121234567' });
    expect(test.status).toBe(502);
    expect(test.body.code).toBe('sms_gateway_refused');
    expect(test.body.detail ?? test.body.title).toContain('Invalid receiver');
    const [request] = gateway.requests;
    expect(request!.headers['content-type']).toContain('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request!.body);
    expect(form.get('receiver')).toBe('+989121234567');
    expect(form.get('body')).toContain('پیام آزمایشی پیوند');
  });

  it('kavenegar: POST /v1/{apiKey}/sms/send.json with receptor in national form, sender and message; error statuses explained', async () => {
    const { client } = await admin('en');
    const put = await client.request('PUT', '/api/v1/sms-provider', {
      kind: 'kavenegar',
      config: { apiKey: '4F6A2B3C4D5E6F7A8B9C', sender: '10004346', baseUrl: gateway.url },
    });
    expect(put.status).toBe(200);
    expect(put.body.config).toEqual({ apiKey: '••••8B9C', sender: '10004346', baseUrl: gateway.url });
    gateway.state.reply = { status: 200, body: kavenegarOk(8792343) };
    const test = await client.post('/api/v1/sms-provider/test', { to: '+98 912 123 4567' });
    expect(test.status).toBe(200);
    expect(test.body.providerMessageId).toBe('8792343');
    const [request] = gateway.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v1/4F6A2B3C4D5E6F7A8B9C/sms/send.json');
    const form = new URLSearchParams(request!.body);
    expect(form.get('receptor')).toBe('09121234567');
    expect(form.get('sender')).toBe('10004346');
    expect(form.get('message')).toContain('Peyvand test message');

    gateway.state.reply = { status: 418, body: { return: { status: 418, message: 'اعتبار حساب شما کافی نیست' }, entries: null } };
    const poor = await client.post('/api/v1/sms-provider/test', { to: '09121234567' });
    expect(poor.status).toBe(502);
    expect(poor.body.code).toBe('sms_gateway_refused');
    expect(poor.body.detail ?? poor.body.title).toContain('insufficient credit');
    expect(poor.body.detail ?? poor.body.title).toContain('اعتبار حساب شما کافی نیست');
  });

  it('permissions, validation and isolation', async () => {
    const { client, workspace } = await admin('en');
    const member = await memberOf(workspace.id, 'member');
    const config = { kind: 'kavenegar', config: { apiKey: 'abc', sender: '1000', baseUrl: gateway.url } };
    expect((await member.client.request('PUT', '/api/v1/sms-provider', config)).status).toBe(403);
    expect((await member.client.post('/api/v1/sms-provider/test', { to: '09121234567' })).status).toBe(403);
    expect((await client.post('/api/v1/sms-provider/test', { to: '09121234567' })).body.code).toBe('sms_provider_not_configured');
    const bad = await client.request('PUT', '/api/v1/sms-provider', { kind: 'generic_http', config: { url: 'ftp://x', toField: 'to', textField: 't' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toContain('url');
    expect((await client.request('PUT', '/api/v1/sms-provider', { kind: 'kavenegar', config: { sender: '1' } })).status).toBe(400);
    expect((await client.request('PUT', '/api/v1/sms-provider', config)).status).toBe(200);
    expect((await member.client.get('/api/v1/sms-provider')).body.config.apiKey).toBe('••••');
    expect((await client.post('/api/v1/sms-provider/test', { to: 'not a phone' })).body.code).toBe('sms_invalid_recipient');
    // Another workspace sees nothing of it and its own test has no gateway.
    const other = await admin('en');
    expect((await other.client.get('/api/v1/sms-provider')).body).toBeNull();
    expect((await other.client.post('/api/v1/sms-provider/test', { to: '09121234567' })).body.code).toBe('sms_provider_not_configured');
    expect(gateway.requests).toHaveLength(0);
  });
});

/** Polls the activity until its delivery leaves 'queued' (the job queue works asynchronously). */
async function deliveryOf(activityId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql('select delivery_status, delivery_error, provider_message_id, delivered_at from activities where id = $1', [activityId]);
    if (row && row.delivery_status !== 'queued') return row;
    if (Date.now() > deadline) throw new Error(`Activity ${activityId} still queued after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let mailboxCounter = 0;
const mailbox = (name: string) => `${name}.${Date.now().toString(36)}${++mailboxCounter}@example.com`;

async function createPerson(client: any, fields: Record<string, unknown>) {
  const created = await client.post('/api/v1/people', fields);
  expect(created.status).toBe(201);
  return created.body;
}

describe('message templates', () => {
  it('creates, lists placeholders, sanitises email bodies, refuses unknown placeholders (fa/en) and duplicate names per channel', async () => {
    const { client, workspace } = await admin('en');
    const created = await client.post('/api/v1/message-templates', {
      channel: 'email',
      name: 'خوش‌آمد',
      subject: 'سلام {{first_name|دوست عزیز}}',
      body: '<p dir="rtl" onclick="x()">سلام {{full_name}} از {{organization}}</p><script>alert(1)</script><p>{{owner_name}} — {{workspace}}</p>',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channel: 'email', name: 'خوش‌آمد', locale: 'fa', version: 1 });
    expect(created.body.placeholders).toEqual(['first_name', 'full_name', 'organization', 'owner_name', 'workspace']);
    expect(created.body.body).not.toContain('script');
    expect(created.body.body).not.toContain('onclick');
    expect(created.body.body).toContain('{{full_name}}');

    const unknown = await client.post('/api/v1/message-templates', { channel: 'sms', name: 'x', body: 'سلام {{firstname}}' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('unknown_placeholder');
    expect(unknown.body.detail ?? unknown.body.title).toContain('{{firstname}}');
    const fa = await admin('fa');
    const unknownFa = await fa.client.post('/api/v1/message-templates', { channel: 'email', name: 'x', subject: '{{nam}}', body: 'x' });
    expect(unknownFa.status).toBe(400);
    expect(unknownFa.body.detail ?? unknownFa.body.title).toContain('جای‌نگهدار ناشناخته: {{nam}}');

    expect((await client.post('/api/v1/message-templates', { channel: 'email', name: 'خوش‌آمد', subject: 's', body: 'b' })).status).toBe(409);
    expect((await client.post('/api/v1/message-templates', { channel: 'email', name: 'بی‌موضوع', body: 'b' })).status).toBe(400);
    const sms = await client.post('/api/v1/message-templates', { channel: 'sms', name: 'خوش‌آمد', subject: 'ignored', body: '  {{first_name|مشتری گرامی}}، خوش آمدید  ' });
    expect(sms.status).toBe(201);
    expect(sms.body).toMatchObject({ subject: null, body: '{{first_name|مشتری گرامی}}، خوش آمدید', placeholders: ['first_name'] });

    const list = await client.get('/api/v1/message-templates?channel=sms');
    expect(list.body.items.map((t: any) => t.id)).toEqual([sms.body.id]);
    expect((await client.get('/api/v1/message-templates')).body.items).toHaveLength(2);

    const updated = await client.patch(`/api/v1/message-templates/${sms.body.id}`, { version: 1, body: 'سلام {{first_name}} از {{workspace}}' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, placeholders: ['first_name', 'workspace'] });
    expect((await client.patch(`/api/v1/message-templates/${sms.body.id}`, { version: 1, name: 'دیگر' })).status).toBe(409);
    expect((await client.patch(`/api/v1/message-templates/${sms.body.id}`, { version: 2, body: '{{bad}}' })).body.code).toBe('unknown_placeholder');
    const audit = await auditOf(workspace.id, sms.body.id);
    expect(audit.map((a: any) => a.action)).toEqual(['message_template.created', 'message_template.updated']);

    // Members read, but only messaging.configure writes.
    const member = await memberOf(workspace.id, 'member');
    expect((await member.client.get(`/api/v1/message-templates/${sms.body.id}`)).status).toBe(200);
    expect((await member.client.post('/api/v1/message-templates', { channel: 'sms', name: 'm', body: 'x' })).status).toBe(403);
    expect((await member.client.patch(`/api/v1/message-templates/${sms.body.id}`, { version: 2, name: 'm' })).status).toBe(403);
    expect((await member.client.delete(`/api/v1/message-templates/${sms.body.id}`)).status).toBe(403);

    // Another workspace neither sees nor changes it.
    expect((await fa.client.get(`/api/v1/message-templates/${sms.body.id}`)).status).toBe(404);
    expect((await fa.client.patch(`/api/v1/message-templates/${sms.body.id}`, { version: 2, name: 'hijack' })).status).toBe(404);
    expect((await fa.client.delete(`/api/v1/message-templates/${sms.body.id}`)).status).toBe(404);
    expect((await fa.client.get('/api/v1/message-templates')).body.items).toHaveLength(0);

    expect((await client.delete(`/api/v1/message-templates/${sms.body.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/message-templates/${sms.body.id}`)).status).toBe(404);
    // The name is free again once deleted.
    expect((await client.post('/api/v1/message-templates', { channel: 'sms', name: 'خوش‌آمد', body: 'x' })).status).toBe(201);
  });

  it('previews for a person: values escaped in HTML, fallbacks, missing values reported', async () => {
    const { client } = await admin('en');
    const org = (await client.post('/api/v1/organizations', { name: 'شرکت <b>آلفا</b> & شرکا' })).body;
    const person = await createPerson(client, { firstName: '<script>alert(1)</script>', lastName: 'رضایی', organizations: [{ organizationId: org.id, isPrimary: true }], phones: ['09121234567'] });
    const preview = await client.post('/api/v1/message-templates/preview', {
      personId: person.id,
      channel: 'email',
      subject: 'برای {{first_name}}',
      body: '<p>سلام {{full_name}} از {{organization}}، {{job_title|همکار گرامی}}، {{email}} {{phone}}</p>',
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('برای <script>alert(1)</script>');
    expect(preview.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; رضایی');
    expect(preview.body.html).not.toContain('<script>');
    expect(preview.body.html).toContain('شرکت &lt;b&gt;آلفا&lt;/b&gt; &amp; شرکا');
    expect(preview.body.html).toContain('همکار گرامی');
    expect(preview.body.html).toContain('09121234567');
    expect(preview.body.text).toContain('سلام <script>alert(1)</script> رضایی از شرکت <b>آلفا</b> & شرکا');
    expect(preview.body.missing).toEqual(['email']);

    const sms = await client.post('/api/v1/message-templates', { channel: 'sms', name: 'پیامک', body: '{{last_name}} عزیز، {{owner_name}} با شما تماس می‌گیرد.' });
    const smsPreview = await client.post('/api/v1/message-templates/preview', { personId: person.id, templateId: sms.body.id });
    expect(smsPreview.body).toMatchObject({ subject: null, html: null, missing: [] });
    expect(smsPreview.body.text).toMatch(/^رضایی عزیز، .+ با شما تماس می‌گیرد\.$/);
    expect((await client.post('/api/v1/message-templates/preview', { personId: person.id, body: '{{x}}' })).body.code).toBe('unknown_placeholder');
    const other = await admin('en');
    expect((await other.client.post('/api/v1/message-templates/preview', { personId: person.id, body: 'x' })).status).toBe(404);
    expect((await other.client.post('/api/v1/message-templates/preview', { personId: (await createPerson(other.client, { firstName: 'A' })).id, templateId: sms.body.id })).status).toBe(404);
  });
});

describe('sending email', () => {
  it('emails a person with a template: SMTP bytes, workspace sender name, escaped values, fallback; the activity becomes sent and shows on the timeline', async () => {
    const { client, workspace } = await admin('fa');
    const to = mailbox('sara');
    const template = await client.post('/api/v1/message-templates', {
      channel: 'email',
      name: 'پیگیری',
      subject: 'پیگیری سفارش {{first_name}}',
      body: '<p>{{first_name|مشتری گرامی}} {{last_name}} عزیز،</p><p>سفارش شما ثبت شد. — {{workspace}}</p>',
    });
    const person = await createPerson(client, { firstName: '<script>x</script>', lastName: 'محمدی', emails: [{ value: 'old@example.com' }, { value: to, primary: true }] });
    const sent = await client.post(`/api/v1/people/${person.id}/emails`, { templateId: template.body.id });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ type: 'email', status: 'done', direction: 'outbound', deliveryStatus: 'queued', emailAddress: to, templateId: template.body.id, subject: 'پیگیری سفارش <script>x</script>' });
    expect(sent.body.links).toEqual([{ entityType: 'person', entityId: person.id, name: expect.stringContaining('محمدی'), deleted: false }]);

    const mail = await server.smtp.waitFor(to);
    expect(mail.parsed.subject).toBe('پیگیری سفارش <script>x</script>');
    expect(mail.parsed.from?.value).toEqual([{ name: workspace.name, address: 'no-reply@peyvand.test' }]);
    expect(JSON.stringify(mail.parsed.to)).toContain(to);
    const html = String(mail.parsed.html);
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; محمدی عزیز');
    expect(html).not.toContain('<script>');
    expect(html).toContain(`سفارش شما ثبت شد. — ${workspace.name}`);
    expect(mail.parsed.text).toContain('<script>x</script> محمدی عزیز');
    expect(mail.parsed.text).toContain('سفارش شما ثبت شد.');

    const delivery = await deliveryOf(sent.body.id);
    expect(delivery.delivery_status).toBe('sent');
    expect(delivery.provider_message_id).toBe(mail.parsed.messageId);
    expect(delivery.delivered_at).toBeTruthy();

    const timeline = await client.get(`/api/v1/timeline/person/${person.id}`);
    const item = timeline.body.items.find((i: any) => i.kind === 'activity.email');
    expect(item.data.activity).toMatchObject({ id: sent.body.id, deliveryStatus: 'sent', subject: 'پیگیری سفارش <script>x</script>' });

    // Without a first name, the template's Persian fallback is used.
    const nameless = await createPerson(client, { lastName: 'کاظمی', emails: [mailbox('kazemi')] });
    const second = await client.post(`/api/v1/people/${nameless.id}/emails`, { templateId: template.body.id });
    const secondMail = await server.smtp.waitFor(second.body.emailAddress);
    expect(String(secondMail.parsed.html)).toContain('مشتری گرامی کاظمی عزیز');
    expect(secondMail.parsed.subject).toBe('پیگیری سفارش');

    // A second run of the job for a sent email sends nothing again.
    const before = server.smtp.received.length;
    await server.peyvand.jobs.send('messaging.email', { workspaceId: workspace.id, activityId: sent.body.id, attempt: 1, locale: 'fa' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.smtp.received.length).toBe(before);
  });

  it('ad-hoc email to a given address with a deal link; fallback when the value is missing; consent and address rules', async () => {
    const { client } = await admin('en');
    const person = await createPerson(client, { lastName: 'Karimi', emails: ['karimi@example.com'] });
    const deal = (await client.post('/api/v1/deals', { title: 'Support contract', people: [{ personId: person.id }] })).body;
    expect(deal.id).toEqual(expect.any(String));
    const to = mailbox('karimi.work');
    const sent = await client.post(`/api/v1/people/${person.id}/emails`, {
      to,
      subject: 'About {{first_name|your order}}',
      bodyHtml: '<p>Dear {{first_name|customer}} {{last_name}},</p><p>Thank you.</p><img src=x onerror=alert(1)>',
      links: [{ entityType: 'deal', entityId: deal.id }],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.links.map((l: any) => l.entityType).sort()).toEqual(['deal', 'person']);
    expect(sent.body.bodyHtml).not.toContain('onerror');
    const mail = await server.smtp.waitFor(to);
    expect(mail.parsed.subject).toBe('About your order');
    expect(String(mail.parsed.html)).toContain('Dear customer Karimi,');
    expect(String(mail.parsed.html)).toContain('dir="ltr"');
    expect((await deliveryOf(sent.body.id)).delivery_status).toBe('sent');
    const dealTimeline = await client.get(`/api/v1/timeline/deal/${deal.id}`);
    expect(dealTimeline.body.items.some((i: any) => i.kind === 'activity.email' && i.data.activity.id === sent.body.id)).toBe(true);

    expect((await client.post(`/api/v1/people/${person.id}/emails`, { to: 'not-an-address', subject: 's', bodyHtml: 'b' })).status).toBe(400);
    expect((await client.post(`/api/v1/people/${person.id}/emails`, { bodyHtml: 'b' })).status).toBe(400);
    expect((await client.post(`/api/v1/people/${person.id}/emails`, { subject: 's', bodyHtml: '{{nope}}' })).body.code).toBe('unknown_placeholder');
    const badLink = await client.post(`/api/v1/people/${person.id}/emails`, { subject: 's', bodyHtml: 'b', links: [{ entityType: 'deal', entityId: person.id }] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.code).toBe('link_not_found');
    const noAddress = await createPerson(client, { firstName: 'Nobody' });
    expect((await client.post(`/api/v1/people/${noAddress.id}/emails`, { subject: 's', bodyHtml: 'b' })).body.code).toBe('no_email_address');

    const optedOut = await createPerson(client, { firstName: 'No', emails: ['no@example.com'], phones: ['09121112233'], consent: { email: false, sms: false } });
    const refused = await client.post(`/api/v1/people/${optedOut.id}/emails`, { subject: 's', bodyHtml: 'b' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('email_consent_refused');
    expect(refused.body.detail ?? refused.body.title).toContain('opted out of email');
    const refusedSms = await client.post(`/api/v1/people/${optedOut.id}/sms`, { text: 'hi' });
    expect(refusedSms.status).toBe(409);
    expect(refusedSms.body.code).toBe('sms_consent_refused');
    expect(await sql('select id from activities a join activity_links l on l.activity_id = a.id where l.entity_id = $1', [optedOut.id])).toHaveLength(0);
  });
});

describe('sending SMS', () => {
  it('texts the person\'s mobile through a generic gateway; the activity becomes sent with the gateway id', async () => {
    const { client, workspace } = await admin('fa');
    await client.request('PUT', '/api/v1/sms-provider', {
      kind: 'generic_http',
      config: { url: `${gateway.url}/v2/messages`, toField: 'recipient', textField: 'message', senderField: 'originator', sender: '+98300012', apiKey: 'generic-key-000111222', apiKeyName: 'X-Api-Key', messageIdPath: 'id' },
    });
    gateway.state.reply = { status: 200, body: { id: 12345 } };
    const template = await client.post('/api/v1/message-templates', { channel: 'sms', name: 'یادآوری', body: '{{first_name|مشتری گرامی}}، جلسهٔ فردا با {{workspace}} یادتان نرود.' });
    const person = await createPerson(client, { lastName: 'احمدی', phones: [{ value: '021-88776655', primary: true }, { value: '0935 111 2233' }] });
    const sent = await client.post(`/api/v1/people/${person.id}/sms`, { templateId: template.body.id });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ type: 'sms', phone: '+989351112233', deliveryStatus: 'queued', bodyText: `مشتری گرامی، جلسهٔ فردا با ${workspace.name} یادتان نرود.` });
    const delivery = await deliveryOf(sent.body.id);
    expect(delivery).toMatchObject({ delivery_status: 'sent', provider_message_id: '12345', delivery_error: null });
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v2/messages');
    expect(request!.headers['x-api-key']).toBe('generic-key-000111222');
    expect(JSON.parse(request!.body)).toEqual({ recipient: '+989351112233', message: sent.body.bodyText, originator: '+98300012' });

    const timeline = await client.get(`/api/v1/timeline/person/${person.id}`);
    expect(timeline.body.items.find((i: any) => i.kind === 'activity.sms').data.activity).toMatchObject({ id: sent.body.id, deliveryStatus: 'sent' });

    // An explicit number must be a phone number; an email template cannot be used for SMS.
    expect((await client.post(`/api/v1/people/${person.id}/sms`, { text: 'x', to: 'abc' })).status).toBe(400);
    const emailTemplate = await client.post('/api/v1/message-templates', { channel: 'email', name: 'e', subject: 's', body: 'b' });
    expect((await client.post(`/api/v1/people/${person.id}/sms`, { templateId: emailTemplate.body.id })).body.code).toBe('template_channel_mismatch');
    const landlineOnly = await createPerson(client, { firstName: 'Office', phones: ['02188776655'] });
    expect((await client.post(`/api/v1/people/${landlineOnly.id}/sms`, { text: 'x' })).body.code).toBe('no_mobile_number');
  });

  it('kavenegar: receptor in national form; a refusal (no credit) marks the activity failed with the reason', async () => {
    const { client } = await admin('fa');
    await client.request('PUT', '/api/v1/sms-provider', { kind: 'kavenegar', config: { apiKey: 'KAVE-KEY-1234567890', sender: '10004346', baseUrl: `${gateway.url}/kave/` } });
    const person = await createPerson(client, { firstName: 'مریم', phones: ['+989121234567'] });
    gateway.state.reply = { status: 200, body: kavenegarOk(99887766) };
    const ok = await client.post(`/api/v1/people/${person.id}/sms`, { text: 'سلام {{first_name}}' });
    expect(ok.status).toBe(201);
    expect(await deliveryOf(ok.body.id)).toMatchObject({ delivery_status: 'sent', provider_message_id: '99887766' });
    const [request] = gateway.requests;
    expect(request!.path).toBe('/kave/v1/KAVE-KEY-1234567890/sms/send.json');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({ receptor: '09121234567', message: 'سلام مریم', sender: '10004346' });

    gateway.state.reply = { status: 418, body: { return: { status: 418, message: 'اعتبار حساب شما کافی نیست' }, entries: null } };
    const poor = await client.post(`/api/v1/people/${person.id}/sms`, { text: 'دوباره' });
    expect(poor.status).toBe(201);
    const failed = await deliveryOf(poor.body.id);
    expect(failed.delivery_status).toBe('failed');
    expect(failed.delivery_error).toContain('اعتبار حساب کاوه‌نگار کافی نیست');
    const activity = (await client.get(`/api/v1/timeline/person/${person.id}`)).body.items.find((i: any) => i.data?.activity?.id === poor.body.id).data.activity;
    expect(activity).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('کاوه‌نگار') });
  });

  it('a busy gateway (HTTP 503): the SMS stays queued with the reason and its next attempt is scheduled', async () => {
    const { client } = await admin('en');
    await client.request('PUT', '/api/v1/sms-provider', { kind: 'generic_http', config: { url: `${gateway.url}/busy`, toField: 'to', textField: 'text' } });
    const person = await createPerson(client, { firstName: 'Busy', phones: ['09127776655'] });
    gateway.state.reply = { status: 503, body: { error: 'Service temporarily overloaded' } };
    const sent = await client.post(`/api/v1/people/${person.id}/sms`, { text: 'hello' });
    expect(sent.status).toBe(201);
    const deadline = Date.now() + 15_000;
    let row: any;
    while (Date.now() < deadline) {
      [row] = await sql('select delivery_status, delivery_error from activities where id = $1', [sent.body.id]);
      if (row.delivery_error) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(row).toMatchObject({ delivery_status: 'queued', delivery_error: expect.stringContaining('Service temporarily overloaded') });
    const jobs = await sql("select data, start_after > now() + interval '10 seconds' as later from pgboss.job where name = 'messaging.sms' and data->>'activityId' = $1 order by created_on", [sent.body.id]);
    expect(jobs.map((j: any) => [j.data.attempt, j.later])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(gateway.requests).toHaveLength(1);
  });

  it('without a gateway nothing is logged; permissions and workspace isolation of sending', async () => {
    const { client, workspace } = await admin('en');
    const person = await createPerson(client, { firstName: 'Ali', emails: ['ali@example.com'], phones: ['09121234567'] });
    const noGateway = await client.post(`/api/v1/people/${person.id}/sms`, { text: 'x' });
    expect(noGateway.status).toBe(409);
    expect(noGateway.body.code).toBe('sms_provider_not_configured');

    const reader = await memberOf(workspace.id, 'reader', ['records.read']);
    expect((await reader.client.post(`/api/v1/people/${person.id}/emails`, { subject: 's', bodyHtml: 'b' })).status).toBe(403);
    expect((await reader.client.post(`/api/v1/people/${person.id}/sms`, { text: 'x' })).status).toBe(403);
    const member = await memberOf(workspace.id, 'member');
    const to = mailbox('ali');
    // A retried request with the same Idempotency-Key logs and sends one email.
    const first = await member.client.post(`/api/v1/people/${person.id}/emails`, { subject: 's', bodyHtml: 'b', to }, { 'idempotency-key': 'send-1' });
    const retry = await member.client.post(`/api/v1/people/${person.id}/emails`, { subject: 's', bodyHtml: 'b', to }, { 'idempotency-key': 'send-1' });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    await server.smtp.waitFor(to);
    expect(await sql("select id from activities where workspace_id = $1 and type = 'email'", [workspace.id])).toHaveLength(1);

    const other = await admin('en');
    expect((await other.client.post(`/api/v1/people/${person.id}/emails`, { subject: 's', bodyHtml: 'b' })).status).toBe(404);
    expect((await other.client.post(`/api/v1/people/${person.id}/sms`, { text: 'x' })).status).toBe(404);
    const theirs = await createPerson(other.client, { firstName: 'B', emails: ['b@example.com'] });
    const template = await client.post('/api/v1/message-templates', { channel: 'email', name: 't', subject: 's', body: 'b' });
    expect((await other.client.post(`/api/v1/people/${theirs.id}/emails`, { templateId: template.body.id })).status).toBe(404);
    expect((await other.client.post(`/api/v1/people/${theirs.id}/emails`, { subject: 's', bodyHtml: 'b', links: [{ entityType: 'person', entityId: person.id }] })).body.code).toBe('link_not_found');
  });
});
