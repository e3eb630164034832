import type { SQL } from 'drizzle-orm';
import type { CalendarKind } from '#common/calendar/index.ts';
import type { Executor, Tx } from '../../kernel/db/database.ts';
import type { LocalisedText } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { BatchDuplicates } from './batch-duplicates.ts';
import type { CustomFieldInfo } from './field-values.ts';
import type { ResolvedSort, SortPosition } from '../people/record-query.ts';
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
  /**
   * The import being run: an adapter whose records span several rows (an order and its lines)
   * tells rows of this run from what an earlier import wrote.
   */
  importId?: string;
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
  /** The batch path of the 'create' and 'skip' modes; without it every row goes through `create`. */
  batch?: BatchImportAdapter<I>;
};

/**
 * Many rows at a time, with the same outcome as `findExisting` and `create` row after row: the
 * engine checks the rows, passes over the duplicates (skip mode) and creates the rest together.
 */
export type BatchImportAdapter<I> = {
  /** The owning service's rules, writing nothing: per input the error `create` would throw, or undefined. */
  check(tx: Tx, ctx: WorkspaceContext, inputs: I[]): Promise<unknown[]>;
  /**
   * What `findExisting` compares, for every input at once: its keys, and which keys the workspace
   * already holds (see batch-duplicates.ts); the engine walks the rows in order with them.
   */
  duplicateKeys(tx: Tx, ctx: WorkspaceContext, inputs: I[]): Promise<BatchDuplicates>;
  /** Creates every input (each one checked, none a duplicate), as `create` would one by one. */
  createMany(tx: Tx, ctx: WorkspaceContext, inputs: I[]): Promise<void>;
};

/** A column of an export; its key is the import field key, so an export imports back as is. */
export type ExportColumn = { key: string; label: LocalisedText };

/**
 * Which rows an export holds and in which order: the condition and sort of the list the user
 * sees (quick search, filter, saved view, tag, owner, trash …), built by the list's own code.
 */
export type ExportSelection = { where: SQL; sort: ResolvedSort };

export type ExportPageQuery = {
  /** The list's rows and order; without it, live records newest first (the lists' default). */
  selection?: ExportSelection;
  /** Keyset: rows strictly after this position in the selection's order. */
  after?: SortPosition;
  limit: number;
};

/** `sortValue` is the row's value of the sort field, as text: where the next page starts. */
export type ExportRow = { id: string; sortValue: string | null; values: Record<string, string> };

/** Renders one kind of record into CSV/vCard rows, page by page. */
export type ExportAdapter = {
  entityType: ImportEntity;
  /** File name stem: people, organizations, leads. */
  plural: string;
  columns(db: Executor, workspaceId: string): Promise<ExportColumn[]>;
  page(db: Executor, ctx: WorkspaceContext, query: ExportPageQuery, options: { calendar: CalendarKind }): Promise<ExportRow[]>;
};

/** The list parameters an export takes: those of the list it was started from. */
export type ExportListQuery = {
  q?: string;
  filter?: string;
  view?: string;
  sort?: string;
  deleted?: 'true' | 'false';
  stale?: 'true' | 'false';
  tag?: string;
  ownerId?: string;
  /** Leads only. */
  status?: string[];
  source?: string[];
};

/**
 * Turns an export's list parameters into the list's own selection (condition and sort).
 * Provided by the list modules; without it, exports hold every live record, newest first, and
 * list parameters are refused with a clear message.
 */
export type ExportFilterResolver = (db: Executor, ctx: WorkspaceContext, entityType: ImportEntity, query: ExportListQuery) => Promise<ExportSelection>;
