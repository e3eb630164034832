import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import type { FieldCatalog } from '../../kernel/filters/filter.types.ts';
import { customFieldDefs } from '../../kernel/filters/index.ts';
import { customFieldsRepository, type CustomFieldRow } from '../custom-fields/custom-fields.repository.ts';
import { ORGANIZATION_SIZE_LABELS, ORGANIZATION_TYPE_LABELS } from '#common/records/index.ts';
import { ORGANIZATION_SIZES, ORGANIZATION_TYPES } from './organizations.contract.ts';
import { people } from '../people/people.schema.ts';
import { territoriesRepository } from '../territories/territories.repository.ts';
import { organizations, personOrganizations } from './organizations.schema.ts';

/** The organisation's live people, for `people` (by id): "has person X". */
const hasPerson = (match: SQL) => sql`exists (select 1 from ${personOrganizations}
  join ${people} on ${people.id} = ${personOrganizations.personId}
  where ${personOrganizations.workspaceId} = ${organizations.workspaceId} and ${personOrganizations.organizationId} = ${organizations.id}
    and ${people.deletedAt} is null and ${people.mergedIntoId} is null and ${match})`;

/** Every field of an organisation that filters, saved views and sorting can use, plus active custom fields. */
export function organizationsCatalog(customDefs: readonly CustomFieldRow[], territoryOptions: ReadonlyArray<{ id: string; name: string }> = []): FieldCatalog {
  return {
    name: { type: 'text', column: organizations.name, label: { fa: 'نام', en: 'Name' }, sortable: true, defaultColumn: true },
    nameLatin: { type: 'text', column: organizations.nameLatin, label: { fa: 'نام (لاتین)', en: 'Name (Latin)' }, sortable: true },
    type: { type: 'enum', column: organizations.type, label: { fa: 'نوع', en: 'Type' }, options: ORGANIZATION_TYPES, optionLabels: ORGANIZATION_TYPE_LABELS, sortable: true, defaultColumn: true },
    industry: { type: 'text', column: organizations.industry, label: { fa: 'صنعت', en: 'Industry' }, sortable: true, defaultColumn: true },
    size: { type: 'enum', column: organizations.size, label: { fa: 'اندازه', en: 'Size' }, options: ORGANIZATION_SIZES, optionLabels: ORGANIZATION_SIZE_LABELS, sortable: true },
    website: { type: 'text', column: organizations.website, label: { fa: 'وب‌سایت', en: 'Website' }, sortable: true },
    nationalId: { type: 'text', column: organizations.nationalId, label: { fa: 'شناسه ملی', en: 'National ID' }, sortable: true },
    economicCode: { type: 'text', column: organizations.economicCode, label: { fa: 'کد اقتصادی', en: 'Economic code' }, sortable: true },
    emails: { type: 'emails', column: organizations.emails, label: { fa: 'ایمیل', en: 'Email' } },
    phones: { type: 'phones', column: organizations.phones, label: { fa: 'تلفن', en: 'Phone' }, defaultColumn: true },
    ownerId: { type: 'user', column: organizations.ownerId, label: { fa: 'مسئول', en: 'Owner' }, sortable: true, defaultColumn: true },
    // The workspace's territories are the options (their names the labels), so the filter builder
    // offers a pick list and the list shows names; sorting by an id would mean nothing.
    territoryId: {
      type: 'enum',
      column: organizations.territoryId,
      label: { fa: 'قلمرو فروش', en: 'Territory' },
      options: territoryOptions.map((t) => t.id),
      optionLabels: Object.fromEntries(territoryOptions.map((t) => [t.id, { fa: t.name, en: t.name }])),
      sortable: false,
    },
    lastVerifiedAt: { type: 'date', column: organizations.lastVerifiedAt, label: { fa: 'آخرین تأیید اطلاعات', en: 'Last verified' }, sortable: true },
    tags: {
      type: 'tags',
      column: organizations.id,
      label: { fa: 'برچسب‌ها', en: 'Tags' },
      defaultColumn: true,
      tagsOf: { entityType: 'organization', idColumn: organizations.id, workspaceIdColumn: organizations.workspaceId },
    },
    people: {
      type: 'reference',
      references: 'person',
      column: personOrganizations.personId,
      label: { fa: 'اشخاص', en: 'People' },
      related: { exists: hasPerson },
    },
    createdBy: { type: 'user', column: organizations.createdBy, label: { fa: 'ایجادکننده', en: 'Created by' } },
    createdAt: { type: 'datetime', column: organizations.createdAt, label: { fa: 'تاریخ ایجاد', en: 'Created' }, sortable: true, defaultColumn: true },
    updatedAt: { type: 'datetime', column: organizations.updatedAt, label: { fa: 'آخرین تغییر', en: 'Last changed' }, sortable: true },
    ...customFieldDefs(customDefs, organizations.custom),
  };
}

/** The organisations catalog of one workspace, with its custom fields and territories; saved views validate filters with it. */
export async function loadOrganizationsCatalog(executor: Executor, workspaceId: string): Promise<FieldCatalog> {
  return organizationsCatalog(await customFieldsRepository.listActive(executor, workspaceId, 'organization'), await territoriesRepository.all(executor, workspaceId));
}
