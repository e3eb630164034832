import type { Executor } from '../../kernel/db/database.ts';
import type { FieldCatalog } from '../../kernel/filters/filter.types.ts';
import { customFieldDefs, type CustomFieldDefInput } from '../../kernel/filters/index.ts';
import { customFieldsRepository } from '../custom-fields/index.ts';
import { LEAD_SOURCE_LABELS, LEAD_STATUS_LABELS } from '#common/records/index.ts';
import { LEAD_SOURCES } from './leads.contract.ts';
import { leads } from './leads.schema.ts';
import { LEAD_STATUSES } from './leads.status.ts';

/**
 * Every field of a lead that filters, saved views and sorting can use, by its API name, plus the
 * workspace's active custom fields for leads (`custom.<key>`).
 */
export function leadsCatalog(customDefs: readonly CustomFieldDefInput[]): FieldCatalog {
  return {
    firstName: { type: 'text', column: leads.firstName, label: { fa: 'نام', en: 'First name' }, sortable: true },
    lastName: { type: 'text', column: leads.lastName, label: { fa: 'نام خانوادگی', en: 'Last name' }, sortable: true },
    email: { type: 'text', column: leads.email, label: { fa: 'ایمیل', en: 'Email' }, sortable: true },
    phone: { type: 'text', column: leads.phone, label: { fa: 'تلفن', en: 'Phone' }, sortable: true, defaultColumn: true },
    companyName: { type: 'text', column: leads.companyName, label: { fa: 'شرکت', en: 'Company' }, sortable: true, defaultColumn: true },
    jobTitle: { type: 'text', column: leads.jobTitle, label: { fa: 'سمت', en: 'Job title' }, sortable: true },
    status: { type: 'enum', column: leads.status, label: { fa: 'وضعیت', en: 'Status' }, options: LEAD_STATUSES, optionLabels: LEAD_STATUS_LABELS, sortable: true, defaultColumn: true },
    source: { type: 'enum', column: leads.source, label: { fa: 'منبع', en: 'Source' }, options: LEAD_SOURCES, optionLabels: LEAD_SOURCE_LABELS, sortable: true, defaultColumn: true },
    ownerId: { type: 'user', column: leads.ownerId, label: { fa: 'مسئول', en: 'Owner' }, sortable: true, defaultColumn: true },
    score: { type: 'number', column: leads.score, label: { fa: 'امتیاز', en: 'Score' }, sortable: true, defaultColumn: true },
    notes: { type: 'text', column: leads.notes, label: { fa: 'یادداشت', en: 'Notes' }, sortable: false },
    tags: { type: 'tags', column: leads.id, label: { fa: 'برچسب‌ها', en: 'Tags' }, tagsOf: { entityType: 'lead', idColumn: leads.id, workspaceIdColumn: leads.workspaceId } },
    convertedAt: { type: 'datetime', column: leads.convertedAt, label: { fa: 'تاریخ تبدیل', en: 'Converted' }, sortable: true },
    createdBy: { type: 'user', column: leads.createdBy, label: { fa: 'ایجادکننده', en: 'Created by' } },
    createdAt: { type: 'datetime', column: leads.createdAt, label: { fa: 'تاریخ ایجاد', en: 'Created' }, sortable: true, defaultColumn: true },
    updatedAt: { type: 'datetime', column: leads.updatedAt, label: { fa: 'آخرین تغییر', en: 'Last changed' }, sortable: true },
    ...customFieldDefs(customDefs, leads.custom),
  };
}

/** The catalog with the workspace's current lead custom fields: what lists and saved views check filters against. */
export async function loadLeadsCatalog(executor: Executor, workspaceId: string): Promise<FieldCatalog> {
  return leadsCatalog(await customFieldsRepository.listActive(executor, workspaceId, 'lead'));
}
