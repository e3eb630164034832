/*
 * How fast the CSV import engine writes rows: N generated people (names in both scripts, an email,
 * a mobile, an organisation, a city, a Jalali birthday and a few tags) imported through the
 * imports service on one engine, timed from the first batch to the last. No HTTP in the timed
 * part: this measures the runner, the adapters and the services' write paths.
 *
 *   node bin/run-ts.js bench/import-speed.ts --rows 10k --engine postgres
 *   node bin/run-ts.js bench/import-speed.ts --rows 10k --engine pglite --then-skip
 *
 * Options: --rows (default 10k), --engine pglite|postgres (default pglite), --batch (rows per
 * transaction, default the runner's), --organizations (distinct organisations, default rows/10),
 * --mode create|skip (default skip, the import's default), --then-skip (import the same file
 * again, every row a duplicate), --without-tags (leave the tags column unmapped, as an importer
 * without that field does), --seed, --keep (leave the database for a look).
 * PostgreSQL runs on a throwaway database (PEYVAND_BENCH_PG_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres); PGlite on a throwaway folder.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPeyvand, type Peyvand } from '#server/app.ts';
import { loadConfig } from '#server/kernel/config/config.ts';
import type { WorkspaceContext } from '#server/kernel/http/context.ts';
import type { ImportsService } from '#server/modules/imports/index.ts';
import { formatInt, parseCount } from './lib/args.ts';
import { createDataset, organizationAt, personAt, personCore, type Dataset } from './lib/crm-data.ts';
import { writeCsv } from './lib/csv.ts';
import { describeMachine, formatMachine } from './lib/machine.ts';
import { rowRng, stream } from './lib/prng.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './lib/throwaway-postgres.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10k' },
    engine: { type: 'string', default: 'pglite' },
    batch: { type: 'string' },
    organizations: { type: 'string' },
    mode: { type: 'string', default: 'skip' },
    'then-skip': { type: 'boolean', default: false },
    seed: { type: 'string', default: 'peyvand' },
    keep: { type: 'boolean', default: false },
    'without-tags': { type: 'boolean', default: false },
  },
});

const rows = parseCount('rows', args.rows, 10_000);
const engine = args.engine === 'postgres' ? 'postgres' : args.engine === 'pglite' ? 'pglite' : undefined;
if (!engine) throw new Error(`--engine is pglite or postgres, not "${args.engine}"`);
const mode = args.mode as 'create' | 'skip';
if (mode !== 'create' && mode !== 'skip') throw new Error(`--mode is create or skip, not "${args.mode}"`);
const batchSize = args.batch ? parseCount('batch', args.batch, 500) : undefined;
const organizations = parseCount('organizations', args.organizations, Math.max(1, Math.round(rows / 10)));

const TAGS = ['مشتری ویژه', 'نمایشگاه ۱۴۰۳', 'VIP', 'خبرنامه', 'عمده‌فروش', 'معرفی‌شده', 'پیگیری تلفنی'];
const HEADER = ['نام', 'نام خانوادگی', 'نام (لاتین)', 'نام خانوادگی (لاتین)', 'ایمیل', 'موبایل', 'شرکت', 'شهر', 'تاریخ تولد', 'برچسب‌ها'];
/** Column → import field; a field this version of the importer does not know is left unmapped. */
const MAPPING: Record<string, string> = {
  نام: 'firstName',
  'نام خانوادگی': 'lastName',
  'نام (لاتین)': 'firstNameLatin',
  'نام خانوادگی (لاتین)': 'lastNameLatin',
  ایمیل: 'email',
  موبایل: 'phone',
  شرکت: 'organization',
  شهر: 'city',
  'تاریخ تولد': 'birthday',
  'برچسب‌ها': 'tags',
};

function personRow(ds: Dataset, i: number, tagStream: ReturnType<typeof stream>): string[] {
  const p = personAt(ds, i);
  const core = personCore(ds, i);
  const rng = rowRng(tagStream, i);
  const tags = [...new Set(Array.from({ length: rng.int(0, 3) }, () => rng.pick(TAGS)))];
  const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return [
    p.firstName,
    p.lastName,
    p.locale === 'fa' ? capital(p.firstLatin) : '',
    p.locale === 'fa' ? capital(p.lastLatin) : '',
    p.email,
    p.mobile,
    core.organizationIndex >= 0 ? organizationAt(ds, core.organizationIndex).name : '',
    p.city,
    p.birthDateJalali,
    tags.join('، '),
  ];
}

async function openPeyvand(): Promise<{ peyvand: Peyvand; cleanup(): Promise<void>; where: string }> {
  let database: ThrowawayDatabase | undefined;
  let folder: string | undefined;
  if (engine === 'postgres') database = await createThrowawayDatabase();
  else folder = mkdtempSync(join(tmpdir(), 'peyvand-import-speed-'));
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: folder ?? mkdtempSync(join(tmpdir(), 'peyvand-import-speed-uploads-')),
      databaseUrl: database?.url,
      secret: randomBytes(32).toString('base64url'),
      jobsMode: 'off',
      logLevel: 'warn',
      webDistDir: '/nonexistent',
      demo: false,
    },
  );
  const peyvand = await createPeyvand(config);
  return {
    peyvand,
    where: database ? `PostgreSQL database ${database.name}` : `PGlite in ${folder}`,
    async cleanup() {
      await peyvand.close();
      if (args.keep) console.log(`kept: ${database?.url ?? folder}`);
      else {
        await database?.drop();
        if (folder) rmSync(folder, { recursive: true, force: true });
      }
      // A PostgreSQL run's uploads folder.
      if (!folder) rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up through the API (as a customer would) and returns an importer's context. */
async function signUp(peyvand: Peyvand): Promise<WorkspaceContext> {
  await peyvand.http.listen({ port: 0, host: '127.0.0.1' });
  const address = peyvand.http.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const response = await fetch(`${url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'سارا احمدی', email: 'import-bench@peyvand.example', password: 'benchmark-password-1404', workspaceName: 'بنچمارک درون‌ریزی', locale: 'fa' }),
  });
  if (response.status !== 201) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  const { user, workspace } = (await response.json()) as { user: { id: string; name: string }; workspace: { id: string } };
  return {
    workspaceId: workspace.id,
    actor: { type: 'user', id: user.id, name: user.name },
    roleKey: 'owner',
    permissions: new Set(['records.read', 'records.write', 'records.import']),
    locale: 'fa',
  };
}

type Timed = { seconds: number; counts: { created: number; updated: number; skipped: number; errors: number } };

async function importOnce(imports: ImportsService, ctx: WorkspaceContext, file: string, duplicateMode: 'create' | 'skip'): Promise<Timed> {
  const uploaded = await imports.upload(ctx, { entityType: 'person', fileName: 'people.csv', body: createReadStream(file) });
  const known = new Set(uploaded.preview.fields.map((f) => f.key));
  const wanted = Object.entries(MAPPING).filter(([, key]) => !(args['without-tags'] && key === 'tags'));
  const mapping = Object.fromEntries(wanted.filter(([, key]) => known.has(key)));
  const unknown = wanted.filter(([, key]) => !known.has(key));
  if (unknown.length) console.log(`  (this importer has no field for: ${unknown.map(([c]) => c).join(', ')}; left unmapped)`);
  const mapped = await imports.update(ctx, uploaded.import.id, { mapping, duplicateMode, version: uploaded.import.version });
  // Queued with the job queue off: this process runs it itself, timed.
  await imports.start(ctx, mapped.id, { version: mapped.version });
  const data = { importId: mapped.id, workspaceId: ctx.workspaceId, actor: ctx.actor, locale: ctx.locale };
  const started = performance.now();
  let batches = 0;
  for (;;) {
    const outcome = await imports.run(data, { batchSize, timeSliceMs: Number.MAX_SAFE_INTEGER });
    batches++;
    if (outcome !== 'continued') break;
  }
  const seconds = (performance.now() - started) / 1000;
  const done = await imports.get(ctx, mapped.id);
  if (done.status !== 'completed') throw new Error(`the import ended ${done.status}: ${JSON.stringify(done.failure)}`);
  return { seconds, counts: done.counts };
}

function report(label: string, t: Timed) {
  console.log(
    `${label}: ${formatInt(rows)} rows in ${t.seconds.toFixed(1)} s → ${formatInt(rows / t.seconds)} rows/s, ${((t.seconds * 1000) / rows).toFixed(2)} ms/row` +
      `  (created ${formatInt(t.counts.created)}, skipped ${formatInt(t.counts.skipped)}, errors ${formatInt(t.counts.errors)})`,
  );
}

const ds = createDataset({ seed: args.seed, size: { people: rows, organizations, activities: 0, orders: 0 } });
const csvFolder = mkdtempSync(join(tmpdir(), 'peyvand-import-speed-csv-'));
const file = join(csvFolder, 'people.csv');
const tagStream = stream(args.seed, 'import-speed-tags');
await writeCsv({ file, header: HEADER, rows, bom: true, record: (i) => personRow(ds, i, tagStream) });

console.log(`import speed: ${formatInt(rows)} people, ${formatInt(organizations)} organisations, engine ${engine}, mode ${mode}, batch ${batchSize ?? 'default'}`);
console.log(`machine: ${formatMachine(describeMachine())}`);
const { peyvand, cleanup, where } = await openPeyvand();
console.log(`database: ${where}`);
try {
  const ctx = await signUp(peyvand);
  const imports = (peyvand.services as unknown as { imports: ImportsService }).imports;
  const first = await importOnce(imports, ctx, file, mode);
  report('import', first);
  const [counts] = (
    await peyvand.database.executeSql(
      `SELECT (SELECT count(*)::int FROM people WHERE workspace_id = $1) AS people,
              (SELECT count(*)::int FROM organizations WHERE workspace_id = $1) AS organizations,
              (SELECT count(*)::int FROM contact_points WHERE workspace_id = $1) AS contact_points,
              (SELECT count(*)::int FROM taggings WHERE workspace_id = $1) AS taggings,
              (SELECT count(*)::int FROM audit_log WHERE workspace_id = $1) AS audit_entries`,
      [ctx.workspaceId],
    )
  ).rows;
  console.log(`  written: ${JSON.stringify(counts)}`);
  if (args['then-skip']) report('same file again (every row a duplicate, skip)', await importOnce(imports, ctx, file, 'skip'));
} finally {
  await cleanup();
  rmSync(csvFolder, { recursive: true, force: true });
}
