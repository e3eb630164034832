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
const { sql, admin, memberOf } = testAccounts(() => server);

describe('products', () => {
  it('creates a product from messy input, stores exact decimals and a Persian-normalised search key', async () => {
    const { client, workspace } = await admin('fa');
    const created = await client.post('/api/v1/products', {
      sku: ' LIC-01 ',
      name: 'مجوز نرم افزار',
      nameLatin: 'Software licence',
      kind: 'service',
      unit: 'اشتراک',
      category: 'نرم‌افزار',
      price: '۱۲٬۵۰۰٬۰۰۰',
      cost: 7_000_000.5,
      taxExempt: false,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku: 'LIC-01', name: 'مجوز نرم افزار', kind: 'service', price: '12500000.00', cost: '7000000.50', currency: 'IRR', active: true, version: 1 });
    const [row] = await sql('select price::text, cost::text, search_key from products where id = $1 and workspace_id = $2', [created.body.id, workspace.id]);
    expect(row.price).toBe('12500000.00');
    expect(row.search_key.split('|')[0]).toBe('مجوزنرمافزار');
    // Search with another spelling (Arabic yeh/kaf, half-space) and by SKU.
    const byName = await client.get(`/api/v1/products?q=${encodeURIComponent('نرم‌افزار')}`);
    expect(byName.body.items.map((p: any) => p.id)).toEqual([created.body.id]);
    expect((await client.get('/api/v1/products?q=lic-01')).body.items).toHaveLength(1);
    expect((await client.get('/api/v1/products?active=false')).body.items).toHaveLength(0);
    expect((await client.get(`/api/v1/products?category=${encodeURIComponent('نرم‌افزار')}`)).body.items).toHaveLength(1);
  });

  it('refuses a taken SKU with 409 and bad amounts per field in fa and en', async () => {
    const { client } = await admin('en');
    expect((await client.post('/api/v1/products', { sku: 'A1', name: 'First' })).status).toBe(201);
    const taken = await client.post('/api/v1/products', { sku: 'A1', name: 'Second' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('sku_taken');
    expect(taken.body.errors[0].path).toBe('sku');
    const bad = await client.post('/api/v1/products', { name: 'X', price: 'abc', cost: '-5', currency: 'XYZ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['cost', 'currency', 'price']);
    expect(bad.body.errors.find((e: any) => e.path === 'price').message).toContain('Enter a number');
    const fa = await admin('fa');
    const badFa = await fa.client.post('/api/v1/products', { name: 'X', price: '1.234' });
    expect(badFa.status).toBe(400);
    expect(badFa.body.errors[0].message).toContain('اعشار');
    expect((await client.post('/api/v1/products', { price: 10 })).status).toBe(400);
  });

  it('updates with the current version, refuses a stale one, deletes and restores', async () => {
    const { client } = await admin();
    const p = (await client.post('/api/v1/products', { name: 'Widget', price: 10 })).body;
    const updated = await client.patch(`/api/v1/products/${p.id}`, { version: 1, price: '12.5', sku: 'W-1', active: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, price: '12.50', sku: 'W-1', active: false });
    const stale = await client.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'Gadget' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await client.delete(`/api/v1/products/${p.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/products')).body.items).toHaveLength(0);
    expect((await client.get('/api/v1/products?deleted=true')).body.items).toHaveLength(1);
    // While it is in the trash its SKU is free; restoring it then collides.
    expect((await client.post('/api/v1/products', { name: 'Other', sku: 'W-1' })).status).toBe(201);
    const restore = await client.post(`/api/v1/products/${p.id}/restore`);
    expect(restore.status).toBe(409);
    expect(restore.body.code).toBe('sku_taken');
  });

  it('needs sales.configure to write and records.read to read', async () => {
    const { client, workspace } = await admin();
    const p = (await client.post('/api/v1/products', { name: 'Seat' })).body;
    const member = await memberOf(workspace.id, 'member');
    expect((await member.client.get(`/api/v1/products/${p.id}`)).status).toBe(200);
    expect((await member.client.post('/api/v1/products', { name: 'Nope' })).status).toBe(403);
    expect((await member.client.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'Nope' })).status).toBe(403);
  });

  it('keeps workspaces apart', async () => {
    const a = await admin();
    const b = await admin();
    const p = (await a.client.post('/api/v1/products', { name: 'Secret', sku: 'S-1' })).body;
    expect((await b.client.get(`/api/v1/products/${p.id}`)).status).toBe(404);
    expect((await b.client.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'Mine' })).status).toBe(404);
    expect((await b.client.delete(`/api/v1/products/${p.id}`)).status).toBe(404);
    expect((await b.client.get('/api/v1/products')).body.items).toHaveLength(0);
    // The same SKU is free in another workspace.
    expect((await b.client.post('/api/v1/products', { name: 'Mine', sku: 'S-1' })).status).toBe(201);
    const list = await b.client.post('/api/v1/price-lists', { name: 'B', items: [{ productId: p.id, price: 1 }] });
    expect(list.status).toBe(400);
    expect(list.body.errors[0]).toMatchObject({ path: 'items.0.productId', code: 'product_not_found' });
    expect((await a.client.get(`/api/v1/products/${p.id}`)).body.name).toBe('Secret');
  });

  it('keeps custom field values of products, checked against the workspace definitions', async () => {
    const { client } = await admin('en');
    const field = await client.post('/api/v1/custom-fields', { entityType: 'product', key: 'warranty_months', labelFa: 'گارانتی (ماه)', labelEn: 'Warranty (months)', type: 'number' });
    expect(field.status).toBe(201);
    const p = await client.post('/api/v1/products', { name: 'Router', custom: { warranty_months: '۱۸' } });
    expect(p.status).toBe(201);
    expect(p.body.custom).toEqual({ warranty_months: 18 });
    const bad = await client.post('/api/v1/products', { name: 'Router', custom: { warranty_months: 'long', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['custom.colour', 'custom.warranty_months']);
    const patched = await client.patch(`/api/v1/products/${p.body.id}`, { version: 1, custom: { warranty_months: null } });
    expect(patched.body.custom).toEqual({});
  });

  it('gives a SKU to one of several products created at the same moment, and a clear 409 to the others', async () => {
    const { client, workspace } = await admin();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => client.post('/api/v1/products', { name: `Racer ${i}`, sku: 'RACE' })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'sku_taken')).toBe(true);
    expect((await sql(`select count(*)::int as n from products where workspace_id = $1 and sku = 'RACE'`, [workspace.id]))[0].n).toBe(1);
  });

  it('pages with a keyset cursor', async () => {
    const { client } = await admin();
    for (let i = 0; i < 5; i++) await client.post('/api/v1/products', { name: `P${i}` });
    const first = await client.get('/api/v1/products?limit=2');
    expect(first.body.items.map((p: any) => p.name)).toEqual(['P4', 'P3']);
    const second = await client.get(`/api/v1/products?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p: any) => p.name)).toEqual(['P2', 'P1']);
    expect((await client.get('/api/v1/products?limit=201')).status).toBe(400);
  });
});

describe('price lists', () => {
  it('resolves the price of a quantity: the largest volume step reached, else the list price', async () => {
    const { client } = await admin();
    const p = (await client.post('/api/v1/products', { name: 'Cable', price: '1000' })).body;
    const list = await client.post('/api/v1/price-lists', { name: 'عمده‌فروشی', isDefault: true });
    expect(list.status).toBe(201);
    const items = await client.request('PUT', `/api/v1/price-lists/${list.body.id}/items`, [
      { productId: p.id, price: '900', minQuantity: 10 },
      { productId: p.id, price: '800', minQuantity: '۱۰۰' },
    ]);
    expect(items.status).toBe(200);
    expect(items.body.items.map((i: any) => [i.minQuantity, i.price])).toEqual([
      ['10.000', '900.00'],
      ['100.000', '800.00'],
    ]);
    const price = (q: string) => client.get(`/api/v1/products/${p.id}/price?priceListId=${list.body.id}&quantity=${encodeURIComponent(q)}`);
    expect((await price('5')).body).toMatchObject({ unitPrice: '1000.00', source: 'list_price', priceListId: null });
    expect((await price('10')).body).toMatchObject({ unitPrice: '900.00', source: 'price_list', minQuantity: '10.000' });
    expect((await price('99.999')).body.unitPrice).toBe('900.00');
    expect((await price('۱۵۰')).body.unitPrice).toBe('800.00');
    expect((await client.get(`/api/v1/products/${p.id}/price`)).body.unitPrice).toBe('1000.00');
    expect((await price('0')).status).toBe(400);
    const dup = await client.request('PUT', `/api/v1/price-lists/${list.body.id}/items`, [
      { productId: p.id, price: '1', minQuantity: 1 },
      { productId: p.id, price: '2', minQuantity: '1.000' },
    ]);
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].code).toBe('duplicate_item');
    const lists = await client.get('/api/v1/price-lists');
    expect(lists.body.items).toHaveLength(1);
    expect(lists.body.items[0].items).toHaveLength(2);
    const stale = await client.patch(`/api/v1/price-lists/${list.body.id}`, { version: 1, name: 'x' });
    expect(stale.status).toBe(409);
    expect((await client.delete(`/api/v1/price-lists/${list.body.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/price-lists')).body.items).toHaveLength(0);
  });
});
