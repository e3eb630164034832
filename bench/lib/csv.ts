import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a field that holds a comma, quote or line break; double the quotes inside. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + csvField(values[i]);
  return line + '\r\n';
}

export type CsvWriteResult = { file: string; rows: number; bytes: number; seconds: number };

export type CsvWriteOptions = {
  file: string;
  header: readonly string[];
  rows: number;
  record: (index: number) => readonly CsvValue[];
  /** Prefix a UTF-8 byte-order mark, which Excel needs to show Persian text. */
  bom?: boolean;
  onProgress?: (done: number) => void;
};

const CHUNK_CHARS = 256 * 1024;

/**
 * Streams `rows` records to a file. Rows are built into ~256 KB chunks and written with back
 * pressure, so memory stays flat whether the file has a thousand rows or ten million.
 */
export async function writeCsv(options: CsvWriteOptions): Promise<CsvWriteResult> {
  const started = performance.now();
  const out = createWriteStream(options.file, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write((options.bom ? '\uFEFF' : '') + csvLine(options.header));
  let chunk = '';
  const progressEvery = Math.max(1, Math.floor(options.rows / 20));
  for (let i = 0; i < options.rows; i++) {
    chunk += csvLine(options.record(i));
    if (chunk.length >= CHUNK_CHARS) {
      await write(chunk);
      chunk = '';
    }
    if (options.onProgress && (i + 1) % progressEvery === 0) options.onProgress(i + 1);
  }
  if (chunk) await write(chunk);
  out.end();
  await finished(out);
  return { file: options.file, rows: options.rows, bytes, seconds: (performance.now() - started) / 1000 };
}
