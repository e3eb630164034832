import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

/*
 * Uploads as a browser form sends them: multipart/form-data with the file in the field `file`
 * (FormData + Blob through fetch, so the body is a real multipart body with its own boundary).
 * The answer is the same as for a raw body; the limits and checks are the same too.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { sql, admin } = testAccounts(() => server);
const fixture = (name: string) => readFile(new URL(`../fixtures/imports/${name}`, import.meta.url));

function headersOf(client: ApiClient, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (client.options.locale) headers['accept-language'] = client.options.locale;
  return headers;
}

async function send(client: ApiClient, path: string, body: FormData | Uint8Array<ArrayBuffer>, contentType?: string) {
  // With FormData, fetch writes the multipart body and its Content-Type (with the boundary) itself.
  const response = await fetch(server.url + path, { method: 'POST', headers: headersOf(client, contentType ? { 'content-type': contentType } : {}), body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function form(parts: Array<[name: string, value: string | { bytes: Uint8Array<ArrayBuffer>; fileName: string; type?: string }]>): FormData {
  const data = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, new Blob([value.bytes], { type: value.type ?? 'text/csv' }), value.fileName);
  }
  return data;
}

async function settled(client: ApiClient, id: string) {
  for (let i = 0; i < 600; i++) {
    const response = await client.get(`/api/v1/imports/${id}`);
    if (!['queued', 'running'].includes(response.body.status)) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('import never finished');
}

describe('multipart/form-data uploads', () => {
  it('a browser form with a BOM file and a Persian file name gives the same answer as a raw body, and imports', async () => {
    const { client, workspace } = await admin('fa');
    const bytes = new Uint8Array(await fixture('people-excel-fa.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const viaForm = await send(client, '/api/v1/imports?entityType=person', form([['note', 'از فرم'], ['file', { bytes, fileName: 'مشتریان تهران.csv' }]]));
    expect(viaForm.status, JSON.stringify(viaForm.body)).toBe(201);
    expect(viaForm.body.import).toMatchObject({ status: 'uploaded', fileName: 'مشتریان تهران.csv', delimiter: ';', totalRows: 4, fileSize: bytes.length });
    expect(viaForm.body.preview.header[0]).toBe('نام'); // the BOM is not part of the first column's name

    const raw = await send(client, `/api/v1/imports?entityType=person&fileName=${encodeURIComponent('مشتریان تهران.csv')}`, bytes, 'text/csv');
    expect(raw.status).toBe(201);
    const comparable = (r: any) => ({ ...r.import, id: undefined, createdAt: undefined, updatedAt: undefined, preview: r.preview });
    expect(comparable(viaForm.body)).toEqual(comparable(raw.body));

    // ?fileName= wins over the form's file name.
    const named = await send(client, '/api/v1/imports?entityType=person&fileName=other.csv', form([['file', { bytes, fileName: 'x.csv' }]]));
    expect(named.body.import.fileName).toBe('other.csv');

    const started = await client.post(`/api/v1/imports/${viaForm.body.import.id}/start`, {});
    expect(started.status).toBe(202);
    expect((await settled(client, viaForm.body.import.id)).counts).toEqual({ created: 4, updated: 0, skipped: 0, errors: 0 });
    const [{ n }] = await sql('select count(*)::int as n from people where workspace_id = $1', [workspace.id]);
    expect(n).toBe(4);
  });

  it('refuses a form without a file field, and what is not UTF-8, in the caller language; keeps nothing', async () => {
    const { client, workspace } = await admin('en');
    const csv = new TextEncoder().encode('first name,last name\nSara,Karimi\n');
    const noFile = await send(client, '/api/v1/imports?entityType=person', form([['entityType', 'person']]));
    expect(noFile.status).toBe(400);
    expect(noFile.body).toMatchObject({ code: 'upload_field_missing', detail: 'The form has no file in the field "file".' });
    const otherField = await send(client, '/api/v1/imports?entityType=person', form([['upload', { bytes: csv, fileName: 'a.csv' }]]));
    expect(otherField.body.code).toBe('upload_field_missing');

    const windows1256 = new Uint8Array([0xe4, 0xc7, 0xe3, 0x2c, 0x61, 0x0a, 0xd1, 0xd6, 0xc7, 0x2c, 0x62, 0x0a]);
    const notUtf8 = await send(client, '/api/v1/imports?entityType=person', form([['file', { bytes: windows1256, fileName: 'ansi.csv' }]]));
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.code).toBe('not_utf8');
    const empty = await send(client, '/api/v1/imports?entityType=person', form([['file', { bytes: new Uint8Array(), fileName: 'empty.csv' }]]));
    expect(empty.body.code).toBe('empty_file');
    const [{ n }] = await sql('select count(*)::int as n from imports where workspace_id = $1', [workspace.id]);
    expect(n).toBe(0);

    // A second file in the form is read past; the first `file` is the upload.
    const two = await send(client, '/api/v1/imports?entityType=person', form([['file', { bytes: csv, fileName: 'a.csv' }], ['file', { bytes: windows1256, fileName: 'b.csv' }]]));
    expect(two.status, JSON.stringify(two.body)).toBe(201);
    expect(two.body.import.fileName).toBe('a.csv');
  });

  it('vCards come as a form too, with the same size limit as a raw body (413 in the caller language)', async () => {
    const { client } = await admin('fa');
    const card = new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:3.0\r\nN:رضایی;علی;;;\r\nFN:علی رضایی\r\nTEL;TYPE=CELL:09121234567\r\nEND:VCARD\r\n');
    const imported = await send(client, '/api/v1/imports/vcard', form([['file', { bytes: card, fileName: 'دفترچه.vcf', type: 'text/vcard' }]]));
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ status: 'completed', fileName: 'دفترچه.vcf', counts: { created: 1, errors: 0 } });

    const tooBig = new Uint8Array(10 * 1024 * 1024 + 10).fill(0x41);
    const refused = await send(client, '/api/v1/imports/vcard', form([['file', { bytes: tooBig, fileName: 'big.vcf', type: 'text/vcard' }]]));
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ code: 'file_too_large', detail: 'حجم فایل بیش از 10 مگابایت است. آن را به چند فایل کوچک‌تر تقسیم کنید.' });
    // The server is still fine after a refused stream.
    expect((await client.get('/api/v1/imports')).status).toBe(200);
  });
});
