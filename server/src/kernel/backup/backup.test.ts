import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateDatabase, migrationsFolder } from '../db/migrate.ts';
import { AppError } from '../errors/index.ts';
import { createBackup, restoreBackup, type BackupHeader } from './index.ts';

// Integration specs on both engines: PGlite → PostgreSQL and PostgreSQL → PGlite, every row of every
// table compared as JSON, plus the refusals (non-empty target, newer schema, damaged dump).

const ADMIN_URL = process.env.PEYVAND_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const W1 = '0a6f6c1e-6f0b-4c1e-9c55-0d3f2b8f1a01';
const W2 = '0a6f6c1e-6f0b-4c1e-9c55-0d3f2b8f1a02';
const WORKSPACE_NAME = 'فروشگاه «پیوند» می‌شود 😀'; // with a ZWNJ in «می‌شود»
const AWKWARD_TEXT = 'Acme "quoted" \\ back-slash\ttab\nnew line, \'apostrophe\' {braces} ,comma';
const SALES_PERMISSIONS = ['deals:read', 'یادداشت,با ویرگول', '"quoted"', '{braces}', 'back\\slash', 'NULL', '', null, 'می‌شود'];
const AUDIT_AFTER = {
  name: 'شرکت می‌شود',
  tags: ['الف', 'ب', '😀'],
  nested: { flag: true, none: null, deeper: { list: [1, 'دو', { سه: 3 }] } },
};
const BIG_JSON_NUMBER = '12345678901234567890.123456789';
const RAW_JSON = '{"b": 1,   "a": [1, 2], "a": "duplicate key, odd spacing"}';
const PROBE_COUNT = 3;
const LOGIN_ATTEMPTS = 12_001;

const journalTags = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
).entries.map((entry) => entry.tag);

type PostgresDatabase = { url: string; drop(): Promise<void> };

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<PostgresDatabase> {
  const name = `peyvand_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A table no migration knows: proves tables are discovered, and covers the odd types. */
async function createProbeTable(database: Database): Promise<void> {
  await database.executeSql(`
    create table backup_probe (
      id integer generated always as identity primary key,
      parent_id integer references backup_probe (id),
      code serial not null,
      amount numeric(30, 10),
      ratio double precision,
      payload bytea,
      span interval,
      day date,
      local_time timestamp,
      moment timestamptz,
      short varchar(5),
      flag boolean,
      raw json,
      big bigint,
      short_upper text generated always as (upper(short)) stored
    )`);
  // Two tables referencing each other: no table order satisfies both foreign keys.
  await database.executeSql(`create table backup_probe_partner (id integer primary key, probe_id integer references backup_probe (id))`);
  await database.executeSql(`alter table backup_probe add column partner_id integer references backup_probe_partner (id)`);
  // An audit-style trigger: it must not fire again for restored rows.
  await database.executeSql(`create table backup_probe_log (id serial primary key, probe_id integer not null, note text not null)`);
  await database.executeSql(`
    create function backup_probe_logged() returns trigger language plpgsql as $$
    begin
      insert into backup_probe_log (probe_id, note) values (new.id, 'ثبت شد');
      return new;
    end $$`);
  await database.executeSql(
    `create trigger backup_probe_logged after insert on backup_probe for each row execute function backup_probe_logged()`,
  );
}

async function seed(database: Database): Promise<void> {
  const run = (text: string, values?: unknown[]) => database.executeSql(text, values);
  await run(
    `insert into workspaces (id, name, slug, default_locale, calendar, timezone, version, created_at, updated_at) values
       ($1::text::uuid, $2::text, 'peyvand', 'fa', 'jalali', 'Asia/Tehran', 3,
        '2024-03-20 10:11:12.123456+03:30', '2024-03-20 10:11:12.999999+03:30'),
       ($3::text::uuid, $4::text, 'acme', 'en', 'gregorian', 'UTC', 1, '1999-12-31 23:59:59.000001+00', '2000-01-01 00:00:00+00')`,
    [W1, WORKSPACE_NAME, W2, AWKWARD_TEXT],
  );
  await run(
    `insert into users (id, name, email, email_verified, image, active_workspace_id, created_at, updated_at) values
       ('u1', 'علی‌رضا رضایی', 'ali@example.ir', true, null, $1::text::uuid, '2024-01-01 00:00:00.000001+00', '2024-01-02 03:04:05.678901+00'),
       ('u2', 'Sara 👩🏽‍💻', 'sara@example.com', false, 'https://example.com/عکس.png', null, '2024-02-29 23:59:59.999999+00', '2024-03-01 00:00:00+00'),
       ('u3', $2::text, 'third@example.ir', false, null, $3::text::uuid, '2024-06-01 12:00:00+04:30', '2024-06-01 12:00:00+04:30')`,
    [W1, AWKWARD_TEXT, W2],
  );
  await run(
    `insert into accounts (id, account_id, provider_id, user_id, password, access_token_expires_at)
     values ('a1', 'u1', 'credential', 'u1', 'scrypt$abc$def', null)`,
  );
  await run(`insert into sessions (id, expires_at, token, user_id, ip_address, user_agent)
             values ('s1', '2030-01-01 00:00:00.5+00', 'token-1', 'u1', '10.0.0.1', 'Firefox «فارسی»')`);
  await run(`insert into verifications (id, identifier, value, expires_at) values ('v1', 'email:ali@example.ir', 'کد ۱۲۳', '2030-01-01 00:00:00+00')`);
  await run(
    `insert into login_attempts (email, ip_address, succeeded, attempted_at)
     select 'user' || g || '@example.ir', case when g % 3 = 0 then null else '10.0.0.' || (g % 255) end, g % 2 = 0,
            timestamptz '2024-01-01 00:00:00+00' + g * interval '1001 microseconds'
     from generate_series(1, ${LOGIN_ATTEMPTS}) as g`,
  );
  await run(
    `insert into memberships (workspace_id, user_id, role_key) values
       ($1::text::uuid, 'u1', 'owner'), ($1::text::uuid, 'u2', 'member'), ($2::text::uuid, 'u3', 'admin')`,
    [W1, W2],
  );
  await run(
    `insert into roles (workspace_id, key, name_fa, name_en, permissions, built_in) values
       ($1::text::uuid, 'owner', 'مالک', 'Owner', array['*'], true),
       ($1::text::uuid, 'sales', 'فروش‌کار', 'Sales', (select array_agg(e order by n) from json_array_elements_text($3::text::json) with ordinality as x(e, n)), false),
       ($2::text::uuid, 'empty', 'بدون دسترسی', 'Nothing', '{}', false)`,
    [W1, W2, JSON.stringify(SALES_PERMISSIONS)],
  );
  await run(
    `insert into audit_log (workspace_id, occurred_at, actor_type, actor_id, actor_name, action, entity_type, entity_id, before, after) values
       ($1::text::uuid, '2024-03-20 10:11:12.654321+03:30', 'user', 'u1', 'علی‌رضا', 'workspace.updated', 'workspace', $1::text,
        null, jsonb_set($2::text::jsonb, '{nested,n}', $3::text::jsonb)),
       ($1::text::uuid, '2024-03-20 10:11:12.654322+03:30', 'system', null, null, 'odd.values', 'none', 'x', '[]', '"just a string"')`,
    [W1, JSON.stringify(AUDIT_AFTER), BIG_JSON_NUMBER],
  );
  await run(
    `insert into idempotency_keys (scope, key, request_hash, state, status_code, response_body) values
       ('u1', 'key-«۱»', 'hash', 'done', 201, '{"id": "x", "مقدار": 1.5e-7}'),
       ('u1', 'key-2', 'hash', 'pending', null, null)`,
  );
  await run(
    `insert into invitations (workspace_id, email, role_key, token_hash, invited_by, expires_at, accepted_at) values
       ($1::text::uuid, 'new@example.ir', 'member', 'th-1', 'u1', '2030-01-01 00:00:00.000001+00', null),
       ($1::text::uuid, 'old@example.ir', 'sales', 'th-2', null, '2020-01-01 00:00:00+00', '2020-01-01 00:00:01.25+00')`,
    [W1],
  );
  await run(
    `insert into api_keys (workspace_id, name, prefix, secret_hash, role_key, created_by, last_used_at, expires_at, revoked_at) values
       ($1::text::uuid, 'کلید «ادغام»', 'pk_live', 'sh-1', 'admin', 'u1', '2024-05-05 05:05:05.050505+00', null, null),
       ($1::text::uuid, 'revoked', 'pk_old', 'sh-2', 'member', null, null, '2025-01-01 00:00:00+00', '2024-12-31 23:59:59.999999+00')`,
    [W1],
  );
  // The first probe row references a later one: no order by primary key satisfies that foreign key.
  await run(
    `insert into backup_probe (id, parent_id, amount, ratio, payload, span, day, local_time, moment, short, flag, raw, big)
     overriding system value values
       (2, null, 12345678901234567890.0123456789, 0.1::float8 + 0.2::float8, '\\x00ff10'::bytea, '1 year 2 mons 3 days 04:05:06.789',
        '1403-01-01', '2024-03-20 10:11:12.123456', '2024-03-20 10:11:12.123456+03:30', 'aé', true, $1::text::json, 9223372036854775807),
       (3, 2, -0.0000000001, 'Infinity', convert_to('می‌شود', 'UTF8'), '-1 day', '0001-01-01', null, '1969-12-31 23:59:59.999999-12', 'ی', false, 'null', -9223372036854775808),
       (1, 3, null, null, null, null, null, null, null, null, null, null, null)`,
    [RAW_JSON],
  );
  await run(`insert into backup_probe_partner (id, probe_id) values (7, 2)`);
  await run(`update backup_probe set partner_id = 7 where id = 3`);
  // A sequence that ran ahead of the rows (a rolled-back insert, say) must not run backwards.
  await run(`select nextval('backup_probe_code_seq'), nextval('backup_probe_code_seq')`);
}

type Snapshot = Record<string, string>;

/** Every row of every public table as JSON, ordered by primary key; the comparison oracle. */
async function snapshot(database: Database): Promise<Snapshot> {
  return database.db.transaction(async (tx) => {
    const query = async <T>(text: string) => ((await tx.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = await query<{ table_name: string }>(
      `select table_name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const result: Snapshot = {};
    for (const { table_name: table } of tables) {
      const keys = await query<{ column_name: string }>(
        `select k.column_name from information_schema.table_constraints c
         join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema
         where c.table_schema = 'public' and c.table_name = '${table}' and c.constraint_type = 'PRIMARY KEY'
         order by k.ordinal_position`,
      );
      // Tables without a primary key (link tables with a unique pair) are ordered by the whole row.
      const orderBy = keys.length ? keys.map((key) => `t."${key.column_name}"`).join(', ') : 'to_jsonb(t)::text';
      const [row] = await query<{ data: string }>(
        `select coalesce(json_agg(to_jsonb(t) order by ${orderBy}), '[]'::json)::text as data from public."${table}" as t`,
      );
      result[table] = row!.data;
    }
    return result;
  });
}

async function one<T>(database: Database, text: string, values?: unknown[]): Promise<T> {
  const { rows } = await database.executeSql(text, values);
  return rows[0] as T;
}

/** Checks tricky values against what the seed wrote: an oracle independent of the snapshot. */
async function expectTrickyValues(database: Database): Promise<void> {
  expect((await one<{ name: string }>(database, `select name from workspaces where id = $1::text::uuid`, [W1])).name).toBe(WORKSPACE_NAME);
  expect(WORKSPACE_NAME).toContain('\u200c');
  expect((await one<{ name: string }>(database, `select name from workspaces where id = $1::text::uuid`, [W2])).name).toBe(AWKWARD_TEXT);
  // The app's own columns may round to milliseconds; this one keeps microseconds.
  const time = await one<{ at: string; same: boolean }>(
    database,
    `select to_char(moment at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at,
            moment = '2024-03-20 10:11:12.123456+03:30'::timestamptz as same
     from backup_probe where id = 2`,
  );
  expect(time).toEqual({ at: '2024-03-20 06:41:12.123456', same: true });
  const roles = await one<{ permissions: string }>(database, `select to_json(permissions)::text as permissions from roles where key = 'sales'`);
  expect(JSON.parse(roles.permissions)).toEqual(SALES_PERMISSIONS);
  const audit = await one<{ same: boolean; n: string; before: string | null }>(
    database,
    `select after #- '{nested,n}' = $1::text::jsonb as same, after #>> '{nested,n}' as n, before::text as before
     from audit_log where action = 'workspace.updated'`,
    [JSON.stringify(AUDIT_AFTER)],
  );
  expect(audit).toEqual({ same: true, n: BIG_JSON_NUMBER, before: null });
  const probe = await one<Record<string, string | null>>(
    database,
    `select amount::text as amount, (ratio = 0.1::float8 + 0.2::float8)::text as ratio, encode(payload, 'hex') as payload,
            raw::text as raw, big::text as big, span::text as span, local_time::text as local_time, short_upper
     from backup_probe where id = 2`,
  );
  expect(probe).toEqual({
    amount: '12345678901234567890.0123456789',
    ratio: 'true',
    payload: '00ff10',
    raw: RAW_JSON,
    big: '9223372036854775807',
    span: '1 year 2 mons 3 days 04:05:06.789',
    local_time: '2024-03-20 10:11:12.123456',
    short_upper: 'AÉ',
  });
}

/** After a restore, new rows continue the sequences instead of colliding with restored ones. */
async function expectSequencesContinue(database: Database): Promise<void> {
  const row = await one<{ id: number; code: number }>(database, `insert into backup_probe (short) values ('new') returning id, code`);
  expect(row).toEqual({ id: PROBE_COUNT + 1, code: PROBE_COUNT + 3 });
  // The trigger was off during the load and is on again, and its own serial continues too.
  const { rows } = await database.executeSql(`select id, probe_id from backup_probe_log order by id`);
  expect(rows).toEqual([
    ...Array.from({ length: PROBE_COUNT }, (_, index) => ({ id: index + 1, probe_id: [2, 3, 1][index] })),
    { id: PROBE_COUNT + 1, probe_id: PROBE_COUNT + 1 },
  ]);
}

function collect(): { stream: PassThrough; bytes: () => Buffer } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, bytes: () => Buffer.concat(chunks) };
}

function dumpLines(dump: Buffer): string[] {
  return gunzipSync(dump).toString('utf8').split('\n').filter((line) => line !== '');
}

function rewriteDump(dump: Buffer, change: (lines: string[]) => string[]): Buffer {
  return gzipSync(Buffer.from(`${change(dumpLines(dump)).join('\n')}\n`, 'utf8'));
}

async function expectRefusal(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

async function publicTableCount(database: Database): Promise<number> {
  const row = await one<{ count: string }>(
    database,
    `select count(*)::text as count from information_schema.tables where table_schema = 'public'`,
  );
  return Number(row.count);
}

describe('backup and restore', () => {
  let workDir: string;
  let source: Database;
  let sourceSnapshot: Snapshot;
  let dumpFile: string;
  let dump: Buffer;
  let backupTables: Record<string, number>;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'peyvand-backup-'));
    source = await openDatabase({ dataDir: 'memory://' });
    cleanups.push(() => source.close());
    await migrateDatabase(source);
    await createProbeTable(source);
    await seed(source);
    sourceSnapshot = await snapshot(source);
    dumpFile = join(workDir, 'pglite.peyvand-backup.gz');
    backupTables = (await createBackup(source, dumpFile)).tables;
    dump = await readFile(dumpFile);
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  });

  test('the dump is gzip JSON lines: a header, then each public table in foreign-key order', () => {
    const lines = dumpLines(dump);
    const header = JSON.parse(lines[0]!) as BackupHeader;
    expect(header).toMatchObject({ format: 'peyvand-backup', version: 1, engine: 'pglite' });
    expect(header.schema.migration.tag).toBe(journalTags.at(-1));
    expect(header.schema.migration.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(Date.parse(header.createdAt))).toBe(false);

    const names = header.tables.map((table) => table.name);
    expect(new Set(names)).toEqual(new Set(Object.keys(sourceSnapshot)));
    expect(names).not.toContain('__drizzle_migrations');
    for (const [table, references] of [
      ['memberships', 'users'],
      ['memberships', 'workspaces'],
      ['api_keys', 'users'],
      ['invitations', 'workspaces'],
      ['sessions', 'users'],
    ] as const) {
      expect(names.indexOf(references)).toBeLessThan(names.indexOf(table));
    }
    expect(backupTables.login_attempts).toBe(LOGIN_ATTEMPTS);
    expect(backupTables.backup_probe).toBe(PROBE_COUNT);
    expect(JSON.parse(lines.at(-1)!)).toEqual({ kind: 'end', tables: backupTables });
    // The generated column is left out: restore recomputes it.
    const probe = header.tables.find((table) => table.name === 'backup_probe')!;
    expect(probe.columns.map((column) => column.name)).not.toContain('short_upper');
  });

  test('PGlite → PostgreSQL: every row of every table arrives unchanged', async () => {
    const target = await createPostgresDatabase();
    cleanups.push(() => target.drop());
    const database = await openDatabase({ databaseUrl: target.url, poolSize: 3 });
    try {
      await migrateDatabase(database, target.url);
      await createProbeTable(database);
      const restored = await restoreBackup(database, dumpFile, { databaseUrl: target.url });
      expect(restored.tables).toEqual(backupTables);
      const targetSnapshot = await snapshot(database);
      expect(Object.keys(targetSnapshot)).toEqual(Object.keys(sourceSnapshot));
      for (const table of Object.keys(sourceSnapshot)) expect(targetSnapshot[table], table).toBe(sourceSnapshot[table]);
      await expectTrickyValues(database);
      await expectSequencesContinue(database);
    } finally {
      await database.close();
    }
  });

  test('PostgreSQL → PGlite, through streams and small batches: every row arrives unchanged', async () => {
    const origin = await createPostgresDatabase();
    cleanups.push(() => origin.drop());
    const pgSource = await openDatabase({ databaseUrl: origin.url, poolSize: 3 });
    const dataDir = await mkdtemp(join(workDir, 'pglite-target-'));
    const target = await openDatabase({ dataDir });
    try {
      await migrateDatabase(pgSource, origin.url);
      await createProbeTable(pgSource);
      await seed(pgSource);
      // The job queue's schema is never part of a backup.
      await pgSource.executeSql(`create schema pgboss; create table pgboss.job (id int); insert into pgboss.job values (1)`);
      const expected = await snapshot(pgSource);

      const output = collect();
      const backup = await createBackup(pgSource, output.stream, { batchSize: 1_000 });
      const bytes = output.bytes();
      const header = JSON.parse(dumpLines(bytes)[0]!) as BackupHeader;
      expect(header.engine).toBe('postgres');
      expect(header.tables.map((table) => table.name)).not.toContain('job');

      await createProbeTable(target); // the probe table is no migration's: the target needs it first
      const restored = await restoreBackup(target, Readable.from([bytes]), { batchSize: 700 });
      expect(restored.tables).toEqual(backup.tables);
      const targetSnapshot = await snapshot(target);
      for (const table of Object.keys(expected)) expect(targetSnapshot[table], table).toBe(expected[table]);
      await expectTrickyValues(target);
      await expectSequencesContinue(target);
    } finally {
      await pgSource.close();
      await target.close();
    }
  });

  test('refuses to restore into a database that holds rows, and changes nothing', async () => {
    await expectRefusal(restoreBackup(source, dumpFile), 'backup_target_not_empty');
    expect(await snapshot(source)).toEqual(sourceSnapshot);

    // One row in one table is enough; on PostgreSQL too.
    const target = await createPostgresDatabase();
    cleanups.push(() => target.drop());
    const database = await openDatabase({ databaseUrl: target.url, poolSize: 2 });
    try {
      await migrateDatabase(database, target.url);
      await database.executeSql(`insert into verifications (id, identifier, value, expires_at) values ('x', 'y', 'z', now())`);
      const before = await snapshot(database);
      const error = await expectRefusal(restoreBackup(database, dumpFile, { databaseUrl: target.url }), 'backup_target_not_empty');
      expect(error.messages.fa).toContain('verifications');
      expect(await snapshot(database)).toEqual(before);
    } finally {
      await database.close();
    }
  });

  test('refuses a dump made by a newer schema before touching the database', async () => {
    const newer = rewriteDump(dump, ([first, ...rest]) => {
      const header = JSON.parse(first!) as BackupHeader;
      header.schema.migration = { tag: '9999_from_the_future', createdAt: header.schema.migration.createdAt + 1, hash: 'f'.repeat(64) };
      return [JSON.stringify(header), ...rest];
    });
    const target = await openDatabase({ dataDir: 'memory://' });
    try {
      await expectRefusal(restoreBackup(target, Readable.from([newer])), 'backup_newer_than_code');
      expect(await publicTableCount(target)).toBe(0); // not even migrated
    } finally {
      await target.close();
    }
  });

  test('a damaged dump restores nothing at all', async () => {
    const target = await openDatabase({ dataDir: 'memory://' });
    try {
      await createProbeTableAfterMigrating(target);
      const empty = await snapshot(target);
      expect(Object.values(empty).every((rows) => rows === '[]')).toBe(true);

      // Truncated: the last table and the end line are missing.
      const truncated = rewriteDump(dump, (lines) => lines.slice(0, -3));
      await expectRefusal(restoreBackup(target, Readable.from([truncated])), 'backup_invalid');
      expect(await snapshot(target)).toEqual(empty);

      // A bad value in the last table: everything loaded before it is rolled back too.
      const lines = dumpLines(dump);
      const header = JSON.parse(lines[0]!) as BackupHeader;
      // The last row of the dump, and the table it belongs to (later tables may be empty).
      const lastRow = lines.findLastIndex((line) => line.startsWith('['));
      const tableLine = lines.slice(0, lastRow).findLast((line) => line.includes('"kind":"table"'))!;
      const lastTable = header.tables.find((table) => table.name === (JSON.parse(tableLine) as { name: string }).name)!;
      const uuidColumn = lastTable.columns.findIndex((column) => column.type === 'uuid');
      expect(uuidColumn).toBeGreaterThanOrEqual(0);
      const badValue = rewriteDump(dump, (all) =>
        all.map((line, index) => {
          if (index !== lastRow) return line;
          const row = JSON.parse(line) as (string | null)[];
          row[uuidColumn] = 'not-a-uuid';
          return JSON.stringify(row);
        }),
      );
      const error = await expectRefusal(restoreBackup(target, Readable.from([badValue])), 'backup_restore_failed');
      expect(error.messages.en).toContain(lastTable.name);
      expect(error.messages.en).not.toContain('insert into');
      expect(await snapshot(target)).toEqual(empty);

      // Not a backup at all.
      await writeFile(join(workDir, 'noise.gz'), randomBytes(256));
      await expectRefusal(restoreBackup(target, join(workDir, 'noise.gz')), 'backup_unreadable');
      await expectRefusal(restoreBackup(target, Readable.from([gzipSync('{"hello":"world"}\n')])), 'backup_invalid');
      expect(await snapshot(target)).toEqual(empty);

      // And the intact dump still restores into the same database afterwards.
      const restored = await restoreBackup(target, dumpFile);
      expect(restored.tables).toEqual(backupTables);
      expect(await snapshot(target)).toEqual(sourceSnapshot);
    } finally {
      await target.close();
    }
  });

  test('refuses to back up a database that was never migrated, and leaves no file behind', async () => {
    const bare = await openDatabase({ dataDir: 'memory://' });
    try {
      const file = join(workDir, 'bare.gz');
      await expectRefusal(createBackup(bare, file), 'backup_database_not_migrated');
      await expect(readFile(file)).rejects.toThrow();
      await expect(readFile(`${file}.partial`)).rejects.toThrow();
    } finally {
      await bare.close();
    }
  });
});

async function createProbeTableAfterMigrating(database: Database): Promise<void> {
  await migrateDatabase(database);
  await createProbeTable(database);
}
