import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/*
 * Global search, duplicates and merge through the HTTP API, on records created through the
 * people, organisations and leads APIs (so their search keys and contact points are the real ones).
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

const sql = (text: string, values?: unknown[]) => server.peyvand.database.executeSql(text, values).then((r) => r.rows);

/** A signed-up admin with one client for the app's routes and one for the search routes (same session). */
async function workspace(locale?: 'fa' | 'en') {
  const { client, workspace, user } = await signUp(server.url, { locale });
  const search = new ApiClient(server.url, { locale });
  search.cookies = client.cookies;
  const create = async (path: string, body: unknown) => {
    const response = await client.post(path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${response.text}`);
    return response.body as { id: string; version: number };
  };
  return { client, search, workspace, user, create };
}

const ids = (response: { body: { items: Array<{ id: string }> } }) => response.body.items.map((r) => r.id);

describe('GET /api/v1/search', () => {
  let w: Awaited<ReturnType<typeof workspace>>;
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    w = await workspace();
    rec.org = (await w.create('/api/v1/organizations', { name: 'شرکت پیوند نوین', nameLatin: 'Peyvand Novin', phones: ['021-88776655'] })).id;
    rec.ali = (
      await w.create('/api/v1/people', {
        firstName: 'علی',
        lastName: 'رضایی',
        firstNameLatin: 'Ali',
        lastNameLatin: 'Rezaei',
        emails: ['ali.rezaei@example.com'],
        phones: ['0912 123 4567'],
        organizations: [{ organizationId: rec.org, isPrimary: true }],
      })
    ).id;
    rec.karimi = (await w.create('/api/v1/people', { firstName: 'محمد رضا', lastName: 'کریمی', firstNameLatin: 'Mohammad', lastNameLatin: 'Karimi' })).id;
    rec.lead = (await w.create('/api/v1/leads', { firstName: 'سارا', lastName: 'محمدی', companyName: 'کافه می‌شود', email: 'sara@cafe.ir' })).id;
  });

  it('finds a person typed with Arabic letters, with title, subtitle, score and what matched', async () => {
    const response = await w.search.get(`/api/v1/search?q=${encodeURIComponent('علي رضائي')}`);
    expect(response.status).toBe(200);
    expect(response.body.items[0]).toEqual({
      type: 'person',
      id: rec.ali,
      title: 'علی رضایی',
      subtitle: 'شرکت پیوند نوین',
      score: 0.95,
      matchedOn: 'name',
    });
  });

  it('finds «کافه می‌شود» by «میشود» and by «می شود»', async () => {
    for (const q of ['میشود', 'می شود']) {
      const response = await w.search.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(response.body.items[0], q).toMatchObject({ type: 'lead', id: rec.lead, matchedOn: 'company' });
    }
  });

  it('finds a phone in any format or digit set, and partial numbers', async () => {
    for (const q of ['۰۹۱۲۱۲۳۴۵۶۷', '+98 912 123 4567', '00989121234567', '9121234567']) {
      const response = await w.search.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(response.body.items[0], q).toMatchObject({ id: rec.ali, score: 1, matchedOn: 'phone' });
    }
    expect(ids(await w.search.get(`/api/v1/search?q=${encodeURIComponent('۸۸۷۷ ۶۶')}`))).toEqual([rec.org]);
  });

  it('tolerates typos and spacing: «Mohamad», «محمدرضا»', async () => {
    expect((await w.search.get('/api/v1/search?q=Mohamad')).body.items[0]).toMatchObject({ id: rec.karimi, matchedOn: 'name' });
    expect((await w.search.get(`/api/v1/search?q=${encodeURIComponent('محمدرضا')}`)).body.items[0]).toMatchObject({ id: rec.karimi, score: 0.95 });
  });

  it('filters by type and limits', async () => {
    const response = await w.search.get(`/api/v1/search?q=${encodeURIComponent('پیوند')}&types=organization&limit=1`);
    expect(response.body.items).toEqual([expect.objectContaining({ type: 'organization', id: rec.org, matchedOn: 'name' })]);
  });

  it('hides deleted records at once', async () => {
    const temp = await w.create('/api/v1/people', { firstName: 'موقت', lastName: 'پاک‌شدنی' });
    expect(ids(await w.search.get(`/api/v1/search?q=${encodeURIComponent('پاکشدنی')}`))).toEqual([temp.id]);
    expect((await w.client.delete(`/api/v1/people/${temp.id}`)).status).toBe(204);
    expect(ids(await w.search.get(`/api/v1/search?q=${encodeURIComponent('پاکشدنی')}`))).toEqual([]);
  });

  it('sees only its own workspace, also through an API key', async () => {
    const stranger = await workspace();
    expect(ids(await stranger.search.get(`/api/v1/search?q=${encodeURIComponent('علی')}`))).toEqual([]);
    const key = await w.client.post('/api/v1/api-keys', { name: 'integration' });
    const viaKey = await new ApiClient(server.url).withBearer(key.body.secret).get(`/api/v1/search?q=${encodeURIComponent('0912 123 4567')}`);
    expect(ids(viaKey)).toEqual([rec.ali]);
  });

  it('validates its parameters in the caller’s language and needs a caller', async () => {
    const en = new ApiClient(server.url, { locale: 'en' });
    en.cookies = w.client.cookies;
    const bad = await en.get('/api/v1/search?types=person,deal&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'q', 'types']);
    expect((await new ApiClient(server.url).get('/api/v1/search?q=x')).status).toBe(401);
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/search', '/api/v1/duplicates', '/api/v1/duplicates/check', '/api/v1/people/{id}/merge', '/api/v1/organizations/{id}/merge']),
    );
  });
});

describe('duplicates', () => {
  it('warns on create that a person may already exist, with the reasons', async () => {
    const w = await workspace();
    const org = await w.create('/api/v1/organizations', { name: 'آریا تجارت' });
    const ali = await w.create('/api/v1/people', { firstName: 'علی', lastName: 'رضایی', emails: ['ali@example.com'], organizations: [{ organizationId: org.id }] });
    const response = await w.search.post('/api/v1/duplicates/check', {
      entityType: 'person',
      firstName: 'علي',
      lastName: 'رضايي',
      emails: ['ALI@Example.com'],
      phones: ['not a phone'],
      organizationName: 'آريا تجارت',
    });
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        entityType: 'person',
        id: ali.id,
        title: 'علی رضایی',
        subtitle: 'آریا تجارت',
        score: 1,
        reasons: [
          { code: 'same_email', value: 'ali@example.com' },
          { code: 'same_name_same_organization', value: 'آریا تجارت' },
        ],
      },
    ]);
    const nothing = await w.search.post('/api/v1/duplicates/check', { entityType: 'person', firstName: 'علی', lastName: 'رضایی' });
    expect(nothing.body.items).toEqual([]);
    const bad = await w.search.post('/api/v1/duplicates/check', { entityType: 'deal', extra: 1 });
    expect(bad.status).toBe(400);
  });

  it('lists the duplicates of an existing record; 404 for another workspace’s record', async () => {
    const w = await workspace();
    const first = await w.create('/api/v1/people', { firstName: 'نرگس', phones: ['09351112233'] });
    const second = await w.create('/api/v1/people', { firstName: 'نرگس', lastName: 'افشار', phones: ['+98 935 111 2233'] });
    const response = await w.search.get(`/api/v1/duplicates?entityType=person&id=${second.id}`);
    expect(response.body.items).toEqual([expect.objectContaining({ id: first.id, reasons: [{ code: 'same_phone', value: '+989351112233' }] })]);
    const stranger = await workspace('en');
    const foreign = await stranger.search.get(`/api/v1/duplicates?entityType=person&id=${second.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'record_not_found' });
    expect(foreign.body.detail).toMatch(/not found/);
  });
});

describe('POST /api/v1/people/:id/merge', () => {
  async function twoDuplicates() {
    const w = await workspace();
    const orgA = await w.create('/api/v1/organizations', { name: 'پیوند' });
    const orgB = await w.create('/api/v1/organizations', { name: 'ماهان' });
    const survivor = await w.create('/api/v1/people', {
      firstName: 'علی',
      lastName: 'رضایی',
      emails: ['ali@example.com'],
      tags: ['مشتری ویژه'],
      organizations: [{ organizationId: orgA.id, isPrimary: true }],
    });
    const other = await w.create('/api/v1/people', {
      firstName: 'علی',
      lastName: 'رضائی',
      jobTitle: 'مدیر خرید',
      emails: ['a.rezaei@work.ir'],
      phones: ['09121234567'],
      tags: ['تهران', 'مشتری ویژه'],
      organizations: [{ organizationId: orgB.id }, { organizationId: orgA.id }],
    });
    return { w, orgA, orgB, survivor, other };
  }

  it('merges in one step; the survivor keeps every relation and both histories stay in the audit log', async () => {
    const { w, orgA, orgB, survivor, other } = await twoDuplicates();
    const response = await w.search.post(`/api/v1/people/${survivor.id}/merge`, {
      otherId: other.id,
      version: survivor.version,
      otherVersion: other.version,
      fields: { lastName: 'other' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: survivor.id, version: survivor.version + 1, mergedId: other.id });

    const after = (await w.client.get(`/api/v1/people/${survivor.id}`)).body;
    expect(after).toMatchObject({ lastName: 'رضائی', jobTitle: 'مدیر خرید', version: survivor.version + 1 });
    expect(after.emails.map((e: { value: string }) => e.value)).toEqual(['ali@example.com', 'a.rezaei@work.ir']);
    expect(after.phones.map((p: { value: string }) => p.value)).toEqual(['+989121234567']);
    expect(after.tags.map((t: { name: string }) => t.name).sort()).toEqual(['تهران', 'مشتری ویژه'].sort());
    expect(after.organizations.map((o: { organizationId: string }) => o.organizationId).sort()).toEqual([orgA.id, orgB.id].sort());

    const [merged] = await sql('SELECT merged_into_id, deleted_at FROM people WHERE id = $1', [other.id]);
    expect(merged.merged_into_id).toBe(survivor.id);
    expect(merged.deleted_at).not.toBeNull();
    expect(ids(await w.search.get('/api/v1/search?q=09121234567'))).toEqual([survivor.id]);
    expect(ids(await w.search.get(`/api/v1/search?q=${encodeURIComponent('work.ir')}`))).toEqual([survivor.id]);

    const history = async (id: string) => (await w.client.get(`/api/v1/audit-log?entityId=${id}&limit=50`)).body.items.map((a: { action: string }) => a.action);
    expect(await history(survivor.id)).toEqual(expect.arrayContaining(['person.created', 'person.merged']));
    expect(await history(other.id)).toEqual(expect.arrayContaining(['person.created', 'person.merged_into']));
    const [entry] = (await w.client.get(`/api/v1/audit-log?entityId=${survivor.id}&action=person.merged`)).body.items;
    expect(entry.after).toMatchObject({ mergedId: other.id });
  });

  it('answers 409 to a stale version of either record and changes nothing', async () => {
    const { w, survivor, other } = await twoDuplicates();
    const before = await sql('SELECT id, version, deleted_at FROM people WHERE id = ANY($1) ORDER BY id', [[survivor.id, other.id]]);
    const stale = await w.search.post(`/api/v1/people/${survivor.id}/merge`, { otherId: other.id, version: survivor.version, otherVersion: other.version + 1 });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.detail).toMatch(/تغییر/);
    expect(await sql('SELECT id, version, deleted_at FROM people WHERE id = ANY($1) ORDER BY id', [[survivor.id, other.id]])).toEqual(before);
  });

  it('answers 404 when the other record belongs to another workspace, and changes nothing', async () => {
    const { w, survivor } = await twoDuplicates();
    const stranger = await workspace();
    const foreign = await stranger.create('/api/v1/people', { firstName: 'غریبه', emails: ['x@y.ir'] });
    const before = await sql('SELECT id, version, emails FROM people WHERE id = ANY($1) ORDER BY id', [[survivor.id, foreign.id]]);
    const response = await w.search.post(`/api/v1/people/${survivor.id}/merge`, { otherId: foreign.id, version: survivor.version, otherVersion: foreign.version });
    expect(response.status).toBe(404);
    const reverse = await stranger.search.post(`/api/v1/people/${foreign.id}/merge`, { otherId: survivor.id, version: foreign.version, otherVersion: survivor.version });
    expect(reverse.status).toBe(404);
    expect(await sql('SELECT id, version, emails FROM people WHERE id = ANY($1) ORDER BY id', [[survivor.id, foreign.id]])).toEqual(before);
  });

  it('needs records.delete as well as records.write', async () => {
    const { w, survivor, other } = await twoDuplicates();
    await sql("UPDATE memberships SET role_key = 'member' WHERE user_id = $1 AND workspace_id = $2", [w.user.id, w.workspace.id]);
    const response = await w.search.post(`/api/v1/people/${survivor.id}/merge`, { otherId: other.id, version: survivor.version, otherVersion: other.version });
    expect(response.status).toBe(403);
    expect((await w.search.get(`/api/v1/search?q=${encodeURIComponent('علی')}`)).status).toBe(200);
  });

  it('rejects a merge with itself and unknown fields', async () => {
    const { w, survivor } = await twoDuplicates();
    const self = await w.search.post(`/api/v1/people/${survivor.id}/merge`, { otherId: survivor.id, version: 1, otherVersion: 1 });
    expect(self.status).toBe(400);
    expect(self.body.code).toBe('merge_same_record');
    const unknown = await w.search.post(`/api/v1/people/${survivor.id}/merge`, { otherId: survivor.id, version: 1, otherVersion: 1, fields: { salary: 'other' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('validation_failed');
  });
});

describe('POST /api/v1/organizations/:id/merge', () => {
  it('moves the people of the merged organisation to the survivor', async () => {
    const w = await workspace();
    const survivor = await w.create('/api/v1/organizations', { name: 'پیوند نوین', emails: ['info@peyvand.ir'] });
    const other = await w.create('/api/v1/organizations', { name: 'پيوند نوين', phones: ['021-88776655'] });
    const person = await w.create('/api/v1/people', { firstName: 'مریم', organizations: [{ organizationId: other.id }] });
    const response = await w.search.post(`/api/v1/organizations/${survivor.id}/merge`, { otherId: other.id, version: survivor.version, otherVersion: other.version });
    expect(response.status).toBe(200);
    expect(response.body.moved).toMatchObject({ people: [person.id] });
    const detail = (await w.client.get(`/api/v1/people/${person.id}`)).body;
    expect(detail.organizations.map((o: { organizationId: string }) => o.organizationId)).toEqual([survivor.id]);
    expect(ids(await w.search.get(`/api/v1/search?q=${encodeURIComponent('۰۲۱-۸۸۷۷۶۶۵۵')}&types=organization`))).toEqual([survivor.id]);
  });
});
