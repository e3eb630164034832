import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SmtpConfig } from '#server/kernel/config/config.ts';
import type { Database } from '#server/kernel/db/database.ts';
import { createJobQueue, type JobQueue } from '#server/kernel/jobs/index.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from '#server/kernel/jobs/test-databases.ts';
import { createMailer, queueEmail, registerMailJobs, type Mailer } from './index.ts';

/** Opening PGlite takes seconds; set here so the file does not depend on a config's defaults. */
const TIMEOUT = 30_000;

type ReceivedMail = { envelopeTo: string[]; raw: Buffer };

/** A real SMTP server on a random local port; `failNext` rejects that many deliveries with a 451. */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const state = { failNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.failNext > 0) {
          state.failNext--;
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          return callback(error);
        }
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const smtp: SmtpConfig = { host: '127.0.0.1', port, secure: false, from: 'Peyvand <no-reply@peyvand.test>' };
  return {
    smtp,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const invitation = {
  to: 'sara@example.com',
  subject: 'دعوت به پیوند',
  text: 'سلام سارا،\nشما به فضای کاری «آرمان» دعوت شده‌اید.\n\nپذیرش دعوت: http://localhost:3000/invite/abc123',
  html: '<div dir="rtl"><p>سلام سارا،</p><p>شما به فضای کاری «آرمان» دعوت شده‌اید.</p></div>',
};

describe.each(engines)('email.send jobs on %s', (engine) => {
  let testDatabase: TestDatabase;
  let database: Database;
  let queue: JobQueue;
  let server: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: Mailer;

  beforeAll(async () => {
    server = await startSmtpServer();
    testDatabase = await createTestDatabase(engine);
    database = await testDatabase.open();
    queue = await createJobQueue(database, {
      mode: 'inline',
      pollingIntervalSeconds: 0.2,
      retry: { limit: 3, delaySeconds: 1 },
      onError: () => undefined,
    });
    mailer = createMailer(server.smtp);
    await registerMailJobs(queue, mailer);
    await queue.start();
  }, TIMEOUT);

  beforeEach(() => {
    server.received.length = 0;
    server.state.failNext = 0;
  });

  afterAll(async () => {
    await queue?.stop();
    mailer?.close();
    await testDatabase?.dispose();
    await server?.close();
  }, TIMEOUT);

  test('a committed email job reaches the SMTP server with To, Subject and a Persian body intact', async () => {
    const id = await database.db.transaction((tx) => queueEmail(queue, invitation, tx));
    expect(id).toEqual(expect.any(String));
    await waitFor(() => server.received.length === 1);

    const [mail] = server.received;
    expect(mail!.envelopeTo).toEqual(['sara@example.com']);
    const parsed = await simpleParser(mail!.raw);
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
    expect(to.flatMap((address) => address?.value.map((v) => v.address))).toEqual(['sara@example.com']);
    expect(parsed.from?.value).toEqual([{ name: 'Peyvand', address: 'no-reply@peyvand.test' }]);
    expect(parsed.subject).toBe('دعوت به پیوند');
    expect(parsed.text?.trim()).toBe(invitation.text);
    expect(parsed.html).toContain('شما به فضای کاری «آرمان» دعوت شده‌اید.');
  }, TIMEOUT);

  test('an SMTP server that refuses for a while: the email is retried and then delivered', async () => {
    server.state.failNext = 1;
    await queueEmail(queue, { ...invitation, to: 'reza@example.com', subject: 'یادآوری' });
    await waitFor(() => server.received.length === 1, 15_000);
    expect(server.state.failNext).toBe(0);
    const parsed = await simpleParser(server.received[0]!.raw);
    expect(parsed.subject).toBe('یادآوری');
    const job = async () => {
      const { rows } = await database.executeSql(
        "SELECT state, retry_count FROM pgboss.job WHERE name = 'email.send' AND data->>'to' = $1",
        ['reza@example.com'],
      );
      return rows[0] as { state: string; retry_count: number } | undefined;
    };
    await waitFor(async () => (await job())?.state === 'completed');
    expect(await job()).toEqual({ state: 'completed', retry_count: 1 });
  }, TIMEOUT);
});

describe('mailer without SMTP', () => {
  test('prints the message under a clear "SMTP not configured" line instead of pretending', async () => {
    const printed: string[] = [];
    const mailer = createMailer(undefined, { log: (text) => printed.push(text) });
    const result = await mailer.send(invitation);
    expect(result.transport).toBe('log');
    expect(printed).toHaveLength(1);
    const output = printed[0]!;
    expect(output).toMatch(/SMTP not configured/);
    expect(output).toMatch(/NOT sent/);
    expect(output).toContain('To: sara@example.com');
    expect(output).toContain('Subject: دعوت به پیوند');
    expect(output).toContain('http://localhost:3000/invite/abc123');
  });

  test('prints to stdout by default', async () => {
    const writes: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      await createMailer(undefined).send(invitation);
    } finally {
      process.stdout.write = write;
    }
    expect(writes.join('')).toContain('SMTP not configured');
  });
});
