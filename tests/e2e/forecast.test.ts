import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '#common/money/index.ts';
import { periodContaining } from '#server/modules/sales-analytics/index.ts';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { seedDeal, seedHistory, seedLostReason, seedOrganization, seedPipeline } from '../support/sales-seed.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * The forecast and the sales metrics in Chromium: deals seeded straight into the tables of a
 * Jalali workspace, the forecast read in Persian (Jalali month label, the won total in Persian
 * digits and tomans), a click on the cell and on a bar drills down to the deals, then English,
 * the metrics dashboard, and a 375 px phone.
 */

let server: TestServer;
let browser: Browser;
let api: ApiClient;
const password = 'a long browser passphrase';
let email = '';
let seeded: Awaited<ReturnType<typeof seed>>;

const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);

function isoPlusDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Two won deals in the first month of the current fiscal year, one open commit deal in its last month. */
async function seed(workspaceId: string, ownerId: string) {
  const today = new Date().toISOString().slice(0, 10);
  const settings = { calendar: 'jalali' as const, fiscalYearStartMonth: 1 };
  const year = periodContaining(today, 'year', settings);
  const firstMonth = periodContaining(year.start, 'month', settings);
  const lastMonth = periodContaining(isoPlusDays(year.end, -1), 'month', settings);
  const p = await seedPipeline(sql, workspaceId, 'فروش سازمانی');
  const org = await seedOrganization(sql, workspaceId, 'فولاد مبارکه');
  const rival = await seedOrganization(sql, workspaceId, 'رقیب سرسخت', 'competitor');
  const price = await seedLostReason(sql, workspaceId, 'رقیب ارزان‌تر داد', 'Rival undercut us');
  // Created on the 2nd day of the fiscal year, so the funnel and the activity (created in range) show them.
  const createdAt = `${isoPlusDays(year.start, 1)}T06:00:00Z`;
  const won = async (title: string, amountBase: string, days: number) => {
    const id = await seedDeal(sql, workspaceId, { title, pipelineId: p.id, stageId: p.stages.Won!, status: 'won', amountBase, closedOn: isoPlusDays(year.start, days), ownerId, organizationId: org, createdAt, createdBy: ownerId });
    await seedHistory(sql, workspaceId, id, p.id, [p.stages.Qualification!, p.stages.Proposal!, p.stages.Won!], ownerId);
    return id;
  };
  const dealA = await won('قرارداد ورق فولادی', '125000000.00', 3);
  const dealB = await won('تمدید پشتیبانی', '75000000.00', 10);
  await seedDeal(sql, workspaceId, { title: 'پروژهٔ انبار', pipelineId: p.id, stageId: p.stages.Proposal!, amountBase: '40000000.00', ownerId, forecastCategory: 'commit', expectedCloseDate: isoPlusDays(lastMonth.start, 5), createdAt, createdBy: ownerId });
  const lost = await seedDeal(sql, workspaceId, { title: 'مناقصهٔ باخته', pipelineId: p.id, stageId: p.stages.Lost!, status: 'lost', amountBase: '30000000.00', closedOn: isoPlusDays(year.start, 12), ownerId, createdAt, createdBy: ownerId, lostReasonId: price, competitorId: rival });
  await seedHistory(sql, workspaceId, lost, p.id, [p.stages.Qualification!, p.stages.Lost!], ownerId);
  return { firstMonth, firstQuarter: periodContaining(year.start, 'quarter', settings), dealA, dealB, wonTotal: '200000000.00' };
}

beforeAll(async () => {
  server = await startTestServer({ engine: 'pglite', webDistDir: process.env.PEYVAND_WEB_DIST ?? resolve('web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'سارا احمدی', password, workspaceName: 'بازرگانی پیوند', locale: 'fa' });
  api = account.client;
  email = account.input.email;
  seeded = await seed(account.workspace.id, account.user.id);
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

async function desktop(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(page);
  return page;
}

/** Text without the Unicode isolates that keep names in their own direction. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '');
const textOf = async (page: Page, testId: string) => plain(await page.getByTestId(testId).first().textContent());

describe('forecast in Persian', () => {
  it('shows the Jalali month and the won total in Persian digits, and drills down to the deals', async () => {
    const page = await desktop();
    const crashes: string[] = [];
    page.on('pageerror', (error) => crashes.push(String(error)));
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.getByTestId('nav-forecast').click();
    const key = seeded.firstMonth.key;
    await page.getByTestId(`forecast-row-${key}`).waitFor();
    expect(await textOf(page, `forecast-row-${key}`)).toContain(seeded.firstMonth.labelFa);
    const expected = formatMoney(seeded.wonTotal, 'IRR', 'fa', 'toman');
    expect(expected).toBe('۲۰٬۰۰۰٬۰۰۰ تومان');
    expect(await textOf(page, `forecast-cell-${key}-all-closedWon`)).toBe(expected);
    expect(await textOf(page, 'forecast-total-closedWon')).toBe(expected);
    expect(await textOf(page, 'forecast-total-commit')).toBe('۴٬۰۰۰٬۰۰۰ تومان');
    // The chart's axis labels use Persian digits too.
    expect(await page.getByTestId('forecast-chart').textContent()).toMatch(/[۰-۹]/);
    expect(await page.getByTestId('forecast-chart').textContent()).toContain(seeded.firstMonth.labelFa);
    await screenshot(page, 'forecast-fa');

    await page.getByTestId(`forecast-cell-${key}-all-closedWon`).click();
    const dialog = page.getByTestId('forecast-deals');
    await dialog.waitFor();
    await expect.poll(() => page.getByTestId('forecast-deal').count()).toBe(2);
    const titles = await page.getByTestId('forecast-deal-link').allTextContents();
    expect(titles).toEqual(['قرارداد ورق فولادی', 'تمدید پشتیبانی']);
    expect(plain(await dialog.textContent())).toContain('۱۲٬۵۰۰٬۰۰۰ تومان');
    await screenshot(page, 'forecast-drilldown-fa');
    expect(await page.getByTestId('forecast-deal-link').first().getAttribute('href')).toBe(`/deals/${seeded.dealA}`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // A bar opens the same list.
    const bars = page.locator('[data-testid="forecast-chart"] .MuiBarChart-element');
    const boxes = await Promise.all((await bars.all()).map((bar) => bar.boundingBox()));
    const tallest = boxes.reduce((best, box) => (box && box.height > (best?.height ?? 0) ? box : best), null as (typeof boxes)[number]);
    expect(tallest?.height).toBeGreaterThan(50);
    await page.mouse.click(tallest!.x + tallest!.width / 2, tallest!.y + tallest!.height / 2);
    await dialog.waitFor();
    await expect.poll(() => page.getByTestId('forecast-deal').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('forecast-period-quarter').click();
    await page.getByTestId(`forecast-row-${seeded.firstQuarter.key}`).waitFor();
    expect(await textOf(page, `forecast-row-${seeded.firstQuarter.key}`)).toContain(seeded.firstQuarter.labelFa);
    expect(seeded.firstQuarter.labelFa).toMatch(/^سه‌ماههٔ اول [۰-۹]{4}$/);
    expect(await textOf(page, `forecast-cell-${seeded.firstQuarter.key}-all-closedWon`)).toBe(expected);
    await screenshot(page, 'forecast-quarter-fa');
    await page.getByTestId('forecast-period-month').click();
    await page.getByTestId('forecast-group-by').click({ force: true });
    await page.getByRole('option', { name: 'مسئول' }).click();
    await expect.poll(async () => plain(await page.getByTestId('forecast-table').textContent())).toContain('سارا احمدی');
    await screenshot(page, 'forecast-by-owner-fa');
    expect(crashes).toEqual([]);
    await page.close();
  });

  it('shows the sales metrics dashboard', async () => {
    const page = await desktop();
    await page.getByTestId('nav-sales-metrics').click();
    await page.getByTestId('metrics-kpis').waitFor();
    // 2 won, 1 lost: 66.7 %; average won deal 10,000,000 tomans.
    await expect.poll(() => textOf(page, 'kpi-win-rate-value')).toBe('۶۶٫۷٪');
    expect(await textOf(page, 'kpi-deal-size-value')).toBe('۱۰٬۰۰۰٬۰۰۰ تومان');
    expect(await textOf(page, 'metrics-lost-reasons')).toContain('رقیب ارزان‌تر داد');
    expect(await textOf(page, 'metrics-competitors')).toContain('رقیب سرسخت');
    expect(await textOf(page, 'metrics-reps')).toContain('سارا احمدی');
    // Both won deals went Qualification → Proposal → Won, the lost one stopped at Qualification.
    expect(await textOf(page, 'metrics-funnel')).toContain('Proposal');
    expect(await textOf(page, 'metrics-activity')).toContain('سارا احمدی');
    await screenshot(page, 'sales-metrics-fa');
    await page.close();
  });
});

describe('forecast in English and on a phone', () => {
  it('reads left to right with Latin digits', async () => {
    expect((await api.patch('/api/v1/me', { locale: 'en', calendar: 'gregorian' })).status).toBeLessThan(300);
    const page = await desktop();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await page.goto(`${server.url}/forecast`);
    const key = seeded.firstMonth.key;
    await page.getByTestId(`forecast-row-${key}`).waitFor();
    // Periods follow the workspace calendar (Jalali), named in English.
    expect(await textOf(page, `forecast-row-${key}`)).toContain(seeded.firstMonth.labelEn);
    expect(await textOf(page, `forecast-cell-${key}-all-closedWon`)).toBe('20,000,000 Toman');
    await screenshot(page, 'forecast-en');
    await page.getByTestId(`forecast-cell-${key}-all-closedWon`).click();
    await expect.poll(() => page.getByTestId('forecast-deal-link').allTextContents()).toEqual(['قرارداد ورق فولادی', 'تمدید پشتیبانی']);
    await page.getByTestId('forecast-deal-link').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/deals/${seeded.dealA}`);
    await page.goto(`${server.url}/sales-metrics`);
    await expect.poll(() => textOf(page, 'kpi-win-rate-value')).toBe('66.7%');
    await screenshot(page, 'sales-metrics-en');
    await page.close();
  });

  it('fits a 375 px phone', async () => {
    await api.patch('/api/v1/me', { locale: 'fa', calendar: 'jalali' });
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/forecast`);
    await page.getByTestId(`forecast-row-${seeded.firstMonth.key}`).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'forecast-phone-fa');
    await page.getByTestId(`forecast-cell-${seeded.firstMonth.key}-all-closedWon`).click();
    await expect.poll(() => page.getByTestId('forecast-deal').count()).toBe(2);
    await screenshot(page, 'forecast-drilldown-phone-fa');
    await page.goto(`${server.url}/sales-metrics`);
    await page.getByTestId('metrics-kpis').waitFor();
    await page.getByTestId('metrics-reps').waitFor();
    const metricsOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(metricsOverflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'sales-metrics-phone-fa');
    await context.close();
  });
});
