import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, newIdempotencyKey, type Page } from '../../shared/api/index.ts';
import { fieldCatalogKey } from '../../shared/records/fields.api.ts';

/** Shapes of /api/v1/territories and /api/v1/teams (server: modules/territories). */

export type TerritoryRole = 'rep' | 'manager';
export type MemberRef = { userId: string; name: string; email: string };

export type Territory = {
  id: string;
  name: string;
  description: string | null;
  parentId: string | null;
  regions: string[];
  members: Array<MemberRef & { role: TerritoryRole }>;
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
};

export type CoverageRow = {
  territory: { id: string; name: string; parentId: string | null; regions: string[] } | null;
  reps: number;
  managers: number;
  organizations: number;
  organizationsWithoutOwner: number;
  openDeals: number;
  openPipeline: string;
  wonDeals: number;
  wonThisYear: string;
};

export type Coverage = {
  currency: string;
  fiscalYear: { label: number; calendar: 'jalali' | 'gregorian'; start: string; end: string };
  items: CoverageRow[];
  unassigned: CoverageRow;
};

export type Team = {
  id: string;
  name: string;
  managerId: string | null;
  manager: MemberRef | null;
  members: MemberRef[];
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
};

export type TerritoryInput = { name: string; description: string | null; parentId: string | null; regions: string[] };
export type TerritoryMemberInput = { userId: string; role: TerritoryRole };

export const territoriesKey = ['territories'] as const;
export const teamsKey = ['teams'] as const;

/** Every territory (a workspace has a few dozen at most; pages of 200 are followed). */
async function allPages<T>(path: string, query: Record<string, string | number | undefined>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export function useTerritories(archived = false) {
  return useQuery({
    queryKey: [...territoriesKey, 'list', archived],
    queryFn: () => allPages<Territory>('/api/v1/territories', { archived: archived ? 'true' : undefined }),
    staleTime: 60_000,
  });
}

export function useCoverage(archived = false) {
  return useQuery({
    queryKey: [...territoriesKey, 'coverage', archived],
    queryFn: () => api.get<Coverage>('/api/v1/territories/coverage', { archived: archived ? 'true' : undefined }),
  });
}

/** Create, or change what changed: PATCH the fields (with the version read), then PUT the members. */
export function useSaveTerritory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { existing?: Territory; fields: Partial<TerritoryInput>; members?: TerritoryMemberInput[] }) => {
      if (!input.existing) {
        return api.post<Territory>('/api/v1/territories', { ...input.fields, members: input.members ?? [] }, { idempotencyKey: newIdempotencyKey() });
      }
      const id = encodeURIComponent(input.existing.id);
      let saved = input.existing;
      if (Object.keys(input.fields).length) saved = await api.patch<Territory>(`/api/v1/territories/${id}`, { version: input.existing.version, ...input.fields });
      if (input.members) saved = await apiRequest<Territory>(`/api/v1/territories/${id}/members`, { method: 'PUT', body: input.members });
      return saved;
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: territoriesKey });
      // Organisation lists show territory names (their filter options come from the fields).
      await queryClient.invalidateQueries({ queryKey: fieldCatalogKey });
    },
  });
}

export function useArchiveTerritory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ territory, restore }: { territory: Territory | { id: string }; restore?: boolean }) =>
      restore
        ? api.post(`/api/v1/territories/${encodeURIComponent(territory.id)}/restore`)
        : api.delete(`/api/v1/territories/${encodeURIComponent(territory.id)}`),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: territoriesKey });
    },
  });
}

export function useTeams(archived = false) {
  return useQuery({
    queryKey: [...teamsKey, 'list', archived],
    queryFn: () => allPages<Team>('/api/v1/teams', { archived: archived ? 'true' : undefined }),
  });
}

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { existing?: Team; fields: { name?: string; managerId?: string | null }; memberIds?: string[] }) => {
      const members = input.memberIds?.map((userId) => ({ userId }));
      if (!input.existing) return api.post<Team>('/api/v1/teams', { ...input.fields, members: members ?? [] }, { idempotencyKey: newIdempotencyKey() });
      const id = encodeURIComponent(input.existing.id);
      let saved = input.existing;
      if (Object.keys(input.fields).length) saved = await api.patch<Team>(`/api/v1/teams/${id}`, { version: input.existing.version, ...input.fields });
      if (members) saved = await apiRequest<Team>(`/api/v1/teams/${id}/members`, { method: 'PUT', body: members });
      return saved;
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: teamsKey });
    },
  });
}

export function useArchiveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ team, restore }: { team: Team; restore?: boolean }) =>
      restore ? api.post(`/api/v1/teams/${encodeURIComponent(team.id)}/restore`) : api.delete(`/api/v1/teams/${encodeURIComponent(team.id)}`),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: teamsKey });
    },
  });
}
