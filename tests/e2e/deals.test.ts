import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../common/src/money/index.ts';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * The deals board in Chromium: a card dragged with the mouse to another column in Persian (RTL,
 * columns running from the right) and in English (LTR) changes the deal on the server (stage and
 * stage history) and the column totals on the page; a drop into the lost stage asks why first;
 * on a 375 px phone the card's "move to stage" menu does the same.
 */

let server: TestServer;
let browser: Browser;
let api: ApiClient;
const password = 'a long browser passphrase';
let email = '';

type Stage = { id: string; name: string; kind: 'open' | 'won' | 'lost'; probability: number };
let stages: Stage[] = [];
let customerId = '';
let competitorId = '';

/** Text without the Unicode isolates (FSI…PDI) around interpolated values. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

beforeAll(async () => {
  server = await startTestServer({ engine: 'pglite', webDistDir: resolve('web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'سارا احمدی', password, workspaceName: 'بازرگانی پیوند', locale: 'fa' });
  api = account.client;
  email = account.input.email;
  const pipelines = await api.get('/api/v1/pipelines');
  expect(pipelines.status).toBe(200);
  stages = pipelines.body.items[0].stages;
  expect(stages.map((s) => s.kind)).toEqual(['open', 'open', 'open', 'open', 'won', 'lost']);
  const customer = await api.post('/api/v1/organizations', { name: 'صنایع غذایی آریا', type: 'customer' });
  const competitor = await api.post('/api/v1/organizations', { name: 'رقیب سرسخت', type: 'competitor' });
  customerId = customer.body.id;
  competitorId = competitor.body.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function createDeal(title: string, amount: string, extra: Record<string, unknown> = {}) {
  const created = await api.post('/api/v1/deals', { title, organizationId: customerId, amount, currency: 'IRR', expectedCloseDate: '2026-12-20', ...extra });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; stageId: string };
}

async function signIn(page: Page) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home-page').waitFor();
}

async function openBoard(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await signIn(page);
  await page.getByTestId('nav-deals').click();
  await page.getByTestId('deals-board').waitFor();
  return page;
}

const column = (page: Page, stageId: string) => page.locator(`[data-testid="board-column"][data-stage-id="${stageId}"]`);
const card = (page: Page, title: string) => page.getByTestId('deal-card').filter({ hasText: title });

/** A mouse drag as a person makes it: press, a small move to lift the card, travel, release over the column's header. */
async function dragCard(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const startX = a.x + a.width / 2;
  const startY = a.y + a.height * 0.75;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 12, startY + 8, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + 50, { steps: 20 });
  await page.mouse.move(b.x + b.width / 2 + 2, b.y + 52, { steps: 2 });
  await page.mouse.up();
}

async function dealOf(id: string) {
  const deal = await api.get(`/api/v1/deals/${id}`);
  expect(deal.status).toBe(200);
  const history = await api.get(`/api/v1/deals/${id}/stage-history`);
  expect(history.status).toBe(200);
  return { deal: deal.body, history: history.body as Array<{ stage: { id: string }; leftAt: string | null }> };
}

describe('the deals board in Persian', () => {
  it('moves a card to the next column by dragging, on the server and in the column totals', async () => {
    const moved = await createDeal('قرارداد پخش سراسری', '125000000');
    await createDeal('تمدید پشتیبانی سالانه', '48000000');
    await createDeal('خرید تجهیزات انبار', '300000000');

    const page = await openBoard();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    const first = column(page, stages[0]!.id);
    const second = column(page, stages[1]!.id);
    await card(page, 'قرارداد پخش سراسری').waitFor();
    // Right to left: the first stage is the rightmost column.
    expect((await first.boundingBox())!.x).toBeGreaterThan((await second.boundingBox())!.x);
    expect(plain(await first.getByTestId('column-total').textContent())).toBe(formatMoney('473000000', 'IRR', 'fa', 'toman'));
    expect(plain(await first.getByTestId('column-count').textContent())).toBe('۳');
    await screenshot(page, 'deals-board-fa');

    await dragCard(page, card(page, 'قرارداد پخش سراسری'), second);

    await expect.poll(async () => (await dealOf(moved.id)).deal.stageId).toBe(stages[1]!.id);
    const { history } = await dealOf(moved.id);
    expect(history).toHaveLength(2);
    expect(history.filter((h) => h.leftAt === null)).toHaveLength(1);
    await expect.poll(async () => plain(await second.getByTestId('column-total').textContent())).toBe(formatMoney('125000000', 'IRR', 'fa', 'toman'));
    expect(plain(await second.getByTestId('column-total').textContent())).toBe('۱۲٬۵۰۰٬۰۰۰ تومان');
    expect(plain(await first.getByTestId('column-total').textContent())).toBe(formatMoney('348000000', 'IRR', 'fa', 'toman'));
    expect(plain(await second.getByTestId('column-count').textContent())).toBe('۱');
    // Weighted: 125,000,000 rials × 25 % of the second stage.
    expect(plain(await second.getByTestId('column-weighted').textContent())).toContain(formatMoney('31250000', 'IRR', 'fa', 'toman'));
    await expect.poll(() => second.getByTestId('deal-card').filter({ hasText: 'قرارداد پخش سراسری' }).count()).toBe(1);
    await screenshot(page, 'deals-board-moved-fa');

    // The deal page: the stepper shows the new stage, the history both stays.
    await card(page, 'قرارداد پخش سراسری').getByTestId('deal-card-title').click();
    await page.getByTestId('deal-page').waitFor();
    await expect.poll(() => page.locator('[data-testid="stage-step"][data-current="true"]').getAttribute('data-stage-id')).toBe(stages[1]!.id);
    await expect.poll(() => page.getByTestId('stage-history-row').count()).toBe(2);
    expect(plain(await page.getByTestId('deal-amount').textContent())).toBe('۱۲٬۵۰۰٬۰۰۰ تومان');
    await screenshot(page, 'deals-page-fa');
    await page.close();
  });

  it('asks why when a card is dropped into the lost stage, then records the loss', async () => {
    const lost = await createDeal('پروژهٔ نرم‌افزار حسابداری', '90000000');
    const page = await openBoard();
    const lostStage = stages.find((s) => s.kind === 'lost')!;
    await dragCard(page, card(page, 'پروژهٔ نرم‌افزار حسابداری'), column(page, lostStage.id));

    const dialog = page.getByTestId('lost-dialog');
    await dialog.waitFor();
    // The reason is required: submitting without one keeps the deal where it was.
    await page.getByTestId('lost-submit').click();
    await dialog.getByText('دلیل را انتخاب کنید.').waitFor();
    expect((await dealOf(lost.id)).deal.status).toBe('open');

    await page.getByTestId('lost-reason').click();
    await page.getByTestId('lost-reason-option').first().click();
    await page.getByTestId('lost-competitor').fill('رقیب');
    await page.getByRole('option', { name: 'رقیب سرسخت' }).click();
    await page.getByTestId('lost-note').fill('قیمت پیشنهادی رقیب پایین‌تر بود.');
    await screenshot(page, 'deals-lost-dialog-fa');
    await page.getByTestId('lost-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(async () => (await dealOf(lost.id)).deal.status).toBe('lost');
    const { deal } = await dealOf(lost.id);
    expect(deal.stageId).toBe(lostStage.id);
    expect(deal.lostReason).not.toBeNull();
    expect(deal.competitor?.id).toBe(competitorId);
    expect(deal.lostNote).toBe('قیمت پیشنهادی رقیب پایین‌تر بود.');
    await expect.poll(() => column(page, lostStage.id).getByTestId('deal-card').filter({ hasText: 'پروژهٔ نرم‌افزار حسابداری' }).count()).toBe(1);
    await page.close();
  });
});

describe('the deals board in English', () => {
  it('runs left to right and moves a dragged card the same way', async () => {
    expect((await api.patch('/api/v1/me', { locale: 'en', calendar: 'gregorian' })).status).toBeLessThan(300);
    const moved = await createDeal('Warehouse racking', '60000000');
    const page = await openBoard();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    const first = column(page, stages[0]!.id);
    const third = column(page, stages[2]!.id);
    expect((await first.boundingBox())!.x).toBeLessThan((await third.boundingBox())!.x);
    const before = (await first.getByTestId('deal-card').count()) as number;
    await screenshot(page, 'deals-board-en');

    await dragCard(page, card(page, 'Warehouse racking'), third);

    await expect.poll(async () => (await dealOf(moved.id)).deal.stageId).toBe(stages[2]!.id);
    expect((await dealOf(moved.id)).history).toHaveLength(2);
    await expect.poll(async () => plain(await third.getByTestId('column-total').textContent())).toBe('6,000,000 Toman');
    expect(plain(await third.getByTestId('column-count').textContent())).toBe('1');
    await expect.poll(() => first.getByTestId('deal-card').count()).toBe(before - 1);
    // The first column's total is the server's, without the moved deal.
    const serverBoard = await api.get('/api/v1/deals/board');
    const firstTotal = serverBoard.body.columns[0].totalBase as string;
    expect(plain(await first.getByTestId('column-total').textContent())).toBe(formatMoney(firstTotal, 'IRR', 'en', 'toman'));
    await screenshot(page, 'deals-board-moved-en');

    // The keyboard: Space lifts the focused card, an arrow takes it to the next column, Space drops it.
    await card(page, 'Warehouse racking').focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await dealOf(moved.id)).deal.stageId).toBe(stages[3]!.id);
    expect((await dealOf(moved.id)).history).toHaveLength(3);
    await page.close();
    await api.patch('/api/v1/me', { locale: 'fa', calendar: 'jalali' });
  });
});

describe('the deals board on a 375 px phone', () => {
  it('snaps column by column and moves a card through its menu', async () => {
    const moved = await createDeal('سفارش فوری شعبهٔ تبریز', '15000000');
    const context = await browser.newContext({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/deals`);
    await page.getByTestId('deals-board').waitFor();
    await card(page, 'سفارش فوری شعبهٔ تبریز').waitFor();
    // The page itself does not scroll sideways; the board does, one column at a time.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    const board = page.getByTestId('deals-board');
    expect(await board.evaluate((el) => getComputedStyle(el).scrollSnapType)).toContain('x');
    expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await screenshot(page, 'deals-board-phone-fa');

    await card(page, 'سفارش فوری شعبهٔ تبریز').getByTestId('deal-card-menu').tap();
    await page.getByTestId(`move-to-${stages[3]!.id}`).tap();
    await expect.poll(async () => (await dealOf(moved.id)).deal.stageId).toBe(stages[3]!.id);
    expect((await dealOf(moved.id)).history).toHaveLength(2);
    await expect.poll(() => column(page, stages[3]!.id).getByTestId('deal-card').filter({ hasText: 'سفارش فوری شعبهٔ تبریز' }).count()).toBe(1);
    const negotiation = (await api.get('/api/v1/deals/board')).body.columns[3];
    expect(negotiation.deals.map((d: { title: string }) => d.title)).toContain('سفارش فوری شعبهٔ تبریز');
    await expect.poll(async () => plain(await column(page, stages[3]!.id).getByTestId('column-total').textContent())).toBe(formatMoney(negotiation.totalBase, 'IRR', 'fa', 'toman'));
    await column(page, stages[3]!.id).scrollIntoViewIfNeeded();
    await screenshot(page, 'deals-board-phone-moved-fa');

    // Press and hold, then drag onto the next column peeking in from the left (the won stage): it asks first.
    const wonStage = stages.find((s) => s.kind === 'won')!;
    const from = (await card(page, 'سفارش فوری شعبهٔ تبریز').getByTestId('deal-card-amount').boundingBox())!;
    const to = (await column(page, wonStage.id).boundingBox())!;
    const targetX = Math.max(to.x, 0) + Math.min(to.width, to.x + to.width) / 2;
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', from.x + from.width / 2, from.y + from.height / 2);
    await page.waitForTimeout(600);
    for (let step = 1; step <= 12; step += 1) {
      await touch('touchMove', from.x + from.width / 2 + ((targetX - from.x - from.width / 2) * step) / 12, from.y + from.height / 2 + step * 2);
      await page.waitForTimeout(30);
    }
    await touch('touchEnd', 0, 0);
    await page.getByTestId('confirm-dialog').waitFor();
    await screenshot(page, 'deals-board-phone-won-confirm-fa');
    await page.getByTestId('confirm-dialog-confirm').tap();
    await expect.poll(async () => (await dealOf(moved.id)).deal.status).toBe('won');
    expect((await dealOf(moved.id)).history).toHaveLength(3);
    await context.close();
  });
});

describe('creating, listing and editing deals', () => {
  it('creates a deal from the board, lists it, shows it on its organisation and edits its lines and stage', async () => {
    const page = await openBoard();
    await page.getByTestId('quick-create-open').click();
    await page.getByTestId('quick-create-dialog').waitFor();
    await page.getByTestId('deal-title').fill('راه‌اندازی فروشگاه اینترنتی');
    await page.getByTestId('deal-organization').fill('آریا');
    await page.getByTestId('picker-option').filter({ hasText: 'صنایع غذایی آریا' }).click();
    // Tomans typed with Persian digits: ۲٬۵۰۰٬۰۰۰ tomans are 25,000,000 rials.
    await page.getByTestId('deal-amount').fill('۲٬۵۰۰٬۰۰۰');
    await page.getByTestId('deal-close-date').fill('۱۴۰۵/۱۰/۱۵');
    await screenshot(page, 'deals-quick-create-fa');
    await page.getByTestId('quick-create-submit').click();
    await page.getByTestId('quick-create-dialog').waitFor({ state: 'hidden' });

    const list = await api.get(`/api/v1/deals?q=${encodeURIComponent('فروشگاه اینترنتی')}`);
    expect(list.body.items).toHaveLength(1);
    const created = list.body.items[0];
    expect(created.amount).toBe('25000000.00');
    expect(created.organization.id).toBe(customerId);
    expect(created.expectedCloseDate).toBe('2027-01-05');
    expect(created.stageId).toBe(stages[0]!.id);
    await card(page, 'راه‌اندازی فروشگاه اینترنتی').waitFor();

    // The list: the same deals in the data grid.
    await page.getByTestId('deals-mode-list').click();
    await page.getByTestId('deals-list-page-grid').waitFor();
    await expect.poll(() => page.getByTestId('deal-link').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'deals-list-fa');

    // The organisation's page lists its deals.
    await page.goto(`${server.url}/organizations/${customerId}`);
    await page.getByTestId('record-deals').waitFor();
    await expect.poll(() => page.getByTestId('record-deal-row').filter({ hasText: 'راه‌اندازی فروشگاه اینترنتی' }).count()).toBe(1);

    // Line items: the amount follows their total (2 × 1,000,000 tomans less 10 %).
    await page.goto(`${server.url}/deals/${created.id}`);
    await page.getByTestId('deal-edit-lines').click();
    await page.getByTestId('line-add').click();
    await page.getByTestId('line-description').fill('طراحی و پیاده‌سازی');
    await page.getByTestId('line-quantity').fill('2');
    await page.getByTestId('line-unit-price').fill('1000000');
    await page.getByTestId('line-discount').fill('10');
    await expect.poll(async () => plain(await page.getByTestId('lines-preview-total').textContent())).toContain('۱٬۸۰۰٬۰۰۰ تومان');
    await page.getByTestId('lines-save').click();
    await page.getByTestId('line-items-dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await dealOf(created.id)).deal.amount).toBe('18000000.00');
    expect((await dealOf(created.id)).deal.lineItems).toHaveLength(1);
    await expect.poll(async () => plain(await page.getByTestId('deal-amount').textContent())).toBe('۱٬۸۰۰٬۰۰۰ تومان');

    // The stepper moves the deal; the timeline says so.
    await page.locator(`[data-testid="stage-step"][data-stage-id="${stages[2]!.id}"]`).click();
    await expect.poll(async () => (await dealOf(created.id)).deal.stageId).toBe(stages[2]!.id);
    await expect.poll(() => page.getByTestId('stage-history-row').count()).toBe(2);
    await expect.poll(async () => plain(await page.getByTestId('timeline').textContent())).toContain(`به «${stages[2]!.name}» برد`);
    await screenshot(page, 'deals-page-lines-fa');

    // The edit dialog saves only what changed, with the version read.
    await page.getByTestId('deal-edit').click();
    await page.getByTestId('deal-edit-dialog').waitFor();
    await page.getByTestId('deal-probability').fill('۶۰');
    await page.getByTestId('deal-close-date').fill('۱۴۰۵/۱۱/۰۱');
    await page.getByTestId('deal-edit-save').click();
    await page.getByTestId('deal-edit-dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await dealOf(created.id)).deal.probabilityOverride).toBe(60);
    expect((await dealOf(created.id)).deal.expectedCloseDate).toBe('2027-01-21');
    expect((await dealOf(created.id)).deal.amount).toBe('18000000.00');
    await expect.poll(async () => plain(await page.getByTestId('deal-probability-value').textContent())).toBe('۶۰٪');

    // A new deal from a person's page has that person on it.
    const person = await api.post('/api/v1/people', { firstName: 'مهسا', lastName: 'کاظمی' });
    expect(person.status).toBe(201);
    await page.goto(`${server.url}/people/${person.body.id}`);
    await page.getByTestId('record-new-deal').click();
    await page.getByTestId('deal-title').fill('مشاورهٔ راه‌اندازی');
    await page.getByTestId('quick-create-submit').click();
    await page.getByTestId('quick-create-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('record-deal-row').filter({ hasText: 'مشاورهٔ راه‌اندازی' }).count()).toBe(1);
    const ofPerson = await api.get(`/api/v1/deals?personId=${person.body.id}`);
    expect(ofPerson.body.items.map((d: { title: string }) => d.title)).toEqual(['مشاورهٔ راه‌اندازی']);
    expect(ofPerson.body.items[0].people[0]).toMatchObject({ id: person.body.id, isPrimary: true });
    await screenshot(page, 'deals-person-360-fa');
    await page.close();
  });
});

describe('lead conversion', () => {
  it('creates a deal along with the person when asked, and opens it', async () => {
    const lead = await api.post('/api/v1/leads', { firstName: 'کاوه', lastName: 'مرادی', companyName: 'صنایع نوین', phone: '09123334444' });
    expect(lead.status).toBe(201);
    await api.patch(`/api/v1/leads/${lead.body.id}`, { version: lead.body.version, status: 'contacted' });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.goto(`${server.url}/leads/${lead.body.id}`);
    await page.getByTestId('lead-convert').click();
    await page.getByTestId('convert-with-deal').check();
    await page.getByTestId('convert-deal-title').fill('تأمین مواد اولیهٔ صنایع نوین');
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('deal-page').waitFor();
    expect(plain(await page.getByTestId('deal-name').textContent())).toBe('تأمین مواد اولیهٔ صنایع نوین');
    const converted = await api.get(`/api/v1/leads/${lead.body.id}`);
    expect(converted.body.convertedDealId).toBeTruthy();
    const deal = (await dealOf(converted.body.convertedDealId)).deal;
    expect(deal).toMatchObject({ source: 'lead', leadId: lead.body.id, title: 'تأمین مواد اولیهٔ صنایع نوین' });
    expect(deal.people.map((p: { name: string }) => p.name)).toEqual(['کاوه مرادی']);
    await page.getByTestId('timeline-item').first().waitFor();
    await screenshot(page, 'deals-from-lead-fa');
    await page.close();
  });
});

describe('pipelines settings', () => {
  it('renames a stage, reorders stages with the keyboard and adds a lost reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.getByTestId('nav-pipelines').click();
    await page.getByTestId('pipelines-settings').waitFor();
    await expect.poll(() => page.getByTestId('stage-row').count()).toBe(6);

    const firstRow = page.getByTestId('stage-row').first();
    await firstRow.getByTestId('stage-name').fill('شناسایی نیاز');
    await firstRow.getByTestId('stage-rotting').fill('۱۴');
    await firstRow.getByTestId('stage-save').click();
    await expect.poll(async () => (await api.get('/api/v1/pipelines')).body.items[0].stages[0]).toMatchObject({ name: 'شناسایی نیاز', rottingDays: 14 });

    // Keyboard reorder: lift the second stage, move it up, drop it.
    const handle = page.getByTestId('stage-handle').nth(1);
    await handle.focus();
    // dnd-kit measures between key presses: give each a frame or two.
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await api.get('/api/v1/pipelines')).body.items[0].stages.slice(0, 2).map((s: Stage) => s.id)).toEqual([stages[1]!.id, stages[0]!.id]);

    await page.getByTestId('lost-reason-fa').fill('تأخیر در تصمیم‌گیری');
    await page.getByTestId('lost-reason-en').fill('Decision delayed');
    await page.getByTestId('lost-reason-add').click();
    await expect.poll(async () => (await api.get('/api/v1/lost-reasons')).body.items.map((r: { labelEn: string }) => r.labelEn)).toContain('Decision delayed');
    await page.getByTestId('lost-reason-row').filter({ hasText: 'تأخیر در تصمیم‌گیری' }).waitFor();
    await screenshot(page, 'deals-pipelines-settings-fa');
    await page.close();
  });
});
