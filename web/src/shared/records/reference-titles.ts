import { useQueries } from '@tanstack/react-query';
import { api } from '../api/index.ts';
import { recordsKey } from './records.api.ts';
import { RESOURCE_OF, type Organization, type Person } from './records.types.ts';

export type RecordRef = { kind: 'person' | 'organization'; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names of the people and organisations a filter points to, by id (filters hold ids only). Shares
 * the cache of the record pages, so a record opened before is named at once.
 */
export function useReferenceTitles(refs: readonly RecordRef[]): Map<string, string> {
  const wanted = refs.filter((r) => UUID.test(r.id));
  const results = useQueries({
    queries: wanted.map((ref) => {
      const resource = RESOURCE_OF[ref.kind];
      return {
        queryKey: [...recordsKey(resource), 'one', ref.id],
        queryFn: () => api.get<Person | Organization>(`/api/v1/${resource}/${encodeURIComponent(ref.id)}`),
        staleTime: 60_000,
        retry: false,
      };
    }),
  });
  const titles = new Map<string, string>();
  results.forEach((result, index) => {
    const record = result.data;
    if (!record) return;
    titles.set(wanted[index]!.id, 'displayName' in record ? record.displayName : record.name);
  });
  return titles;
}
