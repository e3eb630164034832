import { expect } from 'vitest';
import type { ImportsService } from '#server/modules/imports/index.ts';
import type { ApiClient } from './api-client.ts';
import type { TestServer } from './test-server.ts';

/**
 * CSV imports as API tests drive them: upload a body, poll until the run settles, read the row
 * errors page by page, or run an import in this process with chosen batch sizes. Takes a getter
 * because the server starts in beforeAll.
 */
export function importRuns(getServer: () => TestServer) {
  const importsService = () => (getServer().peyvand.services as unknown as { imports: ImportsService }).imports;

  /** A body sent as is (the file), with the client's cookie and language. */
  async function rawPost(client: ApiClient, path: string, body: Buffer | string, contentType = 'text/csv') {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (client.options.locale) headers['accept-language'] = client.options.locale;
    if (client.cookies.size) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(getServer().url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function upload(client: ApiClient, entityType: string, body: Buffer | string, fileName = 'file.csv') {
    const response = await rawPost(client, `/api/v1/imports?entityType=${entityType}&fileName=${encodeURIComponent(fileName)}`, body);
    if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { import: any; preview: any };
  }

  /** Waits until the import is no longer waiting or running. */
  async function settled(client: ApiClient, id: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await client.get(`/api/v1/imports/${id}`);
      expect(response.status).toBe(200);
      if (!['queued', 'running'].includes(response.body.status)) return response.body;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${response.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function runToEnd(client: ApiClient, id: string, action: 'start' | 'dry-run' = 'start') {
    const started = await client.post(`/api/v1/imports/${id}/${action}`, {});
    expect(started.status).toBe(202);
    return settled(client, id);
  }

  async function allErrors(client: ApiClient, id: string) {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/imports/${id}/errors?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  return { importsService, rawPost, upload, settled, runToEnd, allErrors };
}
