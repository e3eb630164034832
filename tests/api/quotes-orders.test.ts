import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** An admin with an organisation, a person and two products (one tax-exempt) to sell. */
async function shop(locale: 'fa' | 'en' = 'en') {
  const account = await admin(locale);
  const { client } = account;
  const org = (
    await client.post('/api/v1/organizations', {
      name: 'شرکت نمونه',
      nationalId: '10380284790',
      economicCode: '411111111111',
      addresses: [{ city: 'تهران', line: 'خیابان ولیعصر، پلاک ۱' }],
    })
  ).body;
  expect(org.id, JSON.stringify(org)).toBeTruthy();
  const person = (await client.post('/api/v1/people', { firstName: 'مریم', lastName: 'احمدی', emails: ['maryam@example.com'] })).body;
  expect(person.id).toBeTruthy();
  const licence = (await client.post('/api/v1/products', { sku: 'LIC', name: 'مجوز نرم‌افزار', price: '1000000', cost: '600000' })).body;
  const book = (await client.post('/api/v1/products', { sku: 'BOOK', name: 'کتاب راهنما', price: '333333.33', taxExempt: true })).body;
  return { ...account, org, person, licence, book };
}

describe('quotes', () => {
  it('creates a quote with lines priced from products, VAT by default, exempt products untaxed, and exact totals', async () => {
    const { client, workspace, org, licence, book } = await shop();
    const created = await client.post('/api/v1/quotes', {
      organizationId: org.id,
      title: 'Annual licences',
      issueDate: '2025-03-21',
      discountAmount: '100000',
      lines: [
        { productId: licence.id, quantity: 3, discountPercent: '10' },
        { productId: book.id, quantity: '۲' },
        { description: 'Installation', quantity: '1.5', unitPrice: '۲۰۰٬۰۰۰', taxRate: 9 },
      ],
    });
    expect(created.status).toBe(201);
    const q = created.body;
    expect(q).toMatchObject({ number: 1, displayNumber: 'Q-1', status: 'draft', currency: 'IRR', exchangeRate: expect.stringMatching(/^1(\.0+)?$/), organization: { id: org.id, name: 'شرکت نمونه' } });
    expect(q.lines.map((l: any) => [l.description, l.quantity, l.unitPrice, l.discountPercent, l.taxRate])).toEqual([
      ['مجوز نرم‌افزار', '3.000', '1000000.00', '10.00', '10.00'],
      ['کتاب راهنما', '2.000', '333333.33', '0.00', '0.00'],
      ['Installation', '1.500', '200000.00', '0.00', '9.00'],
    ]);
    // A rial document keeps whole rials: nets 2,700,000 + 666,667 (2 × 333,333.33) + 300,000 = 3,666,667;
    // the 100,000 discount is spread by net (73,636 + 18,182 + the remainder 8,182), tax on what is paid.
    expect(q.subtotal).toBe('3666667.00');
    expect(q.discountAmount).toBe('100000.00');
    expect(q.lines.map((l: any) => l.netAmount)).toEqual(['2626364.00', '648485.00', '291818.00']);
    expect(q.lines.map((l: any) => l.taxAmount)).toEqual(['262636.00', '0.00', '26264.00']);
    expect(q.taxTotal).toBe('288900.00');
    expect(q.total).toBe('3855567.00');
    expect(q.totalBase).toBe('3855567.00');
    const [row] = await sql('select total::text, total_base::text, subtotal::text from quotes where id = $1 and workspace_id = $2', [q.id, workspace.id]);
    expect(row).toEqual({ total: '3855567.00', total_base: '3855567.00', subtotal: '3666667.00' });
    const lines = await sql('select sum(total_amount)::text as s from quote_lines where quote_id = $1', [q.id]);
    expect(lines[0].s).toBe('3855567.00');
  });

  it('prices lines from a price list step for the quantity and the workspace VAT, in whole rials', async () => {
    const { client, workspace, licence } = await shop();
    await sql('update workspaces set vat_rate = 9 where id = $1', [workspace.id]);
    const list = (await client.post('/api/v1/price-lists', { name: 'Partners', items: [{ productId: licence.id, price: '950000', minQuantity: 10 }] })).body;
    const q = await client.post('/api/v1/quotes', {
      priceListId: list.id,
      lines: [
        { productId: licence.id, quantity: 10 },
        { productId: licence.id, quantity: 9 },
        { description: 'Cents', quantity: 3, unitPrice: 0.1, taxRate: 0 },
      ],
    });
    expect(q.status).toBe(201);
    expect(q.body.lines.map((l: any) => [l.unitPrice, l.taxRate, l.netAmount])).toEqual([
      ['950000.00', '9.00', '9500000.00'],
      ['1000000.00', '9.00', '9000000.00'],
      // 3 × 0.1 rial: no coin smaller than a rial, so a rial document rounds the line to whole rials.
      ['0.10', '0.00', '0.00'],
    ]);
    expect(q.body.total).toBe('20165000.00');
    const missingList = await client.post('/api/v1/quotes', { priceListId: '00000000-0000-4000-8000-000000000000' });
    expect(missingList.status).toBe(400);
    expect(missingList.body.errors[0].path).toBe('priceListId');
  });

  it('gives quote numbers 1..20 to 20 concurrent creates, with no gap or duplicate', async () => {
    const { client, workspace } = await admin();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => client.post('/api/v1/quotes', { title: `Q${i}`, lines: [{ description: 'x', unitPrice: 1 }] })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const numbers = (await sql('select number from quotes where workspace_id = $1 order by number', [workspace.id])).map((r: any) => r.number);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Orders have their own sequence; another workspace starts at 1 again.
    expect((await client.post('/api/v1/orders', {})).body.number).toBe(1);
    expect((await (await admin()).client.post('/api/v1/quotes', {})).body.number).toBe(1);
  });

  it('replays a create retried with the same Idempotency-Key instead of numbering it twice', async () => {
    const { client, workspace } = await admin();
    const body = { title: 'Once', lines: [{ description: 'x', unitPrice: '10' }] };
    const first = await client.post('/api/v1/quotes', body, { 'idempotency-key': 'quote-create-1' });
    const retry = await client.post('/api/v1/quotes', body, { 'idempotency-key': 'quote-create-1' });
    expect(first.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await sql('select count(*)::int as n from quotes where workspace_id = $1', [workspace.id]))[0].n).toBe(1);
  });

  it('moves through its statuses, refuses invalid moves and edits once accepted, and becomes an order', async () => {
    const { client, org, person, licence } = await shop();
    const q = (await client.post('/api/v1/quotes', { organizationId: org.id, personId: person.id, lines: [{ productId: licence.id, quantity: 2 }] })).body;
    const early = await client.post(`/api/v1/quotes/${q.id}/order`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('quote_not_convertible');
    const sent = await client.patch(`/api/v1/quotes/${q.id}`, { version: 1, status: 'sent' });
    expect(sent.status).toBe(200);
    const edited = await client.patch(`/api/v1/quotes/${q.id}`, { version: 2, lines: [{ productId: licence.id, quantity: 3 }] });
    expect(edited.status).toBe(200);
    expect(edited.body.total).toBe('3300000.00');
    const stale = await client.patch(`/api/v1/quotes/${q.id}`, { version: 2, status: 'accepted' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const order = await client.post(`/api/v1/quotes/${q.id}/order`, { orderDate: '2025-04-01' });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ displayNumber: 'INV-1', quoteId: q.id, status: 'draft', total: '3300000.00', orderDate: '2025-04-01', organizationId: org.id });
    expect(order.body.lines[0]).toMatchObject({ productId: licence.id, quantity: '3.000', unitCost: '600000.00', costAmount: '1800000.00', netAmountBase: '3000000.00', counted: false });
    // A draft order is not a sale yet: its lines count once it is confirmed.
    const accepted = (await client.get(`/api/v1/quotes/${q.id}`)).body;
    expect(accepted).toMatchObject({ status: 'accepted', orderId: order.body.id });
    const again = await client.post(`/api/v1/quotes/${q.id}/order`, {});
    expect(again.status).toBe(409);
    const back = await client.patch(`/api/v1/quotes/${q.id}`, { version: accepted.version, status: 'draft' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('invalid_status_transition');
    const locked = await client.patch(`/api/v1/quotes/${q.id}`, { version: accepted.version, discountAmount: 5 });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('document_locked');
    expect((await client.patch(`/api/v1/quotes/${q.id}`, { version: accepted.version, notes: 'signed' })).status).toBe(200);
  });

  it('reports bad lines per field in the caller language and writes nothing', async () => {
    const fa = await admin('fa');
    const bad = await fa.client.post('/api/v1/quotes', {
      organizationId: '00000000-0000-4000-8000-000000000000',
      dealId: '00000000-0000-4000-8000-000000000001',
      lines: [{ quantity: 'abc' }, { description: 'x', unitPrice: 1, discountPercent: 120 }],
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(['dealId', 'lines.0.description', 'lines.0.quantity', 'lines.0.unitPrice', 'lines.1.discountPercent', 'organizationId']);
    expect(bad.body.errors.find((e: any) => e.path === 'lines.0.unitPrice').message).toBe('قیمت واحد را وارد کنید یا کالایی انتخاب کنید.');
    const en = await admin('en');
    const enBad = await en.client.post('/api/v1/quotes', { lines: [{ description: 'x' }] });
    const huge = await en.client.post('/api/v1/quotes', { lines: [{ description: 'x', quantity: '999999999999999', unitPrice: '999999999999999999' }] });
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'amount_too_large' });
    expect(enBad.body.errors[0].message).toBe('Give the line a unit price or choose a product.');
    expect((await sql('select count(*)::int as n from quotes where workspace_id = $1', [fa.workspace.id]))[0].n).toBe(0);
    expect((await sql('select last_number from document_sequences where workspace_id = $1', [fa.workspace.id])).length).toBe(0);
  });

  it('adds a print block in fa (Jalali, Persian digits, tomans) and en', async () => {
    const { client, org, licence, workspace } = await shop('fa');
    const q = (await client.post('/api/v1/quotes', { organizationId: org.id, issueDate: '2025-03-21', lines: [{ productId: licence.id, quantity: 2 }] })).body;
    const fa = await client.get(`/api/v1/quotes/${q.id}?lang=fa`);
    expect(fa.status).toBe(200);
    const print = fa.body.print;
    expect(print.title).toBe('پیش‌فاکتور');
    expect(print.number).toBe('Q-۱');
    expect(print.direction).toBe('rtl');
    expect(print.dates[0].value).toBe('۱ فروردین ۱۴۰۴');
    expect(print.seller.name).toBe(workspace.name);
    expect(print.buyer).toMatchObject({ name: 'شرکت نمونه', nationalId: '10380284790', economicCode: '411111111111' });
    expect(print.buyer.address).toContain('تهران');
    expect(print.lines[0]).toMatchObject({ row: '۱', description: 'مجوز نرم‌افزار', quantity: '۲', unitPrice: '۱۰۰٬۰۰۰ تومان' });
    expect(print.totals.at(-1).value).toBe('۲۲۰٬۰۰۰ تومان');
    const en = (await client.get(`/api/v1/quotes/${q.id}?lang=en`)).body.print;
    expect(en).toMatchObject({ title: 'Quote', number: 'Q-1', direction: 'ltr' });
    expect(en.dates[0].value).toBe('21 March 2025');
    expect(en.totals.at(-1).value).toBe('220,000 Toman');
    expect((await client.get(`/api/v1/quotes/${q.id}`)).body.print).toBeUndefined();
  });
});

describe('orders', () => {
  it('copies customer, date and base amounts onto lines; cancelled and deleted orders stop counting', async () => {
    const { client, workspace, org, licence } = await shop();
    const o = (await client.post('/api/v1/orders', { organizationId: org.id, orderDate: '2025-05-01', lines: [{ productId: licence.id, quantity: 1 }] })).body;
    const line = async () => (await sql('select organization_id, order_date::text, net_amount_base::text, cost_amount::text, counted from order_lines where order_id = $1 and workspace_id = $2', [o.id, workspace.id]))[0];
    // A draft is not a sale yet; confirming it makes its lines count.
    expect(await line()).toEqual({ organization_id: org.id, order_date: '2025-05-01', net_amount_base: '1000000.00', cost_amount: '600000.00', counted: false });
    const stale = await client.patch(`/api/v1/orders/${o.id}`, { version: 2, status: 'confirmed' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const confirmed = await client.patch(`/api/v1/orders/${o.id}`, { version: o.version, status: 'confirmed' });
    expect(confirmed.status).toBe(200);
    expect((await line()).counted).toBe(true);
    expect((await client.delete(`/api/v1/orders/${o.id}`)).status).toBe(204);
    expect((await line()).counted).toBe(false);
    const restored = await client.post(`/api/v1/orders/${o.id}/restore`);
    expect(restored.status).toBe(200);
    expect((await line()).counted).toBe(true);
    const locked = await client.patch(`/api/v1/orders/${o.id}`, { version: restored.body.version, lines: [] });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('document_locked');
    const cancelled = await client.patch(`/api/v1/orders/${o.id}`, { version: restored.body.version, status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    expect((await line()).counted).toBe(false);
    const revived = await client.patch(`/api/v1/orders/${o.id}`, { version: cancelled.body.version, status: 'paid' });
    expect(revived.status).toBe(409);
    expect(revived.body.code).toBe('invalid_status_transition');
  });

  it('keeps external order numbers unique per workspace', async () => {
    const { client } = await admin();
    expect((await client.post('/api/v1/orders', { externalRef: 'ERP-7' })).status).toBe(201);
    const taken = await client.post('/api/v1/orders', { externalRef: 'ERP-7' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'external_ref_taken', errors: [{ path: 'externalRef' }] });
    expect((await (await admin()).client.post('/api/v1/orders', { externalRef: 'ERP-7' })).status).toBe(201);
  });

  it('values orders in other currencies with the exchange rate of their date, or answers 422', async () => {
    const { client, workspace } = await admin();
    const missing = await client.post('/api/v1/orders', { currency: 'usd', orderDate: '2025-01-10', lines: [{ description: 'Consulting', unitPrice: '19.99', quantity: 3 }] });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('exchange_rate_missing');
    await sql("insert into exchange_rates (workspace_id, currency, rate, valid_from) values ($1, 'USD', '650000.5', '2025-01-01'), ($1, 'USD', '700000', '2025-02-01')", [workspace.id]);
    const o = await client.post('/api/v1/orders', { currency: 'usd', orderDate: '2025-01-10', lines: [{ description: 'Consulting', unitPrice: '19.99', quantity: 3, taxRate: 0 }] });
    expect(o.status).toBe(201);
    expect(o.body).toMatchObject({ currency: 'USD', total: '59.97', exchangeRate: '650000.5', totalBase: '38980529.99' });
    expect(o.body.lines[0].netAmountBase).toBe('38980529.99');
  });

  it('lists by customer and status, and sums a customer in the workspace currency', async () => {
    const { client, org, person, licence } = await shop();
    const mk = (body: object) => client.post('/api/v1/orders', { organizationId: org.id, lines: [{ productId: licence.id, quantity: 2 }], ...body });
    const a = (await mk({ orderDate: '2025-01-05' })).body;
    await mk({ orderDate: '2025-03-05', status: 'confirmed' });
    const c = (await mk({ orderDate: '2025-02-05' })).body;
    await client.patch(`/api/v1/orders/${c.id}`, { version: 1, status: 'cancelled' });
    await client.post('/api/v1/orders', { personId: person.id, orderDate: '2025-06-01', status: 'confirmed', lines: [{ description: 'x', unitPrice: '5' }] });
    const byOrg = await client.get(`/api/v1/orders?organizationId=${org.id}`);
    expect(byOrg.body.items).toHaveLength(3);
    expect(byOrg.body.items[0].lines).toBeUndefined();
    expect((await client.get(`/api/v1/orders?organizationId=${org.id}&status=confirmed,draft`)).body.items).toHaveLength(2);
    expect((await client.get(`/api/v1/orders?from=2025-02-01&to=2025-03-31`)).body.items).toHaveLength(2);
    const page1 = await client.get(`/api/v1/orders?limit=2`);
    const page2 = await client.get(`/api/v1/orders?limit=2&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((o: any) => o.id)).toContain(a.id);
    const summary = await client.get(`/api/v1/orders/summary?organizationId=${org.id}`);
    expect(summary.status).toBe(200);
    // Only sales count: the confirmed order; not the draft of 2025-01-05 nor the cancelled one.
    expect(summary.body).toEqual({
      orderCount: 1,
      revenueBase: '2000000.00',
      costBase: '1200000.00',
      marginBase: '800000.00',
      firstOrderDate: '2025-03-05',
      lastOrderDate: '2025-03-05',
      currency: 'IRR',
    });
    expect((await client.get(`/api/v1/orders/summary?personId=${person.id}`)).body).toMatchObject({ orderCount: 1, revenueBase: '5.00', costBase: '0.00' });
    expect((await client.get('/api/v1/orders/summary')).status).toBe(400);
  });

  it('keeps workspaces apart', async () => {
    const a = await shop();
    const b = await admin();
    const o = (await a.client.post('/api/v1/orders', { lines: [{ productId: a.licence.id }] })).body;
    const q = (await a.client.post('/api/v1/quotes', {})).body;
    expect((await b.client.get(`/api/v1/orders/${o.id}`)).status).toBe(404);
    expect((await b.client.get(`/api/v1/quotes/${q.id}`)).status).toBe(404);
    expect((await b.client.patch(`/api/v1/orders/${o.id}`, { version: 1, notes: 'x' })).status).toBe(404);
    expect((await b.client.delete(`/api/v1/quotes/${q.id}`)).status).toBe(404);
    expect((await b.client.get('/api/v1/orders')).body.items).toHaveLength(0);
    const foreign = await b.client.post('/api/v1/orders', { organizationId: a.org.id, lines: [{ productId: a.licence.id }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors.map((e: any) => e.path).sort()).toEqual(['lines.0.description', 'lines.0.productId', 'lines.0.unitPrice', 'organizationId']);
    expect((await b.client.get(`/api/v1/orders/summary?organizationId=${a.org.id}`)).body.orderCount).toBe(0);
  });

  it('puts quotes and orders on the timelines of their organisation and person', async () => {
    const { client, org, person, licence } = await shop();
    const q = (await client.post('/api/v1/quotes', { organizationId: org.id, personId: person.id, lines: [{ productId: licence.id }] })).body;
    await client.patch(`/api/v1/quotes/${q.id}`, { version: 1, status: 'sent' });
    const o = (await client.post(`/api/v1/quotes/${q.id}/order`, {})).body;
    await client.patch(`/api/v1/orders/${o.id}`, { version: 1, status: 'paid' });
    for (const [type, id] of [['organization', org.id], ['person', person.id]] as const) {
      const timeline = await client.get(`/api/v1/timeline/${type}/${id}?limit=50`);
      expect(timeline.status).toBe(200);
      const kinds = timeline.body.items.map((i: any) => i.kind);
      expect(kinds).toEqual(expect.arrayContaining(['quote.created', 'quote.sent', 'quote.accepted', 'order.created', 'order.paid']));
    }
    expect((await client.get(`/api/v1/orders/${o.id}`)).body.paidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const print = (await client.get(`/api/v1/orders/${o.id}?lang=fa`)).body.print;
    expect(print).toMatchObject({ title: 'فاکتور فروش', number: 'INV-۱', status: 'پرداخت‌شده', buyer: { name: 'شرکت نمونه' } });
    expect(print.dates.map((d: any) => d.label)).toEqual(['تاریخ', 'تاریخ پرداخت']);
  });
});
