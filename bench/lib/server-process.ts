import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './server-protocol.ts';

/*
 * The server under test (bench/http-server.ts) in a process of its own, driven over IPC, so the
 * load generator never shares its event loop. Used by bench/http.ts, bench/import.ts and
 * bench/customers.ts.
 */

const HTTP_SERVER = fileURLToPath(new URL('../http-server.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));

export type ServerProcess = {
  request<T extends ChildMessage>(message: object, answer: T['type']): Promise<T>;
  stop(): Promise<void>;
  pid: number | undefined;
};

export function startServer(options: { onProgress?: (text: string) => void; execArgv?: string[] } = {}): ServerProcess {
  const onProgress = options.onProgress ?? ((text: string) => console.log(`  seeding ${text}`));
  const child: ChildProcess = fork(RUN_TS, [HTTP_SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: options.execArgv });
  let stopping = false;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`server process ${child.pid} exited unexpectedly (code ${code}, signal ${signal})`);
      done();
    }),
  );
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'progress') onProgress(message.text);
  });
  return {
    pid: child.pid,
    request<T extends ChildMessage>(message: object, answer: T['type']) {
      return new Promise<T>((done, fail) => {
        const onMessage = (reply: ChildMessage) => {
          if (reply.type === answer) {
            cleanup();
            done(reply as T);
          } else if (reply.type === 'failed') {
            cleanup();
            fail(new Error(`server process: ${reply.error}`));
          }
        };
        const onExit = (code: number | null) => {
          cleanup();
          fail(new Error(`server process exited (${code}) before answering ${answer}`));
        };
        const cleanup = () => {
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send(message);
      });
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' });
      const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** Cumulative CPU times of all cores, in ms. */
export function machineTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    idle += cpu.times.idle;
    total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
  }
  return { idle, total };
}

/** Share of all cores that were busy between two machineTimes() samples, in %. */
export const busyBetween = (before: { idle: number; total: number }, after: { idle: number; total: number }) =>
  100 - ((after.idle - before.idle) / (after.total - before.total)) * 100;

export async function machineBusyPercent(ms: number): Promise<number> {
  const before = machineTimes();
  await new Promise((done) => setTimeout(done, ms));
  return busyBetween(before, machineTimes());
}
