import { and, asc, eq } from 'drizzle-orm';
import { boolean, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppError } from '../errors/index.ts';
import { taggings, tags } from '../../modules/tags/tags.schema.ts';
import type { Database } from '../db/database.ts';
import { compileFilter, compileSort, customFieldDefs, type FieldCatalog, type FilterContext, type FilterGroup, type SortSpec } from './index.ts';
import { insertWorkspace, openMigratedTestDatabase, TEST_ENGINES, type MigratedTestDatabase } from './migrated-test-database.ts';

// Integration spec: filters are compiled and RUN on both engines against a small table made
// here, and the rows that come back are asserted by their `key`.

const probes = pgTable('filter_probes', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id').notNull(),
  key: text('key').notNull(),
  name: text('name'),
  score: integer('score'),
  amount: numeric('amount'),
  born: date('born'),
  seenAt: timestamp('seen_at', { withTimezone: true, precision: 3 }),
  active: boolean('active'),
  stage: text('stage'),
  ownerId: text('owner_id'),
  labels: jsonb('labels'),
  emails: jsonb('emails'),
  phones: jsonb('phones'),
  custom: jsonb('custom').notNull(),
});

const CREATE_PROBES = `CREATE TABLE filter_probes (
  id uuid PRIMARY KEY, workspace_id uuid NOT NULL, key text NOT NULL, name text, score integer,
  amount numeric, born date, seen_at timestamptz(3), active boolean, stage text, owner_id text,
  labels jsonb, emails jsonb, phones jsonb, custom jsonb NOT NULL DEFAULT '{}'::jsonb)`;

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ROW_IDS = { ali: ID(1), ali2: ID(2), sara: ID(3), zhaleh: ID(4), changiz: ID(5), hasan: ID(6), golareh: ID(7), leila: ID(8), ketab: ID(9), nameless: ID(10), ahmad: ID(11) };
const USER_1 = 'user-one';
const USER_2 = 'user-two';

type Probe = Partial<typeof probes.$inferInsert> & { key: keyof typeof ROW_IDS };
const ROWS: Probe[] = [
  {
    key: 'ali',
    name: 'علی رضایی',
    score: 10,
    amount: '1500.50',
    born: '1990-03-21',
    // 00:30 on 21 March in Tehran (UTC+03:30), still 20 March in UTC.
    seenAt: new Date('2024-03-20T21:00:00Z'),
    active: true,
    stage: 'new',
    ownerId: USER_1,
    labels: ['a', 'b'],
    emails: [{ value: 'ali@example.com' }],
    phones: [{ value: '+989121234567' }],
    custom: { budget: 5000, renewal: '2025-01-15', vip: true, tier: 'gold', interests: ['x', 'y'], referrer: ROW_IDS.sara },
  },
  {
    key: 'ali2',
    name: 'علي كريمي', // Arabic yeh and kaf, as pasted from Arabic-locale software
    score: 20,
    born: '2001-07-01',
    seenAt: new Date('2024-03-22T08:00:00Z'),
    active: false,
    stage: 'won',
    ownerId: USER_2,
    labels: ['b'],
    emails: [],
    phones: [{ value: '+982188776655' }],
    custom: { budget: '7000', renewal: 'not a date', vip: 'yes', tier: 'silver' },
  },
  {
    key: 'sara',
    name: 'سارا 50% تخفیف_ویژه',
    // Badly shaped stored data: every reader must survive it.
    labels: 'a',
    emails: 'sara@example.com',
    phones: {},
    custom: { budget: 100, renewal: '2024-02-31', vip: null, interests: 'x', referrer: 42 },
  },
  { key: 'zhaleh', name: 'ژاله', score: 5, stage: 'lost', labels: [], custom: { budget: 1000.5 } },
  { key: 'changiz', name: 'چنگیز', score: 15 },
  { key: 'hasan', name: 'حسن' },
  { key: 'golareh', name: 'گلاره', ownerId: USER_1 },
  { key: 'leila', name: 'لیلا' },
  { key: 'ketab', name: 'کتاب می‌شود' }, // with a ZWNJ
  { key: 'nameless', name: '  ' },
  { key: 'ahmad', name: 'Ahmad KARIMI', emails: [{ value: 'Ahmad.K@Example.com' }] },
];

const OPTIONS = ['new', 'won', 'lost'] as const;
const label = (en: string) => ({ fa: en, en });

function probeCatalog(): FieldCatalog {
  return {
    name: { type: 'text', column: probes.name, label: label('Name') },
    score: { type: 'number', column: probes.score, label: label('Score') },
    amount: { type: 'number', column: probes.amount, label: label('Amount') },
    born: { type: 'date', column: probes.born, label: label('Born') },
    seen_at: { type: 'datetime', column: probes.seenAt, label: label('Seen at') },
    active: { type: 'boolean', column: probes.active, label: label('Active') },
    stage: { type: 'enum', column: probes.stage, label: label('Stage'), options: OPTIONS },
    owner: { type: 'user', column: probes.ownerId, label: label('Owner') },
    labels: { type: 'multi_enum', column: probes.labels, label: label('Labels'), options: ['a', 'b', 'c'] },
    emails: { type: 'emails', column: probes.emails, label: label('Emails') },
    phones: { type: 'phones', column: probes.phones, label: label('Phones') },
    tags: { type: 'tags', column: probes.id, label: label('Tags'), tagsOf: { entityType: 'person', idColumn: probes.id, workspaceIdColumn: probes.workspaceId } },
    ...customFieldDefs(
      [
        { key: 'budget', type: 'number', labelFa: 'بودجه', labelEn: 'Budget' },
        { key: 'renewal', type: 'date', labelFa: 'تمدید', labelEn: 'Renewal' },
        { key: 'vip', type: 'boolean', labelFa: 'ویژه', labelEn: 'VIP' },
        { key: 'tier', type: 'select', labelFa: 'سطح', labelEn: 'Tier', options: [{ value: 'gold' }, { value: 'silver' }] },
        { key: 'interests', type: 'multi_select', labelFa: 'علایق', labelEn: 'Interests', options: [{ value: 'x' }, { value: 'y' }] },
        { key: 'referrer', type: 'person', labelFa: 'معرف', labelEn: 'Referrer' },
      ],
      probes.custom,
    ),
  };
}

const where = (field: string, op: string, value?: unknown): FilterGroup => ({ op: 'and', conditions: [{ field, op, value } as FilterGroup['conditions'][number]] });

function invalidFilterOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the filter to be refused');
}

describe.each(TEST_ENGINES)('filters compiled and run on %s', (engine) => {
  let testDb: MigratedTestDatabase;
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  const tagIds: Record<string, string> = {};
  const catalog = probeCatalog();

  const keysWhere = async (filter: FilterGroup, context?: FilterContext) => {
    const rows = await database.db
      .select({ key: probes.key })
      .from(probes)
      .where(and(eq(probes.workspaceId, workspaceId), compileFilter(catalog, filter, context)));
    return rows.map((r) => r.key).sort();
  };

  const keysSorted = async (sort: SortSpec[]) => {
    const rows = await database.db
      .select({ key: probes.key })
      .from(probes)
      .where(eq(probes.workspaceId, workspaceId))
      .orderBy(...compileSort(catalog, sort), asc(probes.id));
    return rows.map((r) => r.key);
  };

  beforeAll(async () => {
    testDb = await openMigratedTestDatabase(engine);
    database = testDb.database;
    workspaceId = await insertWorkspace(database);
    otherWorkspaceId = await insertWorkspace(database, 'دیگری');
    await database.executeSql(CREATE_PROBES);
    await database.db.insert(probes).values(ROWS.map((row) => ({ custom: {}, ...row, id: ROW_IDS[row.key], workspaceId })));
    // The same name in another workspace: the list's own workspace condition must keep it out.
    await database.db.insert(probes).values({ id: ID(99), workspaceId: otherWorkspaceId, key: 'elsewhere', name: 'علی', custom: {} });

    const tagRows = await database.db
      .insert(tags)
      .values([
        { workspaceId, name: 'VIP', nameKey: 'vip' },
        { workspaceId, name: 'وفادار', nameKey: 'وفادار' },
        { workspaceId: otherWorkspaceId, name: 'VIP', nameKey: 'vip' },
      ])
      .returning();
    Object.assign(tagIds, { vip: tagRows[0]!.id, loyal: tagRows[1]!.id, foreign: tagRows[2]!.id });
    await database.db.insert(taggings).values([
      { workspaceId, tagId: tagIds.vip!, entityType: 'person', entityId: ROW_IDS.ali },
      { workspaceId, tagId: tagIds.loyal!, entityType: 'person', entityId: ROW_IDS.ali },
      { workspaceId, tagId: tagIds.vip!, entityType: 'person', entityId: ROW_IDS.sara },
      // Same tag, other entity type: must not count for people.
      { workspaceId, tagId: tagIds.loyal!, entityType: 'organization', entityId: ROW_IDS.zhaleh },
      // Inconsistent data across workspaces is never matched: taggings are joined on the record's workspace.
      { workspaceId: otherWorkspaceId, tagId: tagIds.foreign!, entityType: 'person', entityId: ROW_IDS.leila },
    ]);
  });

  afterAll(async () => {
    await testDb?.close();
  });

  describe('Persian-aware text', () => {
    test('«علي» with Arabic yeh finds «علی», and the other way round', async () => {
      expect(await keysWhere(where('name', 'contains', 'علي'))).toEqual(['ali', 'ali2']);
      expect(await keysWhere(where('name', 'contains', 'علی'))).toEqual(['ali', 'ali2']);
      expect(await keysWhere(where('name', 'contains', 'کریمی'))).toEqual(['ali2']);
    });

    test('eq and starts_with ignore case and letter variants; ZWNJ or none is the same word', async () => {
      expect(await keysWhere(where('name', 'eq', 'ahmad karimi'))).toEqual(['ahmad']);
      expect(await keysWhere(where('name', 'eq', 'علي رضايي'))).toEqual(['ali']);
      expect(await keysWhere(where('name', 'starts_with', 'عل'))).toEqual(['ali', 'ali2']);
      expect(await keysWhere(where('name', 'contains', 'میشود'))).toEqual(['ketab']);
      expect(await keysWhere(where('name', 'contains', 'می‌شود'))).toEqual(['ketab']);
    });

    test('LIKE wildcards in the value are matched literally', async () => {
      expect(await keysWhere(where('name', 'contains', '50%'))).toEqual(['sara']);
      expect(await keysWhere(where('name', 'contains', '_'))).toEqual(['sara']);
      expect(await keysWhere(where('name', 'contains', '%'))).toEqual(['sara']);
      expect(await keysWhere(where('name', 'starts_with', '%'))).toEqual([]);
    });

    test('not_contains and neq also match empty names; is_empty treats blanks as empty; in', async () => {
      const notAli = await keysWhere(where('name', 'not_contains', 'علی'));
      expect(notAli).toContain('nameless');
      expect(notAli).not.toContain('ali');
      expect(notAli).not.toContain('ali2');
      expect(notAli).toHaveLength(ROWS.length - 2);
      expect(await keysWhere(where('name', 'neq', 'حسن'))).toHaveLength(ROWS.length - 1);
      expect(await keysWhere(where('name', 'is_empty'))).toEqual(['nameless']);
      expect(await keysWhere(where('name', 'is_not_empty'))).toHaveLength(ROWS.length - 1);
      expect(await keysWhere(where('name', 'in', ['حسن', 'ليلا']))).toEqual(['hasan', 'leila']);
    });
  });

  describe('numbers, dates and times', () => {
    test('numbers accept Persian digits and separators; between is inclusive', async () => {
      expect(await keysWhere(where('score', 'gt', '۱۵'))).toEqual(['ali2']);
      expect(await keysWhere(where('score', 'gte', 15))).toEqual(['ali2', 'changiz']);
      expect(await keysWhere(where('score', 'between', ['۵', 15]))).toEqual(['ali', 'changiz', 'zhaleh']);
      expect(await keysWhere(where('score', 'eq', '10'))).toEqual(['ali']);
      expect(await keysWhere(where('score', 'lt', 10.5))).toEqual(['ali', 'zhaleh']);
      expect(await keysWhere(where('amount', 'gte', '۱٬۵۰۰٫۵'))).toEqual(['ali']);
      expect(await keysWhere(where('score', 'neq', 10))).toHaveLength(ROWS.length - 1);
      expect(await keysWhere(where('score', 'is_empty'))).toHaveLength(ROWS.length - 4);
    });

    test('dates accept ISO days, also in Persian digits', async () => {
      expect(await keysWhere(where('born', 'eq', '۱۹۹۰-۰۳-۲۱'))).toEqual(['ali']);
      expect(await keysWhere(where('born', 'lt', '1995-01-01'))).toEqual(['ali']);
      expect(await keysWhere(where('born', 'between', ['1990-03-21', '2001-07-01']))).toEqual(['ali', 'ali2']);
      expect(await keysWhere(where('born', 'is_not_empty'))).toEqual(['ali', 'ali2']);
    });

    test('a day of a date-time field is a day in the caller time zone', async () => {
      expect(await keysWhere(where('seen_at', 'eq', '2024-03-20'))).toEqual(['ali']);
      expect(await keysWhere(where('seen_at', 'eq', '2024-03-20'), { timeZone: 'Asia/Tehran' })).toEqual([]);
      expect(await keysWhere(where('seen_at', 'eq', '2024-03-21'), { timeZone: 'Asia/Tehran' })).toEqual(['ali']);
      expect(await keysWhere(where('seen_at', 'lte', '2024-03-20'))).toEqual(['ali']);
      expect(await keysWhere(where('seen_at', 'gt', '2024-03-21'))).toEqual(['ali2']);
      expect(await keysWhere(where('seen_at', 'gt', '2024-03-20T21:00:00Z'))).toEqual(['ali2']);
      expect(await keysWhere(where('seen_at', 'gte', '2024-03-21T00:30:00+03:30'))).toEqual(['ali', 'ali2']);
      expect(await keysWhere(where('seen_at', 'between', ['2024-03-21', '2024-03-22']), { timeZone: 'Asia/Tehran' })).toEqual(['ali', 'ali2']);
    });
  });

  describe('flags, options, owners, lists', () => {
    test('boolean false includes unset flags', async () => {
      expect(await keysWhere(where('active', 'eq', true))).toEqual(['ali']);
      const notActive = await keysWhere(where('active', 'eq', 'false'));
      expect(notActive).toHaveLength(ROWS.length - 1);
      expect(notActive).toContain('ali2');
    });

    test('enum eq, in, not_in (which includes empty) and is_empty', async () => {
      expect(await keysWhere(where('stage', 'eq', 'won'))).toEqual(['ali2']);
      expect(await keysWhere(where('stage', 'in', ['won', 'lost']))).toEqual(['ali2', 'zhaleh']);
      const notNew = await keysWhere(where('stage', 'not_in', ['new']));
      expect(notNew).toHaveLength(ROWS.length - 1);
      expect(await keysWhere(where('stage', 'is_empty'))).toHaveLength(ROWS.length - 3);
    });

    test("owner 'me' is the caller", async () => {
      expect(await keysWhere(where('owner', 'eq', 'me'), { userId: USER_1 })).toEqual(['ali', 'golareh']);
      expect(await keysWhere(where('owner', 'eq', 'me'), { userId: USER_2 })).toEqual(['ali2']);
      expect(await keysWhere(where('owner', 'in', ['me', USER_2]), { userId: USER_1 })).toEqual(['ali', 'ali2', 'golareh']);
      expect(await keysWhere(where('owner', 'neq', 'me'), { userId: USER_1 })).toHaveLength(ROWS.length - 2);
    });

    test('multi-valued jsonb: has_any, has_all, has_none, is_empty — bad shapes never fail', async () => {
      expect(await keysWhere(where('labels', 'has_any', ['a', 'c']))).toEqual(['ali']);
      expect(await keysWhere(where('labels', 'has_any', ['b']))).toEqual(['ali', 'ali2']);
      expect(await keysWhere(where('labels', 'has_all', ['a', 'b']))).toEqual(['ali']);
      expect(await keysWhere(where('labels', 'has_none', ['a']))).toHaveLength(ROWS.length - 1);
      const empty = await keysWhere(where('labels', 'is_empty'));
      expect(empty).toContain('zhaleh');
      expect(empty).toContain('sara');
      expect(empty).not.toContain('ali2');
    });

    test('emails and phones: contains, is_empty', async () => {
      expect(await keysWhere(where('emails', 'contains', 'ALI@'))).toEqual(['ali']);
      expect(await keysWhere(where('emails', 'contains', 'ahmad.k@example'))).toEqual(['ahmad']);
      expect(await keysWhere(where('emails', 'contains', 'example.com'))).toEqual(['ahmad', 'ali']);
      expect(await keysWhere(where('phones', 'contains', '09121234567'))).toEqual(['ali']);
      expect(await keysWhere(where('phones', 'contains', '۰۹۱۲ ۱۲۳'))).toEqual(['ali']);
      expect(await keysWhere(where('phones', 'contains', '+98 21'))).toEqual(['ali2']);
      const noEmail = await keysWhere(where('emails', 'is_empty'));
      expect(noEmail).toContain('ali2');
      expect(noEmail).toContain('sara');
      expect(noEmail).not.toContain('ali');
      expect(await keysWhere(where('phones', 'is_not_empty'))).toEqual(['ali', 'ali2']);
    });

    test('tags: has_any, has_all, has_none and is_empty through taggings of the same workspace', async () => {
      expect(await keysWhere(where('tags', 'has_any', [tagIds.vip]))).toEqual(['ali', 'sara']);
      expect(await keysWhere(where('tags', 'has_all', [tagIds.vip, tagIds.loyal]))).toEqual(['ali']);
      expect(await keysWhere(where('tags', 'has_any', [tagIds.loyal]))).toEqual(['ali']);
      expect(await keysWhere(where('tags', 'has_none', [tagIds.vip]))).toHaveLength(ROWS.length - 2);
      expect(await keysWhere(where('tags', 'has_any', [tagIds.foreign]))).toEqual([]);
      expect(await keysWhere(where('tags', 'is_not_empty'))).toEqual(['ali', 'sara']);
      expect(await keysWhere(where('tags', 'is_empty'))).toHaveLength(ROWS.length - 2);
    });
  });

  describe('custom fields in jsonb', () => {
    test('numbers compare as numbers; a number stored as text is skipped, not an error', async () => {
      expect(await keysWhere(where('custom.budget', 'gt', 1000))).toEqual(['ali', 'zhaleh']);
      expect(await keysWhere(where('custom.budget', 'between', [100, '۱۰۰۰٫۵']))).toEqual(['sara', 'zhaleh']);
      expect(await keysWhere(where('custom.budget', 'is_empty'))).toHaveLength(ROWS.length - 3);
    });

    test('dates, booleans, selects, multi-selects and references', async () => {
      expect(await keysWhere(where('custom.renewal', 'gte', '2025-01-01'))).toEqual(['ali']);
      expect(await keysWhere(where('custom.renewal', 'eq', '2025-01-15'))).toEqual(['ali']);
      expect(await keysWhere(where('custom.vip', 'eq', true))).toEqual(['ali']);
      expect(await keysWhere(where('custom.tier', 'in', ['gold', 'silver']))).toEqual(['ali', 'ali2']);
      expect(await keysWhere(where('custom.interests', 'has_all', ['x', 'y']))).toEqual(['ali']);
      expect(await keysWhere(where('custom.interests', 'has_any', ['x']))).toEqual(['ali']);
      expect(await keysWhere(where('custom.referrer', 'eq', ROW_IDS.sara.toUpperCase()))).toEqual(['ali']);
    });

    test('sorting by a custom number puts badly stored and missing values last', async () => {
      const sorted = await keysSorted([{ field: 'custom.budget', direction: 'desc' }]);
      expect(sorted.slice(0, 3)).toEqual(['ali', 'zhaleh', 'sara']);
    });
  });

  describe('groups', () => {
    test('nested AND/OR', async () => {
      const filter: FilterGroup = {
        op: 'and',
        conditions: [
          { op: 'or', conditions: [{ field: 'name', op: 'contains', value: 'علي' }, { field: 'name', op: 'contains', value: 'سارا' }] },
          { op: 'or', conditions: [{ field: 'score', op: 'gt', value: 15 }, { field: 'stage', op: 'is_empty' }] },
        ],
      };
      expect(await keysWhere(filter)).toEqual(['ali2', 'sara']);
      const deeper: FilterGroup = {
        op: 'or',
        conditions: [
          { field: 'stage', op: 'eq', value: 'lost' },
          { op: 'and', conditions: [{ field: 'owner', op: 'eq', value: 'me' }, { op: 'or', conditions: [{ field: 'tags', op: 'has_any', value: [tagIds.vip!] }, { field: 'name', op: 'starts_with', value: 'گل' }] }] },
        ],
      };
      expect(await keysWhere(deeper, { userId: USER_1 })).toEqual(['ali', 'golareh', 'zhaleh']);
    });

    test('an empty group is no condition at all', async () => {
      expect(await keysWhere({ op: 'and', conditions: [] })).toHaveLength(ROWS.length);
      expect(await keysWhere({ op: 'or', conditions: [{ op: 'and', conditions: [] }] })).toHaveLength(ROWS.length);
    });
  });

  describe('sorting', () => {
    test('text sorts in Persian alphabetical order (چ before ح, ژ before س, گ before ل), Latin after, blanks last', async () => {
      const expected = ['changiz', 'hasan', 'zhaleh', 'sara', 'ali', 'ali2', 'ketab', 'golareh', 'leila', 'ahmad', 'nameless'];
      expect(await keysSorted([{ field: 'name', direction: 'asc' }])).toEqual(expected);
      // The same order as ICU's Persian collation, which is what the UI sorts with.
      const byCollator = ROWS.filter((r) => r.name?.trim()).sort((a, b) => new Intl.Collator('fa').compare(a.name!, b.name!)).map((r) => r.key);
      expect(byCollator).toEqual(expected.slice(0, -1));
      const reversed = await keysSorted([{ field: 'name', direction: 'desc' }]);
      expect(reversed).toEqual([...expected.slice(0, -1)].reverse().concat('nameless'));
    });

    test('several keys, numbers and dates', async () => {
      const sorted = await keysSorted([
        { field: 'stage', direction: 'asc' },
        { field: 'score', direction: 'desc' },
      ]);
      expect(sorted.slice(0, 4)).toEqual(['zhaleh', 'ali', 'ali2', 'changiz']);
    });
  });
});

describe('refusals (no database needed)', () => {
  const catalog = probeCatalog();

  test('unknown fields, wrong operators and bad values are reported together, each at its path', () => {
    const error = invalidFilterOf(() =>
      compileFilter(catalog, {
        op: 'and',
        conditions: [
          { field: 'nope', op: 'eq', value: 1 },
          { op: 'or', conditions: [{ field: 'score', op: 'contains', value: 1 }, { field: 'score', op: 'gt', value: 'ده' }] },
          { field: 'stage', op: 'eq', value: 'archived' },
          { field: 'constructor', op: 'eq', value: 'x' },
        ],
      }),
    );
    expect(error.code).toBe('invalid_filter');
    expect(error.status).toBe(400);
    expect(error.messages.fa).toBe('فیلتر معتبر نیست.');
    expect(error.fieldErrors.map((f) => [f.path, f.code])).toEqual([
      ['filter.conditions.0.field', 'unknown_field'],
      ['filter.conditions.1.conditions.0.op', 'unsupported_operator'],
      ['filter.conditions.1.conditions.1.value', 'invalid_value'],
      ['filter.conditions.2.value', 'invalid_value'],
      ['filter.conditions.3.field', 'unknown_field'],
    ]);
    expect(error.fieldErrors[2]!.message).toEqual({ fa: 'مقدار باید عدد باشد.', en: 'The value must be a number.' });
  });

  test("dates must be real days; 'me' needs a user; between needs [from, to] in order", () => {
    const cases: Array<[FilterGroup, FilterContext | undefined]> = [
      [where('born', 'eq', '2023-02-29'), undefined],
      [where('born', 'eq', '1402/01/01'), undefined],
      [where('owner', 'eq', 'me'), undefined],
      [where('score', 'between', [10]), undefined],
      [where('score', 'between', [10, 5]), undefined],
      [where('tags', 'has_any', ['not-a-uuid']), undefined],
      [where('name', 'contains', '   '), undefined],
      [where('phones', 'contains', 'abc'), undefined],
      [where('labels', 'has_any', ['zzz']), undefined],
    ];
    for (const [filter, context] of cases) {
      const error = invalidFilterOf(() => compileFilter(catalog, filter, context));
      expect(error.fieldErrors.map((f) => f.path), JSON.stringify(filter)).toEqual(['filter.conditions.0.value']);
    }
    expect(() => compileFilter(catalog, where('born', 'eq', '2024-02-29'))).not.toThrow();
  });

  test('a malformed tree (e.g. a stored view edited by hand) is refused with paths, and a custom prefix', () => {
    const error = invalidFilterOf(() => compileFilter(catalog, { op: 'xor', conditions: 'nope' } as unknown as FilterGroup, { path: 'view.filter' }));
    expect(error.code).toBe('invalid_filter');
    expect(error.fieldErrors.map((f) => f.path).sort()).toEqual(['view.filter.conditions', 'view.filter.op']);
  });

  test('sorting refuses unknown and list-valued fields', () => {
    const error = invalidFilterOf(() =>
      compileSort(catalog, [
        { field: 'tags', direction: 'asc' },
        { field: 'missing', direction: 'desc' },
        { field: 'custom.interests', direction: 'asc' },
      ]),
    );
    expect(error.code).toBe('invalid_sort');
    expect(error.fieldErrors.map((f) => [f.path, f.code])).toEqual([
      ['sort.0.field', 'not_sortable'],
      ['sort.1.field', 'unknown_field'],
      ['sort.2.field', 'not_sortable'],
    ]);
  });
});
