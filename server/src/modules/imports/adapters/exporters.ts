import type { CalendarKind } from '#common/calendar/index.ts';
import type { Executor } from '../../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../../kernel/http/context.ts';
import { LEAD_STATUS_LABELS } from '../../leads/leads.status.ts';
import { exportsRepository as repo } from '../exports.repository.ts';
import { CUSTOM_PREFIX, customCell, dateCell, TAGS_FIELD, type CustomFieldInfo } from '../field-values.ts';
import type { ExportAdapter, ExportColumn, ExportPageQuery, ExportRow, ImportField } from '../import-adapter.ts';
import { importsRepository } from '../imports.repository.ts';
import { recordTagsRepository } from '../../people/record-tags.repository.ts';
import type { ImportEntity } from '../imports.schema.ts';
import { LEAD_FIELDS, LEAD_SOURCES } from './lead.adapter.ts';
import { ORGANIZATION_FIELDS, ORGANIZATION_TYPES } from './organization.adapter.ts';
import { PERSON_FIELDS } from './person.adapter.ts';

/*
 * CSV exports of people, organisations and leads. Column keys are the import field keys and the
 * headers their labels in the caller's language, so an exported file imports back unchanged.
 */

type Address = { line?: string; city?: string; province?: string; postalCode?: string; country?: string };

/** The entity's import fields (tags last), so every exported column imports back. */
const columnsOf = (fields: ImportField[], skip: string[]): ExportColumn[] =>
  [...fields, TAGS_FIELD].filter((f) => !skip.includes(f.key)).map((f) => ({ key: f.key, label: f.label }));

const customColumns = (defs: CustomFieldInfo[]): ExportColumn[] => defs.map((d) => ({ key: `${CUSTOM_PREFIX}${d.key}`, label: { fa: d.labelFa, en: d.labelEn } }));

function addressCells(addresses: Address[]): Record<string, string> {
  const a = addresses[0] ?? {};
  return { addressLine: a.line ?? '', city: a.city ?? '', province: a.province ?? '', postalCode: a.postalCode ?? '', country: a.country ?? '' };
}

function customCells(custom: Record<string, unknown>, defs: CustomFieldInfo[], locale: 'fa' | 'en', calendar: CalendarKind): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [`${CUSTOM_PREFIX}${d.key}`, customCell(custom[d.key], d, locale, calendar)]));
}

/** Tag names joined with a comma, the separator the import splits on, so tags import back. */
async function tagCells(db: Executor, workspaceId: string, entityType: ImportEntity, ids: string[]): Promise<Map<string, string>> {
  const tagsById = await recordTagsRepository.tagsOf(db, workspaceId, entityType, ids);
  return new Map([...tagsById].map(([id, tags]) => [id, tags.map((t) => t.name).join(', ')]));
}

const choiceLabel = (options: Array<{ value: string; labels: string[] }>, value: string | null, locale: 'fa' | 'en') => {
  const option = options.find((o) => o.value === value);
  return option ? (locale === 'fa' ? option.labels[0]! : (option.labels[1] ?? option.value)) : (value ?? '');
};

function exporter(
  entityType: ImportEntity,
  plural: string,
  fixed: ExportColumn[],
  page: (db: Executor, ctx: WorkspaceContext, query: ExportPageQuery, defs: CustomFieldInfo[], calendar: CalendarKind) => Promise<ExportRow[]>,
): ExportAdapter {
  return {
    entityType,
    plural,
    async columns(db, workspaceId) {
      return [...fixed, ...customColumns(await importsRepository.customFields(db, workspaceId, entityType))];
    },
    async page(db, ctx, query, options) {
      const defs = await importsRepository.customFields(db, ctx.workspaceId, entityType);
      return page(db, ctx, query, defs, options.calendar);
    },
  };
}

export const personExporter = exporter('person', 'people', columnsOf(PERSON_FIELDS, ['fullName']), async (db, ctx, query, defs, calendar) => {
  const rows = await repo.people(db, ctx.workspaceId, query);
  const orgs = await repo.organizationNames(db, ctx.workspaceId, rows.map((r) => r.id));
  const tags = await tagCells(db, ctx.workspaceId, 'person', rows.map((r) => r.id));
  return rows.map((p) => ({
    sortValue: p.sortValue,
    id: p.id,
    values: {
      firstName: p.firstName,
      lastName: p.lastName,
      firstNameLatin: p.firstNameLatin ?? '',
      lastNameLatin: p.lastNameLatin ?? '',
      email: p.emails.map((e) => e.value).join(', '),
      phone: p.phones.map((ph) => ph.value).join(', '),
      organization: orgs.get(p.id)?.[0] ?? '',
      jobTitle: p.jobTitle ?? '',
      birthday: dateCell(p.birthday, calendar),
      anniversary: dateCell(p.anniversary, calendar),
      source: p.source ?? '',
      tags: tags.get(p.id) ?? '',
      ...addressCells(p.addresses),
      ...customCells(p.custom, defs, ctx.locale, calendar),
    },
  }));
});

export const organizationExporter = exporter('organization', 'organizations', columnsOf(ORGANIZATION_FIELDS, []), async (db, ctx, query, defs, calendar) => {
  const rows = await repo.organizations(db, ctx.workspaceId, query);
  const tags = await tagCells(db, ctx.workspaceId, 'organization', rows.map((r) => r.id));
  return rows.map((o) => ({
    sortValue: o.sortValue,
    id: o.id,
    values: {
      name: o.name,
      nameLatin: o.nameLatin ?? '',
      type: choiceLabel(ORGANIZATION_TYPES, o.type, ctx.locale),
      industry: o.industry ?? '',
      size: o.size ?? '',
      website: o.website ?? '',
      nationalId: o.nationalId ?? '',
      economicCode: o.economicCode ?? '',
      email: o.emails.map((e) => e.value).join(', '),
      phone: o.phones.map((ph) => ph.value).join(', '),
      tags: tags.get(o.id) ?? '',
      ...addressCells(o.addresses),
      ...customCells(o.custom, defs, ctx.locale, calendar),
    },
  }));
});

export const leadExporter = exporter('lead', 'leads', columnsOf(LEAD_FIELDS, ['fullName']), async (db, ctx, query, defs, calendar) => {
  const rows = await repo.leads(db, ctx.workspaceId, query);
  const tags = await tagCells(db, ctx.workspaceId, 'lead', rows.map((r) => r.id));
  return rows.map((l) => ({
    sortValue: l.sortValue,
    id: l.id,
    values: {
      firstName: l.firstName,
      lastName: l.lastName,
      email: l.email ?? '',
      phone: l.phone ?? '',
      companyName: l.companyName ?? '',
      jobTitle: l.jobTitle ?? '',
      status: LEAD_STATUS_LABELS[l.status]?.[ctx.locale] ?? l.status,
      source: choiceLabel(LEAD_SOURCES, l.source, ctx.locale),
      notes: l.notes ?? '',
      tags: tags.get(l.id) ?? '',
      ...customCells(l.custom, defs, ctx.locale, calendar),
    },
  }));
});
