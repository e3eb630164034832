import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

/*
 * The lists take their fields from GET /api/v1/fields/:entityType: a custom select field made
 * through the API is at once a filter (with its options in Persian) and a column of the people list.
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

  const field = await api.post('/api/v1/custom-fields', {
    entityType: 'person',
    key: 'loyalty_level',
    labelFa: 'سطح وفاداری',
    labelEn: 'Loyalty level',
    type: 'select',
    options: [
      { value: 'gold', labelFa: 'طلایی', labelEn: 'Gold' },
      { value: 'silver', labelFa: 'نقره‌ای', labelEn: 'Silver' },
    ],
  });
  expect(field.status).toBe(201);
  const organization = await api.post('/api/v1/organizations', { name: 'بازرگانی پارس', type: 'customer' });
  expect(organization.status).toBe(201);
  for (const [firstName, lastName, mail, phone, birthday, level] of [
    ['علی', 'رضایی', 'ali@example.com', '09121234567', '1990-05-01', 'gold'],
    ['مریم', 'کریمی', 'maryam@example.com', '09351234567', '1995-01-01', 'silver'],
    ['حسین', 'کریمی', 'hossein@example.com', '09101234567', '1980-07-15', undefined],
    ['زهرا', 'محمدی', 'zahra@example.com', '09191234567', '1985-03-10', 'gold'],
  ] as const) {
    const created = await api.post('/api/v1/people', {
      firstName,
      lastName,
      jobTitle: 'کارشناس فروش',
      emails: [mail],
      phones: [phone],
      birthday,
      custom: level ? { loyalty_level: level } : {},
      organizations: firstName === 'مریم' ? [{ organizationId: organization.body.id, role: 'حسابدار', isPrimary: true }] : [],
    });
    expect(created.status).toBe(201);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function peopleList(width = 1366): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home-page').waitFor();
  await page.goto(`${server.url}/people`);
  await page.getByTestId('people-page-grid').waitFor();
  return page;
}

/** The names in the list (the avatar's initial left out). */
const gridNames = (page: Page) => page.getByTestId('person-link').locator('p').allTextContents();

describe('fields from the server, in Persian', () => {
  it('filters the people list on a custom select field and shows it as a column', async () => {
    const page = await peopleList();
    await expect.poll(() => gridNames(page)).toHaveLength(4);
    // Not a default column: a workspace's own field is chosen in the column chooser.
    expect(await page.locator('.MuiDataGrid-columnHeader[data-field="custom.loyalty_level"]').count()).toBe(0);

    await page.getByTestId('filter-open').click();
    await page.getByTestId('filter-dialog').waitFor();
    await page.getByTestId('filter-field').click();
    // Custom fields are offered under their own heading, labelled in Persian.
    await page.getByRole('option', { name: 'سطح وفاداری', exact: true }).click();
    expect(await page.getByTestId('filter-operator').inputValue()).toBe('eq');
    await page.getByTestId('filter-value').locator('xpath=..').getByRole('combobox').click();
    const options = page.getByRole('option');
    expect(await options.allTextContents()).toEqual(['طلایی', 'نقره‌ای']);
    await page.getByRole('option', { name: 'طلایی', exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await page.locator('.MuiMenu-paper').waitFor({ state: 'detached' });
    await screenshot(page, 'fields-custom-filter-builder-fa');
    await page.getByTestId('filter-apply').click();

    await expect.poll(async () => (await gridNames(page)).sort()).toEqual(['زهرا محمدی', 'علی رضایی']);
    const chip = (await page.getByTestId('filter-chip').first().textContent()) ?? '';
    expect(chip).toContain('سطح وفاداری');
    expect(chip).toContain('طلایی');

    // The column chooser lists every field the server describes, the custom one included.
    await page.getByTestId('columns-open').click();
    await page.getByTestId('column-toggle-custom.loyalty_level').waitFor();
    expect(await page.getByTestId('column-toggle-birthday').textContent()).toContain('تاریخ تولد');
    await page.getByTestId('column-toggle-custom.loyalty_level').click();
    await page.keyboard.press('Escape');
    await page.locator('.MuiMenu-paper').waitFor({ state: 'detached' });
    const header = page.locator('.MuiDataGrid-columnHeader[data-field="custom.loyalty_level"]');
    await header.waitFor();
    expect(await header.textContent()).toContain('سطح وفاداری');
    const cells = page.locator('.MuiDataGrid-cell[data-field="custom.loyalty_level"]');
    await expect.poll(() => cells.allTextContents()).toEqual(['طلایی', 'طلایی']);

    // Right to left: the name column starts at the right edge, the custom column lies to its left.
    const nameBox = (await page.locator('.MuiDataGrid-columnHeader[data-field="name"]').boundingBox())!;
    const customBox = (await header.boundingBox())!;
    expect(customBox.x).toBeLessThan(nameBox.x);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // Past the default columns the grid scrolls towards the left, as a right-to-left table does.
    await header.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await header.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'fields-custom-column-fa');

    // Sorting by the custom column asks the server (option values, gold before silver).
    await page.getByTestId('filter-chip').first().locator('.MuiChip-deleteIcon').click();
    await expect.poll(() => gridNames(page)).toHaveLength(4);
    const sorted = page.waitForResponse((r) => r.url().includes('/api/v1/people?') && r.url().includes('sort=custom.loyalty_level'));
    await header.locator('.MuiDataGrid-columnHeaderTitleContainer').click();
    await sorted;
    await expect.poll(() => cells.allTextContents()).toEqual(['طلایی', 'طلایی', 'نقره‌ای', '']);
    await page.close();
  });

  it('filters on a built-in date field with a Jalali date typed in Persian digits', async () => {
    const page = await peopleList();
    await expect.poll(() => gridNames(page)).toHaveLength(4);
    await page.getByTestId('filter-open').click();
    await page.getByTestId('filter-field').click();
    await page.getByRole('option', { name: 'تاریخ تولد', exact: true }).click();
    await page.getByTestId('filter-operator').locator('xpath=..').getByRole('combobox').click();
    await page.getByRole('option', { name: 'بیشتر از', exact: true }).click();
    // 1369/01/01 is 21 March 1990.
    await page.getByTestId('filter-value').fill('۱۳۶۹/۰۱/۰۱');
    await page.getByTestId('filter-apply').click();
    await expect.poll(async () => (await gridNames(page)).sort()).toEqual(['علی رضایی', 'مریم کریمی']);
    const chip = (await page.getByTestId('filter-chip').first().textContent()) ?? '';
    expect(chip).toContain('تاریخ تولد');
    expect(chip).toContain('۱۳۶۹');
    await page.close();
  });

  it("filters people by the organisation they work at, picked by name, and shows it as a column", async () => {
    const page = await peopleList();
    await expect.poll(() => gridNames(page)).toHaveLength(4);
    await page.getByTestId('filter-open').click();
    await page.getByTestId('filter-field').click();
    await page.getByRole('option', { name: 'سازمان', exact: true }).click();
    await page.getByTestId('filter-value').fill('پارس');
    await page.getByTestId('picker-option').filter({ hasText: 'بازرگانی پارس' }).click();
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => gridNames(page)).toEqual(['مریم کریمی']);
    // The chip names the organisation, not its id.
    await expect.poll(async () => (await page.getByTestId('filter-chip').first().textContent()) ?? '').toContain('بازرگانی پارس');

    await page.getByTestId('columns-open').click();
    await page.getByRole('menuitem', { name: 'سازمان', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.locator('.MuiMenu-paper').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('person-organizations').first().textContent()).toBe('بازرگانی پارس');
    await page.getByTestId('person-organizations').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'fields-organization-filter-column-fa');
    await page.close();
  });
});
