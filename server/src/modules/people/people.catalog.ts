import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import type { FieldCatalog } from '../../kernel/filters/filter.types.ts';
import { customFieldDefs } from '../../kernel/filters/index.ts';
import { customFieldsRepository, type CustomFieldRow } from '../custom-fields/custom-fields.repository.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { people } from './people.schema.ts';

const consent = {
  email: sql`(${people.consent}->>'email')::boolean`,
  sms: sql`(${people.consent}->>'sms')::boolean`,
  phone: sql`(${people.consent}->>'phone')::boolean`,
};

/**
 * The person's live organisations, for `organizations` (by id) and `organizationName`: a
 * condition on them holds when some organisation the person works at matches it.
 */
const worksAt = (match: SQL) => sql`exists (select 1 from ${personOrganizations}
  join ${organizations} on ${organizations.id} = ${personOrganizations.organizationId}
  where ${personOrganizations.workspaceId} = ${people.workspaceId} and ${personOrganizations.personId} = ${people.id}
    and ${organizations.deletedAt} is null and ${organizations.mergedIntoId} is null and ${match})`;

/**
 * Every field of a person that filters, saved views, segments and sorting can use, by its API
 * name, plus the workspace's active custom fields.
 */
export function peopleCatalog(customDefs: readonly CustomFieldRow[]): FieldCatalog {
  return {
    firstName: { type: 'text', column: people.firstName, label: { fa: 'نام', en: 'First name' }, sortable: true },
    lastName: { type: 'text', column: people.lastName, label: { fa: 'نام خانوادگی', en: 'Last name' }, sortable: true },
    firstNameLatin: { type: 'text', column: people.firstNameLatin, label: { fa: 'نام (لاتین)', en: 'First name (Latin)' }, sortable: true },
    lastNameLatin: { type: 'text', column: people.lastNameLatin, label: { fa: 'نام خانوادگی (لاتین)', en: 'Last name (Latin)' }, sortable: true },
    emails: { type: 'emails', column: people.emails, label: { fa: 'ایمیل', en: 'Email' }, defaultColumn: true },
    phones: { type: 'phones', column: people.phones, label: { fa: 'تلفن', en: 'Phone' }, defaultColumn: true },
    birthday: { type: 'date', column: people.birthday, label: { fa: 'تاریخ تولد', en: 'Birthday' }, sortable: true },
    anniversary: { type: 'date', column: people.anniversary, label: { fa: 'سالگرد', en: 'Anniversary' }, sortable: true },
    jobTitle: { type: 'text', column: people.jobTitle, label: { fa: 'سمت', en: 'Job title' }, sortable: true, defaultColumn: true },
    ownerId: { type: 'user', column: people.ownerId, label: { fa: 'مسئول', en: 'Owner' }, sortable: true, defaultColumn: true },
    source: { type: 'text', column: people.source, label: { fa: 'منبع', en: 'Source' }, sortable: true },
    consentEmail: { type: 'boolean', column: consent.email, label: { fa: 'رضایت به ایمیل', en: 'Email consent' } },
    consentSms: { type: 'boolean', column: consent.sms, label: { fa: 'رضایت به پیامک', en: 'SMS consent' } },
    consentPhone: { type: 'boolean', column: consent.phone, label: { fa: 'رضایت به تماس تلفنی', en: 'Phone consent' } },
    lastVerifiedAt: { type: 'date', column: people.lastVerifiedAt, label: { fa: 'آخرین تأیید اطلاعات', en: 'Last verified' }, sortable: true },
    tags: { type: 'tags', column: people.id, label: { fa: 'برچسب‌ها', en: 'Tags' }, defaultColumn: true, tagsOf: { entityType: 'person', idColumn: people.id, workspaceIdColumn: people.workspaceId } },
    organizations: {
      type: 'reference',
      references: 'organization',
      column: personOrganizations.organizationId,
      label: { fa: 'سازمان', en: 'Organisation' },
      related: { exists: worksAt },
    },
    organizationName: { type: 'text', column: organizations.name, label: { fa: 'نام سازمان', en: 'Organisation name' }, related: { exists: worksAt } },
    createdBy: { type: 'user', column: people.createdBy, label: { fa: 'ایجادکننده', en: 'Created by' } },
    createdAt: { type: 'datetime', column: people.createdAt, label: { fa: 'تاریخ ایجاد', en: 'Created' }, sortable: true },
    updatedAt: { type: 'datetime', column: people.updatedAt, label: { fa: 'آخرین تغییر', en: 'Last changed' }, sortable: true },
    ...customFieldDefs(customDefs, people.custom),
  };
}

/** The people catalog of one workspace, with its custom fields; saved views validate filters with it. */
export async function loadPeopleCatalog(executor: Executor, workspaceId: string): Promise<FieldCatalog> {
  return peopleCatalog(await customFieldsRepository.listActive(executor, workspaceId, 'person'));
}
