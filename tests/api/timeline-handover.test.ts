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

/** Invites someone with a role and returns their signed-in client and user id. */
async function addMember(admin: ApiClient, role: string) {
  const email = `member-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  await admin.post('/api/v1/invitations', { email, role });
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec((await server.smtp.waitFor(email)).parsed.text ?? '')![1];
  const client = new ApiClient(server.url);
  await client.post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Rep', password: 'a long passphrase' });
  const me = await client.get('/api/v1/me');
  return { client, userId: me.body.user.id as string };
}

describe('customer timeline', () => {
  it('tells the story of a person newest first: creation, changes, tags, organisation links', async () => {
    const { client } = await signUp(server.url);
    const person = (await client.post('/api/v1/people', { firstName: 'زهرا', lastName: 'حسینی', emails: [{ value: 'zahra@example.com' }] })).body;
    const updated = await client.patch(`/api/v1/people/${person.id}`, { version: person.version, jobTitle: 'مدیر خرید' });
    expect(updated.status).toBe(200);
    const org = (await client.post('/api/v1/organizations', { name: 'صنایع غذایی آوا', type: 'customer' })).body;
    expect((await client.post(`/api/v1/organizations/${org.id}/people`, { personId: person.id, role: 'خریدار' })).status).toBeLessThan(300);

    const timeline = await client.get(`/api/v1/timeline/person/${person.id}`);
    expect(timeline.status).toBe(200);
    const kinds = timeline.body.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toContain('person.created');
    expect(kinds).toContain('person.updated');
    expect(kinds).toContain('person.organization_linked');
    expect(kinds.indexOf('person.organization_linked')).toBeLessThan(kinds.indexOf('person.created'));
    const change = timeline.body.items.find((i: { kind: string }) => i.kind === 'person.updated');
    expect(change.data.after.jobTitle).toBe('مدیر خرید');

    // The organisation's own timeline shows the link too.
    const orgTimeline = await client.get(`/api/v1/timeline/organization/${org.id}`);
    expect(orgTimeline.body.items.map((i: { kind: string }) => i.kind)).toContain('person.organization_linked');

    // Keyset pages of one item cover the same entries.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/timeline/person/${person.id}?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(timeline.body.items.map((i: { id: string }) => i.id));
  });

  it("never shows another workspace's record", async () => {
    const a = await signUp(server.url);
    const b = await signUp(server.url);
    const person = (await b.client.post('/api/v1/people', { firstName: 'Behnam', lastName: 'Karimi' })).body;
    const response = await a.client.get(`/api/v1/timeline/person/${person.id}`);
    expect(response.status).toBe(404);
  });
});

describe('handover', () => {
  it("moves every record of a departing rep to another in one audited action", async () => {
    const admin = await signUp(server.url);
    const leaving = await addMember(admin.client, 'member');
    const staying = await addMember(admin.client, 'member');
    for (const name of ['مینا', 'کامران', 'Olivia']) {
      await leaving.client.post('/api/v1/people', { firstName: name, lastName: 'Test' });
    }
    await leaving.client.post('/api/v1/organizations', { name: 'پخش البرز' });
    await leaving.client.post('/api/v1/leads', { firstName: 'Lead', lastName: 'One', companyName: 'Acme' });

    // A member may not hand over; an admin may.
    const refused = await staying.client.post('/api/v1/handover', { fromUserId: leaving.userId, toUserId: staying.userId });
    expect(refused.status).toBe(403);
    const done = await admin.client.post('/api/v1/handover', { fromUserId: leaving.userId, toUserId: staying.userId });
    expect(done.status).toBe(200);
    expect(done.body.moved).toMatchObject({ person: 3, organization: 1, lead: 1 });

    const [left] = await sql(
      `select (select count(*)::int from people where owner_id = $1) + (select count(*)::int from organizations where owner_id = $1) + (select count(*)::int from leads where owner_id = $1) as n`,
      [leaving.userId],
    );
    expect(left.n).toBe(0);
    const [moved] = await sql('select count(*)::int as n from people where owner_id = $1 and workspace_id = $2', [staying.userId, admin.workspace.id]);
    expect(moved.n).toBe(3);
    const audit = (await admin.client.get('/api/v1/audit-log?action=handover.completed')).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].after.moved.person).toBe(3);

    const toOutsider = await admin.client.post('/api/v1/handover', { fromUserId: staying.userId, toUserId: 'not-a-member' });
    expect(toOutsider.status).toBe(400);
    expect(toOutsider.body.code).toBe('handover_not_member');
  });
});

describe('hand-edited list cursors', () => {
  it('answer 400 invalid_cursor on every record list, never 500', async () => {
    const { client } = await signUp(server.url);
    const forged = [
      Buffer.from(JSON.stringify({ f: 'createdAt', d: 'desc', v: 'not a date', id: '00000000-0000-4000-8000-000000000000' })).toString('base64url'),
      Buffer.from(JSON.stringify({ f: 'createdAt', d: 'desc', v: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' })).toString('base64url'),
      'garbage',
    ];
    for (const list of ['people', 'organizations', 'leads']) {
      for (const cursor of forged) {
        const response = await client.get(`/api/v1/${list}?cursor=${cursor}`);
        expect(response.status, `${list} ${cursor}`).toBe(400);
        expect(response.body.errors[0].code).toBe('invalid_cursor');
      }
    }
  });
});

describe('data freshness', () => {
  it('lists people not verified within the workspace interval, which admins can change', async () => {
    const { client } = await signUp(server.url);
    const workspace = (await client.get('/api/v1/workspace')).body;
    expect(workspace.verificationIntervalDays).toBe(180);
    const recent = (await client.post('/api/v1/people', { firstName: 'تازه', lastName: 'تأییدشده', lastVerifiedAt: new Date(Date.now() - 10 * 86400_000).toISOString().slice(0, 10) })).body;
    const old = (await client.post('/api/v1/people', { firstName: 'قدیمی', lastName: 'تأییدنشده', lastVerifiedAt: '2020-01-01' })).body;
    const never = (await client.post('/api/v1/people', { firstName: 'Never', lastName: 'Verified' })).body;
    const stale = (await client.get('/api/v1/people?stale=true')).body.items.map((p: { id: string }) => p.id).sort();
    expect(stale).toEqual([old.id, never.id].sort());

    const shorter = await client.patch('/api/v1/workspace', { version: workspace.version, verificationIntervalDays: 5 });
    expect(shorter.body.verificationIntervalDays).toBe(5);
    const nowStale = (await client.get('/api/v1/people?stale=true')).body.items.map((p: { id: string }) => p.id);
    expect(nowStale).toContain(recent.id);

    expect((await client.post(`/api/v1/people/${old.id}/verify`)).status).toBe(200);
    const afterVerify = (await client.get('/api/v1/people?stale=true')).body.items.map((p: { id: string }) => p.id);
    expect(afterVerify).not.toContain(old.id);
  });
});
