import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * The customer screens in Chromium, in Persian first: quick create with a duplicate warning,
 * filtering and a saved view, the 360° page and its timeline, the global search (Arabic ي finds
 * Persian ی), a Persian CSV through the whole import flow, bulk tag + delete with undo; then
 * English and a 375 px phone.
 */

let server: TestServer;
let browser: Browser;
let api: ApiClient;
const password = 'a long browser passphrase';
let email = '';

beforeAll(async () => {
  server = await startTestServer({ engine: 'pglite', webDistDir: resolve('web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'سارا احمدی', password, workspaceName: 'بازرگانی پیوند', locale: 'fa' });
  api = account.client;
  email = account.input.email;
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

async function quickCreate(page: Page, person: { first: string; last: string; email: string; phone: string; job?: string }) {
  await page.getByTestId('quick-create-open').click();
  const dialog = page.getByTestId('quick-create-dialog');
  await dialog.waitFor();
  await page.getByTestId('person-first-name').fill(person.first);
  await page.getByTestId('person-last-name').fill(person.last);
  await page.getByTestId('person-email-0').fill(person.email);
  await page.getByTestId('person-phone-0').fill(person.phone);
  if (person.job) await page.getByTestId('person-job-title').fill(person.job);
  await page.getByTestId('quick-create-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The names in the list (the avatar's initial left out). */
const gridNames = (page: Page) => page.getByTestId('person-link').locator('p').allTextContents();

/** Text without the Unicode isolates (FSI…PDI) that keep names in their own direction inside sentences. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');
const textOf = async (page: Page, testId: string) => plain(await page.getByTestId(testId).textContent());

/** The organisation's and the lead's 360° pages, saved for a look (records made once, through the API). */
let otherPages: { organizationId: string; leadId: string } | null = null;
async function screenshotOrganizationAndLead(page: Page, personId: string, locale: 'fa' | 'en') {
  if (!otherPages) {
    const org = await api.post('/api/v1/organizations', {
      name: 'بازرگانی پارس',
      nameLatin: 'Pars Trading',
      type: 'customer',
      industry: 'پخش مواد غذایی',
      size: '51-200',
      website: 'pars.example.com',
      phones: ['02188776655'],
      emails: ['info@pars.example.com'],
      tags: ['عمده'],
    });
    expect(org.status).toBe(201);
    expect((await api.post(`/api/v1/organizations/${org.body.id}/people`, { personId, role: 'خریدار' })).status).toBeLessThan(300);
    const lead = await api.post('/api/v1/leads', {
      firstName: 'کاوه',
      lastName: 'مرادی',
      email: 'kaveh@example.com',
      phone: '09123334444',
      companyName: 'صنایع نوین',
      jobTitle: 'مدیر فنی',
      source: 'referral',
      notes: 'در نمایشگاه آشنا شدیم.',
      tags: ['نمایشگاه'],
    });
    expect(lead.status).toBe(201);
    otherPages = { organizationId: org.body.id, leadId: lead.body.id };
  }
  await page.goto(`${server.url}/organizations/${otherPages.organizationId}`);
  await page.getByTestId('organization-page').waitFor();
  await page.getByTestId('organization-person-row').first().waitFor();
  await page.getByTestId('timeline-item').first().waitFor();
  await screenshot(page, `customers-organization-360-${locale}`);
  await page.goto(`${server.url}/leads/${otherPages.leadId}`);
  await page.getByTestId('lead-page').waitFor();
  await page.getByTestId('timeline-item').first().waitFor();
  await screenshot(page, `customers-lead-360-${locale}`);
}

describe('customers in Persian', () => {
  it('creates people through quick create and warns about a duplicate as the user types', async () => {
    const page = await desktop();
    await page.getByTestId('nav-people').click();
    await page.getByTestId('people-page').waitFor();
    await page.getByTestId('list-empty').waitFor();
    await screenshot(page, 'customers-people-empty-fa');

    await quickCreate(page, { first: 'علی', last: 'رضایی', email: 'ali.rezaei@example.com', phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷', job: 'مدیر خرید' });
    await expect.poll(() => textOf(page, 'toast')).toContain('علی رضایی');
    await quickCreate(page, { first: 'مریم', last: 'کریمی', email: 'maryam@example.com', phone: '09351234567', job: 'حسابدار' });
    await quickCreate(page, { first: 'حسین', last: 'کریمی', email: 'hossein@example.com', phone: '09101234567' });

    // The same phone typed another way is recognised before saving.
    await page.getByTestId('quick-create-open').click();
    await page.getByTestId('person-first-name').fill('علي');
    await page.getByTestId('person-last-name').fill('رضائی');
    await page.getByTestId('person-phone-0').fill('+98 912 123 4567');
    await page.getByTestId('duplicate-warning').waitFor();
    expect(await page.getByTestId('duplicate-candidate').first().textContent()).toContain('علی رضایی');
    await screenshot(page, 'customers-quick-create-duplicate-fa');
    await page.keyboard.press('Escape');
    await page.getByTestId('quick-create-dialog').waitFor({ state: 'hidden' });

    await expect.poll(() => gridNames(page)).toHaveLength(3);
    expect(await page.getByTestId('people-page-grid').textContent()).toMatch(/[۰-۹]/);
    expect(await page.getByTestId('people-page-grid').textContent()).not.toMatch(/09\d{9}/);
    await screenshot(page, 'customers-people-list-fa');
    await page.close();
  });

  it('filters the list on a field in Persian, saves the view and opens it again', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/people`);
    await expect.poll(() => gridNames(page)).toHaveLength(3);

    await page.getByTestId('filter-open').click();
    await page.getByTestId('filter-dialog').waitFor();
    await page.getByTestId('filter-field').click();
    await page.getByRole('option', { name: 'نام خانوادگی', exact: true }).click();
    await page.getByTestId('filter-value').fill('كريمي'); // Arabic letters: the server folds them
    await screenshot(page, 'customers-filter-builder-fa');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => gridNames(page)).toHaveLength(2);
    expect((await gridNames(page)).join(' ')).not.toContain('رضایی');
    expect(await page.getByTestId('filter-chip').first().textContent()).toContain('نام خانوادگی');

    await page.getByTestId('views-menu').click();
    await page.getByTestId('view-save-as').click();
    await page.getByTestId('view-name').fill('کریمی‌ها');
    await page.getByTestId('view-save-submit').click();
    await expect.poll(() => page.getByTestId('views-menu').textContent()).toContain('کریمی‌ها');
    await screenshot(page, 'customers-people-filtered-fa');

    // Back to everyone, then the saved view again.
    await page.getByTestId('views-menu').click();
    await page.getByTestId('view-all').click();
    await expect.poll(() => gridNames(page)).toHaveLength(3);
    await page.getByTestId('views-menu').click();
    await page.getByTestId('view-option').filter({ hasText: 'کریمی‌ها' }).click();
    await expect.poll(() => gridNames(page)).toHaveLength(2);
    await page.close();
  });

  it('opens the 360° page, edits the job title and sees it on the timeline as a sentence', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/people`);
    await page.getByTestId('person-link').filter({ hasText: 'علی رضایی' }).click();
    await page.getByTestId('person-page').waitFor();
    expect(await page.getByTestId('person-name').textContent()).toBe('علی رضایی');
    expect(await page.getByTestId('contact-phone').first().getAttribute('href')).toBe('tel:+989121234567');
    expect(await page.getByTestId('contact-email').first().getAttribute('href')).toBe('mailto:ali.rezaei@example.com');
    await page.getByTestId('timeline-item').first().waitFor();
    expect(await textOf(page, 'timeline')).toContain('سارا احمدی این شخص را ایجاد کرد');

    await page.getByTestId('person-edit').click();
    await page.getByTestId('person-job-title').fill('مدیر فروش');
    await page.getByTestId('person-edit-save').click();
    await page.getByTestId('person-edit-dialog').waitFor({ state: 'hidden' });
    await expect
      .poll(() => textOf(page, 'timeline'))
      .toContain('سارا احمدی سمت را از «مدیر خرید» به «مدیر فروش» تغییر داد');
    // Times are Jalali with Persian digits.
    expect(await page.getByTestId('timeline-time').first().textContent()).toMatch(/[۰-۹]{4}/);

    await page.getByTestId('verify').click();
    await expect.poll(() => page.getByTestId('last-verified').textContent()).toMatch(/[۰-۹]/);
    await screenshot(page, 'customers-person-360-fa');
    await screenshotOrganizationAndLead(page, page.url().split('/').pop()!, 'fa');

    // Lead quick create: the lead's phone typed in Persian digits is recognised before saving.
    await page.goto(`${server.url}/leads`);
    await page.getByTestId('leads-page').waitFor();
    await page.getByTestId('quick-create-open').click();
    const dialog = page.getByTestId('quick-create-dialog');
    await page.getByTestId('lead-first-name').fill('کاوه');
    await page.getByTestId('lead-last-name').fill('مرادی');
    await page.getByTestId('lead-phone').fill('۰۹۱۲ ۳۳۳ ۴۴۴۴');
    await page.getByTestId('lead-company').fill('صنایع نوین');
    await page.getByTestId('duplicate-warning').waitFor();
    expect(await page.getByTestId('duplicate-candidate').first().textContent()).toContain('کاوه مرادی');
    await screenshot(page, 'customers-lead-quick-create-fa');
    await page.getByTestId('quick-create-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => textOf(page, 'toast')).toContain('کاوه مرادی');
    await page.close();
  });

  it('finds «علی» when searching «علي» from the app bar, with the keyboard only', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/`);
    await page.getByTestId('home-page').waitFor();
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill('علي');
    await page.getByTestId('search-result').first().waitFor();
    const titles = await page.getByTestId('search-result').allTextContents();
    expect(titles.join(' ')).toContain('علی رضایی');
    await screenshot(page, 'customers-search-fa');
    await page.keyboard.press('Enter');
    await page.getByTestId('person-page').waitFor();
    expect(await page.getByTestId('person-name').textContent()).toBe('علی رضایی');

    // «/» opens it too; arrows move between groups.
    await page.locator('body').click();
    await page.keyboard.press('/');
    await page.getByTestId('search-input').fill('کریمی');
    await expect.poll(() => page.getByTestId('search-result').count()).toBe(2);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('search-result').nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('imports a small Persian CSV: mapping, preview, dry run with a Persian error report, progress, result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peyvand-import-'));
    const file = join(dir, 'مشتریان.csv');
    writeFileSync(
      file,
      [
        'نام,نام خانوادگی,ایمیل,تلفن همراه,سمت',
        'رضا,محمدی,reza.mohammadi@example.com,09121111111,کارشناس فروش',
        'زهرا,حسینی,zahra@example.com,۰۹۱۲۲۲۲۲۲۲۲,مدیر بازرگانی',
        'نادر,نادری,not-an-email,123,انباردار',
      ].join('\r\n') + '\r\n',
      'utf8',
    );
    const page = await desktop();
    await page.goto(`${server.url}/people`);
    await page.getByTestId('list-import').click();
    await page.getByTestId('import-new-page').waitFor();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-mapping').waitFor();
    await expect.poll(() => page.getByTestId('import-preview-row').count()).toBe(3);
    expect(await page.getByTestId('import-preview').textContent()).toContain('زهرا');
    await screenshot(page, 'customers-import-mapping-fa');

    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-check-results').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-error-row').first().waitFor();
    const report = (await page.getByTestId('import-errors').textContent()) ?? '';
    expect(report).toMatch(/[آ-ی]/); // the per-row problems are in Persian
    expect(await page.getByTestId('import-count-errors').textContent()).toContain('۱');
    await screenshot(page, 'customers-import-dry-run-fa');

    await page.getByTestId('import-start').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-count-created').textContent()).toContain('۲');
    await screenshot(page, 'customers-import-done-fa');
    await page.getByTestId('import-open-list').click();
    await expect.poll(async () => (await gridNames(page)).join(' ')).toContain('رضا محمدی');
    await expect.poll(async () => (await gridNames(page)).join(' ')).toContain('زهرا حسینی');
    await page.close();
  });

  it('tags and deletes the selected rows, and undo brings them back', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/people`);
    await expect.poll(async () => (await gridNames(page)).join(' ')).toContain('مریم کریمی');
    const before = (await gridNames(page)).length;
    const rows = page.locator('.MuiDataGrid-row');
    await rows.filter({ hasText: 'مریم کریمی' }).locator('input[type="checkbox"]').check();
    await rows.filter({ hasText: 'حسین کریمی' }).locator('input[type="checkbox"]').check();
    await page.getByTestId('bulk-bar').waitFor();
    expect(await page.getByTestId('bulk-count').textContent()).toContain('۲');

    await page.getByTestId('bulk-tag').click();
    await page.getByTestId('bulk-tags-input').fill('مشتری ویژه');
    await page.keyboard.press('Enter');
    await page.getByTestId('bulk-tag-submit').click();
    await expect.poll(() => page.getByTestId('tag-chip').filter({ hasText: 'مشتری ویژه' }).count()).toBe(2);
    await screenshot(page, 'customers-bulk-tagged-fa');

    await rows.filter({ hasText: 'حسین کریمی' }).locator('input[type="checkbox"]').check();
    await page.getByTestId('bulk-delete').click();
    await page.getByTestId('confirm-dialog-confirm').click();
    await expect.poll(() => gridNames(page)).toHaveLength(before - 1);
    await screenshot(page, 'customers-bulk-deleted-fa');
    await page.getByTestId('bulk-undo').click();
    await expect.poll(() => gridNames(page)).toHaveLength(before);
    await page.close();
  });
});

describe('a long list', () => {
  it('pages forward and back with the keyset cursor, sorted on the server', async () => {
    for (let i = 1; i <= 27; i += 1) {
      const created = await api.post('/api/v1/people', { firstName: `مشتری ${i}`, lastName: 'صفحه‌بندی', jobTitle: `ردیف ${String(i).padStart(2, '0')}` });
      expect(created.status).toBe(201);
    }
    const page = await desktop();
    await page.goto(`${server.url}/people`);
    await expect.poll(() => gridNames(page)).toHaveLength(25);
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/people?') && r.url().includes('q='));
    await page.getByTestId('list-search').fill('صفحه بندی'); // a space for the ZWNJ: still found
    await searched;
    await expect.poll(async () => (await gridNames(page)).filter((n) => n.includes('صفحه‌بندی')).length).toBe(25);
    expect(plain(await page.locator('.MuiTablePagination-displayedRows').textContent())).toContain('۱–۲۵');
    await page.getByRole('button', { name: 'صفحهٔ بعد' }).click();
    await expect.poll(() => gridNames(page)).toHaveLength(2);
    expect(plain(await page.locator('.MuiTablePagination-displayedRows').textContent())).toContain('۲۷');
    await screenshot(page, 'customers-people-page2-fa');
    await page.getByRole('button', { name: 'صفحهٔ قبل' }).click();
    await expect.poll(() => gridNames(page)).toHaveLength(25);

    // Sorting by a column asks the server, and starts again at page one.
    await page.locator('.MuiDataGrid-columnHeader[data-field="jobTitle"] .MuiDataGrid-columnHeaderTitleContainer').click();
    await expect.poll(async () => plain((await page.locator('.MuiDataGrid-row').first().textContent()) ?? '')).toContain('ردیف 01');
    await page.locator('.MuiDataGrid-columnHeader[data-field="jobTitle"] .MuiDataGrid-columnHeaderTitleContainer').click();
    await expect.poll(async () => plain((await page.locator('.MuiDataGrid-row').first().textContent()) ?? '')).toContain('ردیف 27');
    await page.close();
  });
});

describe('customers in English and on a phone', () => {
  it('shows the list and the 360° page left to right with Gregorian dates', async () => {
    const me = await api.patch('/api/v1/me', { locale: 'en', calendar: 'gregorian' });
    expect(me.status).toBeLessThan(300);
    const page = await desktop();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await page.getByTestId('nav-people').click();
    await expect.poll(() => gridNames(page)).toHaveLength(25);
    await screenshot(page, 'customers-people-list-en');
    await page.getByTestId('list-search').fill('رضایی');
    await expect.poll(async () => (await gridNames(page)).join(' ')).toContain('علی رضایی');
    await page.getByTestId('person-link').filter({ hasText: 'علی رضایی' }).click();
    await page.getByTestId('timeline-item').first().waitFor();
    expect(await textOf(page, 'timeline')).toContain('سارا احمدی changed Job title from “مدیر خرید” to “مدیر فروش”');
    expect(await page.getByTestId('timeline-time').first().textContent()).toMatch(/20\d\d/);
    await screenshot(page, 'customers-person-360-en');
    await screenshotOrganizationAndLead(page, page.url().split('/').pop()!, 'en');
    await page.close();
  });

  it('shows cards instead of the grid on a 375 px phone, without horizontal scrolling', async () => {
    await api.patch('/api/v1/me', { locale: 'fa', calendar: 'jalali' });
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/people`);
    await page.getByTestId('people-page-cards').waitFor();
    await expect.poll(() => page.getByTestId('record-card').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.MuiDataGrid-root').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'customers-people-phone-fa');

    await page.getByTestId('list-search').fill('علی رضایی');
    await expect.poll(() => page.getByTestId('record-card').count()).toBe(1);
    await page.getByTestId('record-card').filter({ hasText: 'علی رضایی' }).locator('a').click();
    await page.getByTestId('person-page').waitFor();
    const overflow360 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow360).toBeLessThanOrEqual(1);
    await screenshot(page, 'customers-person-phone-fa');
    await context.close();
  });
});
