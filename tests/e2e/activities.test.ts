import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateParts } from '../../common/src/calendar/index.ts';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * Activities and tasks in Chromium, in Persian:
 * - on a 375 px phone, a call logged from a person's page (outbound, 3 minutes, «پاسخ داد», a note)
 *   is on the server and on the timeline as a card with Persian digits;
 * - a task ticked on /tasks is done on the server and moves to "done just now" on the page;
 * - a note whose HTML carries an <img onerror> payload, sent through the API, shows as harmless
 *   text: no script runs (no dialog opens) and no onerror attribute reaches the page;
 * - a logged call edited from its card's menu (a stale save is refused and the form reloads),
 *   then deleted; a planned call marked done with its outcome and length.
 */

let server: TestServer;
let browser: Browser;
let api: ApiClient;
const password = 'a long browser passphrase';
let email = '';
let personId = '';

/** Text without the Unicode isolates (FSI…PDI) around interpolated values. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

beforeAll(async () => {
  // PEYVAND_WEB_DIST: a build of one's own, while others rebuild web/dist on a shared machine.
  server = await startTestServer({ engine: 'pglite', webDistDir: resolve(process.env.PEYVAND_WEB_DIST ?? 'web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'سارا احمدی', password, workspaceName: 'بازرگانی پیوند', locale: 'fa' });
  api = account.client;
  email = account.input.email;
  const person = await api.post('/api/v1/people', { firstName: 'مهسا', lastName: 'کاظمی', phones: [{ value: '09121234567', primary: true }] });
  expect(person.status, person.text).toBe(201);
  personId = person.body.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home-page').waitFor();
}

async function phonePage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page);
  return { context, page };
}

describe('logging a call on a phone, in Persian', () => {
  it('saves the call on the server and shows it on the timeline with Persian digits', async () => {
    const { context, page } = await phonePage();
    await page.goto(`${server.url}/people/${personId}`);
    await page.getByTestId('person-page').waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');

    await page.getByTestId('log-call').click();
    const dialog = page.getByTestId('log-call-dialog');
    await dialog.waitFor();
    // Full screen on a phone.
    const box = (await dialog.locator('.MuiDialog-paper').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(370);
    // The person's number, with a tap-to-call link.
    expect(await dialog.getByTestId('log-call-dial').first().getAttribute('href')).toBe('tel:+989121234567');
    expect(plain(await dialog.getByTestId('log-call-phone').first().textContent())).toContain('۰۹۱۲ ۱۲۳ ۴۵۶۷');
    await dialog.getByTestId('log-call-outbound').click();
    await dialog.getByTestId('log-call-outcome-connected').click();
    await dialog.getByTestId('log-call-duration').fill('۳');
    await dialog.getByTestId('log-call-note').fill('قرار شد پیش‌فاکتور را تا فردا بفرستیم.');
    await screenshot(page, 'activities-log-call-phone-fa');
    await dialog.getByTestId('log-call-submit').click();
    await dialog.waitFor({ state: 'detached' });

    // On the server.
    const listed = await api.get(`/api/v1/activities?entityType=person&entityId=${personId}&type=call`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    const call = listed.body.items[0];
    expect(call).toMatchObject({ type: 'call', status: 'done', direction: 'outbound', durationSeconds: 180, callOutcome: 'connected', phone: '+989121234567' });
    expect(call.bodyText).toContain('پیش‌فاکتور');
    expect(call.links).toEqual([expect.objectContaining({ entityType: 'person', entityId: personId })]);

    // On the timeline: a card, Persian words and digits.
    const card = page.locator(`[data-testid="activity-card"][data-activity-id="${call.id}"]`);
    await card.waitFor();
    expect(plain(await card.getByTestId('activity-summary').textContent())).toBe('تماس خروجی — ۳ دقیقه — پاسخ داد');
    expect(await card.getByTestId('activity-body').textContent()).toContain('پیش‌فاکتور را تا فردا بفرستیم');
    const time = plain(await card.getByTestId('activity-time').textContent());
    expect(time).toMatch(/[۰-۹]/);
    expect(time).not.toMatch(/[0-9]/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'activities-timeline-phone-fa');
    await context.close();
  });
});

describe('my tasks, in Persian', () => {
  it('ticks a task off: done on the server, moved on the page', async () => {
    const { year, month, day } = dateParts(new Date(), 'Asia/Tehran');
    const today = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const overdue = await api.post('/api/v1/tasks', { title: 'پیگیری پیش‌فاکتور آریا', dueDate: '2020-01-05', priority: 'urgent', links: [{ entityType: 'person', entityId: personId }] });
    expect(overdue.status, overdue.text).toBe(201);
    const other = await api.post('/api/v1/tasks', { title: 'تماس با مشتری تازه', dueDate: today, dueTime: '23:59', priority: 'high' });
    expect(other.status, other.text).toBe(201);
    await api.post('/api/v1/tasks', { title: 'مرتب کردن پرونده‌ها' });

    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await signIn(page);
    // The overdue count beside "Tasks" in the navigation.
    expect(plain(await page.getByTestId('tasks-overdue-badge').textContent())).toBe('۱');
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('tasks-page').waitFor();
    const overdueSection = page.getByTestId('tasks-section-overdue');
    const row = overdueSection.locator(`[data-testid="task-row"][data-task-id="${overdue.body.id}"]`);
    await row.waitFor();
    expect(plain(await overdueSection.getByTestId('tasks-section-count').textContent())).toBe('۱');
    expect(plain(await page.getByTestId('tasks-section-today').getByTestId('task-due').first().textContent())).toBe('امروز ۲۳:۵۹');
    // Due in Jalali with Persian digits: 5 January 2020 is 15 Dey 1398.
    expect(plain(await row.getByTestId('task-due').textContent())).toBe('۱۵ دی ۱۳۹۸');
    await screenshot(page, 'tasks-page-fa');

    await row.getByTestId('task-check').check();
    await expect.poll(async () => (await api.get(`/api/v1/tasks/${overdue.body.id}`)).body.status).toBe('done');
    const done = page.getByTestId('tasks-section-done');
    await done.locator(`[data-testid="task-row"][data-task-id="${overdue.body.id}"]`).waitFor();
    await expect.poll(() => overdueSection.locator(`[data-testid="task-row"][data-task-id="${overdue.body.id}"]`).count()).toBe(0);
    expect(await page.getByTestId('tasks-section-today').locator(`[data-task-id="${other.body.id}"]`).count()).toBe(1);
    await expect.poll(() => page.getByTestId('tasks-overdue-badge').count()).toBe(0);
    await page.waitForTimeout(600); // the row unfolding under "done just now"
    await screenshot(page, 'tasks-page-after-done-fa');
    await page.close();
  });
});

describe('the activity composer and the tasks panel on a person page, in Persian', () => {
  it('plans a meeting on the Tehran clock, writes a bold note, plans a call and marks it done, adds a repeating task', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    await page.goto(`${server.url}/people/${personId}`);
    await page.getByTestId('person-page').waitFor();

    // A meeting on 10 Azar 1405 (1 December 2026) at 14:30 Tehran time, for an hour.
    await page.getByTestId('new-meeting').click();
    const composer = page.getByTestId('activity-composer');
    await composer.getByTestId('composer-subject').fill('جلسهٔ معرفی محصول');
    await composer.getByTestId('composer-starts-date').fill('۱۴۰۵/۰۹/۱۰');
    await composer.getByTestId('composer-starts-time').fill('۱۴:۳۰');
    await composer.getByTestId('composer-place').fill('دفتر مرکزی');
    expect(plain(await composer.getByTestId('composer-ends-time').inputValue())).toBe('۱۵:۳۰');
    await screenshot(page, 'activities-meeting-composer-fa');
    await composer.getByTestId('composer-submit').click();
    await composer.waitFor({ state: 'detached' });
    const meetings = await api.get(`/api/v1/activities?entityType=person&entityId=${personId}&type=meeting`);
    expect(meetings.body.items).toHaveLength(1);
    const meeting = meetings.body.items[0];
    expect(meeting).toMatchObject({ subject: 'جلسهٔ معرفی محصول', occurredAt: '2026-12-01T11:00:00.000Z', endsAt: '2026-12-01T12:00:00.000Z', place: 'دفتر مرکزی', reminderMinutes: 15 });
    expect(meeting.attendees.map((a: { personId: string | null; userId: string | null }) => (a.personId ? 'person' : 'user')).sort()).toEqual(['person', 'user']);
    const meetingCard = page.locator(`[data-testid="activity-card"][data-activity-id="${meeting.id}"]`);
    expect(plain(await meetingCard.getByTestId('activity-summary').textContent())).toBe('جلسه — ۱۴:۳۰–۱۵:۳۰ — ۲ شرکت‌کننده — دفتر مرکزی');

    // A note in bold, through the toolbar.
    await page.getByTestId('new-note').click();
    const noteBox = page.getByTestId('activity-composer').getByTestId('composer-body');
    await noteBox.click();
    await page.getByRole('button', { name: 'پررنگ' }).click();
    await page.keyboard.type('مشتری بودجه را تأیید کرد');
    await page.keyboard.press('Enter');
    // exact: «برداشتن پیوند» (unlink) sits next to it.
    await page.getByRole('button', { name: 'پیوند', exact: true }).click();
    await page.getByTestId('composer-body-link-url').fill('https://example.com/budget');
    await page.getByTestId('composer-body-link-add').click();
    // The popover's own form adds the link; it does not save the note.
    expect(await page.getByTestId('activity-composer').isVisible()).toBe(true);
    expect(await noteBox.locator('a[href="https://example.com/budget"]').textContent()).toBe('https://example.com/budget');
    await screenshot(page, 'activities-note-editor-fa');
    await page.getByTestId('activity-composer').getByTestId('composer-submit').click();
    await page.getByTestId('activity-composer').waitFor({ state: 'detached' });
    const notes = await api.get(`/api/v1/activities?entityType=person&entityId=${personId}&type=note`);
    const note = notes.body.items.find((n: { bodyText: string }) => n.bodyText.includes('بودجه'));
    expect(note.bodyHtml).toMatch(/<(b|strong)>مشتری بودجه را تأیید کرد<\/(b|strong)>/);
    expect(note.bodyHtml).toContain('href="https://example.com/budget"');

    // A call planned for 11 Azar at 10:00, then done from its card.
    await page.getByTestId('more-activities').click();
    await page.getByTestId('new-call').click();
    const planner = page.getByTestId('activity-composer');
    await planner.getByTestId('composer-starts-date').fill('۱۴۰۵/۰۹/۱۱');
    await planner.getByTestId('composer-starts-time').fill('۱۰:۰۰');
    await planner.getByTestId('composer-text').fill('پیگیری پیش‌فاکتور');
    await planner.getByTestId('composer-submit').click();
    await planner.waitFor({ state: 'detached' });
    const planned = (await api.get(`/api/v1/activities?entityType=person&entityId=${personId}&type=call&status=planned`)).body.items;
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ type: 'call', status: 'planned', occurredAt: '2026-12-02T06:30:00.000Z' });
    const plannedCard = page.locator(`[data-testid="activity-card"][data-activity-id="${planned[0].id}"]`);
    expect(await plannedCard.getAttribute('data-status')).toBe('planned');
    expect(plain(await plannedCard.getByTestId('activity-summary').textContent())).toBe('تماس برنامه‌ریزی‌شده');
    await screenshot(page, 'activities-composed-timeline-fa');
    // "Done" asks how it went; nothing is required.
    await plannedCard.getByTestId('activity-done').click();
    await page.getByTestId('complete-dialog').getByTestId('complete-submit').click();
    await expect.poll(async () => (await api.get(`/api/v1/activities/${planned[0].id}`)).body.status).toBe('done');
    await expect.poll(() => plannedCard.getAttribute('data-status')).toBe('done');

    // A weekly task from the person's tasks panel, due 12 Azar at 09:30.
    await page.getByTestId('record-add-task').click();
    const taskDialog = page.getByTestId('task-dialog');
    await taskDialog.getByTestId('task-title-input').fill('ارسال کاتالوگ');
    await taskDialog.getByTestId('task-due-date').fill('۱۴۰۵/۰۹/۱۲');
    await taskDialog.getByTestId('task-due-time').fill('۰۹:۳۰');
    await taskDialog.getByTestId('task-priority-high').click();
    await taskDialog.getByRole('combobox', { name: 'تکرار' }).click();
    await page.getByRole('option', { name: 'هفتگی' }).click();
    expect(await taskDialog.getByTestId('task-link-chip').textContent()).toBe('مهسا کاظمی');
    await screenshot(page, 'tasks-dialog-fa');
    await taskDialog.getByTestId('task-save').click();
    await taskDialog.waitFor({ state: 'detached' });
    const tasks = (await api.get(`/api/v1/tasks?entityType=person&entityId=${personId}&status=open`)).body.items;
    const created = tasks.find((x: { title: string }) => x.title === 'ارسال کاتالوگ');
    expect(created).toMatchObject({ dueDate: '2026-12-03', dueTime: '09:30', priority: 'high', recurrence: expect.objectContaining({ frequency: 'weekly', interval: 1, calendar: 'jalali' }) });
    expect(created.links).toEqual([expect.objectContaining({ entityType: 'person', entityId: personId })]);
    await page.getByTestId('record-tasks').locator(`[data-task-id="${created.id}"]`).waitFor();
    await screenshot(page, 'activities-person-page-fa');
    await page.close();
  });
});

describe('a deal page, in Persian', () => {
  it('logs a call with one of the deal people: linked to both, the person number offered', async () => {
    const org = await api.post('/api/v1/organizations', { name: 'صنایع غذایی آریا', type: 'customer' });
    const deal = await api.post('/api/v1/deals', { title: 'قرارداد پخش سراسری', organizationId: org.body.id, amount: '125000000', currency: 'IRR', people: [{ personId, isPrimary: true }] });
    expect(deal.status, deal.text).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    await page.goto(`${server.url}/deals/${deal.body.id}`);
    await page.getByTestId('deal-page').waitFor();
    await page.getByTestId('log-call').click();
    const dialog = page.getByTestId('log-call-dialog');
    await dialog.getByTestId('log-call-person-chip').filter({ hasText: 'مهسا کاظمی' }).click();
    await dialog.getByTestId('log-call-phone').first().waitFor();
    await dialog.getByTestId('log-call-outcome-no_answer').click();
    await dialog.getByTestId('log-call-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const calls = (await api.get(`/api/v1/activities?entityType=deal&entityId=${deal.body.id}&type=call`)).body.items;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ callOutcome: 'no_answer', phone: '+989121234567' });
    expect(calls[0].links.map((l: { entityType: string }) => l.entityType).sort()).toEqual(['deal', 'person']);
    const card = page.locator(`[data-testid="activity-card"][data-activity-id="${calls[0].id}"]`);
    expect(plain(await card.getByTestId('activity-summary').textContent())).toBe('تماس خروجی — پاسخ نداد');
    await page.getByTestId('record-tasks').waitFor();
    await screenshot(page, 'activities-deal-page-fa');
    await page.close();
  });
});

describe('my tasks on a phone, in English', () => {
  it('shows a task of yesterday as overdue with a relative label, and logs a call from the app bar', async () => {
    const en = await signUp(server.url, { name: 'Dana West', password, workspaceName: 'West Trading', locale: 'en' });
    const { year, month, day } = dateParts(new Date(Date.now() - 86_400_000), 'Asia/Tehran');
    const yesterday = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const late = await en.client.post('/api/v1/tasks', { title: 'Send the price list', dueDate: yesterday, priority: 'urgent' });
    expect(late.status, late.text).toBe(201);
    const customer = await en.client.post('/api/v1/people', { firstName: 'Omid', lastName: 'Rahimi', phones: ['09351112233'] });
    expect(customer.status, customer.text).toBe(201);

    const context = await browser.newContext({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByTestId('signin-email').fill(en.input.email);
    await page.getByTestId('signin-password').fill(password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${server.url}/tasks`);
    const row = page.getByTestId('tasks-section-overdue').locator(`[data-task-id="${late.body.id}"]`);
    expect(plain(await row.getByTestId('task-due').textContent())).toBe('Yesterday');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await screenshot(page, 'tasks-page-phone-en');

    // The app bar's quick action: pick the person, their number comes with them.
    await page.getByTestId('app-log-call').click();
    const dialog = page.getByTestId('log-call-dialog');
    await dialog.getByTestId('log-call-person').fill('Omid');
    await page.getByTestId('picker-option').filter({ hasText: 'Omid Rahimi' }).click();
    await dialog.getByTestId('log-call-phone').first().waitFor();
    await dialog.getByTestId('log-call-inbound').click();
    await dialog.getByTestId('log-call-outcome-callback_requested').click();
    await dialog.getByTestId('log-call-duration').fill('1:30');
    await dialog.getByTestId('log-call-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const calls = (await en.client.get(`/api/v1/activities?entityType=person&entityId=${customer.body.id}&type=call`)).body.items;
    expect(calls).toEqual([expect.objectContaining({ direction: 'inbound', durationSeconds: 90, callOutcome: 'callback_requested', phone: '+989351112233' })]);
    await page.goto(`${server.url}/people/${customer.body.id}`);
    const card = page.locator(`[data-testid="activity-card"][data-activity-id="${calls[0].id}"]`);
    expect(plain(await card.getByTestId('activity-summary').textContent())).toBe('Inbound call — 1 min 30 sec — Asked us to call back');
    await screenshot(page, 'activities-person-phone-en');
    await context.close();
  });
});

describe('a note with hostile HTML', () => {
  it('shows as harmless text: no script runs, no handler reaches the page', async () => {
    const payload = '<p>یادداشت <b>مهم</b></p><img src="x" onerror="alert(\'xss\')"><script>alert("s")</script><a href="javascript:alert(1)">پیوند</a>';
    const note = await api.post('/api/v1/activities', { type: 'note', bodyHtml: payload, links: [{ entityType: 'person', entityId: personId }] });
    expect(note.status, note.text).toBe(201);
    expect(note.body.bodyHtml).not.toMatch(/onerror|<script|javascript:/i);

    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page);
    await page.goto(`${server.url}/people/${personId}`);
    const card = page.locator(`[data-testid="activity-card"][data-activity-id="${note.body.id}"]`);
    await card.waitFor();
    const body = card.getByTestId('activity-body');
    expect(await body.textContent()).toContain('یادداشت مهم');
    expect(await body.locator('b').textContent()).toBe('مهم');
    expect(await body.locator('[onerror]').count()).toBe(0);
    expect(await body.locator('script').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);
    for (const href of await body.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) expect(href).not.toMatch(/^javascript:/i);
    // Give a broken image's error event time to fire, had one got through.
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await screenshot(page, 'activities-note-sanitised-fa');
    await page.close();
  });
});

describe('editing, deleting and completing from the timeline card, in Persian', () => {
  it('edits a logged call (through a version conflict), deletes it, and completes a planned call with its outcome', async () => {
    const person = await api.post('/api/v1/people', { firstName: 'رضا', lastName: 'نوری', phones: [{ value: '09127654321', primary: true }] });
    expect(person.status, person.text).toBe(201);
    const rezaId: string = person.body.id;
    const logged = await api.post('/api/v1/activities/calls', { personId: rezaId, direction: 'outbound', durationSeconds: 120, callOutcome: 'connected', note: 'قیمت را پرسید.' });
    expect(logged.status, logged.text).toBe(201);
    const call = logged.body;
    const planned = await api.post('/api/v1/activities', { type: 'call', status: 'planned', direction: 'outbound', occurredAt: '2026-12-05T07:00:00Z', bodyText: 'پیگیری قرارداد', links: [{ entityType: 'person', entityId: rezaId }] });
    expect(planned.status, planned.text).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    await page.goto(`${server.url}/people/${rezaId}`);
    await page.getByTestId('person-page').waitFor();
    const card = page.locator(`[data-testid="activity-card"][data-activity-id="${call.id}"]`);
    await card.waitFor();

    // The card's menu: edit and delete.
    await card.getByTestId('activity-menu').click();
    const editItem = page.getByTestId('activity-edit');
    expect(plain(await editItem.textContent())).toBe('ویرایش');
    expect(plain(await page.getByTestId('activity-delete').textContent())).toBe('حذف');
    await screenshot(page, 'activities-card-menu-fa');
    await editItem.click();

    // The call dialog, filled in from the call.
    const dialog = page.getByTestId('log-call-dialog');
    await dialog.waitFor();
    expect(plain(await dialog.locator('h2').textContent())).toBe('ویرایش تماس');
    expect(await dialog.getByTestId('log-call-duration').inputValue()).toBe('۲');
    expect(await dialog.getByTestId('log-call-note').inputValue()).toBe('قیمت را پرسید.');
    expect(await dialog.getByTestId('log-call-outcome-connected').getAttribute('aria-checked')).toBe('true');
    expect(plain(await dialog.getByTestId('log-call-other-phone').inputValue())).toBe('۰۹۱۲ ۷۶۵ ۴۳۲۱');
    await dialog.getByTestId('log-call-duration').fill('۷:۳۰');
    await dialog.getByTestId('log-call-note').fill('قیمت را پرسید؛ پیش‌فاکتور فرستاده شد.');

    // Meanwhile someone else marks it busy: the save is refused and the form starts again from their version.
    const meanwhile = await api.patch(`/api/v1/activities/${call.id}`, { version: call.version, callOutcome: 'busy' });
    expect(meanwhile.status, meanwhile.text).toBe(200);
    await dialog.getByTestId('log-call-submit').click();
    const conflict = dialog.getByTestId('version-conflict');
    await conflict.waitFor();
    expect(plain(await conflict.textContent())).toContain('آخرین نسخهٔ این فعالیت بارگذاری شد');
    await expect.poll(() => dialog.getByTestId('log-call-outcome-busy').getAttribute('aria-checked')).toBe('true');
    expect(await dialog.getByTestId('log-call-duration').inputValue()).toBe('۲');
    await screenshot(page, 'activities-edit-conflict-fa');
    await dialog.getByTestId('log-call-duration').fill('۷:۳۰');
    await dialog.getByTestId('log-call-note').fill('قیمت را پرسید؛ پیش‌فاکتور فرستاده شد.');
    await dialog.getByTestId('log-call-submit').click();
    await dialog.waitFor({ state: 'detached' });

    const edited = await api.get(`/api/v1/activities/${call.id}`);
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ durationSeconds: 450, bodyText: 'قیمت را پرسید؛ پیش‌فاکتور فرستاده شد.', callOutcome: 'busy', direction: 'outbound', phone: '+989127654321', version: meanwhile.body.version + 1 });
    expect(edited.body.version).toBe(call.version + 2);
    expect(edited.body.links).toEqual([expect.objectContaining({ entityType: 'person', entityId: rezaId })]);
    await expect.poll(async () => plain(await card.getByTestId('activity-summary').textContent())).toBe('تماس خروجی — ۷ دقیقه و ۳۰ ثانیه — مشغول بود');
    expect(await card.getByTestId('activity-body').textContent()).toContain('پیش‌فاکتور فرستاده شد');

    // Delete, after a confirmation.
    await card.getByTestId('activity-menu').click();
    await page.getByTestId('activity-delete').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    await confirm.getByTestId('confirm-dialog-confirm').click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => card.count()).toBe(0);
    expect(plain(await page.getByTestId('toast').textContent())).toContain('فعالیت حذف شد.');
    expect((await api.get(`/api/v1/activities/${call.id}`)).status).toBe(404);
    // Still gone once the page is read again from the server.
    await page.reload();
    await page.getByTestId('person-page').waitFor();
    const plannedCard = page.locator(`[data-testid="activity-card"][data-activity-id="${planned.body.id}"]`);
    await plannedCard.waitFor();
    expect(await card.count()).toBe(0);

    // A planned call done: how it went, how long, a note.
    await plannedCard.getByTestId('activity-done').click();
    const completion = page.getByTestId('complete-dialog');
    await completion.waitFor();
    const noAnswer = completion.getByTestId('complete-outcome-no_answer');
    expect(plain(await noAnswer.textContent())).toBe('پاسخ نداد');
    await noAnswer.click();
    await completion.getByTestId('complete-duration').fill('۱');
    await completion.getByTestId('complete-note').fill('فردا دوباره تماس می‌گیرم.');
    await screenshot(page, 'activities-complete-call-fa');
    await completion.getByTestId('complete-submit').click();
    await completion.waitFor({ state: 'detached' });
    const done = await api.get(`/api/v1/activities/${planned.body.id}`);
    expect(done.body).toMatchObject({ status: 'done', callOutcome: 'no_answer', durationSeconds: 60, version: planned.body.version + 1 });
    expect(done.body.bodyText).toBe('پیگیری قرارداد\n\nفردا دوباره تماس می‌گیرم.');
    await expect.poll(() => plannedCard.getAttribute('data-status')).toBe('done');
    expect(plain(await plannedCard.getByTestId('activity-summary').textContent())).toBe('تماس خروجی — ۱ دقیقه — پاسخ نداد');
    await screenshot(page, 'activities-after-complete-fa');
    await page.close();
  });
});
