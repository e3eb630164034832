import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { sql, admin, memberOf, auditOf } = testAccounts(() => server);

const inPersian = (client: ApiClient) => {
  const fa = new ApiClient(server.url, { locale: 'fa' });
  fa.cookies = client.cookies;
  return fa;
};

const settingsRow = async (workspaceId: string) =>
  (await sql('select default_currency, money_display, fiscal_year_start_month, vat_rate::text as vat_rate, version from workspaces where id = $1', [workspaceId]))[0];

describe('workspace sales settings', () => {
  it('starts with IRR shown in tomans, a Farvardin fiscal year and 10 % VAT, also in /me', async () => {
    const { client } = await admin('fa');
    const workspace = await client.get('/api/v1/workspace');
    expect(workspace.status).toBe(200);
    expect(workspace.body).toMatchObject({ defaultCurrency: 'IRR', moneyDisplay: 'toman', fiscalYearStartMonth: 1, vatRate: '10.00' });
    const me = await client.get('/api/v1/me');
    expect(me.body.workspace).toMatchObject({ defaultCurrency: 'IRR', moneyDisplay: 'toman', fiscalYearStartMonth: 1, vatRate: '10.00' });
  });

  it('saves normalised values (currency upper-cased, VAT in Persian digits), audits and shows them in /me', async () => {
    const { client, workspace } = await admin('en');
    const before = (await client.get('/api/v1/workspace')).body;
    const saved = await client.patch('/api/v1/workspace', { version: before.version, defaultCurrency: ' usd ', moneyDisplay: 'rial', fiscalYearStartMonth: 7, vatRate: '۹٫۵' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ defaultCurrency: 'USD', moneyDisplay: 'rial', fiscalYearStartMonth: 7, vatRate: '9.50', version: before.version + 1 });
    expect(await settingsRow(workspace.id)).toEqual({ default_currency: 'USD', money_display: 'rial', fiscal_year_start_month: 7, vat_rate: '9.50', version: before.version + 1 });
    expect((await client.get('/api/v1/me')).body.workspace).toMatchObject({ defaultCurrency: 'USD', moneyDisplay: 'rial', fiscalYearStartMonth: 7, vatRate: '9.50' });
    const number = await client.patch('/api/v1/workspace', { version: saved.body.version, vatRate: 0 });
    expect(number.body.vatRate).toBe('0.00');
    const audit = await auditOf(workspace.id, workspace.id);
    const update = audit.find((a: { action: string }) => a.action === 'workspace.updated');
    expect(update.before).toMatchObject({ defaultCurrency: 'IRR', moneyDisplay: 'toman' });
    expect(update.after).toMatchObject({ defaultCurrency: 'USD', moneyDisplay: 'rial' });
  });

  it('refuses bad values per field, in English and Persian, and changes nothing', async () => {
    const { client, workspace } = await admin('en');
    const before = await settingsRow(workspace.id);
    const bad = await client.patch('/api/v1/workspace', { version: before.version, defaultCurrency: 'XYZ', vatRate: '101', fiscalYearStartMonth: 13, moneyDisplay: 'dollar' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    // zod reports the shape first; the rules of the values come once the shape is right.
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['fiscalYearStartMonth', 'moneyDisplay']);
    const rules = await client.patch('/api/v1/workspace', { version: before.version, defaultCurrency: 'XYZ', vatRate: '101' });
    expect(rules.status).toBe(400);
    expect(rules.body.errors).toEqual([
      { path: 'defaultCurrency', code: 'invalid_currency', message: 'Not a valid ISO 4217 currency code (e.g. IRR, USD, EUR).' },
      { path: 'vatRate', code: 'vat_rate_range', message: 'The VAT rate must be between 0 and 100 percent.' },
    ]);
    const fa = await inPersian(client).patch('/api/v1/workspace', { version: before.version, vatRate: '-1', defaultCurrency: 'ریال' });
    expect(fa.body.detail).toBe('برخی از مقادیر واردشده معتبر نیستند.');
    expect(fa.body.errors.map((e: { message: string }) => e.message)).toEqual(['کد ارز معتبر نیست (مثلاً IRR، USD، EUR).', 'عدد نمی‌تواند منفی باشد.']);
    const decimals = await client.patch('/api/v1/workspace', { version: before.version, vatRate: '9.555' });
    expect(decimals.body.errors[0]).toMatchObject({ path: 'vatRate', code: 'too_many_decimals' });
    const word = await client.patch('/api/v1/workspace', { version: before.version, vatRate: 'ten' });
    expect(word.body.errors[0]).toMatchObject({ path: 'vatRate', code: 'not_a_number' });
    const month = await inPersian(client).patch('/api/v1/workspace', { version: before.version, fiscalYearStartMonth: 0 });
    expect(month.body.errors[0]).toMatchObject({ path: 'fiscalYearStartMonth', message: 'باید دست‌کم ۱ باشد.' });
    expect(await settingsRow(workspace.id)).toEqual(before);
  });

  it('refuses a stale version with 409', async () => {
    const { client, workspace } = await admin('en');
    const before = await settingsRow(workspace.id);
    expect((await client.patch('/api/v1/workspace', { version: before.version, vatRate: '9' })).status).toBe(200);
    const stale = await client.patch('/api/v1/workspace', { version: before.version, vatRate: '8' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await settingsRow(workspace.id)).vat_rate).toBe('9.00');
  });

  it('lets a sales manager change the sales settings but not the rest; members change neither', async () => {
    const { workspace } = await admin('en');
    const manager = await memberOf(workspace.id, 'manager');
    const version = (await settingsRow(workspace.id)).version;
    const sales = await manager.client.patch('/api/v1/workspace', { version, vatRate: '12', moneyDisplay: 'rial' });
    expect(sales.status).toBe(200);
    expect(sales.body).toMatchObject({ vatRate: '12.00', moneyDisplay: 'rial' });
    const general = await manager.client.patch('/api/v1/workspace', { version: sales.body.version, name: 'Renamed', vatRate: '13' });
    expect(general.status).toBe(403);
    const member = await memberOf(workspace.id, 'member');
    expect((await member.client.patch('/api/v1/workspace', { version: sales.body.version, vatRate: '1' })).status).toBe(403);
    expect((await member.client.get('/api/v1/workspace')).body.vatRate).toBe('12.00');
    expect(await settingsRow(workspace.id)).toMatchObject({ vat_rate: '12.00', version: sales.body.version });
  });

  it('keeps the default currency once an amount or a rate was valued in it', async () => {
    const { client, workspace } = await admin('en');
    let version = (await settingsRow(workspace.id)).version;
    const early = await client.patch('/api/v1/workspace', { version, defaultCurrency: 'EUR' });
    expect(early.status).toBe(200);
    version = early.body.version;
    await sql(`insert into exchange_rates (workspace_id, currency, rate, valid_from) values ($1, 'USD', '0.92', '2026-01-01')`, [workspace.id]);
    const late = await client.patch('/api/v1/workspace', { version, defaultCurrency: 'IRR' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'default_currency_in_use' });
    const fa = await inPersian(client).patch('/api/v1/workspace', { version, defaultCurrency: 'IRR' });
    expect(fa.body.detail).toContain('ارز پایه');
    // Sending the same currency again, or other settings, is fine.
    expect((await client.patch('/api/v1/workspace', { version, defaultCurrency: 'eur', vatRate: '5' })).status).toBe(200);
    expect((await settingsRow(workspace.id)).default_currency).toBe('EUR');
  });

  it('keeps each workspace its own settings', async () => {
    const first = await admin('en');
    const second = await admin('en');
    const version = (await settingsRow(first.workspace.id)).version;
    await first.client.patch('/api/v1/workspace', { version, vatRate: '7', moneyDisplay: 'rial' });
    expect((await second.client.get('/api/v1/workspace')).body).toMatchObject({ vatRate: '10.00', moneyDisplay: 'toman' });
    expect(await settingsRow(second.workspace.id)).toMatchObject({ vat_rate: '10.00', money_display: 'toman' });
  });
});
