import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { AppDb } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError, type LocalisedText } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page, type TListQuery } from '../../kernel/http/pagination.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import { previewCsv, receiveUpload, summarizeCsv } from './csv-file.ts';
import { suggestMapping } from './field-values.ts';
import type { ImportAdapter, ImportField } from './import-adapter.ts';
import { importErrors } from './imports.errors.ts';
import { importsRepository as repo, type ImportRow } from './imports.repository.ts';
import { createImportRunner, IMPORT_JOB, type ImportJobData, type RunOptions } from './imports.runner.ts';
import type { DuplicateMode, ImportEntity, ImportStatus } from './imports.schema.ts';
import { parseVcards, vcardToPersonRecord } from './vcard.ts';

export const VCARD_LIMIT_BYTES = 10 * 1024 * 1024;
/** Up to this many cards are imported within the request; more run as a job. */
export const VCARD_INLINE_CARDS = 200;

/** Where uploads live: `<dataDir>/uploads`; a throwaway folder for an in-memory database. */
export function uploadsDirFor(dataDir: string): string {
  if (dataDir.startsWith('memory://')) return join(tmpdir(), 'peyvand-uploads', randomUUID());
  return join(resolve(dataDir), 'uploads');
}

export type ImportView = {
  id: string;
  entityType: ImportEntity;
  fileName: string;
  fileSize: number;
  delimiter: string;
  header: string[];
  mapping: Record<string, string>;
  duplicateMode: DuplicateMode;
  dryRun: boolean;
  status: ImportStatus;
  totalRows: number | null;
  committedRows: number;
  progress: number;
  counts: { created: number; updated: number; skipped: number; errors: number };
  failure: { code: string; message: string } | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

export type ImportPreview = { header: string[]; rows: string[][]; fields: FieldView[]; mapping: Record<string, string> };
export type FieldView = { key: string; label: string; required: boolean; multiple: boolean };
export type RowErrorView = { rowNumber: number; field: string | null; code: string; message: string };

const IMPORT_ERROR_MESSAGES = importErrors as unknown as Record<string, () => { messages: LocalisedText }>;

function view(row: ImportRow, locale: 'fa' | 'en'): ImportView {
  const failureCode = row.failureMessage;
  const known = failureCode && Object.hasOwn(importErrors, failureCode) ? IMPORT_ERROR_MESSAGES[failureCode] : undefined;
  const total = row.totalRows ?? 0;
  return {
    id: row.id,
    entityType: row.entityType,
    fileName: row.fileName,
    fileSize: row.fileSize,
    delimiter: row.delimiter,
    header: row.header,
    mapping: row.mapping,
    duplicateMode: row.duplicateMode,
    dryRun: row.dryRun === 1,
    status: row.status,
    totalRows: row.totalRows,
    committedRows: row.committedRows,
    progress: row.status === 'completed' ? 100 : total > 0 ? Math.min(100, Math.floor((row.committedRows / total) * 100)) : 0,
    counts: { created: row.createdCount, updated: row.updatedCount, skipped: row.skippedCount, errors: row.errorCount },
    failure: failureCode ? { code: known ? failureCode : 'import_failed', message: known ? known().messages[locale] : failureCode } : null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

const fieldView = (f: ImportField, locale: 'fa' | 'en'): FieldView => ({ key: f.key, label: f.label[locale], required: f.required, multiple: !!f.multiple });

function encodeErrorCursor(row: number, id: string): string {
  return Buffer.from(JSON.stringify({ row, id })).toString('base64url');
}

function decodeErrorCursor(cursor: string): { row: number; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Number.isInteger(value?.row) && typeof value?.id === 'string') return value;
  } catch {
    // fall through
  }
  throw kernelErrors.validation_failed({
    fieldErrors: [{ path: 'cursor', code: 'invalid_cursor', message: { fa: 'نشانگر صفحه نامعتبر است.', en: 'The page cursor is not valid.' } }],
  });
}

/**
 * An upload, or a finished dry run, can start (or dry-run again); a real import that failed can
 * only be resumed, never reset: its committed rows are real records.
 */
function canStart(row: ImportRow, dryRun: boolean): boolean {
  if (row.status === 'uploaded') return true;
  if (row.dryRun === 1) return row.status === 'completed' || row.status === 'failed' || row.status === 'cancelled';
  return !dryRun && row.status === 'failed';
}

export type ImportsServiceDeps = { db: AppDb; jobs: JobQueue; uploadsDir: string };

export function createImportsService(deps: ImportsServiceDeps) {
  const { db, jobs } = deps;
  const uploadsDir = resolve(deps.uploadsDir);
  const adapters = new Map<string, ImportAdapter>();

  const pathOf = (storedPath: string) => {
    const path = resolve(uploadsDir, storedPath);
    if (!path.startsWith(uploadsDir + sep)) throw kernelErrors.internal_error();
    return path;
  };
  const runner = createImportRunner({ db, jobs, adapterFor: (t) => adapters.get(t), pathOf });

  const adapterFor = (entityType: string): ImportAdapter => {
    const adapter = adapters.get(entityType);
    if (!adapter) throw importErrors.unknown_entity({ params: { entityType } });
    return adapter;
  };

  async function load(ctx: WorkspaceContext, id: string): Promise<ImportRow> {
    const row = await repo.find(db, ctx.workspaceId, id);
    if (!row) throw importErrors.import_not_found();
    return row;
  }

  function checkMapping(header: string[], fields: ImportField[], mapping: Record<string, string>): void {
    const problems: FieldError[] = [];
    const byKey = new Map(fields.map((f) => [f.key, f]));
    const used = new Set<string>();
    for (const [column, key] of Object.entries(mapping)) {
      if (!header.includes(column)) {
        problems.push({ path: `mapping.${column}`, code: 'unknown_column', message: { fa: `ستون «${column}» در فایل نیست.`, en: `The file has no column "${column}".` } });
        continue;
      }
      if (!key) continue;
      const field = byKey.get(key);
      if (!field) {
        problems.push({ path: `mapping.${column}`, code: 'unknown_field', message: { fa: `فیلد «${key}» وجود ندارد.`, en: `There is no field "${key}".` } });
      } else if (used.has(key) && !field.multiple) {
        problems.push({
          path: `mapping.${column}`,
          code: 'field_mapped_twice',
          message: { fa: `فیلد «${field.label.fa}» به بیش از یک ستون نگاشت شده است.`, en: `The field "${field.label.en}" is mapped to more than one column.` },
        });
      }
      used.add(key);
    }
    if (problems.length) throw importErrors.invalid_mapping({ fieldErrors: problems });
  }

  async function queueRun(ctx: WorkspaceContext, id: string, input: { version?: number }, dryRun: boolean): Promise<ImportView> {
    requirePermission(ctx, 'records.import');
    const row = await load(ctx, id);
    if (input.version !== undefined && input.version !== row.version) throw kernelErrors.version_conflict();
    if (!canStart(row, dryRun)) {
      throw importErrors.import_not_startable({ params: { status: row.status } });
    }
    const fields = await adapterFor(row.entityType).fields(db, ctx.workspaceId);
    checkMapping(row.header, fields, row.mapping);
    const mapped = new Set(Object.values(row.mapping).filter(Boolean));
    const missing = fields.filter((f) => f.required && !mapped.has(f.key));
    if (missing.length) {
      throw importErrors.required_fields_unmapped({ params: { fields: missing.map((f) => f.label[ctx.locale]).join(ctx.locale === 'fa' ? '، ' : ', ') } });
    }
    if (!existsSync(pathOf(row.storedPath))) throw importErrors.upload_missing();
    // A failed real import resumes where it stopped; anything else starts from the first row.
    const resume = row.status === 'failed' && row.dryRun === 0 && !dryRun;
    const data: ImportJobData = { importId: row.id, workspaceId: row.workspaceId, actor: ctx.actor, locale: ctx.locale };
    const updated = await db.transaction(async (tx) => {
      if (!resume) await repo.deleteErrors(tx, ctx.workspaceId, row.id);
      const next = await repo.update(
        tx,
        ctx.workspaceId,
        row.id,
        { version: row.version },
        resume
          ? { status: 'queued', failureMessage: null, finishedAt: null }
          : {
              status: 'queued',
              dryRun: dryRun ? 1 : 0,
              committedRows: 0,
              createdCount: 0,
              updatedCount: 0,
              skippedCount: 0,
              errorCount: 0,
              failureMessage: null,
              finishedAt: null,
            },
      );
      if (!next) throw kernelErrors.version_conflict();
      await jobs.send(IMPORT_JOB, data, { tx, singletonKey: `import:${row.id}` });
      return next;
    });
    return view(updated, ctx.locale);
  }

  return {
    registerAdapter(adapter: ImportAdapter): void {
      adapters.set(adapter.entityType, adapter);
    },

    /** Registers the 'imports.run' job handler. */
    async registerJobs(queue: JobQueue = jobs): Promise<void> {
      await queue.work<ImportJobData>(IMPORT_JOB, async (data) => {
        await runner.run(data);
      });
    },

    /** Runs (or resumes) an import now; the job handler calls this, and tests with small batches. */
    run(data: ImportJobData, options?: RunOptions) {
      return runner.run(data, options);
    },

    async fields(ctx: WorkspaceContext, entityType: string): Promise<FieldView[]> {
      requirePermission(ctx, 'records.import');
      const fields = await adapterFor(entityType).fields(db, ctx.workspaceId);
      return fields.map((f) => fieldView(f, ctx.locale));
    },

    /**
     * Streams the body to `<uploads>/<workspace>/<import>.csv`, checks it (size, UTF-8, CSV), and
     * records the import with a suggested mapping. Nothing is imported yet.
     */
    async upload(ctx: WorkspaceContext, input: { entityType: string; fileName?: string; body: Readable }): Promise<{ import: ImportView; preview: ImportPreview }> {
      requirePermission(ctx, 'records.import');
      const adapter = adapterFor(input.entityType);
      const id = randomUUID();
      const storedPath = join(ctx.workspaceId, `${id}.csv`);
      const path = pathOf(storedPath);
      const { size } = await receiveUpload(input.body, path);
      try {
        const summary = await summarizeCsv(path);
        const fields = await adapter.fields(db, ctx.workspaceId);
        const mapping = suggestMapping(summary.header, fields);
        const row = await repo.insert(db, {
          id,
          workspaceId: ctx.workspaceId,
          entityType: adapter.entityType,
          fileName: basename(input.fileName?.trim() || `${adapter.entityType}.csv`).slice(0, 255),
          storedPath,
          fileSize: size,
          delimiter: summary.delimiter,
          header: summary.header,
          mapping,
          totalRows: summary.totalRows,
          createdBy: ctx.actor.id,
        });
        return {
          import: view(row, ctx.locale),
          preview: { header: summary.header, rows: summary.preview, fields: fields.map((f) => fieldView(f, ctx.locale)), mapping },
        };
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
    },

    async get(ctx: WorkspaceContext, id: string): Promise<ImportView> {
      requirePermission(ctx, 'records.import');
      return view(await load(ctx, id), ctx.locale);
    },

    async preview(ctx: WorkspaceContext, id: string): Promise<ImportPreview> {
      requirePermission(ctx, 'records.import');
      const row = await load(ctx, id);
      const path = pathOf(row.storedPath);
      if (!existsSync(path)) throw importErrors.upload_missing();
      const fields = await adapterFor(row.entityType).fields(db, ctx.workspaceId);
      return { header: row.header, rows: await previewCsv(path, row.delimiter), fields: fields.map((f) => fieldView(f, ctx.locale)), mapping: row.mapping };
    },

    async list(ctx: WorkspaceContext, query: TListQuery): Promise<Page<ImportView>> {
      requirePermission(ctx, 'records.import');
      const rows = await repo.list(db, ctx.workspaceId, query);
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      return { items: page.items.map((r) => view(r, ctx.locale)), nextCursor: page.nextCursor };
    },

    /** Mapping and duplicate mode; changing them after a dry run discards its results. */
    async update(ctx: WorkspaceContext, id: string, input: { mapping?: Record<string, string>; duplicateMode?: DuplicateMode; version: number }): Promise<ImportView> {
      requirePermission(ctx, 'records.import');
      const row = await load(ctx, id);
      const editable = row.status === 'uploaded' || (row.dryRun === 1 && ['completed', 'failed', 'cancelled'].includes(row.status));
      if (!editable) throw importErrors.import_not_editable({ params: { status: row.status } });
      if (input.version !== row.version) throw kernelErrors.version_conflict();
      if (input.mapping) {
        const fields = await adapterFor(row.entityType).fields(db, ctx.workspaceId);
        checkMapping(row.header, fields, input.mapping);
      }
      const updated = await db.transaction(async (tx) => {
        await repo.deleteErrors(tx, ctx.workspaceId, row.id);
        return repo.update(
          tx,
          ctx.workspaceId,
          row.id,
          { version: input.version },
          {
            ...(input.mapping ? { mapping: Object.fromEntries(Object.entries(input.mapping).filter(([, key]) => key)) } : {}),
            ...(input.duplicateMode ? { duplicateMode: input.duplicateMode } : {}),
            status: 'uploaded',
            dryRun: 0,
            committedRows: 0,
            createdCount: 0,
            updatedCount: 0,
            skippedCount: 0,
            errorCount: 0,
            failureMessage: null,
            finishedAt: null,
          },
        );
      });
      if (!updated) throw kernelErrors.version_conflict();
      return view(updated, ctx.locale);
    },

    dryRun(ctx: WorkspaceContext, id: string, input: { version?: number } = {}) {
      return queueRun(ctx, id, input, true);
    },

    start(ctx: WorkspaceContext, id: string, input: { version?: number } = {}) {
      return queueRun(ctx, id, input, false);
    },

    /** Stops a waiting or running import after its current batch; rows already committed stay. */
    async cancel(ctx: WorkspaceContext, id: string): Promise<ImportView> {
      requirePermission(ctx, 'records.import');
      const row = await load(ctx, id);
      const updated = await repo.update(db, ctx.workspaceId, id, { statuses: ['uploaded', 'queued', 'running'] }, { status: 'cancelled', finishedAt: new Date() });
      if (!updated) throw importErrors.import_not_cancellable({ params: { status: row.status } });
      if (!updated.dryRun) await rm(pathOf(updated.storedPath), { force: true });
      return view(updated, ctx.locale);
    },

    async errors(ctx: WorkspaceContext, id: string, query: TListQuery): Promise<Page<RowErrorView>> {
      requirePermission(ctx, 'records.import');
      await load(ctx, id);
      const rows = await repo.listErrors(db, ctx.workspaceId, id, { limit: query.limit, after: query.cursor ? decodeErrorCursor(query.cursor) : undefined });
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((e) => ({ rowNumber: e.rowNumber, field: e.field, code: e.code, message: ctx.locale === 'fa' ? e.messageFa : e.messageEn })),
        nextCursor: rows.length > query.limit && last ? encodeErrorCursor(last.rowNumber, last.id) : null,
      };
    },

    /**
     * vCards into people, through the same engine as CSV: the cards become a CSV of person
     * fields, with the same duplicate modes and errors; a small file runs within the request, a
     * large one as a job (poll GET /imports/:id).
     */
    async importVcard(
      ctx: WorkspaceContext,
      input: { text: string; fileName?: string; duplicateMode: DuplicateMode; dryRun: boolean },
    ): Promise<ImportView> {
      requirePermission(ctx, 'records.import');
      const adapter = adapterFor('person');
      const cards = parseVcards(input.text);
      if (!cards.length) throw importErrors.invalid_vcard({ params: { reason: ctx.locale === 'fa' ? 'هیچ کارتی پیدا نشد' : 'no card found' } });
      const fields = await adapter.fields(db, ctx.workspaceId);
      const keys = fields.map((f) => f.key).filter((k) => !k.startsWith('custom.'));
      const records = cards.map(vcardToPersonRecord);
      const id = randomUUID();
      const storedPath = join(ctx.workspaceId, `${id}.csv`);
      const path = pathOf(storedPath);
      mkdirSync(join(uploadsDir, ctx.workspaceId), { recursive: true });
      await writeFile(path, stringify([keys, ...records.map((r) => keys.map((k) => r[k] ?? ''))]));
      const data: ImportJobData = { importId: id, workspaceId: ctx.workspaceId, actor: ctx.actor, locale: ctx.locale };
      const inline = records.length <= VCARD_INLINE_CARDS;
      await db.transaction(async (tx) => {
        await repo.insert(tx, {
          id,
          workspaceId: ctx.workspaceId,
          entityType: 'person',
          fileName: basename(input.fileName?.trim() || 'contacts.vcf').slice(0, 255),
          storedPath,
          fileSize: Buffer.byteLength(input.text),
          delimiter: ',',
          header: keys,
          mapping: Object.fromEntries(keys.map((k) => [k, k])),
          duplicateMode: input.duplicateMode,
          dryRun: input.dryRun ? 1 : 0,
          status: 'queued',
          totalRows: records.length,
          createdBy: ctx.actor.id,
        });
        // A big address book runs as a job like any CSV; the answer then says 'queued'.
        if (!inline) await jobs.send(IMPORT_JOB, data, { tx, singletonKey: `import:${id}` });
      });
      if (inline) await runner.run(data);
      return view((await repo.find(db, ctx.workspaceId, id))!, ctx.locale);
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
