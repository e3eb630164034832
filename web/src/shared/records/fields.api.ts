import { useQuery } from '@tanstack/react-query';
import { api } from '../api/index.ts';
import type { FieldDescriptor } from './filter-model.ts';
import type { RecordType } from './records.types.ts';

/*
 * Which fields each customer list has, as the server describes them: built-in and custom, with
 * fa/en labels, operators, options, sortability and default columns. The filter builder, the
 * column chooser, the list columns and the timeline all read this one answer.
 */

/** Custom field changes invalidate this key (features/custom-fields/custom-fields.api.ts). */
export const fieldCatalogKey = ['field-catalog'] as const;

export function useFieldCatalog(entityType: RecordType) {
  const query = useQuery({
    queryKey: [...fieldCatalogKey, entityType],
    queryFn: ({ signal }) => api.get<{ items: FieldDescriptor[] }>(`/api/v1/fields/${entityType}`, undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
  return { ...query, fields: query.data ?? NO_FIELDS };
}

const NO_FIELDS: FieldDescriptor[] = [];
