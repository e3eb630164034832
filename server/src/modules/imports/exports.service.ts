import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { CalendarKind } from '#common/calendar/index.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import type { Locale } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { exportsRepository } from './exports.repository.ts';
import type { SortPosition } from '../people/record-query.ts';
import type { ExportAdapter, ExportFilterResolver, ExportListQuery, ExportSelection } from './import-adapter.ts';
import { importErrors } from './imports.errors.ts';
import type { ImportEntity } from './imports.schema.ts';
import { formatVcard, type VcardVersion } from './vcard.ts';

/** Rows per query: big enough to stream fast, small enough to keep each query short. */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * An export: the list parameters of the list it was started from, plus which columns, the
 * headers' language (default the caller's) and the dates' calendar (default Jalali for fa,
 * Gregorian for en).
 */
export type ExportQuery = ExportListQuery & { columns?: string; calendar?: CalendarKind; lang?: Locale };
export type ExportFile = { fileName: string; contentType: string; body: Readable };

const LIST_PARAMETERS = ['q', 'filter', 'view', 'sort', 'deleted', 'stale', 'tag', 'ownerId', 'status', 'source'] as const;

/** What the audit entry of an export says about its rows: the list parameters given. */
function listParameters(query: ExportQuery): Record<string, unknown> {
  return Object.fromEntries(LIST_PARAMETERS.flatMap((key) => (query[key] !== undefined ? [[key, query[key]]] : [])));
}

export const defaultCalendar = (locale: Locale): CalendarKind => (locale === 'fa' ? 'jalali' : 'gregorian');

/**
 * A cell Excel or LibreOffice would run as a formula (=, @, or + / - followed by more than a
 * number) gets a leading apostrophe, which the spreadsheet hides; the import strips it again.
 * Phone numbers (+98…) and negative numbers stay as they are.
 */
export function safeCell(value: string): string {
  if (/^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][\d\s().-]*$/.test(value))) return `'${value}`;
  return value;
}

export type ExportsServiceDeps = { db: AppDb; filterResolver?: ExportFilterResolver; pageSize?: number };

export function createExportsService(deps: ExportsServiceDeps) {
  const { db } = deps;
  const pageSize = deps.pageSize ?? EXPORT_PAGE_SIZE;
  const adapters = new Map<string, ExportAdapter>();

  const adapterFor = (entityType: string): ExportAdapter => {
    const adapter = adapters.get(entityType);
    if (!adapter) throw importErrors.unknown_entity({ params: { entityType } });
    return adapter;
  };

  /** The list's condition and sort; without a resolver only the default list can be exported. */
  async function selection(ctx: WorkspaceContext, entityType: ImportEntity, query: ExportQuery): Promise<ExportSelection | undefined> {
    if (!deps.filterResolver) {
      if (Object.keys(listParameters(query)).length) throw importErrors.export_filter_unavailable();
      return undefined;
    }
    return deps.filterResolver(db, ctx, entityType, listParameters(query) as ExportListQuery);
  }

  /** Pages of one entity's rows in the list's order; each page is one query. */
  async function* pages(adapter: ExportAdapter, ctx: WorkspaceContext, selected: ExportSelection | undefined, calendar: CalendarKind) {
    let after: SortPosition | undefined;
    for (;;) {
      const rows = await adapter.page(db, ctx, { selection: selected, after, limit: pageSize }, { calendar });
      if (rows.length) yield rows;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      after = { v: last.sortValue, id: last.id };
    }
  }

  /** The caller, speaking the export's language: headers, choice labels and messages follow it. */
  const reading = (ctx: WorkspaceContext, query: ExportQuery): { ctx: WorkspaceContext; calendar: CalendarKind } => {
    const locale = query.lang ?? ctx.locale;
    return { ctx: { ...ctx, locale }, calendar: query.calendar ?? defaultCalendar(locale) };
  };

  async function audit(ctx: WorkspaceContext, entityType: ImportEntity, details: Record<string, unknown>) {
    await recordAudit(db, ctx, { action: 'records.exported', entityType, entityId: randomUUID(), after: details });
  }

  return {
    registerAdapter(adapter: ExportAdapter): void {
      adapters.set(adapter.entityType, adapter);
    },

    /** Which entity an export file name (people, organizations, leads) stands for. */
    entityOf(plural: string): ImportEntity {
      for (const adapter of adapters.values()) if (adapter.plural === plural) return adapter.entityType;
      throw importErrors.unknown_entity({ params: { entityType: plural } });
    },

    /**
     * CSV with a UTF-8 BOM (Excel then reads Persian correctly), headers in the caller's language,
     * dates in their calendar; streamed page by page, never whole in memory.
     */
    async csv(caller: WorkspaceContext, entityType: ImportEntity, query: ExportQuery): Promise<ExportFile> {
      requirePermission(caller, 'records.export');
      const { ctx, calendar } = reading(caller, query);
      const adapter = adapterFor(entityType);
      const all = await adapter.columns(db, ctx.workspaceId);
      let columns = all;
      if (query.columns) {
        const keys = query.columns.split(',').map((k) => k.trim()).filter(Boolean);
        columns = keys.map((key) => {
          const column = all.find((c) => c.key === key);
          if (!column) throw importErrors.unknown_column({ params: { column: key } });
          return column;
        });
      }
      const selected = await selection(ctx, entityType, query);
      await audit(ctx, entityType, { format: 'csv', ...listParameters(query), columns: columns.map((c) => c.key), lang: ctx.locale, calendar });
      async function* chunks() {
        yield '\uFEFF' + stringify([columns.map((c) => c.label[ctx.locale])], { record_delimiter: 'windows' });
        for await (const rows of pages(adapter, ctx, selected, calendar)) {
          yield stringify(
            rows.map((r) => columns.map((c) => safeCell(r.values[c.key] ?? ''))),
            // Line breaks inside a cell (an address) are quoted too, as Excel writes them.
            { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
          );
        }
      }
      return { fileName: `${adapter.plural}.csv`, contentType: 'text/csv; charset=utf-8', body: Readable.from(chunks()) };
    },

    /** People as vCards (4.0 by default, 3.0 for older phones), streamed. */
    async vcards(caller: WorkspaceContext, query: ExportQuery & { version?: VcardVersion }): Promise<ExportFile> {
      requirePermission(caller, 'records.export');
      const { ctx } = reading(caller, query);
      const selected = await selection(ctx, 'person', query);
      const version = query.version ?? '4.0';
      await audit(ctx, 'person', { format: 'vcard', version, ...listParameters(query) });
      async function* chunks() {
        let after: SortPosition | undefined;
        for (;;) {
          const rows = await exportsRepository.people(db, ctx.workspaceId, { selection: selected, after, limit: pageSize });
          const orgs = await exportsRepository.organizationNames(db, ctx.workspaceId, rows.map((r) => r.id));
          let text = '';
          for (const p of rows) {
            text += formatVcard(
              {
                id: p.id,
                firstName: p.firstName,
                lastName: p.lastName,
                emails: p.emails.map((e) => e.value),
                phones: p.phones.map((ph) => ({ value: ph.value, label: ph.label })),
                organization: orgs.get(p.id)?.[0],
                jobTitle: p.jobTitle ?? undefined,
                birthday: p.birthday ?? undefined,
                addresses: p.addresses,
              },
              version,
            );
          }
          if (text) yield text;
          if (rows.length < pageSize) return;
          const last = rows[rows.length - 1]!;
          after = { v: last.sortValue, id: last.id };
        }
      }
      return { fileName: 'people.vcf', contentType: `text/vcard; charset=utf-8`, body: Readable.from(chunks()) };
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
