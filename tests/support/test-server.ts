import { Writable } from 'node:stream';
import { createPeyvand, type Peyvand } from '#server/app.ts';
import { loadConfig } from '#server/kernel/config/config.ts';
import { createTestPostgresDatabase, testEngine, type TestEngine } from './test-database.ts';
import { startTestSmtp } from './test-smtp.ts';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A real Peyvand server on a random port, on the engine of this test run, with a real SMTP
 * server behind it and its logs captured.
 */
export async function startTestServer(options: { engine?: TestEngine; clock?: () => Date; webDistDir?: string; demo?: boolean } = {}) {
  const engine = options.engine ?? testEngine();
  const pgDatabase = engine === 'postgres' ? await createTestPostgresDatabase() : undefined;
  const smtp = await startTestSmtp();
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
      dataDir: 'memory://',
      databaseUrl: pgDatabase?.url,
      secret: 'test-secret-0123456789-abcdefghijklmnop',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Peyvand <no-reply@peyvand.test>' },
      jobsMode: 'inline',
      logLevel: 'info',
      webDistDir: options.webDistDir ?? '/nonexistent',
      demo: options.demo ?? false,
    },
  );
  let peyvand: Peyvand;
  try {
    peyvand = await createPeyvand(config, { logStream, clock: options.clock });
  } catch (error) {
    await smtp.close();
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
      await smtp.close();
      await pgDatabase?.drop();
    },
  };
}
