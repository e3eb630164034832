// TEMPORARY (memory investigation): same data, restarted with different PGlite settings; timings per endpoint.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from './lib/server-process.ts';
import type { FillAnswer, MemoryAnswer, OpenAnswer, ServerReady } from './lib/server-protocol.ts';

const dataDir = process.env.PERF_DIR ?? mkdtempSync(join(tmpdir(), 'peyvand-perf-'));
const apiKeyFile = join(dataDir, 'api-key.txt');
const fs = await import('node:fs');
const variants = (process.env.PERF_VARIANTS ?? 'shared_buffers=128MB,maintenance_work_mem=64MB;shared_buffers=32MB,maintenance_work_mem=16MB;shared_buffers=16MB,maintenance_work_mem=16MB').split(';');
const rounds = Number(process.env.PERF_ROUNDS ?? 2);
const ENDPOINTS = [
  ['health', '/api/health'],
  ['audit first', '/api/v1/audit-log?limit=50'],
  ['people first', '/api/v1/people?limit=50'],
  ['people lastName', '/api/v1/people?limit=50&sort=lastName:asc'],
  ['people q', `/api/v1/people?limit=50&q=${encodeURIComponent('رضایی')}`],
  ['search name', `/api/v1/search?q=${encodeURIComponent('محمد کریمی')}`],
  ['search phone', '/api/v1/search?q=0912'],
  ['search typo', `/api/v1/search?q=${encodeURIComponent('کریمیی')}`],
];
let apiKey: string;
if (!fs.existsSync(apiKeyFile)) {
  const server = startServer({ onProgress: () => {} });
  const ready = await server.request<ServerReady>({ type: 'start', engine: 'pglite', dataDir, seed: 'peyvand', auditRows: 0, members: 0, deepPosition: 0, logLevel: 'warn', jobs: 'inline' }, 'ready');
  const filled = await server.request<FillAnswer>({ type: 'fill', seed: 'peyvand', members: 200, auditRows: Number(process.env.PERF_AUDIT ?? 200000), people: Number(process.env.PERF_PEOPLE ?? 200000) }, 'filled');
  console.log(`filled ${filled.rows} rows in ${filled.seconds.toFixed(0)} s in ${dataDir}`);
  await server.stop();
  fs.writeFileSync(apiKeyFile, ready.apiKey);
}
apiKey = fs.readFileSync(apiKeyFile, 'utf8');
const results: Record<string, Record<string, number[]>> = {};
for (let round = 0; round < rounds; round++) {
  for (const variant of variants) {
    process.env.PEYVAND_PGLITE_SETTINGS = variant;
    const server = startServer();
    const opened = await server.request<OpenAnswer>({ type: 'open', engine: 'pglite', dataDir, logLevel: 'warn', jobs: 'off' }, 'opened');
    const headers = { authorization: `Bearer ${apiKey}` };
    const row = (results[variant] ??= {});
    for (const [name, path] of ENDPOINTS) {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        const r = await fetch(opened.url + path, { headers });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${name} ${r.status}`);
        times.push(performance.now() - t);
      }
      // first = cold (after restart), median of the rest = warm
      (row[`${name} cold`] ??= []).push(times[0]!);
      const warm = times.slice(1).sort((a, b) => a - b)[2]!;
      (row[`${name} warm`] ??= []).push(warm);
    }
    for (const [name, path] of ENDPOINTS.slice(1, 3)) {
      const r = await autocannon({ url: opened.url + path!, headers, connections: 10, duration: 5 });
      (row[`${name} req/s`] ??= []).push(r.requests.mean);
    }
    const mem = await server.request<MemoryAnswer>({ type: 'memory', gc: true }, 'memory');
    (row['rss MiB'] ??= []).push(mem.snapshot.rss / 2 ** 20);
    (row['wasm resident MiB'] ??= []).push((mem.snapshot.wasmResident ?? 0) / 2 ** 20);
    await server.stop();
    console.log(`round ${round} ${variant}: ` + Object.entries(row).map(([k, v]) => `${k}=${v[v.length - 1]!.toFixed(0)}`).join(' '));
  }
}
const keys = Object.keys(results[variants[0]!]!);
console.log(['metric', ...variants.map((v, i) => `V${i}`)].join('\t'));
for (const k of keys) console.log([k.padEnd(22), ...variants.map((v) => results[v]![k]!.map((x) => x.toFixed(0)).join('/'))].join('\t'));
variants.forEach((v, i) => console.log(`V${i} = ${v}`));
console.log(`data: ${dataDir}`);
