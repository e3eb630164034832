import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppError } from '../../kernel/errors/index.ts';
import { readRecords, receiveUpload, sniffDelimiter, summarizeCsv } from './csv-file.ts';

const fixtures = new URL('../../../../tests/fixtures/imports/', import.meta.url);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peyvand-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const upload = (bytes: Buffer | string, name: string, limit?: number) =>
  receiveUpload(Readable.from([typeof bytes === 'string' ? Buffer.from(bytes) : bytes]), join(dir, name), limit);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('delimiter sniffing', () => {
  test.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\r\n1;2,5;3\r\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['نام؛ایمیل\nعلی؛a@b.c\n', '\u061B'],
    ['"نام، کامل";ایمیل\n"علی، رضا";x@y.z\n', ';'],
    ['"a\nb";c\n1;2\n', ';'],
    ['only-one-column\nx\n', ','],
  ])('%j → %j', (sample, delimiter) => {
    expect(sniffDelimiter(sample)).toBe(delimiter);
  });
});

describe('upload checks', () => {
  test('Excel CSV UTF-8 with BOM, ;, CRLF and a quoted line break', async () => {
    const bytes = await readFile(new URL('people-excel-fa.csv', fixtures));
    const { size } = await upload(bytes, 'excel.csv');
    expect(size).toBe(bytes.length);
    const summary = await summarizeCsv(join(dir, 'excel.csv'));
    expect(summary.delimiter).toBe(';');
    expect(summary.header[0]).toBe('نام'); // the BOM is not part of the first column name
    expect(summary.totalRows).toBe(4);
    expect(summary.preview[0]![7]).toBe('خیابان ولیعصر، کوچه ۱۲\r\nپلاک ۴');
    expect(summary.preview[3]![1]).toBe('احمدی; نژاد');
  });

  test('refuses Windows-1256 text, UTF-16, an empty file and an oversized one, keeping nothing', async () => {
    // «سلام» in Windows-1256 is not valid UTF-8.
    expect((await rejection(upload(Buffer.from([0xd3, 0xe1, 0xc7, 0xe3, 0x0a]), 'cp1256.csv'))).code).toBe('not_utf8');
    expect((await rejection(upload(Buffer.from('\ufeffa,b', 'utf16le'), 'u16.csv'))).code).toBe('utf16_file');
    expect((await rejection(upload('', 'empty.csv'))).code).toBe('empty_file');
    expect((await rejection(upload('a,b\n1,2\n', 'big.csv', 4))).code).toBe('file_too_large');
    for (const name of ['cp1256.csv', 'u16.csv', 'empty.csv', 'big.csv']) {
      await expect(readFile(join(dir, name))).rejects.toThrow();
    }
  });

  test('a multi-byte character split across chunks is still UTF-8', async () => {
    const bytes = Buffer.from('نام\nعلی\n');
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)];
    await receiveUpload(Readable.from(chunks), join(dir, 'split.csv'));
    expect((await summarizeCsv(join(dir, 'split.csv'))).totalRows).toBe(1);
  });

  test('an unclosed quote is reported with its line, not as a crash', async () => {
    const path = join(dir, 'broken.csv');
    await writeFile(path, 'a,b\n1,"2\n3,4\n');
    const error = await rejection(summarizeCsv(path));
    expect(error.code).toBe('invalid_csv');
  });

  test('records stream without the whole file in memory (many rows, constant batch)', async () => {
    const path = join(dir, 'many.csv');
    const lines = ['n,email'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},p${i}@example.com`);
    await writeFile(path, lines.join('\n'));
    let count = 0;
    for await (const record of readRecords(path, ',')) if (record[0] !== 'n') count++;
    expect(count).toBe(20_000);
  });
});
