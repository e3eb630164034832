import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../shared/api/index.ts';
import { RESOURCE_OF, type EntityType, type Localised } from '../../shared/records/index.ts';

/** What can be imported: the customer records, and orders (one CSV row per order line, server adapter 'order'). */
export type ImportEntityType = EntityType | 'order';
export const IMPORT_ENTITY_TYPES: ImportEntityType[] = ['person', 'organization', 'lead', 'order'];

/** Customer records have a field catalogue and custom fields; orders map only to the adapter's fields. */
export const isRecordImport = (type: ImportEntityType): type is EntityType => type !== 'order';

/** Where the imported records are listed. */
export const importListPath = (type: ImportEntityType) => (type === 'order' ? '/orders' : `/${RESOURCE_OF[type]}`);

export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type DuplicateMode = 'skip' | 'update' | 'create';

export type ImportField = { key: string; label: Localised; required: boolean; multiple?: boolean };

/** One import as the screens use it (normalised from whatever the server names its fields). */
export type ImportJob = {
  id: string;
  entityType: ImportEntityType;
  fileName: string;
  status: ImportStatus;
  dryRun: boolean;
  header: string[];
  mapping: Record<string, string>;
  duplicateMode: DuplicateMode;
  preview: string[][];
  fields: ImportField[];
  totalRows: number | null;
  committedRows: number;
  created: number;
  updated: number;
  skipped: number;
  errors: number;
  failureMessage: string | null;
  version: number;
  createdAt: string;
  finishedAt: string | null;
};

export type ImportRowError = { id?: string; rowNumber: number; field: string | null; code: string; message: Localised };

type Raw = Record<string, unknown>;
const num = (...values: unknown[]) => {
  for (const v of values) if (typeof v === 'number') return v;
  return 0;
};
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

function toLocalised(label: unknown, fa?: unknown, en?: unknown, fallback = ''): Localised {
  if (label && typeof label === 'object') {
    const l = label as Raw;
    return { fa: String(l.fa ?? l.en ?? fallback), en: String(l.en ?? l.fa ?? fallback) };
  }
  if (typeof fa === 'string' || typeof en === 'string') return { fa: String(fa ?? en), en: String(en ?? fa) };
  return { fa: String(label ?? fallback), en: String(label ?? fallback) };
}

/** The preview part of an upload answer (or of GET /imports/:id/preview), as import fields. */
function previewPart(preview: unknown): Raw {
  const p = obj(preview);
  if (!Object.keys(p).length) return {};
  return { header: p.header, preview: p.rows, fields: p.fields, suggestedMapping: p.mapping };
}

function toPreview(raw: unknown, header: string[]): string[][] {
  if (!Array.isArray(raw)) return [];
  return raw.map((row) => {
    if (Array.isArray(row)) return row.map((c) => (c === null || c === undefined ? '' : String(c)));
    const r = obj(row);
    const cells = obj(r.cells ?? r.values ?? r);
    if (Array.isArray(r.cells)) return (r.cells as unknown[]).map((c) => String(c ?? ''));
    return header.map((h) => String(cells[h] ?? ''));
  });
}

export function normaliseImport(raw: unknown): ImportJob {
  const outer = obj(raw);
  // The upload answers { import, preview: { header, rows, fields, mapping } }.
  const r = outer.import ? { ...obj(outer.import), ...previewPart(outer.preview) } : outer;
  const counts = obj(r.counts);
  const header = Array.isArray(r.header) ? (r.header as unknown[]).map(String) : Array.isArray(r.columns) ? (r.columns as unknown[]).map(String) : [];
  const mapping = obj(r.mapping);
  const suggested = obj(r.suggestedMapping ?? r.suggested_mapping ?? r.suggestion);
  const fields = (Array.isArray(r.fields) ? (r.fields as unknown[]) : []).map((f) => {
    const x = obj(f);
    return { key: String(x.key), label: toLocalised(x.label, x.labelFa, x.labelEn, String(x.key)), required: Boolean(x.required), multiple: Boolean(x.multiple) };
  });
  return {
    id: String(r.id),
    entityType: (r.entityType as ImportEntityType) ?? 'person',
    fileName: String(r.fileName ?? ''),
    status: (r.status as ImportStatus) ?? 'uploaded',
    dryRun: r.dryRun === true || r.dryRun === 1,
    header,
    mapping: Object.keys(mapping).length ? (mapping as Record<string, string>) : (suggested as Record<string, string>),
    duplicateMode: (r.duplicateMode as DuplicateMode) ?? 'skip',
    preview: toPreview(r.preview ?? r.previewRows ?? r.rows ?? r.sample, header),
    fields,
    totalRows: typeof r.totalRows === 'number' ? r.totalRows : null,
    committedRows: num(r.committedRows, r.processedRows),
    created: num(r.createdCount, r.created, counts.created),
    updated: num(r.updatedCount, r.updated, counts.updated),
    skipped: num(r.skippedCount, r.skipped, counts.skipped),
    errors: num(r.errorCount, r.errors, counts.errors),
    failureMessage: typeof r.failureMessage === 'string' ? r.failureMessage : typeof obj(r.failure).message === 'string' ? String(obj(r.failure).message) : null,
    version: num(r.version) || 1,
    createdAt: String(r.createdAt ?? ''),
    finishedAt: typeof r.finishedAt === 'string' ? r.finishedAt : null,
  };
}

export const isActive = (status: ImportStatus) => status === 'queued' || status === 'running';

const importsKey = ['imports'] as const;

export function useImports() {
  return useInfiniteQuery({
    queryKey: [...importsKey, 'list'],
    queryFn: async ({ pageParam }) => {
      const page = await api.get<Page<unknown>>('/api/v1/imports', { limit: 50, cursor: pageParam });
      return { items: page.items.map(normaliseImport), nextCursor: page.nextCursor };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One import; polled every second while it runs. */
export function useImport(id: string | undefined) {
  const queryClient = useQueryClient();
  const key = [...importsKey, 'one', id];
  return useQuery({
    queryKey: key,
    queryFn: async () => mergeJob(queryClient.getQueryData<ImportJob>(key), normaliseImport(await api.get<unknown>(`/api/v1/imports/${encodeURIComponent(id!)}`))),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data.status) ? 1000 : false),
  });
}

/** Header, first rows, fields and suggested mapping of an uploaded file (after a reload of the page). */
export function useImportPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...importsKey, 'preview', id],
    queryFn: async () => normaliseImport({ import: { id }, preview: await api.get<unknown>(`/api/v1/imports/${encodeURIComponent(id)}/preview`) }),
    enabled,
    retry: false,
    staleTime: Infinity,
  });
}

/** Fields a column can be mapped to, when the upload answer does not list them. */
export function useImportFields(entityType: ImportEntityType, enabled: boolean) {
  return useQuery({
    queryKey: [...importsKey, 'fields', entityType],
    queryFn: async () => {
      const result = await api.get<{ items: unknown[] } | unknown[]>('/api/v1/imports/fields', { entityType });
      const items = Array.isArray(result) ? result : result.items;
      return normaliseImport({ fields: items }).fields;
    },
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

export function useImportErrors(id: string | undefined, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...importsKey, 'errors', id],
    queryFn: async ({ pageParam }) => {
      const page = await api.get<Page<Raw>>(`/api/v1/imports/${encodeURIComponent(id!)}/errors`, { limit: 100, cursor: pageParam });
      return {
        nextCursor: page.nextCursor,
        items: page.items.map<ImportRowError>((e) => ({
          id: typeof e.id === 'string' ? e.id : undefined,
          rowNumber: num(e.rowNumber, e.row),
          field: typeof e.field === 'string' ? e.field : null,
          code: String(e.code ?? ''),
          message: toLocalised(typeof e.message === 'object' ? e.message : undefined, e.messageFa ?? (typeof e.message === 'string' ? e.message : undefined), e.messageEn ?? e.message),
        })),
      };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(id) && enabled,
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, entityType }: { file: File; entityType: ImportEntityType }) =>
      normaliseImport(await api.upload<unknown>('/api/v1/imports', file, 'text/csv', { entityType, fileName: file.name })),
    onSuccess: async (job) => {
      queryClient.setQueryData([...importsKey, 'one', job.id], job);
      await queryClient.invalidateQueries({ queryKey: [...importsKey, 'list'] });
    },
  });
}

export function useImportStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ job, step, mapping, duplicateMode }: { job: ImportJob; step: 'configure' | 'dry-run' | 'start' | 'cancel'; mapping?: Record<string, string>; duplicateMode?: DuplicateMode }) => {
      const path = `/api/v1/imports/${encodeURIComponent(job.id)}`;
      if (step === 'configure') return normaliseImport(await api.patch<unknown>(path, { mapping, duplicateMode, version: job.version }));
      return normaliseImport(await api.post<unknown>(`${path}/${step}`, {}));
    },
    onSuccess: (job) => {
      if (job.id && job.id !== 'undefined') queryClient.setQueryData([...importsKey, 'one', job.id], (old: ImportJob | undefined) => mergeJob(old, job));
    },
    onSettled: async (_d, _e, { job }) => {
      await queryClient.invalidateQueries({ queryKey: [...importsKey, 'one', job.id] });
      await queryClient.invalidateQueries({ queryKey: [...importsKey, 'errors', job.id] });
      await queryClient.invalidateQueries({ queryKey: [...importsKey, 'list'] });
    },
  });
}

/** A step's answer may leave out the preview and the field list; keep what we had. */
function mergeJob(old: ImportJob | undefined, next: ImportJob): ImportJob {
  if (!old) return next;
  return {
    ...next,
    header: next.header.length ? next.header : old.header,
    preview: next.preview.length ? next.preview : old.preview,
    fields: next.fields.length ? next.fields : old.fields,
    mapping: Object.keys(next.mapping).length ? next.mapping : old.mapping,
  };
}
