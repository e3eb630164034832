/** A small HTTP client for API tests that keeps the session cookie like a browser would. */
export class ApiClient {
  cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly options: { locale?: 'fa' | 'en'; bearer?: string } = {},
  ) {}

  withBearer(secret: string): ApiClient {
    return new ApiClient(this.baseUrl, { ...this.options, bearer: secret });
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const requestHeaders: Record<string, string> = { ...headers };
    if (this.options.locale) requestHeaders['accept-language'] = this.options.locale;
    if (this.options.bearer) requestHeaders.authorization = `Bearer ${this.options.bearer}`;
    if (this.cookies.size) requestHeaders.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) requestHeaders['content-type'] = 'application/json';
    const response = await fetch(this.baseUrl + path, { method, headers: requestHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, body: json, text };
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);
}

let counter = 0;
/** Signs up a fresh user + workspace and returns a client holding its session. */
export async function signUp(baseUrl: string, overrides: Partial<{ name: string; email: string; password: string; workspaceName: string; locale: 'fa' | 'en' }> = {}) {
  counter += 1;
  const client = new ApiClient(baseUrl, { locale: overrides.locale });
  const input = {
    name: 'نرگس افشار',
    email: `user${counter}-${Date.now()}@example.com`,
    password: 'correct horse battery',
    workspaceName: `فضای کاری ${counter}`,
    ...overrides,
  };
  const response = await client.post('/api/v1/auth/sign-up', input);
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${response.text}`);
  return { client, input, user: response.body.user, workspace: response.body.workspace };
}
