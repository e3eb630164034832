import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { importRuns } from '../support/import-runs.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});
const { sql, admin } = testAccounts(() => server);
const { importsService, upload, runToEnd, allErrors, settled } = importRuns(() => server);

/** A workspace with customers and products an ERP export names. */
async function erp(locale: 'fa' | 'en' = 'fa') {
  const account = await admin(locale);
  const { client } = account;
  const org = (await client.post('/api/v1/organizations', { name: 'شرکت آلفا', nationalId: '10380284790' })).body;
  const person = (await client.post('/api/v1/people', { firstName: 'مریم', lastName: 'احمدی', emails: ['maryam@example.com'], phones: ['09121234567'] })).body;
  const monitor = (await client.post('/api/v1/products', { sku: 'P-1', name: 'مانیتور', price: '12500000' })).body;
  const keyboard = (await client.post('/api/v1/products', { sku: 'P-2', name: 'کیبورد', price: '2000000', cost: '1500000' })).body;
  expect([org.id, person.id, monitor.id, keyboard.id].every(Boolean)).toBe(true);
  return { ...account, org, person, monitor, keyboard };
}

const HEADER = 'شماره فاکتور,تاریخ,مشتری,کالا,تعداد,قیمت واحد,تخفیف,مالیات,بهای تمام‌شده واحد';
const FILE = [
  HEADER,
  '۱۰۰۱,۱۴۰۳/۰۱/۱۵,شركت آلفا,P-1,۲,"۱۲٬۵۰۰٬۰۰۰",۱۰,۹,"۸٬۰۰۰٬۰۰۰"',
  '۱۰۰۱,۱۴۰۳/۰۱/۱۵,شركت آلفا,كيبورد,۱,,,,',
  '1002,2024-04-20,maryam@example.com,P-2,۳,,,,',
  '۱۰۰۳,۱۴۰۳/۰۲/۰۵,شرکت ناشناس,P-1,1,100,,,',
  '۱۰۰۴,۱۴۰۳/۱۳/۰۱,شرکت آلفا,P-1,1,100,,,',
  '۱۰۰۵,۱۴۰۳/۰۲/۰۵,۱۰۳۸۰۲۸۴۷۹۰,کالای جدید,1,100,,,',
  '۱۰۰۶,۱۴۰۳/۰۲/۰۶,۰۹۱۲۱۲۳۴۵۶۷,P-2,2,1000000,,0,',
].join('\r\n');

const ordersOf = (workspaceId: string) =>
  sql(
    `select o.external_ref, o.number, o.status, o.source, o.order_date::text, o.organization_id, o.person_id, o.total::text, o.cost_total::text,
            count(l.id)::int as lines
       from orders o left join order_lines l on l.order_id = o.id and l.workspace_id = o.workspace_id
      where o.workspace_id = $1 group by o.id order by o.external_ref`,
    [workspaceId],
  );

describe('orders CSV import', () => {
  it('imports a Persian ERP export (BOM, Persian digits, Jalali dates) into orders and lines, with row errors in fa and en', async () => {
    const { client, workspace, org, person, monitor, keyboard } = await erp('fa');
    const uploaded = await upload(client, 'order', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FILE)]), 'فروش.csv');
    expect(uploaded.preview.mapping).toMatchObject({
      'شماره فاکتور': 'externalRef',
      تاریخ: 'orderDate',
      مشتری: 'customer',
      کالا: 'product',
      تعداد: 'quantity',
      'قیمت واحد': 'unitPrice',
      تخفیف: 'discountPercent',
      مالیات: 'taxRate',
      'بهای تمام‌شده واحد': 'unitCost',
    });
    const done = await runToEnd(client, uploaded.import.id);
    expect(done).toMatchObject({ status: 'completed', counts: { created: 4, updated: 0, skipped: 0, errors: 3 } });

    const orders = await ordersOf(workspace.id);
    expect(orders.map((o: any) => [o.external_ref, o.lines, o.order_date, o.source, o.status])).toEqual([
      ['1001', 2, '2024-04-03', 'import', 'invoiced'],
      ['1002', 1, '2024-04-20', 'import', 'invoiced'],
      ['1006', 1, '2024-04-25', 'import', 'invoiced'],
    ]);
    expect(orders[0]).toMatchObject({ organization_id: org.id, person_id: null });
    expect(orders[1]).toMatchObject({ organization_id: null, person_id: person.id });
    expect(orders[2]).toMatchObject({ organization_id: null, person_id: person.id, total: '2000000.00' });
    // 2 × 12,500,000 − 10 % = 22,500,000 + 9 % tax; keyboard at its list price + 10 % VAT.
    expect(orders[0].total).toBe('26725000.00');
    expect(orders[0].cost_total).toBe('17500000.00');
    const lines = await sql(
      `select l.product_id, l.quantity::text, l.unit_price::text, l.discount_percent::text, l.tax_rate::text, l.net_amount::text, l.tax_amount::text,
              l.unit_cost::text, l.cost_amount::text, l.net_amount_base::text, l.organization_id, l.order_date::text, l.counted
         from order_lines l join orders o on o.id = l.order_id where o.workspace_id = $1 and o.external_ref = '1001' order by l.position`,
      [workspace.id],
    );
    expect(lines).toEqual([
      {
        product_id: monitor.id,
        quantity: '2.000',
        unit_price: '12500000.00',
        discount_percent: '10.00',
        tax_rate: '9.00',
        net_amount: '22500000.00',
        tax_amount: '2025000.00',
        unit_cost: '8000000.00',
        cost_amount: '16000000.00',
        net_amount_base: '22500000.00',
        organization_id: org.id,
        order_date: '2024-04-03',
        counted: true,
      },
      {
        product_id: keyboard.id,
        quantity: '1.000',
        unit_price: '2000000.00',
        discount_percent: '0.00',
        tax_rate: '10.00',
        net_amount: '2000000.00',
        tax_amount: '200000.00',
        unit_cost: '1500000.00',
        cost_amount: '1500000.00',
        net_amount_base: '2000000.00',
        organization_id: org.id,
        order_date: '2024-04-03',
        counted: true,
      },
    ]);
    // No customer or product was created on the side.
    expect((await sql('select count(*)::int as n from organizations where workspace_id = $1', [workspace.id]))[0].n).toBe(1);
    expect((await sql('select count(*)::int as n from products where workspace_id = $1', [workspace.id]))[0].n).toBe(2);

    const errors = await allErrors(client, uploaded.import.id);
    expect(errors.map((e: any) => [e.rowNumber, e.field, e.code])).toEqual([
      [5, 'customer', 'customer_not_found'],
      [6, 'orderDate', 'invalid_date'],
      [7, 'product', 'product_not_found'],
    ]);
    expect(errors[0].message).toContain('«شرکت ناشناس»');
    const english = new ApiClient(server.url, { locale: 'en' });
    english.cookies = client.cookies;
    const en = await english.get(`/api/v1/imports/${uploaded.import.id}/errors`);
    expect(en.body.items[0].message).toBe('No customer "شرکت ناشناس" in this workspace; create or import it first.');

    // The orders show on the customer's 360° page.
    const summary = await client.get(`/api/v1/orders/summary?organizationId=${org.id}`);
    expect(summary.body).toMatchObject({ orderCount: 1, revenueBase: '24500000.00', costBase: '17500000.00', marginBase: '7000000.00', firstOrderDate: '2024-04-03' });
  });

  it('re-importing the same numbers replaces their lines (update), skips them (skip), and is idempotent', async () => {
    const { client, workspace } = await erp('en');
    await runToEnd(client, (await upload(client, 'order', FILE)).import.id);
    const before = await ordersOf(workspace.id);

    // The same file again: skipped in the default mode, replaced (not doubled) in update mode.
    const skipped = await runToEnd(client, (await upload(client, 'order', FILE)).import.id);
    expect(skipped.counts).toMatchObject({ created: 0, skipped: 4, errors: 3 });
    const again = (await upload(client, 'order', FILE)).import;
    expect((await client.patch(`/api/v1/imports/${again.id}`, { version: again.version, duplicateMode: 'update' })).status).toBe(200);
    const updated = await runToEnd(client, again.id);
    expect(updated.counts).toMatchObject({ created: 1, updated: 3, errors: 3 });
    expect(await ordersOf(workspace.id)).toEqual(before);

    // A corrected export of 1001: one line now.
    const fix = (await upload(client, 'order', [HEADER, '1001,1403/01/16,10380284790,P-2,5,,,,'].join('\n'))).import;
    await client.patch(`/api/v1/imports/${fix.id}`, { version: fix.version, duplicateMode: 'update' });
    expect((await runToEnd(client, fix.id)).counts).toMatchObject({ updated: 1 });
    const after = await ordersOf(workspace.id);
    expect(after[0]).toMatchObject({ external_ref: '1001', number: before[0].number, lines: 1, order_date: '2024-04-04', total: '11000000.00' });
    expect(after).toHaveLength(before.length);
  });

  it('creates a missing product when the row asks, and resumes a run that died half way without doubling lines', async () => {
    const { client, workspace, user } = await erp('fa');
    const rows = ['شماره فاکتور,تاریخ,مشتری,کالا,شرح,تعداد,قیمت واحد,ساخت کالای ناموجود'];
    for (let i = 1; i <= 12; i++) rows.push(`${2000 + Math.ceil(i / 4)},۱۴۰۳/۰۳/۰۱,شرکت آلفا,NEW-${i % 3},کالای ${i % 3},${i},1000,بله`);
    const { import: imp } = await upload(client, 'order', rows.join('\n'));
    await sql(`update imports set status = 'queued' where id = $1`, [imp.id]);
    const data = { importId: imp.id, workspaceId: workspace.id, actor: { type: 'user' as const, id: user.id, name: 'test' }, locale: 'fa' as const };
    const crash = { batchSize: 3, faults: { beforeCommit: (batch: number) => { if (batch === 2) throw new Error('crash'); } } };
    await expect(importsService().run(data, crash)).rejects.toThrow('crash');
    expect((await sql('select count(*)::int as n from order_lines where workspace_id = $1', [workspace.id]))[0].n).toBe(3);
    expect(await importsService().run(data, { batchSize: 3 })).toBe('completed');
    const done = await settled(client, imp.id);
    expect(done.counts).toEqual({ created: 12, updated: 0, skipped: 0, errors: 0 });
    const orders = await ordersOf(workspace.id);
    expect(orders.map((o: any) => [o.external_ref, o.lines, o.total])).toEqual([
      ['2001', 4, '11000.00'],
      ['2002', 4, '28600.00'],
      ['2003', 4, '46200.00'],
    ]);
    const products = await sql(`select sku, name from products where workspace_id = $1 and sku like 'NEW-%' order by sku`, [workspace.id]);
    expect(products).toEqual([
      { sku: 'NEW-0', name: 'کالای 0' },
      { sku: 'NEW-1', name: 'کالای 1' },
      { sku: 'NEW-2', name: 'کالای 2' },
    ]);
  });

  it('keeps workspaces apart: customers and products of another workspace are not found', async () => {
    const a = await erp('en');
    const b = await admin('en');
    const done = await runToEnd(b.client, (await upload(b.client, 'order', FILE)).import.id);
    expect(done.counts).toMatchObject({ created: 0, errors: 7 });
    expect((await sql('select count(*)::int as n from orders where workspace_id = $1', [b.workspace.id]))[0].n).toBe(0);
    expect((await sql('select count(*)::int as n from orders where workspace_id = $1', [a.workspace.id]))[0].n).toBe(0);
  });
});
