import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, hasStatus, newIdempotencyKey, type Page } from '../api/index.ts';
import { currentLocale } from '../i18n/index.ts';
import type { FilterGroup, SortSpec } from './filter-model.ts';
import type { CustomFieldDef, DuplicateCandidate, EntityType, RecordResource, RecordType, TagRef, TimelineItem } from './records.types.ts';

/*
 * The one seam between customer screens and the server: lists, records, tags, saved views,
 * custom field definitions, owners, duplicates and timelines.
 */

export const recordsKey = (resource: RecordResource) => ['records', resource] as const;

export type ListParams = {
  q?: string;
  filter?: string;
  sort?: string;
  view?: string;
  deleted?: boolean;
  stale?: boolean;
  tag?: string;
  ownerId?: string;
};

function listQuery(params: ListParams) {
  return {
    q: params.q?.trim() || undefined,
    filter: params.filter,
    sort: params.sort,
    view: params.view,
    deleted: params.deleted ? 'true' : undefined,
    stale: params.stale ? 'true' : undefined,
    tag: params.tag,
    ownerId: params.ownerId,
  };
}

/** Keyset pages of a list; page n of the grid is `pages[n]`, the next one is fetched on demand. */
export function useRecordPages<T>(resource: RecordResource, params: ListParams, pageSize: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...recordsKey(resource), 'list', params, pageSize],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(`/api/v1/${resource}`, { limit: pageSize, cursor: pageParam, ...listQuery(params) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRecord<T>(resource: RecordResource, id: string | undefined) {
  return useQuery({
    queryKey: [...recordsKey(resource), 'one', id],
    queryFn: () => api.get<T>(`/api/v1/${resource}/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

export function useCreateRecord<T, I = unknown>(resource: RecordResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api.post<T>(`/api/v1/${resource}`, input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: recordsKey(resource) });
    },
  });
}

export function useUpdateRecord<T>(resource: RecordResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> & { version: number } }) =>
      api.patch<T>(`/api/v1/${resource}/${encodeURIComponent(id)}`, patch),
    onSuccess: (data, { id }) => {
      queryClient.setQueryData([...recordsKey(resource), 'one', id], (old: unknown) =>
        old && typeof old === 'object' && data && typeof data === 'object' ? { ...old, ...data } : data,
      );
    },
    onSettled: async (_data, _error, { id }) => {
      await queryClient.invalidateQueries({ queryKey: recordsKey(resource) });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
      void id;
    },
  });
}

/** POST /:id/<action> (restore, verify) or DELETE /:id. */
export function useRecordAction(resource: RecordResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'delete' | 'restore' | 'verify' }) =>
      action === 'delete'
        ? api.delete(`/api/v1/${resource}/${encodeURIComponent(id)}`)
        : api.post(`/api/v1/${resource}/${encodeURIComponent(id)}/${action}`, {}),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: recordsKey(resource) });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

export type BulkAction = 'tag' | 'untag' | 'assign_owner' | 'delete' | 'restore';
export type BulkRequest = { ids: string[]; action: BulkAction; tagIds?: string[]; tagNames?: string[]; ownerId?: string | null };

/**
 * POST /:resource/bulk. People and organisations take tag ids; leads take tag names
 * (server: leads.contract.ts ZLeadBulk).
 */
export function useBulkAction(resource: RecordResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkRequest) => {
      const { tagIds, tagNames, ...rest } = request;
      const body: Record<string, unknown> = { ids: rest.ids, action: rest.action };
      if (rest.action === 'tag' || rest.action === 'untag') {
        if (resource === 'leads') body.tags = tagNames ?? [];
        else body.tagIds = tagIds ?? [];
      }
      if (rest.action === 'assign_owner') body.ownerId = rest.ownerId ?? null;
      return api.post<unknown>(`/api/v1/${resource}/bulk`, body);
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: recordsKey(resource) });
      await queryClient.invalidateQueries({ queryKey: tagsKey });
    },
  });
}

// ---------- tags ----------

export const tagsKey = ['tags'] as const;

export function useTags() {
  return useQuery({
    queryKey: tagsKey,
    queryFn: async () => {
      const page = await api.get<{ items: TagRef[] } | TagRef[]>('/api/v1/tags');
      return Array.isArray(page) ? page : page.items;
    },
    staleTime: 60_000,
  });
}

export function useCreateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<TagRef>('/api/v1/tags', { name }, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tagsKey });
    },
  });
}

/** Ids of these tag names, creating the missing ones. */
export async function ensureTagIds(names: string[], known: TagRef[], create: (name: string) => Promise<TagRef>): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const found = known.find((t) => t.name === name || t.id === name);
    ids.push(found ? found.id : (await create(name)).id);
  }
  return ids;
}

// ---------- saved views ----------

export type SavedView = {
  id: string;
  entityType: RecordType;
  name: string;
  ownerId: string | null;
  visibility: 'private' | 'shared';
  filter: FilterGroup;
  sort: SortSpec[];
  columns: string[];
  version: number;
  ownerName?: string | null;
  /** Whether the caller may change or delete it (server decides). */
  canEdit?: boolean;
};

export type SavedViewInput = Pick<SavedView, 'name' | 'visibility' | 'filter' | 'sort' | 'columns'>;

const viewsKey = (entityType: RecordType) => ['views', entityType] as const;

export function useViews(entityType: RecordType) {
  return useQuery({
    queryKey: viewsKey(entityType),
    queryFn: async () => {
      const page = await api.get<Page<SavedView> | SavedView[]>('/api/v1/views', { entityType });
      return Array.isArray(page) ? page : page.items;
    },
  });
}

export function useSaveView(entityType: RecordType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; view: SavedViewInput }) =>
      input.id
        ? api.patch<SavedView>(`/api/v1/views/${encodeURIComponent(input.id)}`, { version: input.version, ...input.view })
        : api.post<SavedView>('/api/v1/views', { entityType, ...input.view }, { idempotencyKey: newIdempotencyKey() }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: viewsKey(entityType) });
    },
  });
}

export function useDeleteView(entityType: RecordType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/views/${encodeURIComponent(id)}`),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: viewsKey(entityType) });
    },
  });
}

// ---------- custom fields ----------

export const customFieldsKey = ['custom-fields'] as const;

export function useCustomFieldDefs(entityType: RecordType, includeArchived = false) {
  return useQuery({
    queryKey: [...customFieldsKey, entityType, includeArchived],
    queryFn: () =>
      api
        .get<{ items: CustomFieldDef[] }>('/api/v1/custom-fields', { entityType, includeArchived: includeArchived ? 'true' : undefined })
        .then((r) => r.items),
    staleTime: 60_000,
  });
}

// ---------- owners (members of the workspace) ----------

export type Owner = { userId: string; name: string; email?: string };

export function useOwners() {
  return useQuery({
    queryKey: ['members', 'owners'],
    queryFn: async (): Promise<Owner[]> => {
      try {
        const page = await api.get<Page<{ userId: string; name: string; email: string }>>('/api/v1/members', { limit: 200 });
        return page.items.map((m) => ({ userId: m.userId, name: m.name, email: m.email }));
      } catch (error) {
        // Without members.read only "me" can be offered.
        if (hasStatus(error, 403)) return [];
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

// ---------- duplicates ----------

export type DuplicateProbe = {
  entityType: EntityType;
  firstName?: string;
  lastName?: string;
  name?: string;
  emails?: string[];
  phones?: string[];
  excludeId?: string;
};

export function useDuplicateCheck(probe: DuplicateProbe | null) {
  return useQuery({
    queryKey: ['duplicates', probe],
    queryFn: async ({ signal }) => {
      const { excludeId, ...body } = probe!;
      const result = await apiRequest<{ items?: DuplicateCandidate[]; candidates?: DuplicateCandidate[] } | DuplicateCandidate[]>(
        '/api/v1/duplicates/check',
        { method: 'POST', body, signal },
      );
      const items = Array.isArray(result) ? result : (result.items ?? result.candidates ?? []);
      return items.filter((c) => c.id !== excludeId);
    },
    enabled: probe !== null,
    staleTime: 10_000,
    retry: false,
  });
}

/** GET /duplicates — possible duplicates of an existing record. */
export function useDuplicatesOf(entityType: EntityType, id: string, enabled = true) {
  return useQuery({
    queryKey: ['duplicates', 'of', entityType, id],
    queryFn: async () => (await api.get<{ items: DuplicateCandidate[] }>('/api/v1/duplicates', { entityType, id })).items.filter((c) => c.id !== id),
    enabled,
    retry: false,
  });
}

// ---------- timeline ----------

export function useTimeline(entityType: RecordType, id: string | undefined) {
  return useInfiniteQuery({
    queryKey: ['timeline', entityType, id],
    queryFn: ({ pageParam }) =>
      api.get<Page<TimelineItem>>(`/api/v1/timeline/${entityType}/${encodeURIComponent(id!)}`, { limit: 30, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(id),
  });
}

// ---------- exports ----------

/** A download link for the current list (saved view, or filter and sort). */
export function exportUrl(resource: RecordResource, format: 'csv' | 'vcf', params: ListParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(listQuery(params))) if (value) search.set(key, String(value));
  // A download link sends the browser's Accept-Language, not the app's: name the language.
  search.set('lang', currentLocale());
  const qs = search.toString();
  return `/api/v1/exports/${resource}.${format}${qs ? `?${qs}` : ''}`;
}
