import type { SQL } from 'drizzle-orm';
import type { CalendarKind } from '#common/calendar/index.ts';
import type { Executor, Tx } from '../../kernel/db/database.ts';
import type { LocalisedText } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { CustomFieldInfo } from './field-values.ts';
import type { ImportEntity } from './imports.schema.ts';

/** One field a CSV column can be mapped to. Custom fields have keys `custom.<key>`. */
export type ImportField = {
  key: string;
  label: LocalisedText;
  required: boolean;
  /** Header names (fa and en) that map to this field without asking, compared Persian-normalised. */
  aliases: string[];
  /** Several columns may map here (e.g. «تلفن همراه» and «تلفن محل کار» → phone); values are joined. */
  multiple?: boolean;
};

/** A problem with one value of one row, in both languages. */
export type RowFieldError = { field: string | null; code: string; message: LocalisedText };

export type ParsedRow<I> = { input: I } | { errors: RowFieldError[] };

export type RowContext = {
  ctx: WorkspaceContext;
  /** How dates without an unambiguous year are read (parseDateInput). */
  calendar: CalendarKind;
  /** The workspace's custom fields of this entity, read once per run. */
  customFields: CustomFieldInfo[];
};

/**
 * What the import engine needs to know about one kind of record. The engine streams rows, maps
 * columns to field keys and handles batches, duplicate modes, errors and progress; the adapter
 * turns a row into the owning module's input and writes it through that module's service.
 */
export type ImportAdapter<I = any> = {
  entityType: ImportEntity;
  /** Built-in fields then the workspace's custom fields. */
  fields(db: Executor, workspaceId: string): Promise<ImportField[]>;
  /** `record`: field key → trimmed cell text (absent when unmapped or empty). */
  parseRow(record: Record<string, string>, context: RowContext): ParsedRow<I>;
  /** Duplicate detection (email, phone, name + organisation …): the id of the existing record, or null. */
  findExisting(tx: Tx, ctx: WorkspaceContext, input: I): Promise<string | null>;
  create(tx: Tx, ctx: WorkspaceContext, input: I): Promise<string>;
  /** Applies the row's values to an existing record (only the fields the row carries). */
  update(tx: Tx, ctx: WorkspaceContext, id: string, input: I): Promise<void>;
};

/** A column of an export; its key is the import field key, so an export imports back as is. */
export type ExportColumn = { key: string; label: LocalisedText };

export type ExportPageQuery = {
  /** Keyset: rows strictly after this (createdAt, id), oldest first. */
  after?: { at: Date; id: string };
  limit: number;
  /** Extra condition from a saved view or a filter, on the entity's table. */
  where?: SQL;
};

export type ExportRow = { at: Date; id: string; values: Record<string, string> };

/** Renders one kind of record into CSV/vCard rows, page by page. */
export type ExportAdapter = {
  entityType: ImportEntity;
  /** File name stem: people, organizations, leads. */
  plural: string;
  columns(db: Executor, workspaceId: string): Promise<ExportColumn[]>;
  page(db: Executor, ctx: WorkspaceContext, query: ExportPageQuery, options: { calendar: CalendarKind }): Promise<ExportRow[]>;
};

/**
 * Turns `?view=<id>` / `?filter=<json>` into a condition on the entity's table. Provided by the
 * views/filters modules; without it, filtered exports are refused with a clear message.
 */
export type ExportFilterResolver = (
  db: Executor,
  ctx: WorkspaceContext,
  entityType: ImportEntity,
  request: { viewId?: string; filter?: unknown },
) => Promise<SQL | undefined>;
