import { z } from 'zod';
import { FILTER_OPERATORS } from '#common/filters/index.ts';
import { isSortable } from './compile-sort.ts';
import { CUSTOM_FIELD_PREFIX } from './custom-field-defs.ts';
import { OPERATORS_BY_TYPE, operatorsOf } from './filter-operators.ts';
import type { FieldCatalog, FieldDef, FieldType } from './filter.types.ts';

const FIELD_TYPES = Object.keys(OPERATORS_BY_TYPE) as [FieldType, ...FieldType[]];
const ZLabel = z.object({ fa: z.string(), en: z.string() });

export const ZFieldDescription = z.object({
  key: z.string().describe("The name filters, sorts and saved views use: 'lastName', 'custom.loyalty_level'"),
  label: ZLabel,
  type: z
    .enum(FIELD_TYPES)
    .describe('Filter type: enum is a single choice, multi_enum several; user is a member of the workspace, reference another record'),
  references: z.enum(['person', 'organization', 'user']).optional().describe('For user and reference fields: whose id the value is'),
  operators: z.array(z.enum(FILTER_OPERATORS)).describe('The operators the filter language accepts for this field'),
  options: z.array(z.object({ value: z.string(), label: ZLabel })).optional().describe('The values of enum and multi_enum fields'),
  sortable: z.boolean(),
  defaultColumn: z.boolean().describe('Shown as a list column unless a saved view chooses its own'),
  custom: z.boolean().describe("A workspace's own field (custom.<key>)"),
});
export type FieldDescription = z.infer<typeof ZFieldDescription>;

function referencesOf(def: FieldDef): FieldDescription['references'] {
  if (def.type === 'user') return 'user';
  if (def.type === 'reference') return def.references;
  return undefined;
}

/** What a filter builder and a column chooser need to know about each field, in catalog order. */
export function describeCatalog(catalog: FieldCatalog): FieldDescription[] {
  return Object.entries(catalog).map(([key, def]) => {
    const references = referencesOf(def);
    return {
      key,
      label: def.label,
      type: def.type,
      ...(references ? { references } : {}),
      operators: operatorsOf(def.type),
      ...(def.options ? { options: def.options.map((value) => ({ value, label: def.optionLabels?.[value] ?? { fa: value, en: value } })) } : {}),
      sortable: isSortable(def),
      defaultColumn: def.defaultColumn === true,
      custom: key.startsWith(CUSTOM_FIELD_PREFIX),
    };
  });
}
