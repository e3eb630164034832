import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { searchKey } from '#common/text/index.ts';
import type { Database } from '#server/kernel/db/database.ts';
import { organizationSearchKey } from '#server/modules/organizations/organizations.fields.ts';
import { contactPointsOf, normaliseEmails, normalisePhones } from '#server/modules/people/contact-fields.ts';
import { personSearchKey } from '#server/modules/people/people.search-key.ts';
import { createDataset, organizationAt, personAt, personCore, type Dataset } from './crm-data.ts';
import { rowRng, stableUuid, stream, type Prng, type Stream } from './prng.ts';

/*
 * Fills one workspace with customers as the application stores them: organisations, people,
 * their links, the contact-point index, tags and taggings. The content is the CSV generator's
 * (same seed, same people), and every derived column is computed by the application's own code:
 * emails and phones by normaliseEmails/normalisePhones, the contact points by contactPointsOf,
 * the search keys by personSearchKey and organizationSearchKey — so search and dedupe see exactly
 * what they would after the same records had been typed in or imported.
 *
 * Rows go straight into the tables (not through the API: a million creates through the service
 * would take hours). The secondary indexes of these tables are dropped first and re-created from
 * their own definitions (pg_indexes) once the rows are in, which is much faster than maintaining
 * them row by row, and ends in the same schema. PGlite gets multi-row INSERTs; PostgreSQL gets
 * `COPY … FROM STDIN` through psql when it is installed (`psql` on PATH), else INSERTs too.
 */

export type CustomerDataOptions = {
  workspaceId: string;
  seed?: string;
  people: number;
  /** Default people / 10, as the CSV generator. */
  organizations?: number;
  /** PostgreSQL only: load with psql's \copy from this database URL (much faster than INSERT). */
  copyUrl?: string;
  batchSize?: number;
  onProgress?: (text: string) => void;
};

export type CustomerDataResult = {
  people: number;
  organizations: number;
  rows: Record<string, number>;
  /** How the rows went in; 'reused' when they were already there (a kept database). */
  method: 'insert' | 'copy' | 'reused';
  /** Generating and loading the rows, re-creating the indexes, VACUUM (ANALYZE). */
  seconds: { load: number; indexes: number; vacuum: number; total: number };
  rowsPerSecond: number;
  tags: Array<{ id: string; name: string; share: number }>;
  sources: Array<{ value: string | null; share: number }>;
};

/** Workspace tags and the share of people who carry each (independently). */
export const CUSTOMER_TAGS: ReadonlyArray<readonly [name: string, share: number]> = [
  ['خبرنامه', 0.3],
  ['وفادار', 0.15],
  ['پیگیری', 0.12],
  ['نمایشگاه ایران‌کامکس', 0.1],
  ['عمده‌فروش', 0.08],
  ['مشتری ویژه', 0.05],
  ['همکار تجاری', 0.04],
  ['VIP', 0.02],
  ['بدحساب', 0.01],
  ['قدیمی', 0.005],
];

/** Where people came from (the free-text `source` field), with weights. */
export const CUSTOMER_SOURCES: ReadonlyArray<readonly [value: string | null, weight: number]> = [
  ['وب‌سایت', 25],
  ['نمایشگاه', 15],
  ['معرفی مشتری', 15],
  ['import', 15],
  ['اینستاگرام', 10],
  ['تماس ورودی', 10],
  [null, 10],
];

const JOB_TITLES = ['مدیر فروش', 'کارشناس خرید', 'مدیرعامل', 'حسابدار', 'مدیر بازرگانی', 'کارشناس فنی', 'مدیر تولید', 'مسئول دفتر'] as const;

type Table = { name: string; columns: readonly string[] };

const TABLES = {
  organizations: {
    name: 'organizations',
    columns: ['id', 'workspace_id', 'name', 'name_latin', 'type', 'industry', 'website', 'national_id', 'emails', 'phones', 'addresses', 'owner_id', 'search_key', 'version', 'created_by', 'created_at', 'updated_at'],
  },
  people: {
    name: 'people',
    columns: [
      'id', 'workspace_id', 'first_name', 'last_name', 'first_name_latin', 'last_name_latin', 'emails', 'phones', 'addresses', 'birthday', 'job_title',
      'owner_id', 'source', 'consent', 'last_verified_at', 'search_key', 'version', 'created_by', 'created_at', 'updated_at', 'deleted_at',
    ],
  },
  personOrganizations: { name: 'person_organizations', columns: ['id', 'workspace_id', 'person_id', 'organization_id', 'role', 'is_primary', 'created_at'] },
  contactPoints: { name: 'contact_points', columns: ['id', 'workspace_id', 'entity_type', 'entity_id', 'kind', 'value'] },
  tags: { name: 'tags', columns: ['id', 'workspace_id', 'name', 'name_key', 'color', 'created_at'] },
  taggings: { name: 'taggings', columns: ['workspace_id', 'tag_id', 'entity_type', 'entity_id', 'created_at'] },
} satisfies Record<string, Table>;

/** In foreign-key order: a batch of a later table may refer to rows of an earlier one. */
const LOAD_ORDER: Table[] = [TABLES.tags, TABLES.organizations, TABLES.people, TABLES.personOrganizations, TABLES.contactPoints, TABLES.taggings];

type Sink = { add(table: Table, row: unknown[]): Promise<void>; finish(): Promise<void> };

/** Multi-row INSERTs of `batchSize` rows; all buffers flush together, in LOAD_ORDER, so references always exist. */
function insertSink(database: Database, batchSize: number): Sink {
  const buffers = new Map<Table, unknown[][]>(LOAD_ORDER.map((t) => [t, []]));
  const flush = async () => {
    for (const table of LOAD_ORDER) {
      const rows = buffers.get(table)!;
      if (!rows.length) continue;
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (const row of rows) {
        tuples.push(`(${row.map((_, k) => `$${params.length + k + 1}`).join(', ')})`);
        params.push(...row);
      }
      await database.executeSql(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
      buffers.set(table, []);
    }
  };
  return {
    async add(table, row) {
      const rows = buffers.get(table)!;
      rows.push(row);
      if (rows.length >= batchSize) await flush();
    },
    finish: flush,
  };
}

/** COPY text of one value: NULL is unquoted empty, '' is "" (CSV format). */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV file per table in a temporary folder, loaded with psql's \copy at the end, in LOAD_ORDER. */
function copySink(databaseUrl: string, onProgress: (text: string) => void): Sink & { counts: Map<Table, number> } {
  const dir = mkdtempSync(join(tmpdir(), 'peyvand-bench-copy-'));
  const files = new Map<Table, { path: string; out: WriteStream; chunk: string }>();
  const counts = new Map<Table, number>();
  for (const table of LOAD_ORDER) {
    const path = join(dir, `${table.name}.csv`);
    files.set(table, { path, out: createWriteStream(path, { highWaterMark: 1024 * 1024 }), chunk: '' });
  }
  return {
    counts,
    async add(table, row) {
      const file = files.get(table)!;
      file.chunk += row.map(copyField).join(',') + '\n';
      if (file.chunk.length >= 256 * 1024) {
        const ok = file.out.write(file.chunk);
        file.chunk = '';
        if (!ok) await once(file.out, 'drain');
      }
    },
    async finish() {
      try {
        for (const file of files.values()) {
          if (file.chunk) file.out.write(file.chunk);
          file.out.end();
          await finished(file.out);
        }
        for (const table of LOAD_ORDER) {
          const started = performance.now();
          await runPsql(databaseUrl, `\\copy ${table.name} (${table.columns.join(', ')}) FROM '${files.get(table)!.path}' WITH (FORMAT csv)`);
          onProgress(`${table.name}: copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs one psql command against `databaseUrl`; rejects with psql's own message. */
export async function runPsql(databaseUrl: string, command: string): Promise<string> {
  // -t -A: bare values, so a SELECT answers just its value.
  const child = spawn('psql', [databaseUrl, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`psql failed (${code}): ${err.trim() || out.trim()}`);
  return out;
}

/** True when psql can be started (it comes with the PostgreSQL client package). */
export async function psqlAvailable(): Promise<boolean> {
  try {
    const child = spawn('psql', ['--version'], { stdio: 'ignore' });
    const [code] = (await once(child, 'close')) as [number | null];
    return code === 0;
  } catch {
    return false;
  }
}

type Context = {
  workspaceId: string;
  ds: Dataset;
  owners: string[];
  ids: Record<'person' | 'organization' | 'link' | 'contact', Stream>;
  extra: Record<'person' | 'organization', Stream>;
  contactIndex: number;
  tagIds: string[];
};

export async function generateCustomerData(database: Database, options: CustomerDataOptions): Promise<CustomerDataResult> {
  const started = performance.now();
  const seed = options.seed ?? 'peyvand';
  const organizationCount = options.organizations ?? Math.max(1, Math.floor(options.people / 10));
  const progress = options.onProgress ?? (() => {});
  const idSeed = `${seed}/${options.workspaceId}`;
  const ds = createDataset({ seed, size: { people: options.people, organizations: organizationCount, activities: 0, orders: 0 } });

  // Owners: the members of the workspace (generateTenantData's), in the order they joined.
  const owners = (
    await database.executeSql('SELECT user_id FROM memberships WHERE workspace_id = $1 ORDER BY created_at, id', [options.workspaceId])
  ).rows.map((r) => String(r.user_id));
  if (!owners.length) throw new Error('the workspace has no members to own the customers');

  const ctx: Context = {
    workspaceId: options.workspaceId,
    ds,
    owners,
    ids: { person: stream(idSeed, 'person'), organization: stream(idSeed, 'organization'), link: stream(idSeed, 'person-organization'), contact: stream(idSeed, 'contact-point') },
    extra: { person: stream(seed, 'customer-person-extra'), organization: stream(seed, 'customer-organization-extra') },
    contactIndex: 0,
    tagIds: CUSTOMER_TAGS.map((_, i) => stableUuid(stream(idSeed, 'tag'), i)),
  };

  // The secondary indexes go, and come back with their own definitions after the load.
  const tableNames = LOAD_ORDER.map((t) => t.name);
  const indexes = (
    await database.executeSql(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [tableNames],
    )
  ).rows as Array<{ indexname: string; indexdef: string }>;
  for (const index of indexes) await database.executeSql(`DROP INDEX ${index.indexname}`);

  const useCopy = !!options.copyUrl && database.engine === 'postgres' && (await psqlAvailable());
  const sink = useCopy ? copySink(options.copyUrl!, progress) : insertSink(database, options.batchSize ?? 1000);
  const counts: Record<string, number> = Object.fromEntries(tableNames.map((n) => [n, 0]));
  const add = (table: Table, row: unknown[]) => {
    counts[table.name]!++;
    return sink.add(table, row);
  };

  const tagCreated = new Date(Date.UTC(2019, 2, 21, 6, 0, 0)).toISOString();
  for (const [i, [name]] of CUSTOMER_TAGS.entries()) await add(TABLES.tags, [ctx.tagIds[i], ctx.workspaceId, name, searchKey(name), null, tagCreated]);

  const organizationNames: string[] = new Array(organizationCount);
  for (let i = 0; i < organizationCount; i++) {
    organizationNames[i] = await addOrganization(ctx, i, add);
    if ((i + 1) % 50_000 === 0 || i + 1 === organizationCount) progress(`organizations: ${(i + 1).toLocaleString('en-US')} / ${organizationCount.toLocaleString('en-US')}`);
  }
  for (let i = 0; i < options.people; i++) {
    await addPerson(ctx, i, organizationNames, add);
    if ((i + 1) % 100_000 === 0 || i + 1 === options.people) progress(`people: ${(i + 1).toLocaleString('en-US')} / ${options.people.toLocaleString('en-US')}`);
  }
  await sink.finish();
  const loaded = performance.now();
  const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
  progress(`${totalRows.toLocaleString('en-US')} rows ${useCopy ? 'copied' : 'inserted'} in ${((loaded - started) / 1000).toFixed(1)} s; re-creating ${indexes.length} indexes`);

  for (const index of indexes) {
    const t = performance.now();
    await database.executeSql(index.indexdef);
    progress(`${index.indexname}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const indexed = performance.now();
  // What autovacuum would soon do on PostgreSQL (PGlite runs none): statistics and a visibility map.
  await database.executeSql(`VACUUM (ANALYZE) ${tableNames.join(', ')}`);
  const done = performance.now();

  const tagged = await database.executeSql(
    'SELECT tag_id, count(*)::int AS n FROM taggings WHERE workspace_id = $1 GROUP BY tag_id',
    [ctx.workspaceId],
  );
  const perTag = new Map(tagged.rows.map((r) => [String(r.tag_id), Number(r.n)]));
  const sourceTotal = CUSTOMER_SOURCES.reduce((a, [, w]) => a + w, 0);
  return {
    people: options.people,
    organizations: organizationCount,
    rows: counts,
    method: useCopy ? 'copy' : 'insert',
    seconds: { load: (loaded - started) / 1000, indexes: (indexed - loaded) / 1000, vacuum: (done - indexed) / 1000, total: (done - started) / 1000 },
    rowsPerSecond: totalRows / ((done - started) / 1000),
    tags: CUSTOMER_TAGS.map(([name], i) => ({ id: ctx.tagIds[i]!, name, share: (perTag.get(ctx.tagIds[i]!) ?? 0) / options.people })),
    sources: CUSTOMER_SOURCES.map(([value, weight]) => ({ value, share: weight / sourceTotal })),
  };
}

type Add = (table: Table, row: unknown[]) => Promise<void>;

const ownerOf = (ctx: Context, rng: Prng) => ctx.owners[Math.min(ctx.owners.length - 1, Math.floor(ctx.owners.length * Math.pow(rng.float(), 2)))]!;

async function addContactPoints(ctx: Context, entityType: 'person' | 'organization', entityId: string, points: Array<{ kind: string; value: string }>, add: Add) {
  const unique = [...new Map(points.filter((p) => p.value).map((p) => [`${p.kind}:${p.value}`, p])).values()];
  for (const p of unique) await add(TABLES.contactPoints, [stableUuid(ctx.ids.contact, ctx.contactIndex++), ctx.workspaceId, entityType, entityId, p.kind, p.value]);
}

/** One organisation as the organisations module stores it; returns its name (people's search keys hold it). */
async function addOrganization(ctx: Context, index: number, add: Add): Promise<string> {
  const o = organizationAt(ctx.ds, index);
  const rng = rowRng(ctx.extra.organization, index);
  const emails = rng.chance(0.5) ? normaliseEmails([`info@${o.domain}`]) : [];
  const phones = normalisePhones([o.phone]).phones;
  const row = {
    name: o.name,
    nameLatin: o.nameEn !== o.name ? o.nameEn : null,
    nationalId: o.legalId || null,
    economicCode: null,
    website: o.website,
    emails,
    phones,
  };
  const createdAt = o.createdAt.toISOString();
  const owner = ownerOf(ctx, rng);
  await add(TABLES.organizations, [
    o.id, ctx.workspaceId, row.name, row.nameLatin, o.type, o.industry, row.website, row.nationalId, JSON.stringify(emails), JSON.stringify(phones),
    JSON.stringify([{ city: o.city }]), owner, organizationSearchKey(row), 1, owner, createdAt, createdAt,
  ]);
  await addContactPoints(ctx, 'organization', o.id, contactPointsOf(emails, phones), add);
  return o.name;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** One person as the people module stores it, with its organisation link, contact points and tags. */
async function addPerson(ctx: Context, index: number, organizationNames: string[], add: Add): Promise<void> {
  const p = personAt(ctx.ds, index);
  const rng = rowRng(ctx.extra.person, index);
  const id = stableUuid(ctx.ids.person, index);
  const emails = normaliseEmails([p.email.toLowerCase()]);
  const phones = p.mobile ? normalisePhones([p.mobile]).phones : [];
  const firstNameLatin = p.locale === 'fa' ? capitalize(p.firstLatin) : p.firstName;
  const lastNameLatin = p.locale === 'fa' ? capitalize(p.lastLatin) : p.lastName;
  const core = personCore(ctx.ds, index);
  const orgIndex = core.organizationIndex >= 0 ? core.organizationIndex : undefined;
  const jobTitle = orgIndex !== undefined && rng.chance(0.6) ? rng.pick(JOB_TITLES) : null;
  const owner = ownerOf(ctx, rng);
  const source = rng.weighted(CUSTOMER_SOURCES);
  const created = p.createdAt;
  const createdAt = created.toISOString();
  const consent = rng.chance(0.3) ? { email: true, sms: rng.chance(0.5), updatedAt: createdAt } : {};
  const verified = rng.chance(0.4) ? new Date(created.getTime() + rng.int(0, 700) * 86_400_000).toISOString().slice(0, 10) : null;
  const deleted = rng.chance(0.005);
  const searchKeyValue = personSearchKey({ firstName: p.firstName, lastName: p.lastName, firstNameLatin, lastNameLatin, emails, phones }, orgIndex !== undefined ? [organizationNames[orgIndex]!] : []);
  await add(TABLES.people, [
    id, ctx.workspaceId, p.firstName, p.lastName, firstNameLatin, lastNameLatin, JSON.stringify(emails), JSON.stringify(phones), JSON.stringify([{ city: p.city }]),
    p.birthDate || null, jobTitle, owner, source, JSON.stringify(consent), verified, searchKeyValue, 1, owner, createdAt, createdAt,
    deleted ? new Date(created.getTime() + 86_400_000).toISOString() : null,
  ]);
  if (orgIndex !== undefined) {
    await add(TABLES.personOrganizations, [stableUuid(ctx.ids.link, index), ctx.workspaceId, id, p.organizationId, jobTitle, true, createdAt]);
  }
  // A deleted person leaves the contact-point index (people.service softDelete), and keeps its tags.
  if (!deleted) await addContactPoints(ctx, 'person', id, contactPointsOf(emails, phones), add);
  for (let t = 0; t < CUSTOMER_TAGS.length; t++) {
    if (rng.chance(CUSTOMER_TAGS[t]![1])) await add(TABLES.taggings, [ctx.workspaceId, ctx.tagIds[t], 'person', id, createdAt]);
  }
}

/** What generateCustomerData reports, read back from a database an earlier run filled (and kept). */
export async function describeCustomerData(database: Database, workspaceId: string): Promise<CustomerDataResult> {
  const rows: Record<string, number> = {};
  for (const table of LOAD_ORDER) {
    rows[table.name] = Number((await database.executeSql(`SELECT count(*)::int AS n FROM ${table.name} WHERE workspace_id = $1`, [workspaceId])).rows[0]!.n);
  }
  const tags = (
    await database.executeSql(
      `SELECT t.id, t.name, (SELECT count(*) FROM taggings g WHERE g.tag_id = t.id)::float8 / greatest(1, $2::int) AS share FROM tags t WHERE t.workspace_id = $1 ORDER BY t.name`,
      [workspaceId, rows.people ?? 0],
    )
  ).rows.map((r) => ({ id: String(r.id), name: String(r.name), share: Number(r.share) }));
  const sourceTotal = CUSTOMER_SOURCES.reduce((a, [, w]) => a + w, 0);
  return {
    people: rows.people ?? 0,
    organizations: rows.organizations ?? 0,
    rows,
    method: 'reused',
    seconds: { load: 0, indexes: 0, vacuum: 0, total: 0 },
    rowsPerSecond: 0,
    tags,
    sources: CUSTOMER_SOURCES.map(([value, weight]) => ({ value, share: weight / sourceTotal })),
  };
}
