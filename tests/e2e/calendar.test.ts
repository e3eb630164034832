import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * The calendar in Chromium. In Persian: the month is a Jalali month (آذر ۱۴۰۵) in Persian digits,
 * the week starts on Saturday (شنبه), and a meeting dragged with the mouse to another day keeps
 * its time of day on the server and shows on its new day. In English: a Gregorian month starting
 * on Sunday.
 */

let server: TestServer;
let browser: Browser;
const password = 'a long browser passphrase';

/** Text without the Unicode isolates (FSI…PDI) around interpolated values. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

beforeAll(async () => {
  server = await startTestServer({ engine: 'pglite', webDistDir: resolve('web/dist') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function account(locale: 'fa' | 'en') {
  const created = await signUp(server.url, { name: locale === 'fa' ? 'سارا احمدی' : 'Sara Ahmadi', password, locale });
  return { api: created.client as ApiClient, email: created.input.email };
}

async function openCalendar(email: string, query: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home-page').waitFor();
  // On a phone the navigation sits in a drawer; the address is the same either way.
  if (viewport.width >= 900) {
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-page').waitFor();
  }
  await page.goto(`${server.url}/calendar?${query}`);
  await page.getByTestId('calendar-page').waitFor();
  return page;
}

/** A mouse drag as a person makes it: press, a small move to lift the event, travel, release over the target. */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const startX = a.x + a.width / 2;
  const startY = a.y + a.height / 2;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 10, startY + 6, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height * 0.7, { steps: 20 });
  await page.mouse.move(b.x + b.width / 2 + 2, b.y + b.height * 0.7 + 2, { steps: 2 });
  await page.mouse.up();
}

describe('the calendar in Persian', () => {
  it('shows a Jalali month from Saturday in Persian digits, and a dragged meeting keeps its time on its new day', async () => {
    const { api, email } = await account('fa');
    const person = await api.post('/api/v1/people', { firstName: 'مریم', lastName: 'رضایی' });
    expect(person.status).toBe(201);
    // 1405/09/10 (1 December 2026) at 10:30 Tehran time = 07:00 UTC.
    const meeting = await api.post('/api/v1/activities', {
      type: 'meeting',
      status: 'planned',
      subject: 'جلسهٔ قرارداد',
      occurredAt: '2026-12-01T07:00:00.000Z',
      endsAt: '2026-12-01T08:00:00.000Z',
      place: 'دفتر مرکزی',
      links: [{ entityType: 'person', entityId: person.body.id }],
    });
    expect(meeting.status, meeting.text).toBe(201);
    const task = await api.post('/api/v1/tasks', { title: 'پیگیری پیش‌فاکتور', dueDate: '2026-12-05' });
    expect(task.status, task.text).toBe(201);

    const page = await openCalendar(email, 'view=month&date=2026-12-01');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(plain(await page.getByTestId('calendar-title').textContent())).toBe('آذر ۱۴۰۵');
    const weekdays = await page.getByTestId('calendar-weekday').allTextContents();
    expect(weekdays[0]).toBe('شنبه');
    expect(weekdays[6]).toBe('جمعه');
    // Saturday is the rightmost column in RTL.
    const firstHeader = page.getByTestId('calendar-weekday').first();
    const lastHeader = page.getByTestId('calendar-weekday').last();
    expect((await firstHeader.boundingBox())!.x).toBeGreaterThan((await lastHeader.boundingBox())!.x);

    const chip = page.getByTestId(`calendar-event-${meeting.body.id}`);
    await chip.waitFor();
    // 10 Azar: the meeting's day, numbered in Persian digits.
    const meetingDay = page.getByTestId('calendar-day-2026-12-01');
    expect(plain(await meetingDay.getByTestId('calendar-day-number').textContent())).toBe('۱۰');
    expect(await meetingDay.getByTestId(`calendar-event-${meeting.body.id}`).count()).toBe(1);
    expect(plain(await chip.textContent())).toContain('۱۰:۳۰');
    expect(await page.getByTestId('calendar-day-2026-12-05').getByTestId(`calendar-event-${task.body.id}`).count()).toBe(1);
    await screenshot(page, 'calendar-fa-month');

    // Details: when, where, and a link to the person.
    await chip.click();
    const details = page.getByTestId('calendar-event-details');
    await details.waitFor();
    expect(plain(await details.getByTestId('calendar-event-when').textContent())).toContain('۱۰ آذر ۱۴۰۵');
    expect(await details.getByTestId('calendar-event-link').getAttribute('href')).toBe(`/people/${person.body.id}`);
    await screenshot(page, 'calendar-fa-details');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    // Drag it to 12 Azar (3 December).
    const target = page.getByTestId('calendar-day-2026-12-03');
    await drag(page, chip, target);
    await target.getByTestId(`calendar-event-${meeting.body.id}`).waitFor();
    await expect.poll(async () => (await api.get(`/api/v1/activities/${meeting.body.id}`)).body.occurredAt).toBe('2026-12-03T07:00:00.000Z');
    const moved = (await api.get(`/api/v1/activities/${meeting.body.id}`)).body;
    expect(moved.endsAt).toBe('2026-12-03T08:00:00.000Z');
    expect(moved.version).toBe(meeting.body.version + 1);
    // After the server answered and the range was read again, it is still there and only there.
    await page.waitForTimeout(500);
    expect(await target.getByTestId(`calendar-event-${meeting.body.id}`).count()).toBe(1);
    expect(await meetingDay.getByTestId(`calendar-event-${meeting.body.id}`).count()).toBe(0);
    await screenshot(page, 'calendar-fa-month-after-drag');

    // Clicking an empty day plans a meeting there (10:00 by default).
    await page.getByTestId('calendar-day-2026-12-08').click({ position: { x: 20, y: 80 } });
    const dialog = page.getByTestId('calendar-new-event');
    await dialog.waitFor();
    await page.getByTestId('new-event-subject').fill('جلسهٔ معرفی محصول');
    await screenshot(page, 'calendar-fa-new-meeting');
    await page.getByTestId('new-event-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const planned = page.getByTestId('calendar-day-2026-12-08').locator('[data-type="meeting"]');
    await planned.waitFor();
    expect(plain(await planned.textContent())).toContain('۱۰:۰۰ جلسهٔ معرفی محصول');
    const listed = await api.get(`/api/v1/calendar?from=${encodeURIComponent('2026-12-08T00:00:00+03:30')}&to=${encodeURIComponent('2026-12-09T00:00:00+03:30')}`);
    expect(listed.body.items.map((i: any) => [i.title, i.startsAt, i.status])).toEqual([['جلسهٔ معرفی محصول', '2026-12-08T06:30:00.000Z', 'planned']]);

    // The secret feed address: made on request, shown once, and it serves the calendar.
    await page.getByTestId('calendar-feed-button').click();
    await page.getByTestId('calendar-feed-create').click();
    const feedUrl = await page.getByTestId('calendar-feed-url').inputValue();
    expect(feedUrl).toMatch(/\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('SUMMARY:جلسهٔ قرارداد');
    await screenshot(page, 'calendar-fa-feed');
    await page.keyboard.press('Escape');

    // The week view places it by time.
    await page.getByTestId('calendar-view-week').click();
    await page.getByTestId('calendar-time-grid').waitFor();
    await page.getByTestId(`calendar-event-${meeting.body.id}`).waitFor();
    // A task dragged to a half-hour slot of another day gets that day and time (PATCH /tasks).
    const weekTask = await api.post('/api/v1/tasks', { title: 'تماس پیگیری', dueDate: '2026-12-02', dueTime: '09:00' });
    expect(weekTask.status, weekTask.text).toBe(201);
    await page.reload();
    const taskChip = page.getByTestId(`calendar-event-${weekTask.body.id}`);
    await taskChip.waitFor();
    await taskChip.scrollIntoViewIfNeeded();
    const slot = page.getByTestId('calendar-slot-2026-12-04-11:30');
    await slot.scrollIntoViewIfNeeded();
    await drag(page, taskChip, slot);
    await expect.poll(async () => (await api.get(`/api/v1/tasks/${weekTask.body.id}`)).body).toMatchObject({ dueDate: '2026-12-04', dueTime: '11:30' });
    await screenshot(page, 'calendar-fa-week');
    await page.close();
  });

  it('collapses the month to dots and a day list on a phone', async () => {
    const { api, email } = await account('fa');
    const created = await api.post('/api/v1/activities', {
      type: 'meeting',
      status: 'planned',
      subject: 'جلسهٔ تلفن همراه',
      occurredAt: '2026-12-01T07:00:00.000Z',
      endsAt: '2026-12-01T08:00:00.000Z',
      attendees: [{ userId: (await api.get('/api/v1/me')).body.user.id }],
    });
    expect(created.status, created.text).toBe(201);
    const page = await openCalendar(email, 'view=month&date=2026-12-01', { width: 375, height: 800 });
    await page.getByTestId('calendar-day-list').getByTestId(`calendar-event-${created.body.id}`).waitFor();
    expect(await page.getByTestId('calendar-month').getByTestId(`calendar-event-${created.body.id}`).count()).toBe(0);
    await screenshot(page, 'calendar-fa-phone');
    await page.close();
  });
});

describe('the calendar in English', () => {
  it('renders a Gregorian month starting on Sunday', async () => {
    const { api, email } = await account('en');
    const created = await api.post('/api/v1/tasks', { title: 'Send the proposal', dueDate: '2026-12-15', dueTime: '09:00' });
    expect(created.status, created.text).toBe(201);
    const page = await openCalendar(email, 'view=month&date=2026-12-15');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(plain(await page.getByTestId('calendar-title').textContent())).toBe('December 2026');
    expect((await page.getByTestId('calendar-weekday').allTextContents())[0]).toBe('Sunday');
    await page.getByTestId('calendar-day-2026-12-15').getByTestId(`calendar-event-${created.body.id}`).waitFor();
    expect(plain(await page.getByTestId(`calendar-event-${created.body.id}`).textContent())).toContain('09:00 Send the proposal');
    await screenshot(page, 'calendar-en-month');

    // Someone else changes the meeting meanwhile: the drag moves it at once, the server refuses the
    // stale version, and it goes back to its day with the reason shown.
    const meeting = await api.post('/api/v1/activities', {
      type: 'meeting',
      status: 'planned',
      subject: 'Pricing review',
      occurredAt: '2026-12-09T07:00:00.000Z',
      endsAt: '2026-12-09T08:00:00.000Z',
      attendees: [{ userId: (await api.get('/api/v1/me')).body.user.id }],
    });
    expect(meeting.status, meeting.text).toBe(201);
    await page.reload();
    const chip = page.getByTestId('calendar-day-2026-12-09').getByTestId(`calendar-event-${meeting.body.id}`);
    await chip.waitFor();
    expect((await api.patch(`/api/v1/activities/${meeting.body.id}`, { version: meeting.body.version, place: 'Room 2' })).status).toBe(200);
    await drag(page, chip, page.getByTestId('calendar-day-2026-12-10'));
    await page.getByText('Could not move it', { exact: false }).waitFor();
    await page.getByTestId('calendar-day-2026-12-09').getByTestId(`calendar-event-${meeting.body.id}`).waitFor();
    expect(await page.getByTestId('calendar-day-2026-12-10').getByTestId(`calendar-event-${meeting.body.id}`).count()).toBe(0);
    expect((await api.get(`/api/v1/activities/${meeting.body.id}`)).body.occurredAt).toBe('2026-12-09T07:00:00.000Z');
    await screenshot(page, 'calendar-en-refused-move');
    await page.close();
  });
});
