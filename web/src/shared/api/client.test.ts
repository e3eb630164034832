import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18next } from '../i18n/index.ts';
import { ApiError } from './api-error.ts';
import { api } from './client.ts';

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const problem = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('sends JSON with the UI language and same-origin credentials', async () => {
    await i18next.changeLanguage('en');
    const fetchMock = stubFetch(new Response(JSON.stringify({ ok: true }), { status: 200 }));
    await expect(api.post('/api/v1/things', { a: 1 }, { idempotencyKey: 'k-1' })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    const headers = init?.headers as Record<string, string>;
    expect(url).toBe('/api/v1/things');
    expect(init?.credentials).toBe('same-origin');
    expect(headers['Accept-Language']).toBe('en');
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['Idempotency-Key']).toBe('k-1');
    expect(init?.body).toBe('{"a":1}');
  });

  it('drops empty query parameters', async () => {
    const fetchMock = stubFetch(new Response('{"items":[],"nextCursor":null}', { status: 200 }));
    await api.get('/api/v1/audit-log', { limit: 50, cursor: undefined, action: '' });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/audit-log?limit=50');
  });

  it('turns a problem+json answer into an ApiError with field messages', async () => {
    stubFetch(
      problem(400, {
        type: 'urn:peyvand:problem:validation_failed',
        title: 'Invalid',
        status: 400,
        code: 'validation_failed',
        detail: 'برخی از مقادیر واردشده معتبر نیستند.',
        errors: [{ path: 'workspaceName', code: 'too_small', message: 'دست‌کم ۲ نویسه لازم است.' }],
      }),
    );
    const error = await api.post('/api/v1/auth/sign-up', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.detail).toBe('برخی از مقادیر واردشده معتبر نیستند.');
    expect(apiError.fieldMessage('workspaceName')).toBe('دست‌کم ۲ نویسه لازم است.');
    expect(apiError.fieldMessage('email')).toBeUndefined();
  });

  it('accepts array paths and JSON pointers for field errors', async () => {
    stubFetch(problem(400, { code: 'validation_failed', detail: 'x', errors: [{ path: ['items', 0, 'name'], message: 'bad' }, { pointer: '/email', message: 'bad email' }] }));
    const error = (await api.get('/x').catch((e: unknown) => e)) as ApiError;
    expect(error.errors.map((e) => e.path)).toEqual(['items.0.name', 'email']);
    expect(error.fieldMessage('email')).toBe('bad email');
  });

  it('reports a network failure as status 0 with a localised sentence', async () => {
    await i18next.changeLanguage('fa');
    stubFetch(new TypeError('Failed to fetch'));
    const error = (await api.get('/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(error.detail).toMatch(/سرور/);
  });

  it('falls back to a generic message when the body is not JSON', async () => {
    await i18next.changeLanguage('en');
    stubFetch(new Response('<html>bad gateway</html>', { status: 502 }));
    const error = (await api.get('/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBe('http_502');
    expect(error.detail).toBe('Something unexpected went wrong. Please try again.');
  });

  it('returns undefined for 204 No Content', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(api.delete('/api/v1/api-keys/1')).resolves.toBeUndefined();
  });
});
