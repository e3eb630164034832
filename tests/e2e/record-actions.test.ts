import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

let server: TestServer;
let browser: Browser;
let api: ApiClient;
const password = 'a long browser passphrase';
let email = '';
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

beforeAll(async () => {
  server = await startTestServer({ engine: 'pglite', webDistDir: resolve('web/dist') });
  browser = await launchBrowser();
  const account = await signUp(server.url, { name: 'سارا احمدی', password, workspaceName: 'کارگاه', locale: 'en' });
  api = account.client;
  email = account.input.email;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function desktop(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home-page').waitFor();
  return page;
}
const toast = async (page: Page) => plain(await page.getByTestId('toast').textContent());

describe('record actions in the browser', () => {
  it('organisation: quick create, edit, add person, unlink, delete + undo, restore', async () => {
    expect((await api.post('/api/v1/people', { firstName: 'Reza', lastName: 'Karimi' })).status).toBe(201);
    const tier = (await api.post('/api/v1/custom-fields', { entityType: 'organization', key: 'tier', labelFa: 'سطح', labelEn: 'Tier', type: 'text', required: true })).body;
    expect((await api.post('/api/v1/custom-fields', { entityType: 'organization', key: 'region', labelFa: 'منطقه', labelEn: 'Region', type: 'text' })).status).toBe(201);
    const page = await desktop();
    await page.goto(`${server.url}/organizations`);
    await page.getByTestId('quick-create-open').click();
    // Quick create offers the required custom field only.
    await page.getByTestId('custom-tier').waitFor();
    expect(await page.getByTestId('custom-region').count()).toBe(0);
    await page.getByTestId('custom-tier').fill('Gold');
    await page.getByTestId('quick-create-submit').click(); // empty name → client error, stays open
    expect(await page.getByTestId('quick-create-dialog').isVisible()).toBe(true);
    expect(await page.getByTestId('quick-create-dialog').textContent()).toContain('required');
    await page.getByTestId('org-name').fill('Acme Trading');
    await page.getByTestId('quick-create-submit').click();
    await page.getByTestId('quick-create-dialog').waitFor({ state: 'hidden' });
    expect(await toast(page)).toContain('Acme Trading');
    await page.getByTestId('toast-open').click();
    await page.getByTestId('organization-page').waitFor();
    expect(await page.getByTestId('organization-name').textContent()).toBe('Acme Trading');

    await page.getByTestId('organization-edit').click();
    await page.getByTestId('organization-edit-dialog').waitFor();
    await page.getByTestId('org-name').fill('');
    await page.getByTestId('organization-edit-save').click();
    expect(await page.getByTestId('organization-edit-dialog').isVisible()).toBe(true);
    await page.getByTestId('org-name').fill('Acme Trading Co');
    await page.getByTestId('org-name-latin').fill('Acme');
    await page.getByTestId('custom-region').fill('North');
    await page.getByTestId('organization-edit-save').click();
    await page.getByTestId('organization-edit-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe('Acme Trading Co');
    expect(await page.getByTestId('organization-name-latin').textContent()).toContain('Acme');
    await expect.poll(() => page.getByTestId('custom-value-region').textContent()).toBe('North');
    expect(await page.getByTestId('custom-value-tier').textContent()).toBe('Gold');
    await screenshot(page, 'actions-organization-custom-en');

    // Edit with nothing changed just closes.
    await page.getByTestId('organization-edit').click();
    await page.getByTestId('organization-edit-save').click();
    await page.getByTestId('organization-edit-dialog').waitFor({ state: 'hidden' });

    // Version conflict: someone else changes it while the dialog is open.
    await page.getByTestId('organization-edit').click();
    const orgId = page.url().split('/').pop()!;
    const current = (await api.get(`/api/v1/organizations/${orgId}`)).body;
    expect((await api.patch(`/api/v1/organizations/${orgId}`, { version: current.version, industry: 'Tea' })).status).toBe(200);
    await page.getByTestId('org-name').fill('Acme Mine');
    await page.getByTestId('organization-edit-save').click();
    await page.getByTestId('version-conflict').waitFor();
    await page.getByTestId('conflict-reload').click();
    await page.getByTestId('version-conflict').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('org-name').inputValue()).toBe('Acme Mine');
    await page.getByTestId('organization-edit-save').click();
    await page.getByTestId('organization-edit-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe('Acme Mine');
    // The reload kept the user's edit and took the other change: nothing someone else saved is reverted.
    const saved = (await api.get(`/api/v1/organizations/${orgId}`)).body;
    expect(saved.name).toBe('Acme Mine');
    expect(saved.industry).toBe('Tea');

    await page.getByTestId('organization-add-person').click();
    await page.getByTestId('add-person-dialog').waitFor();
    await page.getByTestId('add-person-picker').fill('Reza');
    await page.getByRole('option', { name: /Reza Karimi/ }).click();
    await page.getByTestId('add-person-role').fill('Buyer');
    await page.getByTestId('add-person-submit').click();
    await page.getByTestId('add-person-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('organization-person-row').first().waitFor();
    expect(await page.getByTestId('organization-person-row').first().textContent()).toContain('Buyer');
    // Reopened, the choice starts empty.
    await page.getByTestId('organization-add-person').click();
    expect(await page.getByTestId('add-person-role').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await page.getByTestId('add-person-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('organization-person-row').getByRole('button', { name: 'Unlink from this organisation' }).click();
    await expect.poll(() => page.getByTestId('organization-person-row').count()).toBe(0);

    await page.getByTestId('organization-delete').click();
    await page.getByTestId('confirm-dialog-confirm').click();
    await expect.poll(() => page.url()).toMatch(/\/organizations$/);
    expect(await toast(page)).toContain('Acme Mine');
    await page.getByTestId('undo-delete').click();
    await expect.poll(async () => (await api.get(`/api/v1/organizations/${orgId}`)).body.deletedAt).toBeNull();

    // In the trash: a notice with restore, no edit or delete.
    expect((await api.delete(`/api/v1/organizations/${orgId}`)).status).toBeLessThan(300);
    await page.goto(`${server.url}/organizations/${orgId}`);
    await page.getByTestId('organization-restore').waitFor();
    expect(await page.getByTestId('organization-edit').count()).toBe(0);
    expect(await page.getByTestId('organization-delete').count()).toBe(0);
    await screenshot(page, 'actions-organization-trash-en');
    await page.getByTestId('organization-restore').click();
    await page.getByTestId('organization-edit').waitFor();
    // Later tests create organisations by name alone.
    expect((await api.patch(`/api/v1/custom-fields/${tier.id}`, { version: tier.version, required: false })).status).toBe(200);
    await page.close();
  });

  it('person: link a new organisation, unlink, edit, quick create with more fields', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/people`);
    await page.getByTestId('quick-create-open').click();
    await page.getByTestId('quick-create-submit').click();
    expect(await page.getByTestId('quick-create-dialog').textContent()).toContain('name');
    await page.getByTestId('quick-create-more').click();
    await page.getByTestId('person-first-name-latin').fill('Nima');
    await page.getByTestId('person-first-name').fill('نیما');
    await page.getByTestId('person-last-name').fill('Moradi');
    await page.getByTestId('quick-create-submit').click();
    await page.getByTestId('quick-create-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('toast-open').click();
    await page.getByTestId('person-page').waitFor();
    expect(await page.getByTestId('person-name-latin').textContent()).toContain('Nima');

    await page.getByTestId('person-add-organization').click();
    await page.getByTestId('link-organization-picker').fill('Brand New Org');
    await page.getByRole('option', { name: /Brand New Org/ }).click();
    await page.getByTestId('link-organization-role').fill('CEO');
    await page.getByTestId('link-organization-submit').click();
    await page.getByTestId('link-organization-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('person-organization-row').count()).toBe(1);
    expect(await page.getByTestId('person-organization-row').textContent()).toContain('CEO');
    await page.getByTestId('person-organization-row').getByRole('button', { name: 'Unlink from this organisation' }).click();
    await expect.poll(() => page.getByTestId('person-organization-row').count()).toBe(0);

    await page.getByTestId('person-edit').click();
    await page.getByTestId('person-job-title').fill('Designer');
    await page.getByTestId('person-edit-save').click();
    await page.getByTestId('person-edit-dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => plain(await page.getByTestId('person-page').textContent())).toContain('Designer');
    await page.close();
  });

  it('lead: status menu, edit, convert', async () => {
    const lead = (await api.post('/api/v1/leads', { firstName: 'Kaveh', lastName: 'Moradi', email: 'kaveh@example.com', companyName: 'Novin' })).body;
    const page = await desktop();
    await page.goto(`${server.url}/leads/${lead.id}`);
    await page.getByTestId('lead-page').waitFor();
    await page.getByTestId('lead-status-menu').click();
    await page.getByTestId('lead-status-contacted').click();
    await expect.poll(() => toast(page)).toContain('Contacted');
    await page.getByTestId('lead-edit').click();
    await page.getByTestId('lead-edit-dialog').waitFor();
    await page.getByTestId('lead-company').fill('Novin Co');
    await page.getByTestId('lead-edit-save').click();
    await page.getByTestId('lead-edit-dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => plain(await page.getByTestId('lead-page').textContent())).toContain('Novin Co');
    await page.getByTestId('lead-convert').click();
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('person-page').waitFor();
    await page.goto(`${server.url}/leads/${lead.id}`);
    await page.getByTestId('lead-converted').waitFor();
    expect(await page.getByTestId('lead-edit').count()).toBe(0);
    expect(await page.getByTestId('lead-delete').count()).toBe(0);
    await screenshot(page, 'actions-lead-converted-en');
    await page.close();
  });

  it('settings, api keys and invitations', async () => {
    const page = await desktop();
    await page.goto(`${server.url}/settings/account`);
    await page.getByTestId('account-settings-page').waitFor();
    expect(await page.getByTestId('account-save').isDisabled()).toBe(true);
    await page.getByTestId('account-locale').selectOption('fa');
    expect(await page.getByTestId('account-calendar').inputValue()).toBe('jalali');
    await page.getByTestId('account-locale').selectOption('en');
    await page.getByTestId('account-name').fill('');
    await page.getByTestId('account-save').click();
    expect(await page.getByTestId('account-settings-page').textContent()).toContain('required');
    await page.getByTestId('account-name').fill('Sara A');
    await page.getByTestId('account-save').click();
    await expect.poll(() => toast(page)).toContain('saved');
    await screenshot(page, 'actions-account-en');

    await page.goto(`${server.url}/settings/workspace`);
    await page.getByTestId('workspace-settings-page').waitFor();
    const ws = (await api.get('/api/v1/workspace')).body;
    await page.getByTestId('workspace-name').fill('Workshop 2');
    expect(ws.version).toBeGreaterThan(0);
    expect((await api.patch('/api/v1/workspace', { version: ws.version, name: 'Other' })).status).toBe(200);
    await page.getByTestId('workspace-calendar').selectOption('gregorian');
    await page.getByTestId('workspace-save').click();
    await page.getByTestId('version-conflict').waitFor();
    expect(await page.getByTestId('conflict-reload').textContent()).toBe('Load the latest version');
    await page.getByTestId('conflict-reload').click();
    await page.getByTestId('conflict-reloaded').waitFor();
    await screenshot(page, 'actions-workspace-en');

    await page.goto(`${server.url}/api-keys`);
    await page.getByTestId('api-keys-page').waitFor();
    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-name').fill('CI');
    await page.getByTestId('api-key-create-submit').click();
    await page.getByTestId('api-key-secret-done').click();
    await page.getByTestId('api-key-row').first().waitFor();
    await page.getByTestId('api-key-revoke').click();
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('CI');
    await page.getByTestId('confirm-dialog-confirm').click();
    await expect.poll(() => toast(page)).toContain('CI');
    await page.getByTestId('confirm-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('api-key-status').first().textContent()).toBe('Revoked');

    await page.goto(`${server.url}/members`);
    await page.getByTestId('members-page').waitFor();
    await page.getByTestId('invite-open').click();
    await page.getByTestId('invite-email').fill('new.member@example.com');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invitation-row').first().waitFor();
    await page.getByTestId('invitation-revoke').click();
    await page.getByTestId('confirm-dialog-confirm').click();
    await expect.poll(() => toast(page)).toContain('new.member@example.com');
    await expect.poll(() => page.getByTestId('invitation-row').count()).toBe(0);
    await screenshot(page, 'actions-members-en');
    await page.close();
  });
});
