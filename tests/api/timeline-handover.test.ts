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

  it('names the records a link refers to (deleted ones too), so the page can say «به سازمان «آلفا» پیوست»', async () => {
    const { client } = await signUp(server.url);
    const person = (await client.post('/api/v1/people', { firstName: 'زهرا', lastName: 'حسینی' })).body;
    const alpha = (await client.post('/api/v1/organizations', { name: 'آلفا' })).body;
    const beta = (await client.post('/api/v1/organizations', { name: 'Beta', nameLatin: 'Beta Co' })).body;
    expect((await client.post(`/api/v1/organizations/${alpha.id}/people`, { personId: person.id, role: 'خریدار' })).status).toBeLessThan(300);
    expect((await client.post(`/api/v1/organizations/${beta.id}/people`, { personId: person.id })).status).toBeLessThan(300);
    expect((await client.delete(`/api/v1/organizations/${beta.id}/people/${person.id}`)).status).toBeLessThan(300);
    expect((await client.delete(`/api/v1/organizations/${beta.id}`)).status).toBe(204);

    const items = (await client.get(`/api/v1/timeline/person/${person.id}`)).body.items as any[];
    const links = items.filter((i) => i.kind.startsWith('person.organization_'));
    expect(links.map((i) => i.kind)).toEqual(['person.organization_unlinked', 'person.organization_linked', 'person.organization_linked']);
    const linkTo = (orgId: string) => links.find((i) => i.kind === 'person.organization_linked' && i.data.after.organizationId === orgId);
    expect(linkTo(alpha.id).references).toEqual([{ entityType: 'organization', id: alpha.id, name: 'آلفا', deleted: false }]);
    expect(linkTo(beta.id).references).toEqual([{ entityType: 'organization', id: beta.id, name: 'Beta', deleted: true }]);
    expect(links[0].references).toEqual([{ entityType: 'organization', id: beta.id, name: 'Beta', deleted: true }]);
    // The person's own entries name nothing else.
    expect(items.find((i) => i.kind === 'person.created').references).toEqual([]);

    // On the organisation's timeline, the person is named.
    const orgItems = (await client.get(`/api/v1/timeline/organization/${alpha.id}`)).body.items as any[];
    expect(orgItems.find((i) => i.kind === 'person.organization_linked').references).toEqual([{ entityType: 'person', id: person.id, name: 'زهرا حسینی', deleted: false }]);

    // A converted lead's person names the lead it came from, and the lead names its person.
    const lead = (await client.post('/api/v1/leads', { firstName: 'Arash', lastName: 'Kamali', companyName: 'Acme' })).body;
    const converted = await client.post(`/api/v1/leads/${lead.id}/convert`, { organization: { mode: 'existing', organizationId: alpha.id } });
    expect(converted.status, JSON.stringify(converted.body)).toBe(200);
    const fromLead = (await client.get(`/api/v1/timeline/person/${converted.body.personId}`)).body.items.find((i: any) => i.kind === 'person.created_from_lead');
    expect(fromLead.references).toEqual(
      expect.arrayContaining([
        { entityType: 'lead', id: lead.id, name: 'Arash Kamali', deleted: false },
        { entityType: 'organization', id: alpha.id, name: 'آلفا', deleted: false },
      ]),
    );
    const onLead = (await client.get(`/api/v1/timeline/lead/${lead.id}`)).body.items.find((i: any) => i.kind === 'lead.converted');
    expect(onLead.references).toEqual(expect.arrayContaining([{ entityType: 'person', id: converted.body.personId, name: 'Arash Kamali', deleted: false }]));
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

describe('handover: what moves and what stays', () => {
  it('moves live and trashed records (restore gives them to the new owner), never merged records or converted leads', async () => {
    const admin = await signUp(server.url);
    const leaving = await addMember(admin.client, 'member');
    const staying = await addMember(admin.client, 'member');
    const person = async (firstName: string) => (await leaving.client.post('/api/v1/people', { firstName, lastName: 'Test', emails: [{ value: `${firstName.toLowerCase()}-${Date.now()}@example.com` }] })).body;
    const live = await person('Live');
    const trashed = await person('Trashed');
    const survivor = await person('Survivor');
    const merged = await person('Merged');
    expect((await admin.client.delete(`/api/v1/people/${trashed.id}`)).status).toBe(204);
    const merge = await admin.client.post(`/api/v1/people/${survivor.id}/merge`, { otherId: merged.id, version: survivor.version, otherVersion: merged.version });
    expect(merge.status, JSON.stringify(merge.body)).toBe(200);

    const liveOrg = (await leaving.client.post('/api/v1/organizations', { name: 'زنده' })).body;
    const trashedOrg = (await leaving.client.post('/api/v1/organizations', { name: 'در سطل' })).body;
    expect((await admin.client.delete(`/api/v1/organizations/${trashedOrg.id}`)).status).toBe(204);

    const lead = async (firstName: string) => (await leaving.client.post('/api/v1/leads', { firstName, lastName: 'Lead' })).body;
    const openLead = await lead('Open');
    const trashedLead = await lead('Trashed');
    const convertedLead = await lead('Converted');
    expect((await admin.client.delete(`/api/v1/leads/${trashedLead.id}`)).status).toBe(204);
    const conversion = await admin.client.post(`/api/v1/leads/${convertedLead.id}/convert`, { organization: { mode: 'none' } });
    expect(conversion.status, JSON.stringify(conversion.body)).toBe(200);
    const convertedPersonId = conversion.body.personId as string;

    const done = await admin.client.post('/api/v1/handover', { fromUserId: leaving.userId, toUserId: staying.userId });
    expect(done.status).toBe(200);
    // People: live, trashed, the merge survivor and the person the conversion made; not the merged one.
    expect(done.body.moved).toMatchObject({ person: 4, organization: 2, lead: 2 });

    const ownerOf = async (table: string, id: string) => (await sql(`select owner_id, version from ${table} where id = $1`, [id]))[0];
    for (const id of [live.id, trashed.id, survivor.id, convertedPersonId]) expect((await ownerOf('people', id)).owner_id).toBe(staying.userId);
    expect((await ownerOf('people', merged.id)).owner_id).toBe(leaving.userId);
    for (const id of [liveOrg.id, trashedOrg.id]) expect((await ownerOf('organizations', id)).owner_id).toBe(staying.userId);
    for (const id of [openLead.id, trashedLead.id]) expect((await ownerOf('leads', id)).owner_id).toBe(staying.userId);
    expect((await ownerOf('leads', convertedLead.id)).owner_id).toBe(leaving.userId);

    // A restore gives the record to the new owner.
    const restored = await admin.client.post(`/api/v1/people/${trashed.id}/restore`);
    expect(restored.body.ownerId).toBe(staying.userId);
    expect((await admin.client.post(`/api/v1/leads/${trashedLead.id}/restore`)).body.ownerId).toBe(staying.userId);

    // A form opened before the handover cannot silently undo it.
    const stale = await leaving.client.patch(`/api/v1/people/${live.id}`, { version: live.version, ownerId: leaving.userId });
    expect(stale.status).toBe(409);
    expect((await ownerOf('people', live.id)).version).toBe(live.version + 1);

    const entries = await sql(`select entity_id, before, after from audit_log where workspace_id = $1 and action = 'person.owner_changed'`, [admin.workspace.id]);
    expect(entries.map((e: any) => e.entity_id).sort()).toEqual([live.id, trashed.id, survivor.id, convertedPersonId].sort());
    const trashedEntry = entries.find((e: any) => e.entity_id === trashed.id);
    expect(trashedEntry.after).toMatchObject({ ownerId: staying.userId, handover: true, inTrash: true });
    expect(trashedEntry.before).toMatchObject({ ownerId: leaving.userId });

    // Nothing left to move the second time, except what never moves.
    const again = await admin.client.post('/api/v1/handover', { fromUserId: leaving.userId, toUserId: staying.userId });
    // Deals (and whatever later capabilities register) move too; here nothing is left of any kind.
    expect(again.body.moved).toMatchObject({ person: 0, organization: 0, lead: 0, deal: 0 });
    expect(Object.values(again.body.moved).every((n) => n === 0)).toBe(true);
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
    const person = (await client.post('/api/v1/people', { firstName: 'Cursor' })).body;
    const timelineCursors = [Buffer.from(JSON.stringify({ at: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' })).toString('base64url'), 'garbage'];
    for (const cursor of timelineCursors) {
      const response = await client.get(`/api/v1/timeline/person/${person.id}?cursor=${cursor}`);
      expect(response.status, cursor).toBe(400);
      expect(response.body.errors[0].code).toBe('invalid_cursor');
    }
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
