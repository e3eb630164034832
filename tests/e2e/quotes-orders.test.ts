import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../common/src/calendar/index.ts';
import { currencyScale, documentTotals, formatMoney } from '../../common/src/money/index.ts';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * Products, quotes and orders in Chromium, Persian first: a product typed with Persian digits in
 * tomans, a quote for an organisation with two lines and a document discount whose totals on the
 * screen equal what the server stored, the quote sent and converted to an order, the printable
 * invoice (RTL, Jalali date, Persian digits, «فاکتور فروش»); then the same page in English and the
 * editor on a 375 px phone.
 */

let server: TestServer;
let browser: Browser;
let api: ApiClient;
const password = 'a long browser passphrase';
let email = '';
let organizationId = '';
let quoteId = '';
let orderId = '';

beforeAll(async () => {
  // PEYVAND_WEB_DIST lets a build made elsewhere be tested without touching web/dist.
  server = await startTestServer({ engine: 'pglite', webDistDir: process.env.PEYVAND_WEB_DIST ?? resolve('web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'سارا احمدی', password, workspaceName: 'بازرگانی پیوند', locale: 'fa' });
  api = account.client;
  email = account.input.email;
  const org = await api.post('/api/v1/organizations', {
    name: 'صنایع غذایی پارس',
    nameLatin: 'Pars Food Industries',
    type: 'customer',
    phones: ['02188776655'],
  });
  expect(org.status).toBe(201);
  organizationId = org.body.id;
  const service = await api.post('/api/v1/products', { name: 'نصب و راه‌اندازی', sku: 'SRV-1', kind: 'service', unit: 'ساعت', price: '25000000', cost: '10000000' });
  expect(service.status).toBe(201);
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
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '').trim();
const textOf = async (page: Page, testId: string) => plain(await page.getByTestId(testId).first().textContent());

/** Picks a product in the line editor's picker by typing part of its name. */
async function pickProduct(page: Page, lineIndex: number, typed: string, name: string) {
  const input = page.getByTestId('line-product').nth(lineIndex);
  await input.click();
  await input.fill(typed);
  await page.getByTestId('product-option').filter({ hasText: name }).first().click();
}

async function fillNumber(page: Page, testId: string, lineIndex: number, value: string) {
  const input = page.getByTestId(testId).nth(lineIndex);
  await input.fill(value);
}

describe('quotes and orders in Persian', () => {
  it('creates a product with a price typed in Persian digits (tomans) and shows it formatted', async () => {
    const page = await desktop();
    await page.getByTestId('nav-products').click();
    await page.getByTestId('products-page').waitFor();
    await page.getByTestId('product-row').first().waitFor();

    await page.getByTestId('product-new').click();
    await page.getByTestId('product-dialog').waitFor();
    await page.getByTestId('product-name').fill('لپ‌تاپ مهندسی');
    await page.getByTestId('product-name-latin').fill('Engineering laptop');
    await page.getByTestId('product-sku').fill('NB-100');
    await page.getByTestId('product-unit').fill('دستگاه');
    await page.getByTestId('product-category').fill('رایانه');
    // ۴۵ میلیون تومان = 450,000,000 rials stored.
    await page.getByTestId('product-price').fill('۴۵٬۰۰۰٬۰۰۰');
    await page.getByTestId('product-cost').fill('38000000');
    await expect.poll(() => page.getByTestId('product-dialog').textContent()).toContain('۴۵٬۰۰۰٬۰۰۰ تومان');
    await screenshot(page, 'sales-product-dialog-fa');
    await page.getByTestId('product-submit').click();
    await page.getByTestId('product-dialog').waitFor({ state: 'hidden' });

    const row = page.getByTestId('product-row').filter({ hasText: 'لپ‌تاپ مهندسی' });
    await row.waitFor();
    expect(plain(await row.getByTestId('product-row-price').textContent())).toBe('۴۵٬۰۰۰٬۰۰۰ تومان');
    const stored = await api.get('/api/v1/products?q=NB-100');
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0]).toMatchObject({ price: '450000000.00', cost: '380000000.00', unit: 'دستگاه', category: 'رایانه', currency: 'IRR' });
    await screenshot(page, 'sales-products-fa');

    // Edited in the same dialog: the field shows tomans, and a changed description is saved with the version read.
    await row.getByTestId('product-edit').click();
    await page.getByTestId('product-dialog').waitFor();
    expect(await page.getByTestId('product-price').inputValue()).toBe('۴۵٬۰۰۰٬۰۰۰');
    await page.getByTestId('product-unit').fill('عدد');
    await page.getByTestId('product-submit').click();
    await page.getByTestId('product-dialog').waitFor({ state: 'hidden' });
    const edited = await api.get(`/api/v1/products/${stored.body.items[0].id}`);
    expect(edited.body).toMatchObject({ unit: 'عدد', price: '450000000.00', version: stored.body.items[0].version + 1 });

    // The active filter: nothing inactive yet.
    await page.getByRole('combobox', { name: 'وضعیت' }).click();
    await page.getByRole('option', { name: 'غیرفعال' }).click();
    await page.getByTestId('products-empty').waitFor();
    await page.close();
  });

  it('creates a quote for an organisation with two lines and a discount; the totals shown equal the server’s', async () => {
    const page = await desktop();
    await page.getByTestId('nav-quotes').click();
    await page.getByTestId('quotes-page').waitFor();
    await page.getByTestId('quote-new').click();
    await page.getByTestId('quote-editor').waitFor();

    await page.getByTestId('document-organization').fill('پارس');
    await page.getByTestId('picker-option').filter({ hasText: 'صنایع غذایی پارس' }).first().click();

    await pickProduct(page, 0, 'لپ', 'لپ‌تاپ مهندسی');
    await expect.poll(async () => page.getByTestId('line-description').first().inputValue()).toBe('لپ‌تاپ مهندسی');
    await fillNumber(page, 'line-quantity', 0, '۲');
    await fillNumber(page, 'line-discount', 0, '۵');

    await page.getByTestId('line-add').click();
    await pickProduct(page, 1, 'نصب', 'نصب و راه‌اندازی');
    await fillNumber(page, 'line-quantity', 1, '۳');
    // A document discount of ۱٬۲۳۴٬۵۶۷ tomans.
    await page.getByTestId('document-discount').fill('۱۲۳۴۵۶۷');

    // The preview, before saving: computed in the browser with common/src/money.
    const expected = documentTotals(
      [
        { quantity: '2', unitPrice: '450000000.00', discountPercent: '5.00', taxRate: '10.00' },
        { quantity: '3', unitPrice: '25000000.00', discountPercent: '0.00', taxRate: '10.00' },
      ],
      '12345670.00',
      currencyScale('IRR'),
    );
    const fa = (amount: string) => formatMoney(amount, 'IRR', 'fa', 'toman');
    await expect.poll(() => textOf(page, 'totals-total')).toBe(fa(expected.total));
    const preview = {
      subtotal: await textOf(page, 'totals-subtotal'),
      discount: await textOf(page, 'totals-discount'),
      tax: await textOf(page, 'totals-tax'),
      total: await textOf(page, 'totals-total'),
    };
    await screenshot(page, 'sales-quote-editor-new-fa');

    await page.getByTestId('document-save').click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    quoteId = page.url().split('/').pop()!;
    await expect.poll(() => textOf(page, 'document-title')).toContain('Q-');

    const stored = await api.get(`/api/v1/quotes/${quoteId}`);
    expect(stored.status).toBe(200);
    expect(stored.body.organizationId).toBe(organizationId);
    expect(stored.body.lines).toHaveLength(2);
    expect(stored.body).toMatchObject({ subtotal: expected.subtotal, discountAmount: expected.discountAmount, taxTotal: expected.taxTotal, total: expected.total });
    // What the user saw before saving is exactly what the server stored.
    expect(preview).toEqual({ subtotal: fa(stored.body.subtotal), discount: fa(stored.body.discountAmount), tax: fa(stored.body.taxTotal), total: fa(stored.body.total) });
    // And the saved page shows it too.
    await expect.poll(() => textOf(page, 'totals-total')).toBe(fa(stored.body.total));
    expect(await textOf(page, 'totals-total')).toMatch(/^[۰-۹٬]+ تومان$/);
    await screenshot(page, 'sales-quote-editor-fa');
    await page.close();
  });

  it('sends the quote, converts it to an order, and prints the invoice in Persian', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/quotes/${quoteId}`);
    await page.getByTestId('quote-editor').waitFor();

    await page.getByTestId('document-action-send').click();
    await page.getByTestId('confirm-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('document-status-chip').getAttribute('data-status')).toBe('sent');

    await page.getByTestId('document-action-order').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('confirm-dialog-confirm').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    orderId = page.url().split('/').pop()!;
    await page.getByTestId('order-editor').waitFor();
    await expect.poll(() => textOf(page, 'document-title')).toContain('INV-');

    const quote = await api.get(`/api/v1/quotes/${quoteId}`);
    expect(quote.body).toMatchObject({ status: 'accepted', orderId });
    const order = await api.get(`/api/v1/orders/${orderId}`);
    expect(order.body).toMatchObject({ quoteId, organizationId, total: quote.body.total, status: 'draft' });
    await screenshot(page, 'sales-order-editor-fa');

    await page.goto(`${server.url}/print/orders/${orderId}`);
    await page.getByTestId('print-page').waitFor();
    expect(await page.getByTestId('nav').count()).toBe(0); // outside the app shell
    expect(await page.getByTestId('print-page').getAttribute('dir')).toBe('rtl');
    expect(await textOf(page, 'print-title')).toBe('فاکتور فروش');
    expect(await textOf(page, 'print-number')).toBe(`INV-${String(order.body.number).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!)}`);
    const jalali = formatDate(order.body.orderDate, { locale: 'fa', calendar: 'jalali', style: 'long' });
    expect(await textOf(page, 'print-date')).toBe(jalali);
    expect(jalali).toMatch(/^[۰-۹]+ \S+ ۱۴[۰-۹]{2}$/);
    expect(await textOf(page, 'print-buyer')).toContain('صنایع غذایی پارس');
    expect(await textOf(page, 'print-seller')).toContain('بازرگانی پیوند');
    expect(await page.getByTestId('print-line').count()).toBe(2);
    const linesText = plain(await page.getByTestId('print-lines').textContent());
    expect(linesText).toMatch(/[۰-۹]/);
    expect(linesText).not.toMatch(/[0-9]/);
    expect(plain(await page.getByTestId('print-total').textContent())).toContain(formatMoney(order.body.total, 'IRR', 'fa', 'toman'));
    expect(await textOf(page, 'print-total-words')).toContain('تومان');
    await screenshot(page, 'sales-print-order-fa');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${server.url}/print/quotes/${quoteId}`);
    await page.getByTestId('print-page').waitFor();
    expect(await textOf(page, 'print-title')).toBe('پیش‌فاکتور');
    await screenshot(page, 'sales-print-quote-fa');
    await page.close();
  });

  it('shows the order on the organisation’s page, and lists it under orders', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/organizations/${organizationId}`);
    await page.getByTestId('customer-orders').waitFor();
    await expect.poll(() => page.getByTestId('customer-document-row').count()).toBe(2);
    // The order is still a draft: listed, but not yet a sale in the customer's figures.
    const summary = (await api.get(`/api/v1/orders/summary?organizationId=${organizationId}`)).body;
    expect(summary.orderCount).toBe(0);
    expect(await page.getByTestId('customer-orders-summary').count()).toBe(0);
    const section = plain(await page.getByTestId('customer-orders').textContent());
    expect(section).toContain('INV-');
    expect(section).toContain('Q-');
    await screenshot(page, 'sales-organization-orders-fa');

    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-page').waitFor();
    await expect.poll(() => page.getByTestId('document-row').count()).toBe(1);
    expect(await textOf(page, 'document-row')).toContain('صنایع غذایی پارس');
    await screenshot(page, 'sales-orders-list-fa');

    // The quotes list filtered by status: the quote is accepted, so «draft» finds nothing.
    await page.getByTestId('nav-quotes').click();
    await page.getByTestId('quotes-page').waitFor();
    await expect.poll(() => page.getByTestId('document-row').count()).toBe(1);
    await page.getByRole('combobox', { name: 'وضعیت' }).click();
    await page.getByRole('option', { name: 'پیش‌نویس' }).click();
    await page.getByTestId('documents-empty').waitFor();
    await page.getByRole('combobox', { name: 'وضعیت' }).click();
    await page.getByRole('option', { name: 'پذیرفته' }).click();
    await expect.poll(() => page.getByTestId('document-row').count()).toBe(1);
    expect(await page.getByTestId('document-status-chip').getAttribute('data-status')).toBe('accepted');
    await page.close();
  });

  it('says so when the order changed elsewhere, loads the latest version, then saves', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/orders/${orderId}`);
    await page.getByTestId('order-editor').waitFor();
    const current = await api.get(`/api/v1/orders/${orderId}`);
    expect((await api.patch(`/api/v1/orders/${orderId}`, { version: current.body.version, notes: 'تحویل در انبار مرکزی' })).status).toBe(200);

    await page.getByTestId('document-notes').fill('یادداشت من');
    await page.getByTestId('document-save').click();
    await page.getByTestId('version-conflict').waitFor();
    expect((await api.get(`/api/v1/orders/${orderId}`)).body.notes).toBe('تحویل در انبار مرکزی');
    await screenshot(page, 'sales-order-conflict-fa');

    await page.getByTestId('conflict-reload').click();
    await expect.poll(() => page.getByTestId('document-notes').inputValue()).toBe('تحویل در انبار مرکزی');
    await page.getByTestId('document-notes').fill('تحویل در انبار مرکزی، صبح');
    await page.getByTestId('document-save').click();
    await expect.poll(async () => (await api.get(`/api/v1/orders/${orderId}`)).body.notes).toBe('تحویل در انبار مرکزی، صبح');
    await page.close();
  });

  it('confirms the order and issues the invoice, each after a confirmation', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/orders/${orderId}`);
    await page.getByTestId('order-editor').waitFor();
    for (const [action, status] of [
      ['confirm', 'confirmed'],
      ['invoice', 'invoiced'],
    ] as const) {
      await page.getByTestId(`document-action-${action}`).click();
      await page.getByTestId('confirm-dialog').waitFor();
      await page.getByTestId('confirm-dialog-confirm').click();
      await expect.poll(() => page.getByTestId('document-status-chip').getAttribute('data-status')).toBe(status);
      expect((await api.get(`/api/v1/orders/${orderId}`)).body.status).toBe(status);
    }
    // Lines of an invoiced order are locked; the editor says so and offers no line editing.
    await page.getByTestId('document-readonly').waitFor();
    expect(await page.getByTestId('line-add').count()).toBe(0);
    await screenshot(page, 'sales-order-invoiced-fa');

    // Now a sale: the organisation's page counts it, with its revenue, margin and date.
    await page.goto(`${server.url}/organizations/${organizationId}`);
    await page.getByTestId('customer-orders').waitFor();
    const summary = (await api.get(`/api/v1/orders/summary?organizationId=${organizationId}`)).body;
    expect(summary.orderCount).toBe(1);
    await expect.poll(() => textOf(page, 'customer-order-count')).toBe('۱');
    expect(await textOf(page, 'customer-revenue')).toBe(formatMoney(summary.revenueBase, 'IRR', 'fa', 'toman'));
    expect(await textOf(page, 'customer-margin')).toBe(formatMoney(summary.marginBase, 'IRR', 'fa', 'toman'));
    expect(await textOf(page, 'customer-last-order')).toBe(formatDate(summary.lastOrderDate, { locale: 'fa', calendar: 'jalali', style: 'short' }));
    await page.close();
  });

  it('imports orders from an accounting CSV through the mapping screen (one row per line)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peyvand-orders-'));
    const file = join(dir, 'فاکتورها.csv');
    writeFileSync(
      file,
      [
        'شماره فاکتور,تاریخ,مشتری,کد کالا,تعداد,فی',
        'A-1001,۱۴۰۵/۰۸/۰۱,صنایع غذایی پارس,NB-100,1,450000000',
        'A-1001,۱۴۰۵/۰۸/۰۱,صنایع غذایی پارس,SRV-1,2,25000000',
        'A-1002,۱۴۰۵/۰۸/۱۵,صنایع غذایی پارس,SRV-1,1,25000000',
      ].join('\n'),
    );
    const page = await desktop();
    await page.goto(`${server.url}/orders`);
    await page.getByTestId('orders-import').click();
    await page.getByTestId('import-new-page').waitFor();
    expect(await page.getByTestId('import-entity-type').inputValue()).toBe('order');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-mapping').waitFor();
    await expect.poll(() => page.getByTestId('import-preview-row').count()).toBe(3);
    await screenshot(page, 'sales-import-orders-mapping-fa');

    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-check-results').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    // Counted per CSV row (order line): three lines, which make two orders.
    expect(await page.getByTestId('import-count-created').textContent()).toContain('۳');
    await screenshot(page, 'sales-import-orders-done-fa');

    await page.getByTestId('import-open-list').click();
    await page.getByTestId('orders-page').waitFor();
    await expect.poll(() => page.getByTestId('document-row').count()).toBe(3);
    const imported = await api.get(`/api/v1/orders?organizationId=${organizationId}`);
    const a1001 = imported.body.items.find((o: { externalRef: string | null }) => o.externalRef === 'A-1001');
    expect(a1001).toMatchObject({ source: 'import', orderDate: '2026-10-23', subtotal: '500000000.00' });
    await page.close();
  });

  it('keeps a wholesale price list, and a quote line picked with it takes the list’s price', async () => {
    const page = await desktop();
    await page.getByTestId('nav-price-lists').click();
    await page.getByTestId('price-lists-page').waitFor();
    await page.getByTestId('price-list-new').click();
    await page.getByTestId('price-list-name').fill('عمده‌فروشی');
    await page.getByTestId('price-list-submit').click();
    await page.getByTestId('price-list-editor').waitFor();
    await page.getByTestId('price-list-add-item').click();
    await page.getByTestId('price-list-item-product').fill('NB');
    await page.getByTestId('product-option').filter({ hasText: 'لپ‌تاپ مهندسی' }).first().click();
    await page.getByTestId('price-list-item-price').fill('۴۲٬۰۰۰٬۰۰۰');
    await page.getByTestId('price-list-save-items').click();
    await expect.poll(async () => (await api.get('/api/v1/price-lists')).body.items[0]?.items?.[0]?.price).toBe('420000000.00');
    await screenshot(page, 'sales-price-lists-fa');

    await page.goto(`${server.url}/quotes/new`);
    await page.getByTestId('quote-editor').waitFor();
    await page.getByRole('combobox', { name: 'فهرست قیمت' }).click();
    await page.getByRole('option', { name: 'عمده‌فروشی' }).click();
    await pickProduct(page, 0, 'لپ', 'لپ‌تاپ مهندسی');
    await expect.poll(() => page.getByTestId('line-unit-price').first().inputValue()).toBe('۴۲٬۰۰۰٬۰۰۰');
    await expect.poll(() => textOf(page, 'totals-subtotal')).toBe('۴۲٬۰۰۰٬۰۰۰ تومان');
    await page.close();
  });
});

describe('quotes and orders in English and on a phone', () => {
  it('prints the invoice in English: left to right, Gregorian date, Latin digits', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/print/orders/${orderId}?lang=en`);
    await page.getByTestId('print-page').waitFor();
    expect(await page.getByTestId('print-page').getAttribute('dir')).toBe('ltr');
    expect(await textOf(page, 'print-title')).toBe('Sales invoice');
    const order = await api.get(`/api/v1/orders/${orderId}`);
    expect(await textOf(page, 'print-date')).toBe(formatDate(order.body.orderDate, { locale: 'en', calendar: 'gregorian', style: 'long' }));
    const linesText = plain(await page.getByTestId('print-lines').textContent());
    expect(linesText).not.toMatch(/[۰-۹]/);
    expect(plain(await page.getByTestId('print-total').textContent())).toContain(formatMoney(order.body.total, 'IRR', 'en', 'toman'));
    await screenshot(page, 'sales-print-order-en');
    await page.close();
  });

  it('shows the quote editor in English', async () => {
    expect((await api.patch('/api/v1/me', { locale: 'en', calendar: 'gregorian' })).status).toBe(200);
    const page = await desktop();
    await page.goto(`${server.url}/quotes/${quoteId}`);
    await page.getByTestId('quote-editor').waitFor();
    await expect.poll(() => textOf(page, 'totals-total')).toMatch(/^[0-9,]+ Toman$/);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await screenshot(page, 'sales-quote-editor-en');
    await page.goto(`${server.url}/products`);
    await page.getByTestId('product-row').first().waitFor();
    await screenshot(page, 'sales-products-en');
    await page.close();
    await api.patch('/api/v1/me', { locale: 'fa', calendar: 'jalali' });
  });

  it('lets a quote be written on a 375 px phone without horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/quotes/new`);
    await page.getByTestId('quote-editor').waitFor();
    await page.getByTestId('line-item').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'sales-quote-editor-phone-fa');
    await page.goto(`${server.url}/print/orders/${orderId}`);
    await page.getByTestId('print-page').waitFor();
    // The lines table scrolls inside the sheet; the page itself does not.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await screenshot(page, 'sales-print-order-phone-fa');
    await context.close();
  });
});
