import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * Notifications and messaging in Chromium, in Persian:
 * (a) a task reminder that has come due becomes a notification: the bell shows the unread count
 *     in Persian digits, the centre lists it, and a click marks it read on the server and opens its link;
 * (b) an email sent from a person's page with a template reaches the SMTP server personalised,
 *     with the person's values HTML-escaped in the body, and the email is logged with its status.
 */

let server: TestServer;
let browser: Browser;
let api: ApiClient;
const password = 'a long browser passphrase';
let email = '';

/** Polls until the value matches: page updates and delivery jobs take a moment, more on a busy machine. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 200 });

/** Text without the Unicode isolates (FSI…PDI) around interpolated values. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

beforeAll(async () => {
  // PEYVAND_WEB_DIST: a build of one's own, while others rebuild web/dist on a shared machine.
  server = await startTestServer({ engine: 'pglite', webDistDir: resolve(process.env.PEYVAND_WEB_DIST ?? 'web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'سارا احمدی', password, workspaceName: 'بازرگانی پیوند', locale: 'fa' });
  api = account.client;
  email = account.input.email;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(viewport = { width: 1366, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home-page').waitFor();
  return page;
}

/** Yesterday in Tehran as an ISO date: a due moment that has certainly passed. */
function yesterday(): string {
  const day = new Date(Date.now() - 24 * 3600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
}

describe('notification centre (fa)', () => {
  it('shows a due task reminder with a Persian count; a click marks it read on the server and opens its link', async () => {
    const task = await api.post('/api/v1/tasks', { title: 'پیگیری پیش‌فاکتور شرکت آریا', dueDate: yesterday(), dueTime: '10:00', reminderMinutes: 15 });
    expect(task.status, task.text).toBe(201);
    const second = await api.post('/api/v1/tasks', { title: 'تماس با خانم کریمی', dueDate: yesterday(), dueTime: '11:00', reminderMinutes: 0 });
    expect(second.status, second.text).toBe(201);
    // The ticker would get there within seconds; the test does not wait for it.
    await server.peyvand.services.notifications.dispatchDue(new Date());
    const count = await api.get('/api/v1/notifications/unread-count');
    expect(count.body).toEqual({ count: 2 });

    const page = await signIn();
    const badge = page.getByTestId('notification-count');
    await eventually(async () => (await badge.textContent())?.trim()).toBe('۲');
    await screenshot(page, 'notifications-bell-fa');

    await page.getByTestId('notification-bell').click();
    const centre = page.getByTestId('notification-centre');
    await centre.waitFor();
    const items = centre.getByTestId('notification-item');
    await eventually(() => items.count()).toBe(2);
    const aria = items.filter({ hasText: 'پیگیری پیش‌فاکتور شرکت آریا' });
    await eventually(() => aria.getAttribute('data-unread')).toBe('true');
    expect(await aria.getAttribute('data-event')).toBe('task_due');
    // Relative time in Persian digits/words, not Latin digits.
    expect(await aria.getByTestId('notification-time').textContent()).not.toMatch(/[0-9]/);
    await screenshot(page, 'notifications-centre-fa');

    const list = await api.get('/api/v1/notifications');
    const target = list.body.items.find((n: { title: string }) => n.title.includes('پیگیری پیش‌فاکتور'));
    expect(target.readAt).toBeNull();
    await aria.click();
    await eventually(async () => (await api.get('/api/v1/notifications')).body.items.find((n: { id: string }) => n.id === target.id).readAt)
      .not.toBeNull();
    // It opened the notification's link inside the app.
    await eventually(() => new URL(page.url()).pathname).toBe(target.link);
    await eventually(async () => (await badge.textContent())?.trim()).toBe('۱');
    expect((await api.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 1 });

    // The full page lists both; "mark all read" empties the unread tab.
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('notifications-page').waitFor();
    await eventually(() => page.getByTestId('notification-item').count()).toBe(2);
    await screenshot(page, 'notifications-page-all-fa');
    await page.getByTestId('notifications-page-mark-all').click();
    await eventually(async () => (await api.get('/api/v1/notifications/unread-count')).body.count).toBe(0);
    await page.getByTestId('notifications-tab-unread').click();
    await page.getByTestId('notifications-empty').waitFor();
    await eventually(() => badge.isVisible()).toBe(false);
    await screenshot(page, 'notifications-page-fa');
    await page.close();
  });

  it('saves preferences: a switch, a phone typed in Persian digits, lead times', async () => {
    const page = await signIn();
    await page.goto(`${server.url}/settings/notifications`);
    await page.getByTestId('notification-matrix').waitFor();
    expect(await page.getByTestId('pref-task_due-email').isChecked()).toBe(true);
    await page.getByTestId('pref-task_due-sms').check();
    await page.getByTestId('pref-sms-needs-phone').waitFor();
    await page.getByTestId('pref-phone').fill('۰۹۱۲ ۳۴۵ ۶۷۸۹');
    await page.getByTestId('pref-save').click();
    await page.getByTestId('pref-saved').waitFor();
    await screenshot(page, 'notification-preferences-fa');
    const prefs = await api.get('/api/v1/notifications/preferences');
    expect(prefs.body.matrix.task_due).toEqual({ in_app: true, email: true, sms: true });
    expect(prefs.body.profile.phone).toBe('+989123456789');
    await page.close();
  });
});

describe('notification centre (en, phone width)', () => {
  it('speaks English with Latin digits, and the centre fits a 375 px screen', async () => {
    const task = await api.post('/api/v1/tasks', { title: 'Call Mr Karimi back', dueDate: yesterday(), dueTime: '12:00', reminderMinutes: 5 });
    expect(task.status, task.text).toBe(201);
    await server.peyvand.services.notifications.dispatchDue(new Date());
    expect((await api.patch('/api/v1/me', { locale: 'en', calendar: 'gregorian' })).status).toBe(200);
    try {
      const page = await signIn({ width: 375, height: 740 });
      const badge = page.getByTestId('notification-count');
      await eventually(async () => (await badge.textContent())?.trim()).toBe('1');
      await page.getByTestId('notification-bell').click();
      const item = page.getByTestId('notification-centre').getByTestId('notification-item').first();
      await eventually(async () => plain(await item.getByTestId('notification-title').textContent())).toBe('Task due: Call Mr Karimi back');
      const box = (await page.getByTestId('notification-centre').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      await screenshot(page, 'notifications-centre-en-phone');
      await page.getByTestId('notifications-settings-link').click();
      await page.getByTestId('notification-matrix').waitFor();
      const emailSwitch = page.getByTestId('pref-task_due-email');
      expect(plain(await emailSwitch.getAttribute('aria-label'))).toBe('Task due by Email');
      expect(await emailSwitch.isChecked()).toBe(true);
      await screenshot(page, 'notification-preferences-en-phone');
      await page.close();
    } finally {
      await api.patch('/api/v1/me', { locale: 'fa', calendar: 'jalali' });
    }
  });
});

describe('message templates (fa)', () => {
  it('writes an email template with the palette and the editor; the preview shows the values a person lacks', async () => {
    const person = await api.post('/api/v1/people', { firstName: 'مریم', lastName: 'کاظمی', emails: ['maryam@example.com'] });
    expect(person.status, person.text).toBe(201);
    const page = await signIn();
    await page.getByTestId('nav-templates').click();
    await page.getByTestId('templates-page').waitFor();
    await page.getByTestId('templates-empty').waitFor();
    await page.getByTestId('template-new').click();
    const dialog = page.getByTestId('template-dialog');
    await dialog.waitFor();
    await page.getByTestId('template-name').fill('خوشامد مشتری تازه');
    await page.getByTestId('template-subject').fill('خوش آمدید ');
    await page.getByTestId('placeholder-first_name').click();
    expect(await page.getByTestId('template-subject').inputValue()).toBe('خوش آمدید {{first_name}}');

    const body = page.getByTestId('template-body');
    await body.click();
    await page.keyboard.type('سلام ');
    await page.getByTestId('placeholder-full_name').click();
    await page.keyboard.type('، از همکاری با ');
    await page.getByTestId('template-body-bold').click();
    await page.keyboard.type('شما');
    await page.getByTestId('template-body-bold').click();
    await page.keyboard.type(' در ');
    await page.getByTestId('placeholder-organization').click();
    await page.keyboard.type(' خوشحالیم.');

    await page.getByTestId('template-preview-person').fill('کاظمی');
    await page.getByTestId('picker-option').filter({ hasText: 'مریم کاظمی' }).click();
    await eventually(async () => plain(await page.getByTestId('preview-subject').textContent())).toBe('خوش آمدید مریم');
    await eventually(async () => plain(await page.getByTestId('preview-missing').textContent())).toContain('{{organization}}');
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    // Spaces typed at the end of a line come out as no-break spaces in contentEditable.
    await eventually(async () => ((await frame.locator('body').textContent()) ?? '').replace(/\s+/g, ' ')).toContain('سلام مریم کاظمی، از همکاری با شما در خوشحالیم.');
    await screenshot(page, 'template-editor-fa');
    await page.getByTestId('template-save').click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => page.getByTestId('template-row').count()).toBe(1);

    const saved = (await api.get('/api/v1/message-templates?channel=email')).body.items[0];
    expect(saved.name).toBe('خوشامد مشتری تازه');
    expect(saved.subject).toBe('خوش آمدید {{first_name}}');
    expect(saved.body).toMatch(/<(b|strong)>شما<\/(b|strong)>/);
    expect(saved.body).toContain('{{full_name}}');
    expect(saved.body).toContain('{{organization}}');
    expect(saved.placeholders.sort()).toEqual(['first_name', 'full_name', 'organization']);
    await screenshot(page, 'templates-list-fa');

    // Editing keeps the body and sends the version it read.
    await page.getByTestId('template-edit').click();
    await dialog.waitFor();
    await page.getByTestId('template-name').fill('خوشامد مشتری');
    await page.getByTestId('template-save').click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(async () => plain(await page.getByTestId('template-row-name').textContent())).toBe('خوشامد مشتری');
    const edited = (await api.get(`/api/v1/message-templates/${saved.id}`)).body;
    expect(edited).toMatchObject({ name: 'خوشامد مشتری', version: saved.version + 1, body: saved.body });
    await page.close();
  });
});

describe('email from a person page (fa)', () => {
  it('sends a template email that arrives personalised and escaped, and is logged with its delivery status', async () => {
    const person = await api.post('/api/v1/people', {
      firstName: 'علی <b>',
      lastName: 'رضایی',
      emails: [{ value: 'ali.rezaei@example.com', primary: true }],
      consent: { email: true },
    });
    expect(person.status, person.text).toBe(201);
    const template = await api.post('/api/v1/message-templates', {
      channel: 'email',
      name: 'پیگیری پیش‌فاکتور',
      subject: 'سلام {{first_name}}، پیش‌فاکتور شما آماده است',
      body: '<p>{{first_name}} {{last_name}} عزیز،</p><p>سمت: {{job_title|کارشناس خرید}}</p><p>با احترام، {{owner_name}}</p>',
      locale: 'fa',
    });
    expect(template.status, template.text).toBe(201);

    const page = await signIn();
    await page.goto(`${server.url}/people/${person.body.id}`);
    await page.getByTestId('person-send-email').click();
    const dialog = page.getByTestId('compose-email-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('compose-to').inputValue()).toBe('ali.rezaei@example.com');
    await page.getByTestId('compose-template').click();
    await page.getByRole('option', { name: 'پیگیری پیش‌فاکتور' }).click();
    // The preview is the server's rendering for this person.
    await eventually(async () => plain(await page.getByTestId('preview-subject').textContent())).toBe('سلام علی <b>، پیش‌فاکتور شما آماده است');
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await eventually(async () => (await frame.locator('body').textContent()) ?? '').toContain('کارشناس خرید');
    await screenshot(page, 'compose-email-fa');
    await page.getByTestId('compose-send').click();
    await dialog.waitFor({ state: 'detached' });

    const mail = await server.smtp.waitFor('ali.rezaei@example.com');
    expect(mail.parsed.subject).toBe('سلام علی <b>، پیش‌فاکتور شما آماده است');
    const html = String(mail.parsed.html);
    expect(html).toContain('علی &lt;b&gt; رضایی عزیز');
    expect(html).not.toContain('علی <b>');
    expect(html).toContain('کارشناس خرید');
    expect(html).toContain('سارا احمدی');

    // Logged on the person as an email activity whose delivery status becomes "sent".
    await eventually(async () => {
        const list = await api.get(`/api/v1/activities?entityType=person&entityId=${person.body.id}&type=email`);
        return list.body.items?.[0]?.deliveryStatus;
      })
      .toBe('sent');
    // Without a reload: the dialog refreshed the person's timeline, which now lists the email.
    const logged = page.locator('[data-testid="timeline-item"][data-kind="activity.email"]').filter({ hasText: 'پیش‌فاکتور شما آماده است' });
    await logged.waitFor({ timeout: 20_000 });
    // Queued at first; the page looks again a little later and shows the status the delivery job set.
    await logged.filter({ hasText: 'ارسال شد' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'person-after-email-fa');
    await page.close();
  });
});

type GatewayRequest = { method: string; url: string; headers: Record<string, unknown>; body: string };

/** A stand-in SMS gateway on a local port: records every request; answers with `status`. */
async function startGateway() {
  const requests: GatewayRequest[] = [];
  const state = { status: 200 };
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.status, { 'Content-Type': 'application/json' });
      res.end(state.status === 200 ? JSON.stringify({ data: { id: `msg-${requests.length}` } }) : JSON.stringify({ error: 'line blocked' }));
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/send`;
  return { url, requests, state, close: () => new Promise<void>((done) => http.close(() => done())) };
}

describe('SMS gateway settings (fa)', () => {
  it('saves a generic HTTP gateway with a masked key, and a test SMS reaches it (and its refusal is shown)', async () => {
    const gateway = await startGateway();
    try {
      const page = await signIn();
      await page.getByTestId('nav-sms-settings').click();
      await page.getByTestId('sms-settings-page').waitFor();
      await page.getByTestId('sms-not-configured').waitFor();
      await page.getByTestId('sms-kind-generic').click();
      await page.getByTestId('sms-url').fill(gateway.url);
      await page.getByTestId('sms-to-field').fill('receptor');
      await page.getByTestId('sms-text-field').fill('message');
      await page.getByTestId('sms-sender').fill('10004346');
      await page.getByTestId('sms-api-key').fill('super-secret-gateway-key-1234');
      await page.getByLabel('مسیر شناسهٔ پیام در پاسخ').fill('data.id');
      await page.getByTestId('sms-save').click();
      // Saved: the key comes back masked, never in clear.
      await page.getByTestId('sms-api-key-masked').waitFor();
      expect(await page.getByTestId('sms-api-key-masked').inputValue()).toBe('••••1234');
      const stored = await api.get('/api/v1/sms-provider');
      expect(stored.body.kind).toBe('generic_http');
      expect(JSON.stringify(stored.body)).not.toContain('super-secret');

      await page.getByTestId('sms-test-to').fill('۰۹۱۲۳۴۵۶۷۸۹');
      await page.getByTestId('sms-test-send').click();
      await page.getByTestId('sms-test-result').waitFor();
      expect(plain(await page.getByTestId('sms-test-result').textContent())).toContain('msg-1');
      expect(gateway.requests).toHaveLength(1);
      const sent = JSON.parse(gateway.requests[0]!.body) as Record<string, string>;
      expect(sent.receptor).toBe('+989123456789');
      expect(sent.message?.length).toBeGreaterThan(0);
      expect(String(gateway.requests[0]!.headers.authorization)).toContain('super-secret-gateway-key-1234');
      await screenshot(page, 'sms-settings-fa');

      gateway.state.status = 403;
      await page.getByTestId('sms-test-send').click();
      await page.getByTestId('sms-test-error').waitFor();
      expect(plain(await page.getByTestId('sms-test-error').textContent())).toContain('403');
      await screenshot(page, 'sms-settings-error-fa');

      // An SMS from a person's page goes through the same gateway, personalised, to the person's number.
      gateway.state.status = 200;
      const person = await api.post('/api/v1/people', { firstName: 'نیما', lastName: 'صادقی', phones: ['0935 111 2233'] });
      expect(person.status, person.text).toBe(201);
      await page.goto(`${server.url}/people/${person.body.id}`);
      await page.getByTestId('person-send-sms').click();
      await page.getByTestId('compose-sms-dialog').waitFor();
      expect(await page.getByTestId('compose-to').inputValue()).toBe('+989351112233');
      await page.getByTestId('compose-body').fill('سلام ');
      await page.getByTestId('placeholder-first_name').click();
      await page.getByTestId('compose-body').press('End');
      await page.keyboard.type('، سفارش شما ارسال شد.');
      await eventually(async () => plain(await page.getByTestId('preview-text').textContent())).toBe('سلام نیما، سفارش شما ارسال شد.');
      await screenshot(page, 'compose-sms-fa');
      await page.getByTestId('compose-send').click();
      await page.getByTestId('compose-sms-dialog').waitFor({ state: 'detached' });
      await eventually(async () => {
          const list = await api.get(`/api/v1/activities?entityType=person&entityId=${person.body.id}&type=sms`);
          const sent = list.body.items?.[0];
          return sent ? `${sent.deliveryStatus} ${sent.deliveryError ?? ''}`.trim() : list.text;
        })
        .toBe('sent');
      expect(gateway.requests).toHaveLength(3);
      const sms = JSON.parse(gateway.requests[2]!.body) as Record<string, string>;
      expect(sms).toMatchObject({ receptor: '+989351112233', message: 'سلام نیما، سفارش شما ارسال شد.' });
      await page.close();
    } finally {
      await gateway.close();
    }
  });
});
