import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CalendarKind } from '#common/calendar/index.ts';
import type { Locale } from '../../kernel/errors/index.ts';
import type { App } from '../../kernel/http/server.ts';
import { pageOf, ZListQuery } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import { ZLeadListQuery } from '../leads/leads.contract.ts';
import { ZRecordListQuery } from '../people/people.contract.ts';
import type { ExportsService } from './exports.service.ts';
import { importErrors } from './imports.errors.ts';
import { UPLOAD_LIMIT_BYTES } from './csv-file.ts';
import { VCARD_LIMIT_BYTES, type ImportsService } from './imports.service.ts';

const ZEntity = z.enum(['person', 'organization', 'lead', 'order']);
const ZDuplicateMode = z.enum(['skip', 'update', 'create']).describe('What to do with a row that matches an existing record');
const ZStatus = z.enum(['uploaded', 'queued', 'running', 'completed', 'failed', 'cancelled']);

export const ZImport = z.object({
  id: z.uuid(),
  entityType: ZEntity,
  fileName: z.string(),
  fileSize: z.number().int(),
  delimiter: z.string(),
  header: z.array(z.string()).describe('Column names of the file, in order'),
  mapping: z.record(z.string(), z.string()).describe('Column name → field key'),
  duplicateMode: ZDuplicateMode,
  dryRun: z.boolean().describe('True while the counts and errors are those of a dry run'),
  status: ZStatus,
  totalRows: z.number().int().nullable().describe('Data rows in the file (the header excluded)'),
  committedRows: z.number().int().describe('Rows processed and committed so far'),
  progress: z.number().int().min(0).max(100),
  counts: z.object({ created: z.number().int(), updated: z.number().int(), skipped: z.number().int(), errors: z.number().int().describe('Rows with errors') }),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
});

const ZField = z.object({ key: z.string(), label: z.string(), required: z.boolean(), multiple: z.boolean().describe('Several columns may map to it') });
const ZPreview = z.object({
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())).describe('The first 20 data rows'),
  fields: z.array(ZField),
  mapping: z.record(z.string(), z.string()),
});
const ZRowError = z.object({
  rowNumber: z.number().int().describe('Row as a spreadsheet numbers it: the header is row 1'),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 413: ZProblem, 415: ZProblem };
const ZParams = z.object({ id: z.uuid() });
const ZVersionBody = z.object({ version: z.number().int().min(1).optional().describe('When given, a stale version gets 409') }).strict();

/** Body types taken as a raw stream: the file is written to disk as it arrives, never buffered whole. */
const RAW_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream', 'text/plain', 'text/vcard', 'text/x-vcard', 'text/directory'];

function asStream(body: unknown): Readable {
  if (body instanceof Readable) return body;
  throw importErrors.unsupported_media_type();
}

/**
 * Limits of a multipart upload: one file of the same size as a raw body (the upload's own check
 * answers file_too_large first, in the caller's language), a few small fields.
 */
const multipartLimits = (fileBytes: number) => ({ fileSize: fileBytes + 1024, files: 5, fields: 20, fieldSize: 4096, parts: 30 });

/**
 * The file of an upload, raw body or multipart/form-data field `file`, as a stream handed to
 * `use` (which writes it to disk as it arrives; nothing is buffered whole). Other parts of a
 * form are read past. The form's file name is used unless `?fileName=` is given.
 */
async function withUploadedFile<T>(request: FastifyRequest, fileBytes: number, use: (file: { body: Readable; fileName?: string }) => Promise<T>): Promise<T> {
  if (!request.isMultipart()) return use({ body: asStream(request.body) });
  let result: { value: T } | undefined;
  try {
    for await (const part of request.parts({ limits: multipartLimits(fileBytes) })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || result) {
        part.file.resume();
        continue;
      }
      result = { value: await use({ body: part.file, fileName: part.filename || undefined }) };
    }
  } catch (error) {
    // Once the file is taken, a limit hit by later parts of the form changes nothing.
    if (!result) throw error;
  }
  if (!result) throw importErrors.upload_field_missing();
  return result.value;
}

async function readText(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw importErrors.file_too_large({ params: { limit: Math.round(limit / 1024 / 1024) } });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function registerImportsRoutes(app: App, imports: ImportsService, exportsService: ExportsService): void {
  // A scope of its own, so the raw body parsers and multipart forms apply to these routes only.
  app.register(async (scope: App) => {
    scope.addContentTypeParser(RAW_TYPES, (_request, payload, done) => done(null, payload));
    await scope.register(fastifyMultipart, { limits: multipartLimits(UPLOAD_LIMIT_BYTES) });

    scope.get('/api/v1/imports/fields', {
      schema: {
        tags: ['imports'],
        summary: 'Fields a CSV column can be mapped to (built-in and custom)',
        querystring: z.object({ entityType: ZEntity }),
        response: { 200: z.object({ items: z.array(ZField) }), ...errors },
      },
      handler: async (request) => ({ items: await imports.fields(await request.workspace(), request.query.entityType) }),
    });

    scope.post('/api/v1/imports', {
      config: { idempotent: false },
      schema: {
        tags: ['imports'],
        summary: 'Upload a CSV file (raw body with Content-Type text/csv, or multipart/form-data field "file"; up to 200 MB); nothing is imported yet',
        description:
          'The body is the file itself, or a multipart/form-data form whose field `file` is the file (as a browser form sends it; ' +
          'its file name is kept unless `fileName` is given). UTF-8 with or without BOM (Excel "CSV UTF-8"), delimited by , ; tab | or ؛ (sniffed). ' +
          'The file is streamed to disk, never held in memory. The answer has the header, the first 20 rows and a suggested mapping. Then PATCH the mapping, dry-run, start.',
        querystring: z.object({ entityType: ZEntity, fileName: z.string().max(255).optional() }),
        response: { 201: z.object({ import: ZImport, preview: ZPreview }), ...errors },
      },
      handler: async (request, reply) => {
        const ctx = await request.workspace();
        const result = await withUploadedFile(request, UPLOAD_LIMIT_BYTES, (file) =>
          imports.upload(ctx, { entityType: request.query.entityType, fileName: request.query.fileName ?? file.fileName, body: file.body }),
        );
        return reply.code(201).send(result);
      },
    });

    scope.post('/api/v1/imports/vcard', {
      config: { idempotent: false },
      schema: {
        tags: ['imports'],
        summary: 'Import people from vCards (raw body with Content-Type text/vcard, or multipart/form-data field "file"; up to 10 MB), at once',
        querystring: z.object({
          duplicateMode: ZDuplicateMode.default('skip'),
          dryRun: z.enum(['true', 'false']).default('false'),
          fileName: z.string().max(255).optional(),
        }),
        response: { 200: ZImport, ...errors },
      },
      handler: async (request) => {
        const ctx = await request.workspace();
        const { text, fileName } = await withUploadedFile(request, VCARD_LIMIT_BYTES, async (file) => ({
          text: await readText(file.body, VCARD_LIMIT_BYTES),
          fileName: request.query.fileName ?? file.fileName,
        }));
        return imports.importVcard(ctx, {
          text,
          fileName,
          duplicateMode: request.query.duplicateMode,
          dryRun: request.query.dryRun === 'true',
        });
      },
    });

    scope.get('/api/v1/imports', {
      schema: { tags: ['imports'], summary: 'Imports of the workspace (newest first)', querystring: ZListQuery, response: { 200: pageOf(ZImport), ...errors } },
      handler: async (request) => imports.list(await request.workspace(), request.query),
    });

    scope.get('/api/v1/imports/:id', {
      schema: { tags: ['imports'], summary: 'An import: status, counts, progress', params: ZParams, response: { 200: ZImport, ...errors } },
      handler: async (request) => imports.get(await request.workspace(), request.params.id),
    });

    scope.get('/api/v1/imports/:id/preview', {
      schema: { tags: ['imports'], summary: 'Header, first rows, fields and mapping of an uploaded file', params: ZParams, response: { 200: ZPreview, ...errors } },
      handler: async (request) => imports.preview(await request.workspace(), request.params.id),
    });

    scope.patch('/api/v1/imports/:id', {
      schema: {
        tags: ['imports'],
        summary: 'Set the column mapping and the duplicate mode',
        params: ZParams,
        body: z
          .object({
            mapping: z.record(z.string().max(500), z.string().max(100)).optional().describe('Column name → field key; "" leaves a column out'),
            duplicateMode: ZDuplicateMode.optional(),
            version: z.number().int().min(1),
          })
          .strict(),
        response: { 200: ZImport, ...errors },
      },
      handler: async (request) => imports.update(await request.workspace(), request.params.id, request.body),
    });

    scope.post('/api/v1/imports/:id/dry-run', {
      schema: {
        tags: ['imports'],
        summary: 'Validate every row and count what would be created, updated, skipped; changes no record',
        params: ZParams,
        body: ZVersionBody,
        response: { 202: ZImport, ...errors },
      },
      handler: async (request, reply) => reply.code(202).send(await imports.dryRun(await request.workspace(), request.params.id, request.body)),
    });

    scope.post('/api/v1/imports/:id/start', {
      schema: {
        tags: ['imports'],
        summary: 'Run the import in the background (a failed one resumes after its last committed batch)',
        params: ZParams,
        body: ZVersionBody,
        response: { 202: ZImport, ...errors },
      },
      handler: async (request, reply) => reply.code(202).send(await imports.start(await request.workspace(), request.params.id, request.body)),
    });

    scope.post('/api/v1/imports/:id/cancel', {
      schema: { tags: ['imports'], summary: 'Stop an import after its current batch; committed rows stay', params: ZParams, response: { 200: ZImport, ...errors } },
      handler: async (request) => imports.cancel(await request.workspace(), request.params.id),
    });

    scope.get('/api/v1/imports/:id/errors', {
      schema: {
        tags: ['imports'],
        summary: "Rows that could not be imported, in file order, in the caller's language",
        params: ZParams,
        querystring: ZListQuery,
        response: { 200: pageOf(ZRowError), ...errors },
      },
      handler: async (request) => imports.errors(await request.workspace(), request.params.id, request.query),
    });

    const ZExportOptions = {
      columns: z.string().max(5_000).optional().describe('Comma-separated field keys, in order; default all'),
      calendar: z.enum(['jalali', 'gregorian']).optional().describe("Dates' calendar; default the caller's own (Jalali for fa, Gregorian for en)"),
      lang: z
        .enum(['fa', 'en'])
        .optional()
        .describe("Language of the headers and labels; default the caller's (Accept-Language, else the signed-in user's language). A download link should send the app's language here"),
    };
    // The list's own parameters, so a file holds exactly the rows of the list it was asked from.
    const ZRecordExportQuery = ZRecordListQuery.omit({ limit: true, cursor: true }).extend(ZExportOptions);
    const ZLeadExportQuery = ZLeadListQuery.omit({ limit: true, cursor: true }).extend(ZExportOptions);

    /** The export's language and calendar: asked for, else the caller's; the user's own calendar when they read in their language. */
    async function reading(request: FastifyRequest, query: { lang?: Locale; calendar?: CalendarKind }) {
      const ctx = await request.workspace();
      const lang = query.lang ?? ctx.locale;
      const user = (await request.principal())?.user;
      return { ctx, lang, calendar: query.calendar ?? (user && user.locale === lang ? user.calendar : undefined) };
    }

    for (const plural of ['people', 'organizations', 'leads'] as const) {
      scope.get(`/api/v1/exports/${plural}.csv`, {
        schema: {
          tags: ['exports'],
          summary: `Export ${plural} as CSV: the rows of the list with the same parameters, in its order (UTF-8 with BOM), streamed`,
          description:
            'Takes the parameters of the list (q, filter, view, sort, tag, ownerId, deleted' +
            (plural === 'leads' ? ', status, source' : ', stale') +
            ') and exports exactly its rows in its order; headers and labels in `lang`, dates in `calendar`.',
          querystring: plural === 'leads' ? ZLeadExportQuery : ZRecordExportQuery,
          response: errors,
        },
        handler: async (request, reply) => {
          const query = request.query as z.infer<typeof ZLeadExportQuery> | z.infer<typeof ZRecordExportQuery>;
          const { ctx, lang, calendar } = await reading(request, query);
          const file = await exportsService.csv(ctx, exportsService.entityOf(plural), { ...query, lang, calendar });
          return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body as never);
        },
      });
    }

    scope.get('/api/v1/exports/people.vcf', {
      schema: {
        tags: ['exports'],
        summary: 'Export people as vCards (4.0, or 3.0 for older phones): the rows of the list with the same parameters, streamed',
        querystring: ZRecordExportQuery.omit({ columns: true, calendar: true }).extend({ version: z.enum(['3.0', '4.0']).optional() }),
        response: errors,
      },
      handler: async (request, reply) => {
        const { ctx, lang } = await reading(request, request.query);
        const file = await exportsService.vcards(ctx, { ...request.query, lang });
        return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body as never);
      },
    });
  });
}
