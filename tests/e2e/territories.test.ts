import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * Sales settings and territories in Chromium, in Persian: the workspace is switched to rials and
 * back to tomans from its settings page, a territory covering Tehran province is created from
 * the territories page, and its coverage row shows the open pipeline in tomans with Persian
 * digits; then the same page on a 375 px phone.
 */

let server: TestServer;
let browser: Browser;
let api: ApiClient;
let workspaceId = '';
const password = 'a long browser passphrase';
let email = '';

beforeAll(async () => {
  // PEYVAND_E2E_WEB_DIST lets a developer test a build made elsewhere while others rebuild web/dist.
  server = await startTestServer({ engine: 'pglite', webDistDir: process.env.PEYVAND_E2E_WEB_DIST ?? resolve('web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'مریم کاظمی', password, workspaceName: 'پخش البرز', locale: 'fa' });
  api = account.client;
  email = account.input.email;
  workspaceId = account.workspace.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows as any[]);
/** Text without the Unicode isolates that keep names in their own direction inside sentences. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

async function signIn(page: Page) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home-page').waitFor();
}

async function saveMoneyDisplay(page: Page, display: 'rial' | 'toman') {
  await page.getByTestId(`money-display-${display}`).check();
  await page.getByTestId('sales-settings-save').click();
  await expect.poll(async () => (await api.get('/api/v1/workspace')).body.moneyDisplay).toBe(display);
}

describe('sales settings and territories in Persian', () => {
  it('switches the workspace to rials and back to tomans, with the example amount following', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.goto(`${server.url}/settings/workspace`);
    await page.getByTestId('sales-settings-heading').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // 125,000,000 rials, shown as the workspace shows money.
    expect(plain(await page.getByTestId('money-display-example').textContent())).toContain('۱۲٬۵۰۰٬۰۰۰ تومان');
    await page.getByTestId('money-display-rial').check();
    expect(plain(await page.getByTestId('money-display-example').textContent())).toContain('۱۲۵٬۰۰۰٬۰۰۰ ریال');
    await page.getByTestId('sales-vat-rate').fill('۹');
    await page.getByTestId('sales-settings-save').click();
    await expect.poll(async () => (await api.get('/api/v1/workspace')).body).toMatchObject({ moneyDisplay: 'rial', vatRate: '9.00' });
    expect((await sql('select money_display, vat_rate::text as vat from workspaces where id = $1', [workspaceId]))[0]).toEqual({ money_display: 'rial', vat: '9.00' });
    // The fiscal year months are named in the workspace's (Jalali) calendar.
    await page.getByTestId('sales-fiscal-month').locator('..').click();
    await page.getByRole('option', { name: /مهر/ }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    expect(plain(await page.getByTestId('sales-fiscal-month').locator('..').textContent())).toContain('مهر');
    await screenshot(page, 'sales-settings-fa');
    await saveMoneyDisplay(page, 'toman');
    expect((await api.get('/api/v1/workspace')).body.fiscalYearStartMonth).toBe(7);
    const current = (await api.get('/api/v1/workspace')).body;
    await api.patch('/api/v1/workspace', { version: current.version, fiscalYearStartMonth: 1 });
    await page.close();
  });

  it('creates a territory covering Tehran province and shows its coverage in tomans', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.getByTestId('nav-territories').click();
    await page.getByTestId('territories-page').waitFor();
    await page.getByTestId('territory-new').click();
    await page.getByTestId('territory-dialog').waitFor();
    await page.getByTestId('territory-name').fill('تهران بزرگ');
    await page.getByTestId('territory-regions').fill('تهران');
    await page.getByRole('option', { name: 'تهران', exact: true }).click();
    await page.getByTestId('territory-regions').fill('البرز');
    await page.getByRole('option', { name: 'البرز', exact: true }).click();
    expect(await page.getByTestId('territory-region-chip').allTextContents()).toEqual(['تهران', 'البرز']);
    await screenshot(page, 'territory-dialog-fa');
    await page.getByTestId('territory-save').click();
    await page.getByTestId('territory-dialog').waitFor({ state: 'hidden' });

    const [territory] = await sql('select id, name, regions from territories where workspace_id = $1', [workspaceId]);
    expect(territory).toMatchObject({ name: 'تهران بزرگ', regions: ['IR-23', 'IR-30'] });

    // An open deal of 125,000,000 rials in the territory (seeded in SQL: the deals screens are another module's).
    const [pipeline] = await sql(`insert into pipelines (workspace_id, name) values ($1, 'E2E') returning id`, [workspaceId]);
    const [stage] = await sql(`insert into pipeline_stages (workspace_id, pipeline_id, name) values ($1, $2, 'Open') returning id`, [workspaceId, pipeline.id]);
    await sql(
      `insert into deals (workspace_id, title, pipeline_id, stage_id, territory_id, amount, currency, amount_base) values ($1, 'قرارداد پخش', $2, $3, $4, '125000000', 'IRR', '125000000')`,
      [workspaceId, pipeline.id, stage.id, territory.id],
    );
    await page.reload();
    const row = page.getByTestId('coverage-row').filter({ hasText: 'تهران بزرگ' });
    await row.waitFor();
    expect(plain(await row.getByTestId('coverage-pipeline').textContent())).toBe('۱۲٬۵۰۰٬۰۰۰ تومان');
    expect(plain(await row.getByTestId('coverage-won').textContent())).toBe('۰ تومان');
    expect(plain(await page.getByTestId('coverage-fiscal-year').textContent())).toMatch(/سال مالی ۱۴[۰-۹]{2}/);
    await screenshot(page, 'territories-coverage-fa');

    // An organisation is put in the territory from its form.
    await page.goto(`${server.url}/organizations`);
    await page.getByTestId('quick-create-open').click();
    await page.getByTestId('org-name').fill('پخش مرکزی البرز');
    await page.getByTestId('org-territory').locator('..').click();
    await page.getByRole('option', { name: 'تهران بزرگ' }).click();
    await page.getByTestId('quick-create-submit').click();
    await expect
      .poll(async () => (await sql('select territory_id from organizations where workspace_id = $1 and name = $2', [workspaceId, 'پخش مرکزی البرز']))[0]?.territory_id)
      .toBe(territory.id);
    await page.goto(`${server.url}/territories`);

    // Shown in rials once the workspace says so.
    const current = (await api.get('/api/v1/workspace')).body;
    await api.patch('/api/v1/workspace', { version: current.version, moneyDisplay: 'rial' });
    await page.reload();
    await row.waitFor();
    expect(plain(await row.getByTestId('coverage-pipeline').textContent())).toBe('۱۲۵٬۰۰۰٬۰۰۰ ریال');
    await page.close();
  });

  it('adds an exchange rate typed in tomans from a Jalali day', async () => {
    const current = (await api.get('/api/v1/workspace')).body;
    await api.patch('/api/v1/workspace', { version: current.version, moneyDisplay: 'toman' });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.goto(`${server.url}/settings/exchange-rates`);
    await page.getByTestId('exchange-rates-page').waitFor();
    await page.getByTestId('rate-value').fill('۵۸٬۰۰۰');
    await page.getByTestId('rate-valid-from').fill('۱۴۰۵/۰۹/۰۱');
    await page.getByTestId('rate-add').click();
    const row = page.getByTestId('exchange-rate-row').first();
    await row.waitFor();
    // 58,000 tomans a dollar is stored as 580,000 rials, from 1 Azar 1405 = 2026-11-22.
    expect(await sql('select currency, rate::text as rate, valid_from::text as valid_from from exchange_rates where workspace_id = $1', [workspaceId])).toEqual([
      { currency: 'USD', rate: '580000.00000000', valid_from: '2026-11-22' },
    ]);
    expect(plain(await row.getByTestId('rate-amount').textContent())).toBe('هر ۱ USD = ۵۸٬۰۰۰ تومان');
    expect(plain(await row.textContent())).toContain('۱ آذر ۱۴۰۵');
    await screenshot(page, 'exchange-rates-fa');
    await page.close();
  });

  it('creates a sales team with its manager', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('teams-page').waitFor();
    await page.getByTestId('team-new').click();
    await page.getByTestId('team-name').fill('فروش سازمانی');
    await page.getByTestId('team-manager').locator('..').click();
    await page.getByRole('option', { name: 'مریم کاظمی' }).click();
    await page.getByTestId('team-members').click();
    await page.getByRole('option', { name: 'مریم کاظمی' }).click();
    // Close the members list (Escape would close the dialog too).
    await page.getByTestId('team-dialog').getByRole('heading').click();
    await page.getByTestId('team-save').click();
    await page.getByTestId('team-dialog').waitFor({ state: 'hidden' });
    const row = page.getByTestId('team-row').first();
    await row.waitFor();
    expect(plain(await row.textContent())).toContain('فروش سازمانی');
    const [team] = await sql('select id, name, manager_id from teams where workspace_id = $1', [workspaceId]);
    expect(team.name).toBe('فروش سازمانی');
    expect(team.manager_id).not.toBeNull();
    expect(await sql('select user_id from team_members where team_id = $1', [team.id])).toEqual([{ user_id: team.manager_id }]);
    await screenshot(page, 'teams-fa');
    await page.close();
  });

  it('shows the coverage left to right in English, money in tomans with Latin digits', async () => {
    expect((await api.patch('/api/v1/me', { locale: 'en', calendar: 'gregorian' })).status).toBeLessThan(300);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.getByTestId('signin-email').fill(email);
      await page.getByTestId('signin-password').fill(password);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('home-page').waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('ltr');
      await page.goto(`${server.url}/territories`);
      const row = page.getByTestId('coverage-row').filter({ hasText: 'تهران بزرگ' });
      await row.waitFor();
      expect(plain(await row.getByTestId('coverage-pipeline').textContent())).toBe('12,500,000 Toman');
      expect(plain(await row.textContent())).toContain('Tehran');
      expect(plain(await page.getByTestId('coverage-fiscal-year').textContent())).toMatch(/^Fiscal year 14\d\d/);
      await screenshot(page, 'territories-coverage-en');
    } finally {
      await page.close();
      await api.patch('/api/v1/me', { locale: 'fa', calendar: 'jalali' });
    }
  });

  it('fits a 375 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(page);
    await page.goto(`${server.url}/territories`);
    await page.getByTestId('coverage-row').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'territories-coverage-phone-fa');
    await page.close();
  });
});
