import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#server/kernel/db/index.ts';
import { ApiClient } from '../support/api-client.ts';
import { createTestPostgresDatabase, testEngine, type TestEngine } from '../support/test-database.ts';

const run = promisify(execFile);
const engine = testEngine();
const otherEngine: TestEngine = engine === 'pglite' ? 'postgres' : 'pglite';
const cleanups: Array<() => Promise<void>> = [];

/** A target for the CLI: a PGlite folder or a fresh PostgreSQL database. */
type Target = { kind: TestEngine; env: Record<string, string>; open: () => ReturnType<typeof openDatabase> };

async function makeTarget(kind: TestEngine): Promise<Target> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'peyvand-cli-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { kind, env: { PEYVAND_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) };
  }
  const pg = await createTestPostgresDatabase();
  cleanups.push(pg.drop);
  return { kind, env: { DATABASE_URL: pg.url, PEYVAND_DATA_DIR: mkdtempSync(join(tmpdir(), 'peyvand-cli-secret-')) }, open: () => openDatabase({ databaseUrl: pg.url }) };
}

function peyvand(env: Record<string, string>, ...args: string[]) {
  const clean = { ...process.env, DATABASE_URL: '', PEYVAND_DATA_DIR: '', LOG_LEVEL: 'warn', ...env };
  return run(process.execPath, ['bin/peyvand.js', ...args], { env: clean, timeout: 90_000 });
}

async function count(target: Target, table: string) {
  const database = await target.open();
  try {
    const { rows } = await database.executeSql(`select count(*)::int as n from ${table}`);
    return rows[0].n as number;
  } finally {
    await database.close();
  }
}

let source: Target;
beforeAll(async () => {
  source = await makeTarget(engine);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe(`peyvand CLI on ${engine}`, () => {
  it('migrates, creates a user, a workspace and an API key that the API accepts', async () => {
    await peyvand(source.env, 'migrate');
    const user = JSON.parse((await peyvand(source.env, 'create-user', '--email', 'owner@example.com', '--name', 'کاوه یزدانی', '--password', 'a long passphrase')).stdout);
    expect(user.email).toBe('owner@example.com');
    const ws = JSON.parse((await peyvand(source.env, 'create-workspace', '--name', 'Kaveh Trading', '--owner', 'owner@example.com')).stdout);
    expect(ws.slug).toMatch(/^kaveh-trading-/);
    const key = JSON.parse((await peyvand(source.env, 'create-api-key', '--workspace', ws.slug, '--name', 'cli key')).stdout);
    expect(key.secret).toMatch(/^pvk_/);

    // The key works against a server started on the same database.
    const { startServerProcess } = await import('../support/server-process.ts');
    const server = await startServerProcess(source.env);
    try {
      const members = await new ApiClient(server.url).withBearer(key.secret).get('/api/v1/members');
      expect(members.status).toBe(200);
      expect(members.body.items.map((m: { email: string }) => m.email)).toEqual(['owner@example.com']);
    } finally {
      await server.stop();
    }
  });

  it('seeds the demo workspace once, however often it runs', async () => {
    await peyvand(source.env, 'seed-demo');
    const users = await count(source, 'users');
    await peyvand(source.env, 'seed-demo');
    expect(await count(source, 'users')).toBe(users);
    expect(await count(source, "memberships m join workspaces w on w.id = m.workspace_id where w.name = 'بازرگانی نمونهٔ پیوند'")).toBe(6);
  });

  it(`backs up and restores into ${otherEngine}, refusing a non-empty target`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'peyvand-backup-')), 'backup.jsonl.gz');
    await peyvand(source.env, 'backup', file);
    const target = await makeTarget(otherEngine);
    await peyvand(target.env, 'restore', file);
    for (const table of ['users', 'accounts', 'workspaces', 'memberships', 'roles', 'api_keys', 'audit_log']) {
      expect(await count(target, table), table).toBe(await count(source, table));
    }
    // The restored copy is usable: the demo admin signs in with the same password.
    const { startServerProcess } = await import('../support/server-process.ts');
    const server = await startServerProcess(target.env);
    try {
      const signIn = await new ApiClient(server.url).post('/api/v1/auth/sign-in', { email: 'demo@peyvand.example', password: 'peyvand-demo-1404' });
      expect(signIn.status).toBe(200);
    } finally {
      await server.stop();
    }
    await expect(peyvand(target.env, 'restore', file)).rejects.toMatchObject({ code: 1 });
  });
});

describe.runIf(engine === 'pglite')('embedded data folder lock', () => {
  it('refuses a second process on the same folder with a clear message', async () => {
    const target = await makeTarget('pglite');
    const holder = await openDatabase({ dataDir: target.env.PEYVAND_DATA_DIR });
    try {
      const refused = await peyvand(target.env, 'migrate').catch((error) => error);
      expect(refused.code).toBe(75);
      expect(refused.stderr).toContain('Another Peyvand process is already using the data folder');
    } finally {
      await holder.close();
    }
    // Once released, the folder opens again.
    await peyvand(target.env, 'migrate');
  });
});
