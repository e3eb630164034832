import { searchKey } from '#common/text/index.ts';
import type { Executor } from '../../../kernel/db/database.ts';
import { MIN_CONTAINS_LENGTH } from '../../search/search.query.ts';
import type { TLeadCreate, TLeadPatch } from '../../leads/leads.contract.ts';
import type { LeadStatus } from '../../leads/leads.schema.ts';
import { dedupeRepository as dedupe } from '../dedupe.repository.ts';
import { contactKeys, contactPointsOfKeys, fullName, nameKeys, type DuplicateKeys } from '../batch-duplicates.ts';
import { cleanText, customImportFields, readChoice, readCustomValues, readEmails, readPhones, readTags, rowError, TAGS_FIELD, withCurrentTags, type ChoiceOption } from '../field-values.ts';
import type { BatchImportAdapter, ImportAdapter, ImportField, ParsedRow, RowContext, RowFieldError } from '../import-adapter.ts';
import { exactDuplicate, type DuplicateFinder, type LeadsWriter } from '../import-ports.ts';
import { importsRepository } from '../imports.repository.ts';
import { splitFullName } from './person.adapter.ts';

/** What a lead may be imported with ('converted' only ever comes from a conversion). */
export const LEAD_IMPORT_STATUSES: ChoiceOption[] = [
  { value: 'new', labels: ['جدید', 'New'] },
  { value: 'contacted', labels: ['تماس گرفته شده', 'Contacted', 'تماس گرفته‌شده'] },
  { value: 'qualified', labels: ['واجد شرایط', 'Qualified'] },
  { value: 'unqualified', labels: ['فاقد شرایط', 'Unqualified'] },
];

export const LEAD_SOURCES: ChoiceOption[] = [
  { value: 'web', labels: ['وب‌سایت', 'Web', 'فرم وب'] },
  { value: 'import', labels: ['درون‌ریزی', 'Import'] },
  { value: 'referral', labels: ['معرفی', 'Referral'] },
  { value: 'campaign', labels: ['کارزار', 'Campaign', 'کمپین'] },
  { value: 'manual', labels: ['دستی', 'Manual'] },
  { value: 'api', labels: ['API'] },
  { value: 'event', labels: ['رویداد', 'Event', 'نمایشگاه'] },
  { value: 'other', labels: ['سایر', 'Other', 'دیگر'] },
];

export const LEAD_FIELDS: ImportField[] = [
  { key: 'firstName', label: { fa: 'نام', en: 'First name' }, required: false, aliases: ['نام کوچک', 'first name', 'firstname', 'given name'] },
  { key: 'lastName', label: { fa: 'نام خانوادگی', en: 'Last name' }, required: false, aliases: ['فامیلی', 'last name', 'lastname', 'surname', 'family name'] },
  { key: 'fullName', label: { fa: 'نام و نام خانوادگی', en: 'Full name' }, required: false, aliases: ['نام کامل', 'full name', 'name', 'contact name'] },
  { key: 'email', label: { fa: 'ایمیل', en: 'Email' }, required: false, aliases: ['پست الکترونیک', 'e-mail', 'email address', 'mail'] },
  { key: 'phone', label: { fa: 'تلفن', en: 'Phone' }, required: false, aliases: ['شماره تلفن', 'موبایل', 'تلفن همراه', 'شماره تماس', 'phone number', 'mobile', 'tel'] },
  { key: 'companyName', label: { fa: 'شرکت', en: 'Company' }, required: false, aliases: ['نام شرکت', 'سازمان', 'company name', 'organization', 'organisation'] },
  { key: 'jobTitle', label: { fa: 'سمت', en: 'Job title' }, required: false, aliases: ['عنوان شغلی', 'title', 'position'] },
  { key: 'status', label: { fa: 'وضعیت', en: 'Status' }, required: false, aliases: ['lead status'] },
  { key: 'source', label: { fa: 'منبع', en: 'Source' }, required: false, aliases: ['lead source', 'منبع سرنخ'] },
  { key: 'notes', label: { fa: 'یادداشت', en: 'Notes' }, required: false, aliases: ['توضیحات', 'یادداشت‌ها', 'note', 'description', 'comments'] },
];

export function parseLeadRow(record: Record<string, string>, context: RowContext): ParsedRow<TLeadCreate> {
  const errors: RowFieldError[] = [];
  let firstName = cleanText(record.firstName);
  let lastName = cleanText(record.lastName);
  const fullName = cleanText(record.fullName);
  if (!firstName && !lastName && fullName) ({ firstName, lastName } = splitFullName(fullName));
  const [email] = readEmails('email', record.email, errors);
  const [phone] = readPhones('phone', record.phone, errors);
  const status = readChoice('status', cleanText(record.status), LEAD_IMPORT_STATUSES, errors) as Exclude<LeadStatus, 'converted'> | undefined;
  const source = readChoice('source', cleanText(record.source), LEAD_SOURCES, errors) as TLeadCreate['source'];
  const custom = readCustomValues(record, context.customFields, context.calendar, errors);
  const tags = readTags('tags', record.tags, errors);
  if (!errors.length && !firstName && !lastName && !email && !phone) {
    errors.push(rowError(null, 'name_or_contact_required', { fa: 'هر سطر باید دست‌کم نام، ایمیل یا تلفن داشته باشد.', en: 'Each row needs at least a name, an email or a phone.' }));
  }
  if (errors.length) return { errors };
  const notes = record.notes?.trim();
  return {
    input: {
      ...(firstName ? { firstName } : {}),
      ...(lastName ? { lastName } : {}),
      ...(email ? { email: email.toLowerCase() } : {}),
      ...(phone ? { phone: phone.value } : {}),
      ...(cleanText(record.companyName) ? { companyName: cleanText(record.companyName) } : {}),
      ...(cleanText(record.jobTitle) ? { jobTitle: cleanText(record.jobTitle) } : {}),
      ...(status ? { status } : {}),
      source: source ?? 'import',
      ...(notes ? { notes } : {}),
      ...(Object.keys(custom).length ? { custom } : {}),
      ...(tags.length ? { tags } : {}),
    },
  };
}

/**
 * How findExisting knows a lead: email, phone, or the same name at the same company (which its
 * search finds only when the company or the name has at least MIN_CONTAINS_LENGTH letters).
 */
function leadKeys(input: TLeadCreate): DuplicateKeys {
  const contacts = contactKeys(input.email ? [input.email] : [], input.phone ? [input.phone] : []);
  const [name] = nameKeys(fullName(input.firstName, input.lastName));
  const company = input.companyName ? searchKey(input.companyName) : '';
  if (!name || !company) return { probe: contacts, stored: contacts };
  const key = `name:${company}:${name}`;
  const searchable = [...company].length >= MIN_CONTAINS_LENGTH || [...name].length >= MIN_CONTAINS_LENGTH;
  return { probe: [...contacts, ...(searchable ? [key] : [])], stored: [...contacts, key] };
}

export function createLeadImportAdapter(deps: { leads: LeadsWriter; findDuplicates: DuplicateFinder }): ImportAdapter<TLeadCreate> {
  /** Many rows at once: see BatchImportAdapter. */
  const batch: BatchImportAdapter<TLeadCreate> = {
    check: (tx, ctx, inputs) => deps.leads.checkManyWithin(tx, ctx, inputs),

    async duplicateKeys(tx, ctx, inputs) {
      const keys = inputs.map(leadKeys);
      const held = await dedupe.heldContactPoints(tx, ctx.workspaceId, 'lead', contactPointsOfKeys(keys.flatMap((k) => k.probe)));
      const companies = inputs.flatMap((i) => (i.companyName && searchKey(i.companyName) ? [searchKey(i.companyName)] : []));
      for (const lead of companies.length ? await dedupe.leadsOfCompanies(tx, ctx.workspaceId, companies) : []) {
        const [name] = nameKeys(fullName(lead.firstName, lead.lastName));
        if (name && lead.companyName) held.add(`name:${searchKey(lead.companyName)}:${name}`);
      }
      return { keys, held: (key) => held.has(key) };
    },

    async createMany(tx, ctx, inputs) {
      await deps.leads.createManyWithin(tx, ctx, inputs);
    },
  };

  return {
    entityType: 'lead',

    batch,

    async fields(db: Executor, workspaceId: string) {
      return [...LEAD_FIELDS, TAGS_FIELD, ...customImportFields(await importsRepository.customFields(db, workspaceId, 'lead'))];
    },

    parseRow: parseLeadRow,

    /** The same email or phone, or the same name at the same company. */
    async findExisting(tx, ctx, input) {
      const candidates = await deps.findDuplicates(tx, ctx.workspaceId, 'lead', {
        names: [`${input.firstName ?? ''} ${input.lastName ?? ''}`.trim()].filter(Boolean),
        emails: input.email ? [input.email] : [],
        phones: input.phone ? [input.phone] : [],
        organizationName: input.companyName ?? null,
      });
      return exactDuplicate(candidates);
    },

    async create(tx, ctx, input) {
      return (await deps.leads.createWithin(tx, ctx, input)).id;
    },

    /** The row's values win; the source is kept as it was. */
    async update(tx, ctx, id, input) {
      const current = await dedupe.leadForUpdate(tx, ctx.workspaceId, id);
      if (!current) return;
      const { source: _source, custom, tags, ...fields } = input;
      const patch: TLeadPatch = { version: current.version, ...fields };
      if (tags?.length) patch.tags = await withCurrentTags(tx, ctx.workspaceId, 'lead', id, tags);
      if (custom && Object.keys(custom).length) patch.custom = custom;
      await deps.leads.updateWithin(tx, ctx, id, patch);
    },
  };
}
