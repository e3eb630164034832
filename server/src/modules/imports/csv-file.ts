import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../kernel/errors/index.ts';
import { importErrors } from './imports.errors.ts';

/*
 * The uploaded file: received as a stream onto disk (never whole in memory), checked to be
 * UTF-8, its delimiter sniffed, then read back as a stream of records as often as needed.
 */

export const UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;
export const PREVIEW_ROWS = 20;
/** A longer record means a broken file (e.g. an unclosed quote swallowing the rest). */
const MAX_RECORD_BYTES = 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;

/** `,` `;` tab `|` and the Arabic semicolon «؛» (the list separator of Persian Windows, which Excel uses). */
export const DELIMITERS = [',', ';', '\t', '|', '\u061B'] as const;

/**
 * Copies the request body to `path`, refusing more than `limit` bytes and anything that is not
 * UTF-8 (a BOM is allowed). On any failure the partial file is removed.
 */
export async function receiveUpload(source: Readable, path: string, limit = UPLOAD_LIMIT_BYTES): Promise<{ size: number }> {
  await mkdir(dirname(path), { recursive: true });
  let size = 0;
  let first = true;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (first && chunk.length) {
        first = false;
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
          return callback(importErrors.utf16_file());
        }
      }
      size += chunk.length;
      if (size > limit) return callback(importErrors.file_too_large({ params: { limit: Math.round(limit / 1024 / 1024) } }));
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return callback(importErrors.not_utf8());
      }
      callback(null, chunk);
    },
    flush(callback) {
      try {
        decoder.decode();
      } catch {
        return callback(importErrors.not_utf8());
      }
      callback();
    },
  });
  try {
    await pipeline(source, check, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof AppError) throw error;
    // The client went away or the disk failed: nothing of the upload is kept.
    throw error;
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw importErrors.empty_file();
  }
  return { size };
}

/** The first bytes of the file as text (BOM removed, a cut multi-byte character dropped). */
async function readSample(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead)).replace(/^\uFEFF/, '').replace(/\uFFFD$/, '');
  } finally {
    await handle.close();
  }
}

/**
 * Picks the delimiter that splits the first lines most consistently: for each candidate, the
 * number of fields per line (quotes respected, so a quoted «،» or newline does not count); the
 * winner has the same count > 1 on the most lines, ties broken by the field count.
 */
export function sniffDelimiter(sample: string): string {
  const lines = splitSampleLines(sample).slice(0, 50);
  let best: { delimiter: string; score: number; fields: number } = { delimiter: ',', score: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countFields(line, delimiter));
    const header = counts[0] ?? 1;
    if (header < 2) continue;
    const consistent = counts.filter((c) => c === header).length;
    const score = consistent / counts.length;
    if (score > best.score || (score === best.score && header > best.fields)) best = { delimiter, score, fields: header };
  }
  return best.delimiter;
}

/** Logical lines of a sample: line breaks inside quotes do not end a line. The last, maybe cut, line is dropped. */
function splitSampleLines(sample: string): string[] {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      if (current.trim() !== '') lines.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  // A sample that ends mid-line is cut; keep the last line only when the sample is the whole file.
  if (current.trim() !== '' && (lines.length === 0 || sample.length < SNIFF_BYTES / 2)) lines.push(current);
  return lines;
}

function countFields(line: string, delimiter: string): number {
  let fields = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) fields++;
  }
  return fields;
}

export type RecordStream = AsyncIterable<string[]>;

/** A blank line, or a row of empty cells (Excel writes ";;;;" for a blank row). */
export const isBlankRecord = (record: string[]) => record.every((cell) => cell.trim() === '');

/** Records of the file (header included, blank rows too), streamed. */
export function readRecords(path: string, delimiter: string): RecordStream {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines are kept (and passed over by the callers), so row numbers match the spreadsheet's.
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  const input = createReadStream(path);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  return (async function* () {
    try {
      for await (const record of parser as AsyncIterable<string[]>) yield record;
    } catch (error) {
      throw asCsvProblem(error);
    } finally {
      input.destroy();
      parser.destroy();
    }
  })();
}

export function asCsvProblem(error: unknown): unknown {
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines ?? '?';
    return importErrors.invalid_csv({ params: { line, reason: error.message.replace(/^Invalid[^:]*: /, '') } });
  }
  return error;
}

export type CsvSummary = { delimiter: string; header: string[]; preview: string[][]; totalRows: number };

/**
 * Reads the whole file once: delimiter, header (blank names become «ستون N», repeated names get
 * « (2)»), the first rows for a preview, and the number of data rows. Refuses an unreadable file.
 */
export async function summarizeCsv(path: string): Promise<CsvSummary> {
  const delimiter = sniffDelimiter(await readSample(path));
  let header: string[] | undefined;
  const preview: string[][] = [];
  let totalRows = 0;
  for await (const record of readRecords(path, delimiter)) {
    if (!header) {
      if (isBlankRecord(record)) throw importErrors.no_header();
      header = uniqueHeader(record);
      continue;
    }
    totalRows++;
    if (preview.length < PREVIEW_ROWS && !isBlankRecord(record)) preview.push(record);
  }
  if (!header) throw importErrors.no_header();
  return { delimiter, header, preview, totalRows };
}

/** The first rows again, for a preview after the upload. */
export async function previewCsv(path: string, delimiter: string): Promise<string[][]> {
  const rows: string[][] = [];
  let headerSeen = false;
  for await (const record of readRecords(path, delimiter)) {
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    if (!isBlankRecord(record)) rows.push(record);
    if (rows.length >= PREVIEW_ROWS) break;
  }
  return rows;
}

export function uniqueHeader(record: string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((cell, i) => {
    const name = cell.replace(/^\uFEFF/, '').trim() || `ستون ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}
