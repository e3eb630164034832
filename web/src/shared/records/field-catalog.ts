import {
  LEAD_SOURCE_LABELS as LEAD_SOURCES,
  LEAD_STATUS_LABELS as LEAD_STATUSES,
  ORGANIZATION_SIZE_LABELS as ORGANIZATION_SIZES,
  ORGANIZATION_TYPE_LABELS as ORGANIZATION_TYPES,
} from '#common/records/index.ts';
import type { FieldDescriptor, FieldOption } from './filter-model.ts';
import type { CustomFieldDef, Localised } from './records.types.ts';

/*
 * Names of fields and of fixed choices. Which fields a list has comes from the server
 * (fields.api.ts); the labels of fixed choices are shared with it (common/src/records).
 */

export const ORGANIZATION_TYPE_LABELS: Readonly<Record<string, Localised>> = ORGANIZATION_TYPES;
export const ORGANIZATION_SIZE_LABELS: Readonly<Record<string, Localised>> = ORGANIZATION_SIZES;
export const LEAD_STATUS_LABELS: Readonly<Record<string, Localised>> = LEAD_STATUSES;
export const LEAD_SOURCE_LABELS: Readonly<Record<string, Localised>> = LEAD_SOURCES;

/** Labels of fields that appear in change history but are not filterable. */
export const EXTRA_FIELD_LABELS: Record<string, Localised> = {
  addresses: { fa: 'نشانی‌ها', en: 'Addresses' },
  consent: { fa: 'رضایت تماس', en: 'Contact consent' },
  custom: { fa: 'فیلدهای سفارشی', en: 'Custom fields' },
  organizations: { fa: 'سازمان‌ها', en: 'Organisations' },
  notes: { fa: 'یادداشت', en: 'Notes' },
  scoreReasons: { fa: 'دلایل امتیاز', en: 'Score reasons' },
  displayName: { fa: 'نام نمایشی', en: 'Display name' },
  deletedAt: { fa: 'زمان حذف', en: 'Deleted at' },
  mergedIntoId: { fa: 'ادغام در', en: 'Merged into' },
  lineItems: { fa: 'اقلام', en: 'Line items' },
  people: { fa: 'اشخاص', en: 'People' },
  description: { fa: 'توضیحات', en: 'Description' },
  lostNote: { fa: 'یادداشت باخت', en: 'Lost note' },
  probabilityOverride: { fa: 'احتمال دستی', en: 'Probability override' },
};

/**
 * fa/en label of a field name as it appears in data or history: the described fields first, then
 * custom field definitions (archived ones too, which history still mentions), then the extras.
 */
export function fieldLabel(fields: readonly FieldDescriptor[], field: string, customFields: readonly CustomFieldDef[] = []): Localised | undefined {
  const described = fields.find((f) => f.key === field)?.label;
  if (described) return described;
  if (field.startsWith('custom.')) {
    const def = customFields.find((d) => d.key === field.slice('custom.'.length));
    return def ? { fa: def.labelFa, en: def.labelEn } : undefined;
  }
  return EXTRA_FIELD_LABELS[field];
}

/** The label of one option of a described field, or the value itself. */
export function optionLabel(field: Pick<FieldDescriptor, 'options'> | undefined, value: unknown, locale: 'fa' | 'en'): string {
  const option: FieldOption | undefined = field?.options?.find((o) => o.value === value);
  return option ? option.label[locale] : String(value);
}
