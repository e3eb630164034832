import { useMemo } from 'react';
import type { FieldDescriptor, FieldKind, FieldOption } from './filter-model.ts';
import { useCustomFieldDefs } from './records.api.ts';
import {
  LEAD_SOURCES,
  LEAD_STATUSES,
  ORGANIZATION_SIZES,
  ORGANIZATION_TYPES,
  type CustomFieldDef,
  type CustomFieldType,
  type EntityType,
  type Localised,
} from './records.types.ts';

/*
 * The fields of each record type, with fa/en labels: what the filter builder offers, what can be
 * sorted, and how the timeline names a changed field.
 */

const L = (fa: string, en: string): Localised => ({ fa, en });
const f = (field: string, type: FieldKind, label: Localised, extra: Partial<FieldDescriptor> = {}): FieldDescriptor => ({
  field,
  type,
  label,
  sortable: !['tags', 'emails', 'phones', 'multi_enum'].includes(type),
  ...extra,
});

export const ORGANIZATION_TYPE_LABELS: Record<string, Localised> = {
  customer: L('مشتری', 'Customer'),
  prospect: L('مشتری بالقوه', 'Prospect'),
  partner: L('شریک تجاری', 'Partner'),
  distributor: L('توزیع‌کننده', 'Distributor'),
  supplier: L('تأمین‌کننده', 'Supplier'),
  competitor: L('رقیب', 'Competitor'),
};

export const LEAD_STATUS_LABELS: Record<string, Localised> = {
  new: L('جدید', 'New'),
  contacted: L('تماس گرفته شده', 'Contacted'),
  qualified: L('واجد شرایط', 'Qualified'),
  unqualified: L('فاقد شرایط', 'Unqualified'),
  converted: L('تبدیل‌شده', 'Converted'),
};

export const LEAD_SOURCE_LABELS: Record<string, Localised> = {
  web: L('فرم وب', 'Web form'),
  import: L('درون‌ریزی', 'Import'),
  referral: L('معرفی', 'Referral'),
  campaign: L('کارزار', 'Campaign'),
  manual: L('دستی', 'Manual'),
  api: L('API', 'API'),
  event: L('رویداد', 'Event'),
  other: L('سایر', 'Other'),
};

const options = (values: readonly string[], labels: Record<string, Localised>): FieldOption[] =>
  values.map((value) => ({ value, label: labels[value] ?? L(value, value) }));

const sizeOptions = ORGANIZATION_SIZES.map((value) => ({ value, label: L(value, value) }));

const common = {
  owner: f('ownerId', 'user', L('مسئول', 'Owner')),
  tags: f('tags', 'tags', L('برچسب‌ها', 'Tags')),
  emails: f('emails', 'emails', L('ایمیل', 'Email')),
  phones: f('phones', 'phones', L('تلفن', 'Phone')),
  verified: f('lastVerifiedAt', 'date', L('آخرین تأیید اطلاعات', 'Last verified')),
  createdBy: f('createdBy', 'user', L('ایجادکننده', 'Created by'), { sortable: false }),
  created: f('createdAt', 'datetime', L('تاریخ ایجاد', 'Created')),
  updated: f('updatedAt', 'datetime', L('آخرین تغییر', 'Last updated')),
};

export const BUILT_IN_FIELDS: Record<EntityType, FieldDescriptor[]> = {
  person: [
    f('firstName', 'text', L('نام', 'First name')),
    f('lastName', 'text', L('نام خانوادگی', 'Last name')),
    f('firstNameLatin', 'text', L('نام (لاتین)', 'First name (Latin)')),
    f('lastNameLatin', 'text', L('نام خانوادگی (لاتین)', 'Last name (Latin)')),
    common.emails,
    common.phones,
    f('jobTitle', 'text', L('سمت', 'Job title')),
    common.owner,
    f('source', 'text', L('منبع', 'Source')),
    common.tags,
    f('birthday', 'date', L('تاریخ تولد', 'Birthday')),
    f('anniversary', 'date', L('سالگرد', 'Anniversary')),
    f('consentEmail', 'boolean', L('رضایت به ایمیل', 'Email consent'), { sortable: false }),
    f('consentSms', 'boolean', L('رضایت به پیامک', 'SMS consent'), { sortable: false }),
    f('consentPhone', 'boolean', L('رضایت به تماس تلفنی', 'Phone consent'), { sortable: false }),
    common.verified,
    common.createdBy,
    common.created,
    common.updated,
  ],
  organization: [
    f('name', 'text', L('نام', 'Name')),
    f('nameLatin', 'text', L('نام (لاتین)', 'Name (Latin)')),
    f('type', 'enum', L('نوع', 'Type'), { options: options(ORGANIZATION_TYPES, ORGANIZATION_TYPE_LABELS) }),
    f('industry', 'text', L('صنعت', 'Industry')),
    f('size', 'enum', L('اندازه', 'Size'), { options: sizeOptions }),
    f('website', 'text', L('وب‌سایت', 'Website')),
    f('nationalId', 'text', L('شناسهٔ ملی', 'National ID')),
    f('economicCode', 'text', L('کد اقتصادی', 'Economic code')),
    common.emails,
    common.phones,
    common.owner,
    common.tags,
    common.verified,
    common.createdBy,
    common.created,
    common.updated,
  ],
  lead: [
    f('firstName', 'text', L('نام', 'First name')),
    f('lastName', 'text', L('نام خانوادگی', 'Last name')),
    f('email', 'text', L('ایمیل', 'Email')),
    f('phone', 'text', L('تلفن', 'Phone')),
    f('companyName', 'text', L('شرکت', 'Company')),
    f('jobTitle', 'text', L('سمت', 'Job title')),
    f('status', 'enum', L('وضعیت', 'Status'), { options: options(LEAD_STATUSES, LEAD_STATUS_LABELS) }),
    f('source', 'enum', L('منبع', 'Source'), { options: options(LEAD_SOURCES, LEAD_SOURCE_LABELS) }),
    f('score', 'number', L('امتیاز', 'Score')),
    f('notes', 'text', L('یادداشت', 'Notes'), { sortable: false }),
    common.owner,
    common.tags,
    f('convertedAt', 'datetime', L('تاریخ تبدیل', 'Converted')),
    common.createdBy,
    common.created,
    common.updated,
  ],
};

/** Labels of fields that appear in change history but are not filterable. */
export const EXTRA_FIELD_LABELS: Record<string, Localised> = {
  addresses: L('نشانی‌ها', 'Addresses'),
  consent: L('رضایت تماس', 'Contact consent'),
  custom: L('فیلدهای سفارشی', 'Custom fields'),
  organizations: L('سازمان‌ها', 'Organisations'),
  notes: L('یادداشت', 'Notes'),
  scoreReasons: L('دلایل امتیاز', 'Score reasons'),
  displayName: L('نام نمایشی', 'Display name'),
  deletedAt: L('زمان حذف', 'Deleted at'),
  mergedIntoId: L('ادغام در', 'Merged into'),
};

const CUSTOM_KIND: Record<CustomFieldType, FieldKind> = {
  text: 'text',
  number: 'number',
  date: 'date',
  select: 'enum',
  multi_select: 'multi_enum',
  boolean: 'boolean',
  person: 'reference',
  organization: 'reference',
};

export function customFieldDescriptor(def: CustomFieldDef): FieldDescriptor {
  const type = CUSTOM_KIND[def.type];
  return {
    field: `custom.${def.key}`,
    type,
    label: { fa: def.labelFa, en: def.labelEn },
    sortable: type !== 'multi_enum',
    ...(type === 'enum' || type === 'multi_enum'
      ? { options: def.options.map((o) => ({ value: o.value, label: { fa: o.labelFa, en: o.labelEn } })) }
      : {}),
  };
}

/**
 * Built-in and custom fields of a record type (server: <module>.catalog.ts). The server has no
 * endpoint describing its catalog yet, so the built-in part mirrors it here.
 */
export function useFieldCatalog(entityType: EntityType): { fields: FieldDescriptor[]; customFields: CustomFieldDef[]; isPending: boolean } {
  const defs = useCustomFieldDefs(entityType);
  return useMemo(() => {
    const customFields = defs.data ?? [];
    return { fields: [...BUILT_IN_FIELDS[entityType], ...customFields.map(customFieldDescriptor)], customFields, isPending: defs.isPending };
  }, [defs.data, defs.isPending, entityType]);
}

/** fa/en label of a field name as it appears in data or history. */
export function fieldLabel(entityType: EntityType, field: string, customFields: CustomFieldDef[] = []): Localised | undefined {
  if (field.startsWith('custom.')) {
    const def = customFields.find((d) => d.key === field.slice('custom.'.length));
    return def ? { fa: def.labelFa, en: def.labelEn } : undefined;
  }
  // History may mention fields of other record types (a merged lead, a conversion): look there too.
  const own = BUILT_IN_FIELDS[entityType].find((d) => d.field === field)?.label;
  if (own) return own;
  for (const list of Object.values(BUILT_IN_FIELDS)) {
    const found = list.find((d) => d.field === field);
    if (found) return found.label;
  }
  return EXTRA_FIELD_LABELS[field];
}
