import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { sql, admin, memberOf, auditOf, adminsByWorkspace } = testAccounts(() => server);

describe('custom fields', () => {
  it('derives a unique key from the English label, keeps options with fa/en labels, and lists in order', async () => {
    const { client } = await admin();
    const first = await client.post('/api/v1/custom-fields', {
      entityType: 'person',
      labelFa: 'سطح وفاداری',
      labelEn: 'Loyalty level',
      type: 'select',
      options: [
        { labelFa: 'طلایی', labelEn: 'Gold' },
        { value: 'silver', labelFa: 'نقره‌ای', labelEn: 'Silver' },
      ],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ key: 'loyalty_level', type: 'select', required: false, position: 0, version: 1, archivedAt: null });
    expect(first.body.options).toEqual([
      { value: 'gold', labelFa: 'طلایی', labelEn: 'Gold' },
      { value: 'silver', labelFa: 'نقره‌ای', labelEn: 'Silver' },
    ]);
    const second = await client.post('/api/v1/custom-fields', { entityType: 'person', labelFa: 'سطح', labelEn: 'Loyalty level!', type: 'text' });
    expect(second.body).toMatchObject({ key: 'loyalty_level_2', position: 1 });
    // The same key on another entity type is another field.
    const onOrganizations = await client.post('/api/v1/custom-fields', { entityType: 'organization', labelFa: 'سطح', labelEn: 'Loyalty level', type: 'number' });
    expect(onOrganizations.body.key).toBe('loyalty_level');
    const persianOnly = await client.post('/api/v1/custom-fields', { entityType: 'person', labelFa: 'یادداشت', labelEn: '؟', type: 'text' });
    expect(persianOnly.body.key).toBe('field');

    const list = await client.get('/api/v1/custom-fields?entityType=person');
    expect(list.body.items.map((f: { key: string }) => f.key)).toEqual(['loyalty_level', 'loyalty_level_2', 'field']);
  });

  it('refuses a taken key, options on a non-select field, a select without options, and duplicate option values', async () => {
    const { client } = await admin();
    await client.post('/api/v1/custom-fields', { entityType: 'lead', key: 'budget', labelFa: 'بودجه', labelEn: 'Budget', type: 'number' });
    const taken = await client.post('/api/v1/custom-fields', { entityType: 'lead', key: 'budget', labelFa: 'بودجه', labelEn: 'Budget', type: 'number' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('custom_field_key_taken');
    const optionsOnText = await client.post('/api/v1/custom-fields', {
      entityType: 'lead',
      labelFa: 'الف',
      labelEn: 'A',
      type: 'text',
      options: [{ labelFa: 'ب', labelEn: 'B' }],
    });
    expect(optionsOnText.status).toBe(400);
    expect(optionsOnText.body.errors[0]).toMatchObject({ path: 'options', code: 'options_not_allowed' });
    const noOptions = await client.post('/api/v1/custom-fields', { entityType: 'lead', labelFa: 'الف', labelEn: 'A', type: 'multi_select' });
    expect(noOptions.body.errors[0]).toMatchObject({ path: 'options', code: 'options_required' });
    const duplicate = await client.post('/api/v1/custom-fields', {
      entityType: 'lead',
      labelFa: 'الف',
      labelEn: 'A',
      type: 'select',
      options: [
        { labelFa: 'ب', labelEn: 'Big' },
        { value: 'big', labelFa: 'ب', labelEn: 'B' },
      ],
    });
    expect(duplicate.body.errors[0]).toMatchObject({ path: 'options.1.value', code: 'duplicate_option' });
    const badKey = await client.post('/api/v1/custom-fields', { entityType: 'lead', key: 'Bad Key', labelFa: 'الف', labelEn: 'A', type: 'text' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors[0].path).toBe('key');
  });

  it('updates with a version (409 when stale), never changes key or type, and archives without losing values', async () => {
    const { client, workspace } = await admin();
    const field = (await client.post('/api/v1/custom-fields', { entityType: 'person', labelFa: 'کد مشتری', labelEn: 'Customer code', type: 'text' })).body;
    const person = (await client.post('/api/v1/people', { firstName: 'سارا', custom: { customer_code: 'C-100' } })).body;
    const updated = await client.patch(`/api/v1/custom-fields/${field.id}`, { version: 1, labelFa: 'کد اشتراک', required: true });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ labelFa: 'کد اشتراک', required: true, version: 2, key: 'customer_code' });
    const stale = await client.patch(`/api/v1/custom-fields/${field.id}`, { version: 1, labelFa: 'دیگر' });
    expect(stale.status).toBe(409);
    const typeChange = await client.patch(`/api/v1/custom-fields/${field.id}`, { version: 2, type: 'number' });
    expect(typeChange.status).toBe(400);

    expect((await client.delete(`/api/v1/custom-fields/${field.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/custom-fields?entityType=person')).body.items).toEqual([]);
    const archived = (await client.get('/api/v1/custom-fields?entityType=person&includeArchived=true')).body.items;
    expect(archived).toHaveLength(1);
    expect(archived[0].archivedAt).not.toBeNull();
    expect((await client.patch(`/api/v1/custom-fields/${field.id}`, { version: 3, labelFa: 'x' })).body.code).toBe('custom_field_archived');
    // The value stays; sending it back unchanged is fine, changing it is not (the field is gone).
    const [row] = await sql('select custom from people where id = $1', [person.id]);
    expect(row.custom).toEqual({ customer_code: 'C-100' });
    const sameBack = await client.patch(`/api/v1/people/${person.id}`, { version: person.version, custom: { customer_code: 'C-100' }, jobTitle: 'مدیر' });
    expect(sameBack.status).toBe(200);
    const changed = await client.patch(`/api/v1/people/${person.id}`, { version: sameBack.body.version, custom: { customer_code: 'C-200' } });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0]).toMatchObject({ path: 'custom.customer_code', code: 'unknown_field' });
    const audit = await auditOf(workspace.id, field.id);
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['custom_field.archived', 'custom_field.created', 'custom_field.updated']);
  });

  it('lets members read fields but only custom_fields.manage change them', async () => {
    const { client, workspace } = await admin();
    const member = await memberOf(workspace.id, 'member');
    expect((await member.client.get('/api/v1/custom-fields')).status).toBe(200);
    const refused = await member.client.post('/api/v1/custom-fields', { entityType: 'person', labelFa: 'الف', labelEn: 'A', type: 'text' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    const field = (await client.post('/api/v1/custom-fields', { entityType: 'person', labelFa: 'الف', labelEn: 'A', type: 'text' })).body;
    expect((await member.client.delete(`/api/v1/custom-fields/${field.id}`)).status).toBe(403);
    const [row] = await sql('select archived_at from custom_field_definitions where id = $1', [field.id]);
    expect(row.archived_at).toBeNull();
  });
});

describe('custom values on people', () => {
  async function workspaceWithFields() {
    const account = await admin();
    const { client } = account;
    const org = (await client.post('/api/v1/organizations', { name: 'شرکت مرجع' })).body;
    const fields = [
      { key: 'budget', labelFa: 'بودجه', labelEn: 'Budget', type: 'number', required: true },
      { key: 'contract_date', labelFa: 'تاریخ قرارداد', labelEn: 'Contract date', type: 'date' },
      { key: 'tier', labelFa: 'سطح', labelEn: 'Tier', type: 'select', options: [{ value: 'gold', labelFa: 'طلایی', labelEn: 'Gold' }] },
      {
        key: 'interests',
        labelFa: 'علاقه‌ها',
        labelEn: 'Interests',
        type: 'multi_select',
        options: [
          { value: 'crm', labelFa: 'سی‌آر‌ام', labelEn: 'CRM' },
          { value: 'erp', labelFa: 'ای‌آر‌پی', labelEn: 'ERP' },
        ],
      },
      { key: 'vip', labelFa: 'ویژه', labelEn: 'VIP', type: 'boolean' },
      { key: 'referrer', labelFa: 'معرف', labelEn: 'Referrer', type: 'person' },
      { key: 'agency', labelFa: 'نمایندگی', labelEn: 'Agency', type: 'organization' },
    ];
    for (const field of fields) expect((await client.post('/api/v1/custom-fields', { entityType: 'person', ...field })).status).toBe(201);
    return { ...account, org };
  }

  it('normalises every type: Persian digits, Jalali dates, option labels, yes/no words, references', async () => {
    const { client, org } = await workspaceWithFields();
    const referrer = (await client.post('/api/v1/people', { firstName: 'معرف', custom: { budget: 1 } })).body;
    const created = await client.post('/api/v1/people', {
      firstName: 'علی',
      custom: {
        budget: '۱۲٬۵۰۰٫۵',
        contract_date: '۱۴۰۳/۱۲/۳۰',
        tier: 'طلایی',
        interests: 'CRM، erp',
        vip: 'بله',
        referrer: referrer.id,
        agency: org.id,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.custom).toEqual({
      budget: 12500.5,
      // 1403 is a leap year: 1403/12/30 exists and is 20 March 2025.
      contract_date: '2025-03-20',
      tier: 'gold',
      interests: ['crm', 'erp'],
      vip: true,
      referrer: referrer.id,
      agency: org.id,
    });
  });

  it('reports every bad value at custom.<key> in the caller language and writes nothing', async () => {
    const { workspace } = await workspaceWithFields();
    const fa = new ApiClient(server.url, { locale: 'fa' });
    fa.cookies = (await workspaceAdmin(workspace.id)).cookies;
    const other = await admin();
    const foreignPerson = (await other.client.post('/api/v1/people', { firstName: 'بیگانه' })).body;
    const before = await sql('select count(*)::int as n from people where workspace_id = $1', [workspace.id]);
    const response = await fa.post('/api/v1/people', {
      firstName: 'رضا',
      custom: {
        contract_date: '1403/11/31',
        tier: 'platinum',
        interests: ['crm', 'nope'],
        vip: 'maybe',
        referrer: foreignPerson.id,
        agency: '00000000-0000-4000-8000-000000000000',
        nickname: 'x',
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    const byPath = Object.fromEntries(response.body.errors.map((e: { path: string }) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['custom.agency', 'custom.budget', 'custom.contract_date', 'custom.interests', 'custom.nickname', 'custom.referrer', 'custom.tier', 'custom.vip'].sort(),
    );
    expect(byPath['custom.budget'].code).toBe('required');
    expect(byPath['custom.nickname'].code).toBe('unknown_field');
    expect(byPath['custom.referrer'].code).toBe('not_person');
    expect(byPath['custom.agency'].code).toBe('not_organization');
    expect(byPath['custom.contract_date'].message).toMatch(/تاریخ/);
    expect(await sql('select count(*)::int as n from people where workspace_id = $1', [workspace.id])).toEqual(before);
  });

  it('checks on update only what is sent, and a required value cannot be cleared', async () => {
    const { client } = await workspaceWithFields();
    const person = (await client.post('/api/v1/people', { firstName: 'مینا', custom: { budget: 10, tier: 'gold' } })).body;
    const cleared = await client.patch(`/api/v1/people/${person.id}`, { version: person.version, custom: { tier: null, vip: false } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.custom).toEqual({ budget: 10, vip: false });
    const required = await client.patch(`/api/v1/people/${person.id}`, { version: cleared.body.version, custom: { budget: '' } });
    expect(required.status).toBe(400);
    expect(required.body.errors[0]).toMatchObject({ path: 'custom.budget', code: 'required' });
  });
});

/** The admin client of a workspace made by admin() in this file. */
async function workspaceAdmin(workspaceId: string): Promise<ApiClient> {
  const client = adminsByWorkspace.get(workspaceId);
  if (!client) throw new Error(`no admin recorded for workspace ${workspaceId}`);
  return client;
}

describe('people: create, read, update', () => {
  it('creates a person with normalised contacts, Jalali dates, tags and organisations; indexes and audits it', async () => {
    const { client, workspace, user } = await admin();
    const org = (await client.post('/api/v1/organizations', { name: 'شرکت پیوند' })).body;
    const response = await client.post('/api/v1/people', {
      firstName: 'علي',
      lastName: 'رضايي',
      firstNameLatin: 'Ali',
      lastNameLatin: 'Rezaei',
      emails: [' Ali.Rezaei@Example.COM ', { value: 'ali@work.example', label: 'work', primary: true }],
      phones: ['۰۹۱۲ ۱۲۳ ۴۵۶۷', { value: '021-88776655', label: 'office' }],
      addresses: [{ city: 'تهران', line: 'خیابان ولیعصر' }],
      birthday: '۱۳۷۰/۰۵/۲۰',
      anniversary: '2015-06-01',
      jobTitle: 'مدیر خرید',
      consent: { email: true, sms: false },
      tags: ['مشتری ویژه'],
      organizations: [{ organizationId: org.id, role: 'مدیر خرید', isPrimary: true }],
    });
    expect(response.status).toBe(201);
    const person = response.body;
    expect(person).toMatchObject({
      displayName: 'علي رضايي',
      ownerId: user.id,
      createdBy: user.id,
      birthday: '1991-08-11',
      anniversary: '2015-06-01',
      version: 1,
      deletedAt: null,
    });
    expect(person.emails).toEqual([
      { value: 'ali.rezaei@example.com', primary: false },
      { value: 'ali@work.example', label: 'work', primary: true },
    ]);
    expect(person.phones).toEqual([
      { value: '+989121234567', raw: '۰۹۱۲ ۱۲۳ ۴۵۶۷', primary: true },
      { value: '+982188776655', raw: '021-88776655', label: 'office', primary: false },
    ]);
    expect(person.consent).toMatchObject({ email: true, sms: false });
    expect(person.tags.map((t: { name: string }) => t.name)).toEqual(['مشتری ویژه']);
    expect(person.organizations).toEqual([{ organizationId: org.id, name: 'شرکت پیوند', nameLatin: null, type: 'prospect', role: 'مدیر خرید', isPrimary: true }]);

    const [row] = await sql('select search_key from people where id = $1', [person.id]);
    for (const part of ['علیرضایی', 'ali', 'rezaei', 'alirezaei', 'ali.rezaei@example.com', '+989121234567', '09121234567', '02188776655', 'شرکتپیوند']) {
      expect(row.search_key).toContain(part);
    }
    const points = await sql('select kind, value from contact_points where entity_id = $1 order by kind, value', [person.id]);
    expect(points).toEqual([
      { kind: 'email', value: 'ali.rezaei@example.com' },
      { kind: 'email', value: 'ali@work.example' },
      { kind: 'phone', value: '+982188776655' },
      { kind: 'phone', value: '+989121234567' },
    ]);
    const audit = await auditOf(workspace.id, person.id);
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['person.created', 'person.organization_linked', 'record.tagged']);
    const linked = audit.find((a: { action: string }) => a.action === 'person.organization_linked');
    expect(linked.after).toMatchObject({ personId: person.id, organizationId: org.id, role: 'مدیر خرید', isPrimary: true });

    const fetched = await client.get(`/api/v1/people/${person.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(person);
  });

  it('validates every field at once, in the caller language, and writes nothing', async () => {
    const { workspace } = await admin();
    const client = await workspaceAdmin(workspace.id);
    const fa = new ApiClient(server.url, { locale: 'fa' });
    fa.cookies = client.cookies;
    const stranger = await admin();
    const foreignOrg = (await stranger.client.post('/api/v1/organizations', { name: 'سازمان دیگر' })).body;
    const response = await fa.post('/api/v1/people', {
      firstName: 'رضا',
      phones: ['0912123', '+98 912 123 4567'],
      birthday: '1403/13/01',
      ownerId: stranger.user.id,
      organizations: [{ organizationId: foreignOrg.id }],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const byPath = Object.fromEntries(response.body.errors.map((e: { path: string }) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(['birthday', 'organizations.0.organizationId', 'ownerId', 'phones.0']);
    expect(byPath['phones.0'].message).toMatch(/تلفن/);
    expect(byPath['ownerId'].code).toBe('unknown_owner');
    expect(byPath['organizations.0.organizationId'].code).toBe('organization_not_found');
    const badShape = await client.post('/api/v1/people', { firstName: 'x', emails: ['not-an-email'], nickname: 'y' });
    expect(badShape.status).toBe(400);
    expect(badShape.body.code).toBe('validation_failed');
    const nobody = await client.post('/api/v1/people', { firstName: '  ', emails: [] });
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors[0]).toMatchObject({ path: 'firstName', code: 'name_or_contact_required' });
    expect(await sql('select count(*)::int as n from people where workspace_id = $1', [workspace.id])).toEqual([{ n: 0 }]);
  });

  it('updates with the current version, answers 409 to a stale one, and keeps indexes in step', async () => {
    const { client, workspace } = await admin();
    const orgA = (await client.post('/api/v1/organizations', { name: 'آلفا' })).body;
    const orgB = (await client.post('/api/v1/organizations', { name: 'بتا' })).body;
    const person = (
      await client.post('/api/v1/people', { firstName: 'نرگس', phones: ['09121111111'], organizations: [{ organizationId: orgA.id, role: 'کارشناس' }], tags: ['الف'] })
    ).body;
    const updated = await client.patch(`/api/v1/people/${person.id}`, {
      version: person.version,
      lastName: 'افشار',
      phones: ['09122222222'],
      jobTitle: null,
      organizations: [{ organizationId: orgB.id, role: 'مدیر', isPrimary: true }],
      tags: ['ب'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ lastName: 'افشار', version: 2, jobTitle: null });
    expect(updated.body.organizations.map((o: { name: string }) => o.name)).toEqual(['بتا']);
    expect(updated.body.tags.map((t: { name: string }) => t.name)).toEqual(['ب']);
    const points = await sql(`select value from contact_points where entity_id = $1`, [person.id]);
    expect(points).toEqual([{ value: '+989122222222' }]);
    const [row] = await sql('select search_key from people where id = $1', [person.id]);
    expect(row.search_key).toContain('بتا');
    expect(row.search_key).not.toContain('آلفا');
    expect(row.search_key).not.toContain('09121111111');

    const stale = await client.patch(`/api/v1/people/${person.id}`, { version: person.version, lastName: 'دیگر' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const [after] = await sql('select last_name, version from people where id = $1', [person.id]);
    expect(after).toEqual({ last_name: 'افشار', version: 2 });

    const actions = (await auditOf(workspace.id, person.id)).map((a: { action: string }) => a.action);
    expect(actions.filter((a: string) => a === 'person.organization_unlinked')).toHaveLength(1);
    expect(actions).toContain('person.updated');
    const unlinked = (await auditOf(workspace.id, person.id)).find((a: { action: string }) => a.action === 'person.organization_unlinked');
    expect(unlinked.after).toEqual({ personId: person.id, organizationId: orgA.id });
  });

  it('creates once when a client retries a POST with the same Idempotency-Key', async () => {
    const { client, workspace } = await admin();
    const headers = { 'idempotency-key': 'person-create-1' };
    const first = await client.post('/api/v1/people', { firstName: 'تکرار' }, headers);
    const retry = await client.post('/api/v1/people', { firstName: 'تکرار' }, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await sql('select count(*)::int as n from people where workspace_id = $1', [workspace.id])).toEqual([{ n: 1 }]);
  });

  it('answers 404 for an unknown person and 400 for a malformed id, never 500', async () => {
    const { client } = await admin();
    expect((await client.get('/api/v1/people/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await client.get('/api/v1/people/not-a-uuid')).status).toBe(400);
    expect((await client.patch('/api/v1/people/00000000-0000-4000-8000-000000000000', { version: 1, firstName: 'x' })).status).toBe(404);
    const garbage = await fetch(`${server.url}/api/v1/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: '{"firstName":',
    });
    expect(garbage.status).toBe(400);
  });
});

describe('people lists', () => {
  /** Every page of a list, following nextCursor. */
  async function allPages(client: ApiClient, query: string, limit = 2): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/people?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('finds people whatever the Persian spelling, spacing, digits or phone format', async () => {
    const { client } = await admin();
    const org = (await client.post('/api/v1/organizations', { name: 'کاشی یزد' })).body;
    const ali = (await client.post('/api/v1/people', { firstName: 'علی', lastName: 'می‌رزایی', phones: ['09121234567'], organizations: [{ organizationId: org.id }] })).body;
    expect((await client.post('/api/v1/people', { firstName: 'Sara', lastName: 'Smith_100%' })).status).toBe(201);
    const ids = async (q: string) => (await client.get(`/api/v1/people?q=${encodeURIComponent(q)}`)).body.items.map((p: { id: string }) => p.id);
    expect(await ids('علي')).toEqual([ali.id]);
    expect(await ids('مي رزايي')).toEqual([ali.id]);
    expect(await ids('علی میرزایی')).toEqual([ali.id]);
    expect(await ids('۰۹۱۲۱۲۳۴۵۶۷')).toEqual([ali.id]);
    expect(await ids('+98 912 123 4567')).toEqual([ali.id]);
    expect(await ids('0098-912-1234567')).toEqual([ali.id]);
    expect(await ids('كاشي')).toEqual([ali.id]);
    // LIKE wildcards in a query are plain characters.
    expect(await ids('h_100%')).toHaveLength(1);
    expect(await ids('1_0')).toHaveLength(0);
    expect(await ids('s%h')).toHaveLength(0);
  });

  it('pages by keyset in any sort order without gaps or repeats, in Persian alphabetical order', async () => {
    const { client } = await admin();
    const names = ['پرویز', 'بهرام', 'گلناز', 'کاوه', 'آرش', 'ژاله', 'زهره'];
    for (const [index, firstName] of names.entries()) {
      await client.post('/api/v1/people', { firstName, birthday: index % 2 ? `2000-01-0${index + 1}` : undefined });
    }
    const byCreation = await allPages(client, '');
    expect(byCreation.map((p) => p.firstName)).toEqual([...names].reverse());
    const ascending = await allPages(client, 'sort=firstName:asc');
    expect(ascending.map((p) => p.firstName)).toEqual(['آرش', 'بهرام', 'پرویز', 'زهره', 'ژاله', 'کاوه', 'گلناز']);
    const descending = await allPages(client, 'sort=firstName:desc', 3);
    expect(descending.map((p) => p.firstName)).toEqual(['گلناز', 'کاوه', 'ژاله', 'زهره', 'پرویز', 'بهرام', 'آرش']);
    // Empty birthdays come last in both directions.
    const byBirthday = await allPages(client, 'sort=birthday:desc');
    expect(byBirthday.map((p) => p.birthday)).toEqual(['2000-01-06', '2000-01-04', '2000-01-02', null, null, null, null]);
    expect(new Set(byBirthday.map((p) => p.id)).size).toBe(7);

    const wrongCursor = await client.get(`/api/v1/people?limit=2&sort=lastName:asc&cursor=${(await client.get('/api/v1/people?limit=2')).body.nextCursor}`);
    expect(wrongCursor.status).toBe(400);
    expect((await client.get('/api/v1/people?sort=emails:asc')).status).toBe(400);
    expect((await client.get('/api/v1/people?sort=nope:asc')).body.errors[0].path).toBe('sort');
    expect((await client.get('/api/v1/people?limit=500')).status).toBe(400);
  });

  it('filters with the filter language, including custom fields, tags and "me"', async () => {
    const { client, user } = await admin();
    await client.post('/api/v1/custom-fields', { entityType: 'person', key: 'budget', labelFa: 'بودجه', labelEn: 'Budget', type: 'number' });
    const rich = (await client.post('/api/v1/people', { firstName: 'دارا', custom: { budget: 900 }, tags: ['طلایی'] })).body;
    await client.post('/api/v1/people', { firstName: 'ندار', custom: { budget: 10 }, ownerId: null });
    const filter = (group: unknown) => `filter=${encodeURIComponent(JSON.stringify(group))}`;
    const names = async (query: string) => (await client.get(`/api/v1/people?${query}`)).body.items.map((p: { firstName: string }) => p.firstName);
    expect(await names(filter({ op: 'and', conditions: [{ field: 'custom.budget', op: 'gt', value: 100 }] }))).toEqual(['دارا']);
    expect(await names(filter({ op: 'or', conditions: [{ field: 'firstName', op: 'contains', value: 'دار' }] }))).toEqual(['ندار', 'دارا']);
    expect(await names(`tag=${rich.tags[0].id}`)).toEqual(['دارا']);
    expect(await names('ownerId=me')).toEqual(['دارا']);
    expect(await names(`ownerId=${user.id}`)).toEqual(['دارا']);
    expect(await names('sort=custom.budget:asc')).toEqual(['ندار', 'دارا']);

    const unknownField = await client.get(`/api/v1/people?${filter({ op: 'and', conditions: [{ field: 'salary', op: 'eq', value: 1 }] })}`);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].path).toBe('filter.conditions.0.field');
    const notJson = await client.get('/api/v1/people?filter=%7Bnope');
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors[0]).toMatchObject({ path: 'filter', code: 'invalid_json' });
  });

  it('applies a saved view: its filter, and its sort unless one is given', async () => {
    const { client, workspace, user } = await admin();
    for (const firstName of ['بابک', 'آزاده', 'بیژن']) await client.post('/api/v1/people', { firstName });
    const [view] = await sql(
      `insert into saved_views (workspace_id, entity_type, name, owner_id, filter, sort) values ($1, 'person', 'ب', $2, $3, $4) returning id`,
      [workspace.id, user.id, JSON.stringify({ op: 'and', conditions: [{ field: 'firstName', op: 'starts_with', value: 'ب' }] }), JSON.stringify([{ field: 'firstName', direction: 'asc' }])],
    );
    const names = async (query: string) => (await client.get(`/api/v1/people?${query}`)).body.items.map((p: { firstName: string }) => p.firstName);
    expect(await names(`view=${view.id}`)).toEqual(['بابک', 'بیژن']);
    expect(await names(`view=${view.id}&sort=firstName:desc`)).toEqual(['بیژن', 'بابک']);
    const [orgView] = await sql(`insert into saved_views (workspace_id, entity_type, name, visibility, filter) values ($1, 'organization', 'o', 'shared', '{"op":"and","conditions":[]}') returning id`, [
      workspace.id,
    ]);
    expect((await client.get(`/api/v1/people?view=${orgView.id}`)).body.errors[0]).toMatchObject({ path: 'view', code: 'wrong_view_entity' });
    const other = await admin();
    expect((await other.client.get(`/api/v1/people?view=${view.id}`)).status).toBe(404);
  });

  it('lists the trash with deleted=true and the records due for re-verification with stale=true', async () => {
    const { client, workspace } = await admin();
    const fresh = (await client.post('/api/v1/people', { firstName: 'تازه' })).body;
    const old = (await client.post('/api/v1/people', { firstName: 'کهنه', lastVerifiedAt: '1390/01/01' })).body;
    const never = (await client.post('/api/v1/people', { firstName: 'هرگز' })).body;
    const gone = (await client.post('/api/v1/people', { firstName: 'رفته' })).body;
    expect((await client.post(`/api/v1/people/${fresh.id}/verify`)).status).toBe(200);
    expect((await client.delete(`/api/v1/people/${gone.id}`)).status).toBe(204);
    const ids = async (query: string) => (await client.get(`/api/v1/people?${query}`)).body.items.map((p: { id: string }) => p.id).sort();
    expect(await ids('')).toEqual([fresh.id, old.id, never.id].sort());
    expect(await ids('deleted=true')).toEqual([gone.id]);
    expect(await ids('stale=true')).toEqual([old.id, never.id].sort());
    // A shorter interval makes a record verified 10 days ago stale too.
    await sql(`update people set last_verified_at = current_date - 10 where id = $1`, [fresh.id]);
    await sql('update workspaces set verification_interval_days = 7 where id = $1', [workspace.id]);
    expect(await ids('stale=true')).toEqual([fresh.id, old.id, never.id].sort());
  });
});

describe('people: delete, restore, verify', () => {
  it('soft-deletes and restores with audit entries; the trash keeps the record readable', async () => {
    const { client, workspace } = await admin();
    const person = (await client.post('/api/v1/people', { firstName: 'پرستو', emails: ['parastoo@example.com'] })).body;
    expect((await client.delete(`/api/v1/people/${person.id}`)).status).toBe(204);
    expect((await client.delete(`/api/v1/people/${person.id}`)).status).toBe(204);
    const deleted = await client.get(`/api/v1/people/${person.id}`);
    expect(deleted.body.deletedAt).not.toBeNull();
    expect(await sql('select count(*)::int as n from contact_points where entity_id = $1', [person.id])).toEqual([{ n: 0 }]);
    const editDeleted = await client.patch(`/api/v1/people/${person.id}`, { version: deleted.body.version, firstName: 'x' });
    expect(editDeleted.status).toBe(409);
    expect(editDeleted.body.code).toBe('person_deleted');
    const restored = await client.post(`/api/v1/people/${person.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect(await sql('select count(*)::int as n from contact_points where entity_id = $1', [person.id])).toEqual([{ n: 1 }]);
    const actions = (await auditOf(workspace.id, person.id)).map((a: { action: string }) => a.action);
    expect(actions.sort()).toEqual(['person.created', 'person.deleted', 'person.restored']);
  });

  it("verifies today in the workspace's time zone and audits it", async () => {
    const { client, workspace } = await admin();
    const person = (await client.post('/api/v1/people', { firstName: 'شهره' })).body;
    const verified = await client.post(`/api/v1/people/${person.id}/verify`);
    expect(verified.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(verified.body.lastVerifiedAt).toBe(today);
    expect(verified.body.version).toBe(2);
    const entry = (await auditOf(workspace.id, person.id)).find((a: { action: string }) => a.action === 'person.verified');
    expect(entry.after.lastVerifiedAt).toBe(today);
  });
});

/** The id of a tag, made by tagging a throwaway person. */
async function tagId(client: ApiClient, name: string): Promise<string> {
  return (await client.post('/api/v1/people', { firstName: 'برچسب', tags: [name] })).body.tags[0].id;
}

describe('people: bulk actions', () => {
  it('tags, untags, reassigns, deletes and restores in one transaction, auditing each record', async () => {
    const { client, workspace } = await admin();
    const colleague = await memberOf(workspace.id, 'member');
    const ids: string[] = [];
    for (const firstName of ['یک', 'دو', 'سه']) ids.push((await client.post('/api/v1/people', { firstName })).body.id);
    const tag = (await client.post('/api/v1/people', { firstName: 'برچسب‌دار', tags: ['داغ'] })).body.tags[0];

    const tagged = await client.post('/api/v1/people/bulk', { ids, action: 'tag', tagIds: [tag.id] });
    expect(tagged.body).toEqual({ action: 'tag', matched: 3, changed: 3 });
    expect((await client.get(`/api/v1/people?tag=${tag.id}`)).body.items).toHaveLength(4);
    expect((await client.post('/api/v1/people/bulk', { ids, action: 'tag', tagIds: [tag.id] })).body.changed).toBe(0);
    expect((await client.post('/api/v1/people/bulk', { ids: ids.slice(0, 1), action: 'untag', tagIds: [tag.id] })).body.changed).toBe(1);

    const reassigned = await client.post('/api/v1/people/bulk', { ids, action: 'assign_owner', ownerId: colleague.user.id });
    expect(reassigned.body.changed).toBe(3);
    expect(await sql('select distinct owner_id from people where id = any($1)', [ids])).toEqual([{ owner_id: colleague.user.id }]);
    expect((await client.post('/api/v1/people/bulk', { ids, action: 'delete' })).body.changed).toBe(3);
    expect((await client.post('/api/v1/people/bulk', { ids, action: 'restore' })).body.changed).toBe(3);
    for (const id of ids) {
      const actions = (await auditOf(workspace.id, id)).map((a: { action: string }) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['person.created', 'person.updated', 'person.deleted', 'person.restored']));
    }
  });

  it('handles the maximum of 500 people in one request', async () => {
    const { client, workspace, user } = await admin();
    const rows = await sql(
      `insert into people (workspace_id, first_name, owner_id) select $1, 'شخص ' || n, $2 from generate_series(1, 500) n returning id`,
      [workspace.id, user.id],
    );
    const ids = rows.map((r: { id: string }) => r.id);
    const started = Date.now();
    const tagged = await client.post('/api/v1/people/bulk', { ids, action: 'tag', tagIds: [await tagId(client, 'انبوه')] });
    expect(tagged.body).toEqual({ action: 'tag', matched: 500, changed: 500 });
    const deleted = await client.post('/api/v1/people/bulk', { ids, action: 'delete' });
    expect(deleted.body.changed).toBe(500);
    expect(await sql(`select count(*)::int as n from audit_log where workspace_id = $1 and action = 'person.deleted'`, [workspace.id])).toEqual([{ n: 500 }]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('changes nothing when one id is unknown, a tag or owner is not of the workspace, or the request is too big', async () => {
    const { client, workspace } = await admin();
    const stranger = await admin();
    const strangerPerson = (await stranger.client.post('/api/v1/people', { firstName: 'غریبه' })).body;
    const mine = (await client.post('/api/v1/people', { firstName: 'خودی' })).body;
    const mixed = await client.post('/api/v1/people/bulk', { ids: [mine.id, strangerPerson.id], action: 'delete' });
    expect(mixed.status).toBe(404);
    expect(mixed.body.code).toBe('people_not_found');
    expect(mixed.body.errors).toEqual([expect.objectContaining({ path: 'ids.1', code: 'person_not_found' })]);
    expect(await sql('select deleted_at from people where id = any($1)', [[mine.id, strangerPerson.id]])).toEqual([{ deleted_at: null }, { deleted_at: null }]);
    const foreignTag = (await stranger.client.post('/api/v1/people', { firstName: 'ت', tags: ['بیگانه'] })).body.tags[0];
    const badTag = await client.post('/api/v1/people/bulk', { ids: [mine.id], action: 'tag', tagIds: [foreignTag.id] });
    expect(badTag.status).toBe(400);
    expect(badTag.body.errors[0]).toMatchObject({ path: 'tagIds.0', code: 'tag_not_found' });
    const badOwner = await client.post('/api/v1/people/bulk', { ids: [mine.id], action: 'assign_owner', ownerId: stranger.user.id });
    expect(badOwner.body.errors[0]).toMatchObject({ path: 'ownerId', code: 'unknown_owner' });
    expect((await client.post('/api/v1/people/bulk', { ids: [mine.id], action: 'tag' })).body.errors[0].path).toBe('tagIds');
    const tooMany = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await client.post('/api/v1/people/bulk', { ids: tooMany, action: 'delete' })).status).toBe(400);
    const audit = await sql(`select count(*)::int as n from audit_log where workspace_id = $1 and action <> 'person.created' and entity_type = 'person'`, [workspace.id]);
    expect(audit).toEqual([{ n: 0 }]);
  });
});

describe('people: permissions and workspace isolation', () => {
  it('lets members read and write but not delete; a role without records.read sees nothing', async () => {
    const { client, workspace } = await admin();
    const person = (await client.post('/api/v1/people', { firstName: 'آیدا' })).body;
    const member = await memberOf(workspace.id, 'member');
    expect((await member.client.get('/api/v1/people')).body.items).toHaveLength(1);
    expect((await member.client.patch(`/api/v1/people/${person.id}`, { version: 1, jobTitle: 'مدیر' })).status).toBe(200);
    expect((await member.client.delete(`/api/v1/people/${person.id}`)).status).toBe(403);
    expect((await member.client.post('/api/v1/people/bulk', { ids: [person.id], action: 'delete' })).status).toBe(403);
    const outsider = await memberOf(workspace.id, 'outsider', ['members.read']);
    expect((await outsider.client.get('/api/v1/people')).status).toBe(403);
    expect((await outsider.client.get(`/api/v1/people/${person.id}`)).status).toBe(403);
    expect((await outsider.client.post('/api/v1/people', { firstName: 'x' })).status).toBe(403);
    const [row] = await sql('select deleted_at from people where id = $1', [person.id]);
    expect(row.deleted_at).toBeNull();
  });

  it("keeps workspace B out of A's people: 404 everywhere and nothing changed", async () => {
    const a = await admin();
    const b = await admin();
    const orgA = (await a.client.post('/api/v1/organizations', { name: 'سازمان الف' })).body;
    const person = (await a.client.post('/api/v1/people', { firstName: 'محرمانه', phones: ['09125555555'] })).body;
    const [before] = await sql('select * from people where id = $1', [person.id]);
    expect((await b.client.get(`/api/v1/people/${person.id}`)).status).toBe(404);
    expect((await b.client.patch(`/api/v1/people/${person.id}`, { version: 1, firstName: 'hacked' })).status).toBe(404);
    expect((await b.client.delete(`/api/v1/people/${person.id}`)).status).toBe(404);
    expect((await b.client.post(`/api/v1/people/${person.id}/restore`)).status).toBe(404);
    expect((await b.client.post(`/api/v1/people/${person.id}/verify`)).status).toBe(404);
    expect((await b.client.post('/api/v1/people/bulk', { ids: [person.id], action: 'delete' })).status).toBe(404);
    expect((await b.client.post(`/api/v1/organizations/${orgA.id}/people`, { personId: person.id })).status).toBe(404);
    expect((await b.client.get('/api/v1/people?q=محرمانه')).body.items).toEqual([]);
    expect((await b.client.get('/api/v1/people?q=09125555555')).body.items).toEqual([]);
    const [after] = await sql('select * from people where id = $1', [person.id]);
    expect(after).toEqual(before);
    // B's audit log holds only its own sign-up; none of the refused attempts left a trace.
    const bAudit = await sql('select entity_type from audit_log where workspace_id = $1', [b.workspace.id]);
    expect(bAudit.every((e: { entity_type: string }) => ['user', 'workspace', 'member'].includes(e.entity_type))).toBe(true);
    expect(await auditOf(a.workspace.id, person.id)).toHaveLength(1);
  });

  it('works with an API key and documents every route in OpenAPI', async () => {
    const { main } = await admin();
    const key = (await main.post('/api/v1/api-keys', { name: 'integration' })).body.secret;
    const bot = new ApiClient(server.url).withBearer(key);
    const created = await bot.post('/api/v1/people', { lastName: 'ربات' });
    expect(created.status).toBe(201);
    expect(created.body.ownerId).toBeNull();
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/people',
        '/api/v1/people/{id}',
        '/api/v1/people/bulk',
        '/api/v1/people/{id}/restore',
        '/api/v1/people/{id}/verify',
        '/api/v1/custom-fields',
        '/api/v1/custom-fields/{id}',
      ]),
    );
    const parameters = doc.paths['/api/v1/people'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['q', 'filter', 'view', 'sort', 'deleted', 'stale', 'tag', 'ownerId', 'limit', 'cursor']));
  });
});
