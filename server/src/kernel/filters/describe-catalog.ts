import { z } from 'zod';
import { isSortable } from './compile-sort.ts';
import { FILTER_OPERATORS } from './filter.schema.ts';
import { OPERATORS_BY_TYPE, operatorsOf } from './filter-operators.ts';
import type { FieldCatalog, FieldType } from './filter.types.ts';

const FIELD_TYPES = Object.keys(OPERATORS_BY_TYPE) as [FieldType, ...FieldType[]];

export const ZFieldDescription = z.object({
  field: z.string(),
  type: z.enum(FIELD_TYPES),
  label: z.object({ fa: z.string(), en: z.string() }),
  operators: z.array(z.enum(FILTER_OPERATORS)),
  options: z.array(z.string()).optional(),
  sortable: z.boolean(),
});
export type FieldDescription = z.infer<typeof ZFieldDescription>;

/** What a filter builder needs to know about each field: its type, labels, operators and options. */
export function describeCatalog(catalog: FieldCatalog): FieldDescription[] {
  return Object.entries(catalog).map(([field, def]) => ({
    field,
    type: def.type,
    label: def.label,
    operators: operatorsOf(def.type),
    ...(def.options ? { options: [...def.options] } : {}),
    sortable: isSortable(def),
  }));
}
