/*
 * The server under test of bench/http.ts, bench/import.ts and bench/customers.ts, in its own
 * process so that the load generator does not share its event loop: opens the database,
 * migrates, listens on 127.0.0.1 on a random port, signs up a workspace, creates an API key and
 * fills the workspace with generated history (and customers, when asked).
 * Started by the benchmarks over an IPC channel (bench/lib/server-process.ts); not meant to be run by hand.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { createPeyvand, type Peyvand } from '#server/app.ts';
import { loadConfig } from '#server/kernel/config/config.ts';
import { encodeCursor } from '#server/kernel/http/pagination.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { peopleCatalog } from '#server/modules/people/people.catalog.ts';
import { people } from '#server/modules/people/people.schema.ts';
import { resolveSort, sortOrderBy, sortValueOf } from '#server/modules/people/record-query.ts';
import { describeCustomerData, generateCustomerData } from './lib/customer-data.ts';
import { memorySnapshot } from './lib/memory-probe.ts';
import { generateTenantData } from './lib/tenant-data.ts';
import type { ChildMessage, CursorCommand, FillCommand, OpenCommand, ParentMessage, ServerStart } from './lib/server-protocol.ts';

if (!process.send) {
  console.error('bench/http-server.ts is started by bench/http.ts; run `node bin/run-ts.js bench/http.ts`.');
  process.exit(64);
}

const send = (message: ChildMessage) => process.send!(message);
const mib = (bytes: number) => Math.round(bytes / 1024 ** 2);
let peyvand: Peyvand | undefined;
let profiler: Session | undefined;
let workspaceId = '';

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
// The parent going away (Ctrl-C, crash) must not leave a server holding the data folder.
process.on('disconnect', () => {
  void (peyvand?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});

async function handle(message: ParentMessage): Promise<void> {
  if (message.type === 'start') return start(message);
  if (message.type === 'profile-start') {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    send({ type: 'profiling' });
    return;
  }
  if (message.type === 'profile-stop') {
    const { profile } = await profiler!.post('Profiler.stop');
    profiler!.disconnect();
    profiler = undefined;
    mkdirSync(dirname(message.file), { recursive: true });
    writeFileSync(message.file, JSON.stringify(profile));
    send({ type: 'profiling' });
    return;
  }
  if (message.type === 'sql') {
    const { rows } = await peyvand!.database.executeSql(message.text, message.values);
    send({ type: 'rows', rows });
    return;
  }
  if (message.type === 'cursor') {
    send({ type: 'cursor', cursor: await peopleCursor(message) });
    return;
  }
  if (message.type === 'memory') {
    send({ type: 'memory', snapshot: await memorySnapshot(peyvand?.database, { gc: message.gc }) });
    return;
  }
  if (message.type === 'fill') return fill(message);
  if (message.type === 'open') return open(message);
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    send({ type: 'stats', cpuMicros: cpu.user + cpu.system, rssMiB: mib(memory.rss), heapMiB: mib(memory.heapUsed) });
    return;
  }
  await peyvand?.close();
  peyvand = undefined;
  send({ type: 'stopped' });
  process.disconnect();
}

async function start(options: ServerStart): Promise<void> {
  const started = performance.now();
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      secret: randomBytes(32).toString('base64url'),
      jobsMode: options.jobs,
      logLevel: options.logLevel,
      webDistDir: '/nonexistent',
      demo: false,
    },
  );
  peyvand = await createPeyvand(config);
  await peyvand.http.listen({ port: 0, host: '127.0.0.1' });
  const address = peyvand.http.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  peyvand.config.publicUrl = url;
  const startSeconds = (performance.now() - started) / 1000;

  // The workspace and its key go through the real API, like a customer's would. A database kept
  // by an earlier run (--database) already has the workspace: its owner signs in instead.
  const credentials = { email: 'bench@peyvand.example', password: 'benchmark-password-1404' };
  const signUp = options.reuse
    ? await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) })
    : await fetch(`${url}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'سارا احمدی', ...credentials, workspaceName: 'صنایع غذایی آوا', locale: 'fa' }),
      });
  if (signUp.status !== (options.reuse ? 200 : 201)) throw new Error(`${options.reuse ? 'sign-in' : 'sign-up'} answered ${signUp.status}: ${await signUp.text()}`);
  const workspace = options.reuse
    ? {
        id: String(
          (
            await peyvand.database.executeSql('SELECT m.workspace_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1', [credentials.email])
          ).rows[0]!.id,
        ),
      }
    : ((await signUp.json()) as { workspace: { id: string } }).workspace;
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const keyResponse = await fetch(`${url}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'benchmark' }),
  });
  if (keyResponse.status !== 201) throw new Error(`creating the API key answered ${keyResponse.status}: ${await keyResponse.text()}`);
  const { secret } = (await keyResponse.json()) as { secret: string };

  const seed = options.reuse
    ? { members: 0, auditRows: 0, seconds: 0, rowsPerSecond: 0 }
    : await generateTenantData(peyvand.database, {
        workspaceId: workspace.id,
        seed: options.seed,
        members: options.members,
        auditRows: options.auditRows,
        onProgress: (table, done, total) => {
          if (done === total || done % 50_000 === 0) send({ type: 'progress', text: `${table}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` });
        },
      });

  let deepCursor = '';
  if (options.auditRows > 0) {
    const [deep] = (
      await peyvand.database.executeSql(
        'SELECT occurred_at, id FROM audit_log WHERE workspace_id = $1 ORDER BY occurred_at DESC, id DESC OFFSET $2 LIMIT 1',
        [workspace.id, options.deepPosition],
      )
    ).rows;
    if (!deep) throw new Error(`the audit log has fewer than ${options.deepPosition + 1} entries`);
    deepCursor = encodeCursor(new Date(deep.occurred_at), deep.id);
  }
  const customers = options.reuse
    ? await describeCustomerData(peyvand.database, workspace.id)
    : options.customers
    ? await generateCustomerData(peyvand.database, {
        workspaceId: workspace.id,
        seed: options.seed,
        people: options.customers.people,
        organizations: options.customers.organizations,
        copyUrl: options.databaseUrl,
        onProgress: (text) => send({ type: 'progress', text }),
      })
    : undefined;
  workspaceId = workspace.id;
  const [version] = (await peyvand.database.executeSql('SELECT version() AS version')).rows;

  send({
    type: 'ready',
    url,
    apiKey: secret,
    deepCursor,
    workspaceId: workspace.id,
    customers,
    engineVersion: String(version?.version ?? 'unknown'),
    seed,
    startSeconds,
    rssMiB: mib(process.memoryUsage().rss),
  });
}

/** The cursor the people list hands out after the row at `position`, built with the list's own sort expressions. */
async function peopleCursor(command: CursorCommand): Promise<string> {
  const sort = resolveSort(peopleCatalog([]), { field: command.field, direction: command.direction });
  const [row] = await peyvand!.database.db
    .select({ id: people.id, sortValue: sortValueOf(sort) })
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), isNull(people.mergedIntoId), isNull(people.deletedAt)))
    .orderBy(...sortOrderBy(sort, people.id))
    .offset(command.position)
    .limit(1);
  if (!row) throw new Error(`the people list has fewer than ${command.position + 1} rows`);
  // The shape toSortedPage (people/record-query.ts) encodes.
  return Buffer.from(JSON.stringify({ f: sort.field, d: sort.direction, v: row.sortValue, id: row.id })).toString('base64url');
}

/** More history and customers in the workspace `start` created (bench/memory.ts). */
async function fill(command: FillCommand): Promise<void> {
  const started = performance.now();
  const tenant = await generateTenantData(peyvand!.database, { workspaceId, seed: command.seed, members: command.members, auditRows: command.auditRows });
  const customers = command.people
    ? await generateCustomerData(peyvand!.database, { workspaceId, seed: command.seed, people: command.people, onProgress: (text) => send({ type: 'progress', text }) })
    : undefined;
  const rows = 2 * tenant.members + tenant.auditRows + Object.values(customers?.rows ?? {}).reduce((a, b) => a + b, 0);
  send({ type: 'filled', seconds: (performance.now() - started) / 1000, rows });
}

/** A restart on a data folder an earlier server filled: open, migrate, listen (bench/memory.ts). */
async function open(command: OpenCommand): Promise<void> {
  const started = performance.now();
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: command.dataDir,
      databaseUrl: command.databaseUrl,
      secret: randomBytes(32).toString('base64url'),
      jobsMode: command.jobs,
      logLevel: command.logLevel,
      webDistDir: '/nonexistent',
      demo: false,
    },
  );
  peyvand = await createPeyvand(config);
  await peyvand.http.listen({ port: 0, host: '127.0.0.1' });
  const address = peyvand.http.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  peyvand.config.publicUrl = url;
  send({ type: 'opened', url, startSeconds: (performance.now() - started) / 1000 });
}
