import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/index.ts';
import type { EntityType } from '../../shared/records/records.types.ts';

export type SearchResult = {
  type: EntityType;
  id: string;
  title: string;
  subtitle: string | null;
  score?: number;
  matchedOn?: 'name' | 'email' | 'phone' | 'company' | 'other';
};

export const SEARCH_TYPES: EntityType[] = ['person', 'organization', 'lead'];

/** GET /api/v1/search — people, organisations and leads, Persian spelling variants folded. */
export function useGlobalSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['search', query],
    queryFn: async ({ signal }) => {
      const result = await api.get<{ items: SearchResult[] } | SearchResult[] | { results: SearchResult[] }>(
        '/api/v1/search',
        { q: query, types: SEARCH_TYPES.join(','), limit: 20 },
        signal,
      );
      if (Array.isArray(result)) return result;
      return 'items' in result ? result.items : result.results;
    },
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: false,
  });
}
