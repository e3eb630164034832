import { isValidIranianLegalId } from '#common/identity/index.ts';
import { toLatinDigits } from '#common/text/index.ts';
import type { Executor } from '../../../kernel/db/database.ts';
import type { OrganizationSize, OrganizationType } from '../../organizations/organizations.schema.ts';
import { dedupeRepository as dedupe } from '../dedupe.repository.ts';
import { contactKeys, contactPointsOfKeys, nameKeys } from '../batch-duplicates.ts';
import { cleanText, customImportFields, readChoice, readCustomValues, readEmails, readPhones, readTags, rowError, TAGS_FIELD, withCurrentTags, type ChoiceOption } from '../field-values.ts';
import type { BatchImportAdapter, ImportAdapter, ImportField, ParsedRow, RowContext, RowFieldError } from '../import-adapter.ts';
import { exactDuplicate, type DuplicateFinder, type OrganizationImportInput, type OrganizationsWriter } from '../import-ports.ts';
import { importsRepository } from '../imports.repository.ts';
import { readAddress } from './person.adapter.ts';

export const ORGANIZATION_TYPES: ChoiceOption[] = [
  { value: 'customer', labels: ['مشتری', 'Customer'] },
  { value: 'prospect', labels: ['مشتری بالقوه', 'Prospect', 'مشتری احتمالی'] },
  { value: 'partner', labels: ['شریک', 'Partner', 'همکار تجاری'] },
  { value: 'distributor', labels: ['توزیع‌کننده', 'Distributor', 'پخش‌کننده', 'نماینده فروش'] },
  { value: 'supplier', labels: ['تأمین‌کننده', 'Supplier', 'تامین کننده', 'فروشنده'] },
  { value: 'competitor', labels: ['رقیب', 'Competitor'] },
];

const SIZES: ChoiceOption[] = ['1-10', '11-50', '51-200', '201-1000', '1000+'].map((value) => ({ value, labels: [value] }));

export const ORGANIZATION_FIELDS: ImportField[] = [
  { key: 'name', label: { fa: 'نام سازمان', en: 'Name' }, required: true, aliases: ['نام', 'نام شرکت', 'شرکت', 'سازمان', 'organization', 'organisation', 'company', 'company name', 'organization name'] },
  { key: 'nameLatin', label: { fa: 'نام لاتین', en: 'Latin name' }, required: false, aliases: ['نام انگلیسی', 'english name', 'name (english)', 'name latin'] },
  { key: 'type', label: { fa: 'نوع', en: 'Type' }, required: false, aliases: ['نوع سازمان', 'organization type', 'kind', 'category'] },
  { key: 'industry', label: { fa: 'صنعت', en: 'Industry' }, required: false, aliases: ['حوزه فعالیت', 'زمینه فعالیت', 'sector'] },
  { key: 'size', label: { fa: 'اندازه', en: 'Size' }, required: false, aliases: ['تعداد کارکنان', 'employees', 'company size'] },
  { key: 'website', label: { fa: 'وب‌سایت', en: 'Website' }, required: false, aliases: ['وبسایت', 'سایت', 'web', 'url', 'site'] },
  { key: 'nationalId', label: { fa: 'شناسه ملی', en: 'National ID' }, required: false, aliases: ['شناسه‌ی ملی', 'national id', 'legal id'] },
  { key: 'economicCode', label: { fa: 'کد اقتصادی', en: 'Economic code' }, required: false, aliases: ['کداقتصادی', 'economic code', 'tax id', 'vat id'] },
  { key: 'email', label: { fa: 'ایمیل', en: 'Email' }, required: false, multiple: true, aliases: ['پست الکترونیک', 'e-mail', 'emails'] },
  { key: 'phone', label: { fa: 'تلفن', en: 'Phone' }, required: false, multiple: true, aliases: ['شماره تلفن', 'شماره تماس', 'تلفن ثابت', 'phone number', 'phones', 'tel', 'telephone'] },
  { key: 'addressLine', label: { fa: 'نشانی', en: 'Address' }, required: false, aliases: ['آدرس', 'street', 'address line'] },
  { key: 'city', label: { fa: 'شهر', en: 'City' }, required: false, aliases: [] },
  { key: 'province', label: { fa: 'استان', en: 'Province' }, required: false, aliases: ['state', 'region'] },
  { key: 'postalCode', label: { fa: 'کد پستی', en: 'Postal code' }, required: false, aliases: ['کدپستی', 'zip', 'postcode'] },
  { key: 'country', label: { fa: 'کشور', en: 'Country' }, required: false, aliases: [] },
];

export function parseOrganizationRow(record: Record<string, string>, context: RowContext): ParsedRow<OrganizationImportInput> {
  const errors: RowFieldError[] = [];
  const name = cleanText(record.name);
  if (!name) errors.push(rowError('name', 'required', { fa: 'نام سازمان الزامی است.', en: 'The organisation name is required.' }));
  const type = readChoice('type', cleanText(record.type), ORGANIZATION_TYPES, errors) as OrganizationType | undefined;
  const size = readChoice('size', cleanText(record.size), SIZES, errors) as OrganizationSize | undefined;
  const nationalIdText = cleanText(record.nationalId);
  const nationalId = nationalIdText ? toLatinDigits(nationalIdText).replace(/\D/g, '') : undefined;
  if (nationalIdText && (!nationalId || !isValidIranianLegalId(nationalId))) {
    errors.push(rowError('nationalId', 'invalid_national_id', { fa: `«${nationalIdText}» شناسهٔ ملی معتبری نیست.`, en: `"${nationalIdText}" is not a valid national ID.` }));
  }
  const emails = readEmails('email', record.email, errors);
  const phones = readPhones('phone', record.phone, errors);
  const custom = readCustomValues(record, context.customFields, context.calendar, errors);
  const tags = readTags('tags', record.tags, errors);
  if (errors.length || !name) return { errors };
  const address = readAddress(record);
  const economicCode = cleanText(record.economicCode);
  return {
    input: {
      name,
      ...(cleanText(record.nameLatin) ? { nameLatin: cleanText(record.nameLatin) } : {}),
      ...(type ? { type } : {}),
      ...(cleanText(record.industry) ? { industry: cleanText(record.industry) } : {}),
      ...(size ? { size } : {}),
      ...(cleanText(record.website) ? { website: cleanText(record.website) } : {}),
      ...(nationalId ? { nationalId } : {}),
      ...(economicCode ? { economicCode: toLatinDigits(economicCode) } : {}),
      ...(emails.length ? { emails } : {}),
      ...(phones.length ? { phones: phones.map((p) => p.value) } : {}),
      ...(address ? { addresses: [address] } : {}),
      ...(Object.keys(custom).length ? { custom } : {}),
      ...(tags.length ? { tags } : {}),
    },
  };
}

/** How findExisting knows an organisation: national ID, email, phone, or a name (either script). */
function organizationKeys(input: OrganizationImportInput): string[] {
  return [
    ...(input.nationalId ? [`nationalId:${input.nationalId}`] : []),
    ...contactKeys(input.emails ?? [], input.phones ?? []),
    ...nameKeys(input.name, input.nameLatin).map((n) => `name:${n}`),
  ];
}

export function createOrganizationImportAdapter(deps: { organizations: OrganizationsWriter; findDuplicates: DuplicateFinder }): ImportAdapter<OrganizationImportInput> {
  /** Many rows at once: see BatchImportAdapter. */
  const batch: BatchImportAdapter<OrganizationImportInput> = {
    check: (tx, ctx, inputs) => deps.organizations.checkManyWithin(tx, ctx, inputs),

    async duplicateKeys(tx, ctx, inputs) {
      const keys = inputs.map(organizationKeys);
      const all = keys.flat();
      const held = await dedupe.heldContactPoints(tx, ctx.workspaceId, 'organization', contactPointsOfKeys(all));
      for (const id of await dedupe.organizationsByNationalIds(tx, ctx.workspaceId, all.flatMap((k) => (k.startsWith('nationalId:') ? [k.slice(11)] : [])))) held.add(`nationalId:${id}`);
      const named = all.flatMap((k) => (k.startsWith('name:') ? [k.slice(5)] : []));
      for (const o of await dedupe.organizationsNamedAny(tx, ctx.workspaceId, named)) for (const n of nameKeys(o.name, o.nameLatin)) held.add(`name:${n}`);
      return { keys: keys.map((k) => ({ probe: k, stored: k })), held: (key) => held.has(key) };
    },

    async createMany(tx, ctx, inputs) {
      await deps.organizations.createManyWithin(tx, ctx, inputs);
    },
  };

  return {
    entityType: 'organization',

    batch,

    async fields(db: Executor, workspaceId: string) {
      return [...ORGANIZATION_FIELDS, TAGS_FIELD, ...customImportFields(await importsRepository.customFields(db, workspaceId, 'organization'))];
    },

    parseRow: parseOrganizationRow,

    /** The same national ID, else the same email, phone or normalised name. */
    async findExisting(tx, ctx, input) {
      if (input.nationalId) {
        const byId = await dedupe.organizationByNationalId(tx, ctx.workspaceId, input.nationalId);
        if (byId) return byId;
      }
      const candidates = await deps.findDuplicates(tx, ctx.workspaceId, 'organization', {
        names: [input.name, input.nameLatin].filter((n): n is string => !!n),
        emails: (input.emails ?? []).map((e) => (typeof e === 'string' ? e : e.value)),
        phones: (input.phones ?? []).map((p) => (typeof p === 'string' ? p : p.value)),
      });
      return exactDuplicate(candidates, ['same_email', 'same_phone', 'same_name']);
    },

    async create(tx, ctx, input) {
      return (await deps.organizations.createWithin(tx, ctx, input)).id;
    },

    async update(tx, ctx, id, input) {
      const current = await dedupe.organizationForUpdate(tx, ctx.workspaceId, id);
      if (!current) return;
      const { emails, phones, addresses, custom, tags, ...scalars } = input;
      const patch: Partial<OrganizationImportInput> & { version: number } = { version: current.version, ...scalars };
      if (tags?.length) patch.tags = await withCurrentTags(tx, ctx.workspaceId, 'organization', id, tags);
      if (emails?.length) {
        const known = new Set(current.emails.map((e) => e.value.toLowerCase()));
        const added = emails.filter((e) => !known.has((typeof e === 'string' ? e : e.value).toLowerCase()));
        if (added.length) patch.emails = [...current.emails.map((e) => ({ value: e.value, ...(e.label ? { label: e.label } : {}), primary: !!e.primary })), ...added];
      }
      if (phones?.length) {
        const known = new Set(current.phones.map((p) => p.value));
        const added = phones.filter((p) => !known.has(typeof p === 'string' ? p : p.value));
        if (added.length) patch.phones = [...current.phones.map((p) => ({ value: p.value, ...(p.label ? { label: p.label } : {}), primary: !!p.primary })), ...added];
      }
      if (addresses?.length) patch.addresses = [...current.addresses, ...addresses.filter((a) => !current.addresses.some((c) => JSON.stringify(c) === JSON.stringify(a)))];
      if (custom && Object.keys(custom).length) patch.custom = { ...current.custom, ...custom };
      await deps.organizations.updateWithin(tx, ctx, id, patch);
    },
  };
}
