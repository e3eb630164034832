import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);

describe('health and documentation', () => {
  it('reports the database engine in use', async () => {
    const response = await new ApiClient(server.url).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: server.engine });
  });

  it('serves an OpenAPI 3.1 document generated from the routes, and its browser', async () => {
    const doc = await new ApiClient(server.url).get('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/members', '/api/v1/api-keys', '/api/v1/audit-log', '/api/health']));
    const docs = await fetch(`${server.url}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});

describe('sign-up, sign-in, sign-out', () => {
  it('creates a user, a workspace with the user as admin, and a session cookie', async () => {
    const { client, input, workspace } = await signUp(server.url);
    expect([...client.cookies.keys()].some((k) => k.includes('session_token'))).toBe(true);
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(input.email);
    expect(me.body.workspace.id).toBe(workspace.id);
    expect(me.body.role).toBe('admin');
    expect(me.body.user).toMatchObject({ locale: 'fa', calendar: 'jalali' });
    const rows = await sql('select role_key from memberships where workspace_id = $1', [workspace.id]);
    expect(rows).toEqual([{ role_key: 'admin' }]);
  });

  it('stores a memory-hard hash, never the password', async () => {
    const { input, user } = await signUp(server.url);
    const [account] = await sql('select password from accounts where user_id = $1', [user.id]);
    expect(account.password).not.toContain(input.password);
    // better-auth's scrypt format is salt:key in hex
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });

  it('refuses a taken email with a message in the caller language', async () => {
    const { input } = await signUp(server.url);
    const fa = await new ApiClient(server.url).post('/api/v1/auth/sign-up', { ...input });
    expect(fa.status).toBe(409);
    expect(fa.headers.get('content-type')).toContain('application/problem+json');
    expect(fa.body).toMatchObject({ code: 'email_taken', status: 409 });
    expect(fa.body.detail).toMatch(/ایمیل/);
    const en = await new ApiClient(server.url, { locale: 'en' }).post('/api/v1/auth/sign-up', { ...input });
    expect(en.body.detail).toMatch(/already exists/);
  });

  it('validates every field and reports each one, without touching the database', async () => {
    const before = await sql('select count(*)::int as n from users');
    const response = await new ApiClient(server.url, { locale: 'en' }).post('/api/v1/auth/sign-up', {
      name: '',
      email: 'not-an-email',
      password: 'short',
      workspaceName: 'x',
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['email', 'name', 'password', 'workspaceName']);
    expect(response.body.errors.find((e: { path: string }) => e.path === 'email').message).toBe('Not a valid email address.');
    expect(await sql('select count(*)::int as n from users')).toEqual(before);
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('malformed_request');
  });

  it('signs in and out', async () => {
    const { input } = await signUp(server.url);
    const client = new ApiClient(server.url);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    const signIn = await client.post('/api/v1/auth/sign-in', { email: input.email.toUpperCase(), password: input.password });
    expect(signIn.status).toBe(200);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/sign-out')).status).toBe(204);
    client.cookies.clear();
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('throttles repeated failed sign-ins, even with the right password afterwards', async () => {
    const { input } = await signUp(server.url);
    const client = new ApiClient(server.url);
    for (let i = 0; i < 5; i += 1) {
      const failed = await client.post('/api/v1/auth/sign-in', { email: input.email, password: 'wrong password' });
      expect(failed.status).toBe(401);
      expect(failed.body.code).toBe('invalid_credentials');
    }
    const blocked = await client.post('/api/v1/auth/sign-in', { email: input.email, password: input.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('user settings', () => {
  it('switches language and calendar; errors then follow the user language', async () => {
    const { client } = await signUp(server.url);
    const updated = await client.patch('/api/v1/me', { locale: 'en', calendar: 'gregorian' });
    expect(updated.body).toMatchObject({ locale: 'en', calendar: 'gregorian' });
    const problem = await client.patch('/api/v1/members/00000000-0000-4000-8000-000000000000', { role: 'member', version: 1 });
    expect(problem.status).toBe(404);
    expect(problem.body.detail).toBe('No such member in this workspace.');
    const unknownRoute = await client.get('/api/v1/no-such-thing');
    expect(unknownRoute.body.detail).toBe('There is no such API endpoint.');
  });
});

describe('workspace settings with versions', () => {
  it('updates with the current version and answers 409 to a stale one without changing anything', async () => {
    const { client } = await signUp(server.url);
    const current = (await client.get('/api/v1/workspace')).body;
    const first = await client.patch('/api/v1/workspace', { version: current.version, name: 'شرکت پیوند نوین', calendar: 'gregorian' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(current.version + 1);
    const stale = await client.patch('/api/v1/workspace', { version: current.version, name: 'Overwritten' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const [row] = await sql('select name, version from workspaces where id = $1', [current.id]);
    expect(row).toEqual({ name: 'شرکت پیوند نوین', version: current.version + 1 });
  });

  it('rejects an unknown time zone', async () => {
    const { client } = await signUp(server.url);
    const current = (await client.get('/api/v1/workspace')).body;
    const response = await client.patch('/api/v1/workspace', { version: current.version, timezone: 'Mars/Olympus' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('timezone');
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, accepted as Bearer, and revocable', async () => {
    const { client, workspace } = await signUp(server.url);
    const created = await client.post('/api/v1/api-keys', { name: 'ERP sync' });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^pvk_/);
    const [stored] = await sql('select secret_hash, prefix from api_keys where id = $1', [created.body.apiKey.id]);
    expect(stored.secret_hash).not.toContain(secret.slice(4));
    expect(secret.startsWith(stored.prefix)).toBe(true);
    const listed = await client.get('/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const integration = new ApiClient(server.url).withBearer(secret);
    const members = await integration.get('/api/v1/members');
    expect(members.status).toBe(200);
    expect(members.body.items).toHaveLength(1);
    const me = await integration.get('/api/v1/me');
    expect(me.body.workspace.id).toBe(workspace.id);
    expect(me.body.actor).toMatchObject({ type: 'api_key', name: 'ERP sync' });

    expect((await client.delete(`/api/v1/api-keys/${created.body.apiKey.id}`)).status).toBe(204);
    const refused = await integration.get('/api/v1/members');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_api_key');
  });

  it('refuses a made-up key', async () => {
    const response = await new ApiClient(server.url).withBearer('pvk_made-up').get('/api/v1/members');
    expect(response.status).toBe(401);
  });
});

describe('workspace isolation', () => {
  it('never lets one workspace read or change another one', async () => {
    const a = await signUp(server.url, { workspaceName: 'Workspace A' });
    const b = await signUp(server.url, { workspaceName: 'Workspace B' });
    const keyA = (await a.client.post('/api/v1/api-keys', { name: 'A key' })).body.secret;
    const bMembers = (await b.client.get('/api/v1/members')).body.items;
    const bMember = bMembers[0];
    const bKey = (await b.client.post('/api/v1/api-keys', { name: 'B key' })).body.apiKey;

    const asA = new ApiClient(server.url).withBearer(keyA);
    const aMembers = (await asA.get('/api/v1/members')).body.items;
    expect(aMembers.map((m: { id: string }) => m.id)).not.toContain(bMember.id);
    const patch = await asA.patch(`/api/v1/members/${bMember.id}`, { role: 'member', version: bMember.version });
    expect(patch.status).toBe(404);
    expect((await asA.delete(`/api/v1/members/${bMember.id}`)).status).toBe(404);
    expect((await asA.delete(`/api/v1/api-keys/${bKey.id}`)).status).toBe(404);
    const [still] = await sql('select role_key from memberships where id = $1', [bMember.id]);
    expect(still.role_key).toBe('admin');
    const [keyRow] = await sql('select revoked_at from api_keys where id = $1', [bKey.id]);
    expect(keyRow.revoked_at).toBeNull();
    const audit = (await asA.get('/api/v1/audit-log?limit=200')).body.items;
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e: { entityId: string }) => e.entityId !== b.workspace.id && e.entityId !== bMember.id)).toBe(true);
    const workspaceSeen = (await asA.get('/api/v1/workspace')).body;
    expect(workspaceSeen.id).toBe(a.workspace.id);
  });
});

describe('invitations, roles and permissions', () => {
  it('emails an invitation over SMTP; the invitee creates an account and joins with the role', async () => {
    const admin = await signUp(server.url, { workspaceName: 'گروه فروش تهران' });
    const email = `invitee-${Date.now()}@example.com`;
    const invited = await admin.client.post('/api/v1/invitations', { email, role: 'member' });
    expect(invited.status).toBe(201);

    const mail = await server.smtp.waitFor(email);
    expect(mail.parsed.subject).toContain('گروه فروش تهران');
    const link = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '');
    expect(link).not.toBeNull();
    const token = link![1]!;

    const visitor = new ApiClient(server.url);
    const view = await visitor.get(`/api/v1/invitations/by-token/${token}`);
    expect(view.body).toMatchObject({ workspaceName: 'گروه فروش تهران', email, role: 'member', status: 'pending', accountExists: false });
    const accepted = await visitor.post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Parisa Nouri', password: 'a long passphrase' });
    expect(accepted.status).toBe(200);
    const me = await visitor.get('/api/v1/me');
    expect(me.body).toMatchObject({ role: 'member', workspace: { id: admin.workspace.id } });

    // A member may read members but not manage keys or read the audit log.
    expect((await visitor.get('/api/v1/members')).status).toBe(200);
    const forbidden = await visitor.get('/api/v1/api-keys');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    expect((await visitor.get('/api/v1/audit-log')).status).toBe(403);

    const reused = await new ApiClient(server.url).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'X', password: 'another passphrase' });
    expect(reused.status).toBe(410);
  });

  it('changes a role with before/after in the audit log, and keeps the last admin', async () => {
    const admin = await signUp(server.url);
    const members = (await admin.client.get('/api/v1/members')).body.items;
    const self = members[0];
    const demote = await admin.client.patch(`/api/v1/members/${self.id}`, { role: 'member', version: self.version });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_admin');

    const email = `second-${Date.now()}@example.com`;
    await admin.client.post('/api/v1/invitations', { email, role: 'member' });
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec((await server.smtp.waitFor(email)).parsed.text ?? '')![1];
    await new ApiClient(server.url).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Second', password: 'a long passphrase' });
    const second = (await admin.client.get('/api/v1/members')).body.items.find((m: { email: string }) => m.email === email);
    const promoted = await admin.client.patch(`/api/v1/members/${second.id}`, { role: 'manager', version: second.version });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('manager');
    const audit = (await admin.client.get('/api/v1/audit-log?action=member.role_changed')).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].before.roleKey).toBe('member');
    expect(audit[0].after.roleKey).toBe('manager');
    expect(audit[0].actor.type).toBe('user');
  });
});

describe('password reset', () => {
  it('emails a link whose token sets a new password; the old one stops working', async () => {
    const { input } = await signUp(server.url);
    const visitor = new ApiClient(server.url);
    expect((await visitor.post('/api/v1/auth/password-reset', { email: input.email })).status).toBe(202);
    expect((await visitor.post('/api/v1/auth/password-reset', { email: 'nobody@example.com' })).status).toBe(202);
    const mail = await server.smtp.waitFor(input.email);
    expect(mail.parsed.subject).toBe('بازیابی رمز عبور پیوند');
    const token = /token=([^\s&]+)/.exec(mail.parsed.text ?? '')![1]!;
    expect((await visitor.post('/api/v1/auth/password-reset/confirm', { token: decodeURIComponent(token), password: 'brand new passphrase' })).status).toBe(204);
    expect((await visitor.post('/api/v1/auth/sign-in', { email: input.email, password: input.password })).status).toBe(401);
    expect((await visitor.post('/api/v1/auth/sign-in', { email: input.email, password: 'brand new passphrase' })).status).toBe(200);
    const again = await visitor.post('/api/v1/auth/password-reset/confirm', { token: decodeURIComponent(token), password: 'third passphrase!' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('invalid_reset_token');
  });
});

describe('idempotency and pagination', () => {
  it('replays a retried POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const { client, workspace } = await signUp(server.url);
    const body = { email: `idem-${Date.now()}@example.com`, role: 'member' };
    const first = await client.post('/api/v1/invitations', body, { 'idempotency-key': 'retry-1' });
    const second = await client.post('/api/v1/invitations', body, { 'idempotency-key': 'retry-1' });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const rows = await sql('select count(*)::int as n from invitations where workspace_id = $1', [workspace.id]);
    expect(rows[0].n).toBe(1);
    const other = await client.post('/api/v1/invitations', { ...body, role: 'manager' }, { 'idempotency-key': 'retry-1' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('pages the audit log by keyset without gaps or repeats', async () => {
    const { client } = await signUp(server.url);
    for (let i = 0; i < 4; i += 1) await client.post('/api/v1/api-keys', { name: `key ${i}` });
    const all = (await client.get('/api/v1/audit-log?limit=200')).body.items.map((e: { id: string }) => e.id);
    expect(all.length).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await client.get('/api/v1/audit-log?cursor=garbage');
    expect(bad.status).toBe(400);
    const tooMany = await client.get('/api/v1/audit-log?limit=500');
    expect(tooMany.status).toBe(400);
  });
});

describe('request logs', () => {
  it('never contain passwords, API keys, session cookies or invitation tokens', async () => {
    const { client, input } = await signUp(server.url, { password: 'very-secret-passphrase-42' });
    const secret = (await client.post('/api/v1/api-keys', { name: 'log check' })).body.secret;
    await new ApiClient(server.url).withBearer(secret).get('/api/v1/members');
    const email = `log-${Date.now()}@example.com`;
    await client.post('/api/v1/invitations', { email, role: 'member' });
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec((await server.smtp.waitFor(email)).parsed.text ?? '')![1]!;
    await new ApiClient(server.url).get(`/api/v1/invitations/by-token/${token}`);
    const logs = server.logs.join('\n');
    expect(logs).toContain('/api/v1/invitations/by-token/[redacted]');
    expect(logs).not.toContain(input.password);
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(token);
    const sessionCookie = [...client.cookies.values()][0]!;
    expect(logs).not.toContain(sessionCookie.split('.')[0]);
  });
});
