import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { testAccounts } from '../support/test-accounts.ts';

/*
 * GET /api/v1/fields/:entityType describes the fields each customer list filters, sorts and shows,
 * from the catalogs the server compiles filters with: built-in ones with fa/en labels, and the
 * workspace's own custom fields (never another workspace's).
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const { admin, memberOf } = testAccounts(() => server);

type Described = {
  key: string;
  label: { fa: string; en: string };
  type: string;
  references?: string;
  operators: string[];
  options?: Array<{ value: string; label: { fa: string; en: string } }>;
  sortable: boolean;
  defaultColumn: boolean;
  custom: boolean;
};

async function fieldsOf(client: ApiClient, entityType: string): Promise<Described[]> {
  const response = await client.get(`/api/v1/fields/${entityType}`);
  expect(response.status).toBe(200);
  return response.body.items;
}

const byKey = (items: Described[]) => new Map(items.map((f) => [f.key, f]));
const RESOURCES = { person: 'people', organization: 'organizations', lead: 'leads' } as const;

describe('built-in fields', () => {
  it('describes every built-in field of people, organisations and leads with both labels', async () => {
    const { client } = await admin();
    for (const entityType of ['person', 'organization', 'lead'] as const) {
      const items = await fieldsOf(client, entityType);
      expect(items.length).toBeGreaterThan(10);
      for (const field of items) {
        expect(field.label.fa.trim(), `${entityType}.${field.key}`).not.toBe('');
        expect(field.label.en.trim(), `${entityType}.${field.key}`).not.toBe('');
        expect(field.label.fa).not.toBe(field.label.en);
        expect(field.operators.length).toBeGreaterThan(0);
        expect(field.custom).toBe(false);
        for (const option of field.options ?? []) {
          expect(option.label.fa, `${entityType}.${field.key}=${option.value}`).toBeTruthy();
          expect(option.label.en, `${entityType}.${field.key}=${option.value}`).toBeTruthy();
        }
      }
      expect(new Set(items.map((f) => f.key)).size).toBe(items.length);
    }

    const people = byKey(await fieldsOf(client, 'person'));
    expect(people.get('lastName')).toMatchObject({ type: 'text', label: { fa: 'نام خانوادگی', en: 'Last name' }, sortable: true });
    expect(people.get('lastName')!.operators).toEqual(expect.arrayContaining(['contains', 'eq', 'starts_with', 'is_empty']));
    expect(people.get('emails')).toMatchObject({ type: 'emails', sortable: false, defaultColumn: true });
    expect(people.get('ownerId')).toMatchObject({ type: 'user', references: 'user', label: { fa: 'مسئول', en: 'Owner' }, defaultColumn: true });
    expect(people.get('tags')).toMatchObject({ type: 'tags', operators: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'], sortable: false });
    expect(people.get('birthday')).toMatchObject({ type: 'date', label: { fa: 'تاریخ تولد', en: 'Birthday' }, defaultColumn: false });
    expect(people.get('consentEmail')).toMatchObject({ type: 'boolean', operators: ['eq'] });
    // The organisations a person works at: a filter by organisation (picked by id), not a sort.
    const worksAt = [...people.values()].find((f) => f.references === 'organization');
    expect(worksAt).toMatchObject({ type: 'reference', sortable: false, operators: expect.arrayContaining(['eq', 'in', 'is_empty']) });

    const organizations = byKey(await fieldsOf(client, 'organization'));
    expect(organizations.get('type')).toMatchObject({ type: 'enum', defaultColumn: true });
    expect(organizations.get('type')!.options).toContainEqual({ value: 'distributor', label: { fa: 'توزیع‌کننده', en: 'Distributor' } });
    expect(organizations.get('size')!.options!.map((o) => o.value)).toEqual(['1-10', '11-50', '51-200', '201-1000', '1000+']);

    const leads = byKey(await fieldsOf(client, 'lead'));
    expect(leads.get('status')!.options).toContainEqual({ value: 'qualified', label: { fa: 'واجد شرایط', en: 'Qualified' } });
    expect(leads.get('source')!.options).toContainEqual({ value: 'web', label: { fa: 'فرم وب', en: 'Web form' } });
    expect(leads.get('score')).toMatchObject({ type: 'number', sortable: true, operators: expect.arrayContaining(['gt', 'between']) });
  });

  it('describes only what the lists accept: every field filters, and exactly the sortable ones sort', async () => {
    const { client } = await admin();
    for (const entityType of ['person', 'organization', 'lead'] as const) {
      const resource = RESOURCES[entityType];
      for (const field of await fieldsOf(client, entityType)) {
        const condition = field.operators.includes('is_empty') ? { field: field.key, op: 'is_empty' } : { field: field.key, op: 'eq', value: true };
        const filter = encodeURIComponent(JSON.stringify({ op: 'and', conditions: [condition] }));
        const filtered = await client.get(`/api/v1/${resource}?filter=${filter}`);
        expect(filtered.status, `${resource} filter ${field.key}: ${filtered.text}`).toBe(200);
        const sorted = await client.get(`/api/v1/${resource}?sort=${field.key}:asc`);
        expect(sorted.status, `${resource} sort ${field.key}: ${sorted.text}`).toBe(field.sortable ? 200 : 400);
      }
    }
  });
});

describe('custom fields', () => {
  it('lists a custom select field with its options as soon as it is created, and drops it once archived', async () => {
    const { client } = await admin();
    const created = await client.post('/api/v1/custom-fields', {
      entityType: 'person',
      labelFa: 'سطح وفاداری',
      labelEn: 'Loyalty level',
      type: 'select',
      options: [
        { labelFa: 'طلایی', labelEn: 'Gold' },
        { value: 'silver', labelFa: 'نقره‌ای', labelEn: 'Silver' },
      ],
    });
    expect(created.status).toBe(201);
    await client.post('/api/v1/custom-fields', { entityType: 'person', key: 'met_on', labelFa: 'تاریخ آشنایی', labelEn: 'Met on', type: 'date' });
    await client.post('/api/v1/custom-fields', { entityType: 'person', key: 'employer', labelFa: 'کارفرما', labelEn: 'Employer', type: 'organization' });

    const items = await fieldsOf(client, 'person');
    // Built-in fields first, then the workspace's own in form order.
    expect(items.slice(-3).map((f) => f.key)).toEqual(['custom.loyalty_level', 'custom.met_on', 'custom.employer']);
    expect(items.find((f) => f.key === 'custom.loyalty_level')).toEqual({
      key: 'custom.loyalty_level',
      label: { fa: 'سطح وفاداری', en: 'Loyalty level' },
      type: 'enum',
      operators: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
      options: [
        { value: 'gold', label: { fa: 'طلایی', en: 'Gold' } },
        { value: 'silver', label: { fa: 'نقره‌ای', en: 'Silver' } },
      ],
      sortable: true,
      defaultColumn: false,
      custom: true,
    });
    expect(items.find((f) => f.key === 'custom.met_on')).toMatchObject({ type: 'date', operators: expect.arrayContaining(['between', 'lt']) });
    expect(items.find((f) => f.key === 'custom.employer')).toMatchObject({ type: 'reference', references: 'organization' });
    // The field belongs to people only.
    expect((await fieldsOf(client, 'organization')).some((f) => f.custom)).toBe(false);

    // A changed option label shows at once; an archived field is gone.
    const renamed = await client.patch(`/api/v1/custom-fields/${created.body.id}`, {
      version: created.body.version,
      options: [
        { value: 'gold', labelFa: 'زرین', labelEn: 'Golden' },
        { value: 'silver', labelFa: 'نقره‌ای', labelEn: 'Silver' },
      ],
    });
    expect(renamed.status).toBe(200);
    const after = byKey(await fieldsOf(client, 'person'));
    expect(after.get('custom.loyalty_level')!.options![0]).toEqual({ value: 'gold', label: { fa: 'زرین', en: 'Golden' } });
    expect((await client.delete(`/api/v1/custom-fields/${created.body.id}`)).status).toBe(204);
    expect(byKey(await fieldsOf(client, 'person')).has('custom.loyalty_level')).toBe(false);
  });

  it("never shows another workspace's custom fields", async () => {
    const mine = await admin();
    const theirs = await admin();
    const secret = await theirs.client.post('/api/v1/custom-fields', {
      entityType: 'lead',
      key: 'their_secret',
      labelFa: 'محرمانه',
      labelEn: 'Their secret',
      type: 'select',
      options: [{ value: 'x', labelFa: 'ایکس', labelEn: 'X' }],
    });
    expect(secret.status).toBe(201);
    await mine.client.post('/api/v1/custom-fields', { entityType: 'lead', key: 'budget', labelFa: 'بودجه', labelEn: 'Budget', type: 'number' });

    const myLeadFields = await fieldsOf(mine.client, 'lead');
    expect(myLeadFields.filter((f) => f.custom).map((f) => f.key)).toEqual(['custom.budget']);
    const theirLeadFields = await fieldsOf(theirs.client, 'lead');
    expect(theirLeadFields.filter((f) => f.custom).map((f) => f.key)).toEqual(['custom.their_secret']);
    for (const entityType of ['person', 'organization', 'lead']) {
      expect(JSON.stringify(await fieldsOf(mine.client, entityType))).not.toContain('their_secret');
    }
  });
});

describe('errors and access', () => {
  it('answers an unknown record type with a 404 problem in the caller’s language', async () => {
    const { client, workspace } = await admin('fa');
    const fa = await client.get('/api/v1/fields/people');
    expect(fa.status).toBe(404);
    expect(fa.headers.get('content-type')).toContain('application/problem+json');
    expect(fa.body).toMatchObject({ status: 404, code: 'fields_entity_not_found' });
    expect(fa.body.detail).toContain('«people»');
    expect(fa.body.detail).toMatch(/[آ-ی]/);

    const english = new ApiClient(server.url, { locale: 'en' });
    english.cookies = client.cookies;
    const en = await english.get('/api/v1/fields/ticket');
    expect(en.status).toBe(404);
    expect(en.body.code).toBe('fields_entity_not_found');
    expect(en.body.detail).toBe('"ticket" is not a record type with fields; ask for person, organization, lead or deal.');

    // Without the right to read records there is nothing to describe; anonymous callers sign in first.
    const outsider = await memberOf(workspace.id, 'outsider', ['members.read']);
    const refused = await outsider.client.get('/api/v1/fields/person');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    const reader = await memberOf(workspace.id, 'reader', ['records.read']);
    expect((await reader.client.get('/api/v1/fields/person')).status).toBe(200);
    expect((await new ApiClient(server.url).get('/api/v1/fields/person')).status).toBe(401);
  });

  it('is documented in the OpenAPI document with its response schema', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    const operation = doc.paths['/api/v1/fields/{entityType}']?.get;
    expect(operation).toBeDefined();
    const schema = JSON.stringify(operation.responses['200']);
    for (const property of ['key', 'label', 'operators', 'options', 'sortable', 'defaultColumn', 'references']) expect(schema).toContain(property);
  });
});
