import { Writable } from 'node:stream';
import { createPeyvand, type Peyvand } from '#server/app.ts';
import { loadConfig, type JobsMode } from '#server/kernel/config/config.ts';
import { createTestPostgresDatabase, testEngine, type TestEngine } from './test-database.ts';
import { startTestSmtp } from './test-smtp.ts';

/**
 * Restarts on the same data: `dataDir` (PGlite folder instead of memory://) or `databaseUrl` (an
 * existing PostgreSQL database, neither created nor dropped here); `smtp` shares an SMTP server
 * between servers (closed by its owner, not by this server's close()).
 */
export type PersistentServerOptions = {
  dataDir?: string;
  databaseUrl?: string;
  smtp?: Awaited<ReturnType<typeof startTestSmtp>>;
  jobsMode?: JobsMode;
  notificationTickSeconds?: number;
};

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A real Peyvand server on a random port, on the engine of this test run, with a real SMTP
 * server behind it and its logs captured.
 */
export async function startTestServer(
  options: { engine?: TestEngine; clock?: () => Date; webDistDir?: string; demo?: boolean } & PersistentServerOptions = {},
) {
  const engine = options.engine ?? testEngine();
  const pgDatabase = engine === 'postgres' && !options.databaseUrl ? await createTestPostgresDatabase() : undefined;
  const ownSmtp = options.smtp ? undefined : await startTestSmtp();
  const smtp = options.smtp ?? ownSmtp!;
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: options.dataDir ?? 'memory://',
      databaseUrl: options.databaseUrl ?? pgDatabase?.url,
      secret: 'test-secret-0123456789-abcdefghijklmnop',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Peyvand <no-reply@peyvand.test>' },
      jobsMode: options.jobsMode ?? 'inline',
      logLevel: 'info',
      webDistDir: options.webDistDir ?? '/nonexistent',
      demo: options.demo ?? false,
      ...(options.notificationTickSeconds ? { notificationTickSeconds: options.notificationTickSeconds } : {}),
    },
  );
  let peyvand: Peyvand;
  try {
    peyvand = await createPeyvand(config, { logStream, clock: options.clock });
  } catch (error) {
    await ownSmtp?.close();
    await pgDatabase?.drop();
    throw error;
  }
  await peyvand.http.listen({ port: 0, host: '127.0.0.1' });
  const address = peyvand.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  peyvand.config.publicUrl = url;
  return {
    engine,
    url,
    peyvand,
    smtp,
    logs,
    async close() {
      await peyvand.close();
      await ownSmtp?.close();
      await pgDatabase?.drop();
    },
  };
}
