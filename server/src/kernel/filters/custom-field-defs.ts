import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { CustomFieldType } from '../../modules/custom-fields/custom-fields.schema.ts';
import type { FieldCatalog, FieldDef, FieldType } from './filter.types.ts';

/** What a catalog needs from a workspace's custom field definition (a row of custom_field_definitions fits). */
export type CustomFieldDefInput = {
  key: string;
  type: CustomFieldType;
  labelFa: string;
  labelEn: string;
  options?: ReadonlyArray<{ value: string; labelFa?: string; labelEn?: string }>;
};

export const CUSTOM_FIELD_PREFIX = 'custom.';

/*
 * Values live in the record's jsonb `custom` column under the field's key. Each reader returns
 * NULL for a value of the wrong JSON type instead of failing the cast, so one badly stored value
 * (e.g. "abc" in a number field after an import) never breaks a whole list.
 */
const readers: Record<CustomFieldType, { type: FieldType; read: (custom: SQL, key: string) => SQL }> = {
  text: { type: 'text', read: (c, k) => sql`(${c} ->> ${k}::text)` },
  number: {
    type: 'number',
    read: (c, k) => sql`(CASE WHEN jsonb_typeof(${c} -> ${k}::text) = 'number' THEN (${c} ->> ${k}::text)::numeric END)`,
  },
  // Kept as ISO text rather than cast to date: a malformed day like 2024-02-31 cannot make the
  // cast fail, and ISO dates compare and sort correctly as text.
  date: {
    type: 'date',
    read: (c, k) => sql`(CASE WHEN jsonb_typeof(${c} -> ${k}::text) = 'string' AND (${c} ->> ${k}::text) ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN (${c} ->> ${k}::text) END)`,
  },
  boolean: {
    type: 'boolean',
    read: (c, k) => sql`(CASE WHEN jsonb_typeof(${c} -> ${k}::text) = 'boolean' THEN (${c} ->> ${k}::text)::boolean END)`,
  },
  select: {
    type: 'enum',
    read: (c, k) => sql`(CASE WHEN jsonb_typeof(${c} -> ${k}::text) = 'string' THEN (${c} ->> ${k}::text) END)`,
  },
  multi_select: { type: 'multi_enum', read: (c, k) => sql`(${c} -> ${k}::text)` },
  person: {
    type: 'reference',
    read: (c, k) => sql`(CASE WHEN jsonb_typeof(${c} -> ${k}::text) = 'string' THEN (${c} ->> ${k}::text) END)`,
  },
  organization: {
    type: 'reference',
    read: (c, k) => sql`(CASE WHEN jsonb_typeof(${c} -> ${k}::text) = 'string' THEN (${c} ->> ${k}::text) END)`,
  },
};

/** Catalog entries `custom.<key>` for a workspace's custom fields, read from `customColumn`. */
export function customFieldDefs(defs: readonly CustomFieldDefInput[], customColumn: PgColumn | SQL): FieldCatalog {
  const custom = sql`${customColumn}`;
  const catalog: FieldCatalog = {};
  for (const def of defs) {
    const reader = readers[def.type];
    const choices = reader.type === 'enum' || reader.type === 'multi_enum' ? (def.options ?? []) : undefined;
    const field: FieldDef = {
      type: reader.type,
      column: reader.read(custom, def.key),
      label: { fa: def.labelFa, en: def.labelEn },
      sortable: reader.type !== 'multi_enum',
      ...(choices
        ? {
            options: choices.map((o) => o.value),
            optionLabels: Object.fromEntries(choices.map((o) => [o.value, { fa: o.labelFa ?? o.value, en: o.labelEn ?? o.value }])),
          }
        : {}),
      ...(def.type === 'person' || def.type === 'organization' ? { references: def.type } : {}),
    };
    catalog[CUSTOM_FIELD_PREFIX + def.key] = field;
  }
  return catalog;
}
