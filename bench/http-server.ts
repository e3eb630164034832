/*
 * The server under test of bench/http.ts, in its own process so that the load generator does not
 * share its event loop: opens the database, migrates, listens on 127.0.0.1 on a random port, signs
 * up a workspace, creates an API key and fills the workspace with generated history.
 * Started by bench/http.ts over an IPC channel; not meant to be run by hand.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { createPeyvand, type Peyvand } from '#server/app.ts';
import { loadConfig } from '#server/kernel/config/config.ts';
import { encodeCursor } from '#server/kernel/http/pagination.ts';
import { generateTenantData } from './lib/tenant-data.ts';
import type { ChildMessage, ParentMessage, ServerStart } from './lib/server-protocol.ts';

if (!process.send) {
  console.error('bench/http-server.ts is started by bench/http.ts; run `node bin/run-ts.js bench/http.ts`.');
  process.exit(64);
}

const send = (message: ChildMessage) => process.send!(message);
const mib = (bytes: number) => Math.round(bytes / 1024 ** 2);
let peyvand: Peyvand | undefined;
let profiler: Session | undefined;

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

  // The workspace and its key go through the real API, like a customer's would.
  const signUp = await fetch(`${url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'سارا احمدی', email: 'bench@peyvand.example', password: 'benchmark-password-1404', workspaceName: 'صنایع غذایی آوا', locale: 'fa' }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const { workspace } = (await signUp.json()) as { workspace: { id: string } };
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

  const seed = await generateTenantData(peyvand.database, {
    workspaceId: workspace.id,
    seed: options.seed,
    members: options.members,
    auditRows: options.auditRows,
    onProgress: (table, done, total) => {
      if (done === total || done % 50_000 === 0) send({ type: 'progress', text: `${table}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` });
    },
  });

  const [deep] = (
    await peyvand.database.executeSql(
      'SELECT occurred_at, id FROM audit_log WHERE workspace_id = $1 ORDER BY occurred_at DESC, id DESC OFFSET $2 LIMIT 1',
      [workspace.id, options.deepPosition],
    )
  ).rows;
  if (!deep) throw new Error(`the audit log has fewer than ${options.deepPosition + 1} entries`);
  const [version] = (await peyvand.database.executeSql('SELECT version() AS version')).rows;

  send({
    type: 'ready',
    url,
    apiKey: secret,
    deepCursor: encodeCursor(new Date(deep.occurred_at), deep.id),
    engineVersion: String(version?.version ?? 'unknown'),
    seed,
    startSeconds,
    rssMiB: mib(process.memoryUsage().rss),
  });
}
