import { searchKey } from '#common/text/index.ts';
import type { Executor, Tx } from '../../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../../kernel/http/context.ts';
import type { TPersonCreate, TPersonPatch } from '../../people/people.contract.ts';
import { dedupeRepository as dedupe } from '../dedupe.repository.ts';
import { cleanText, customImportFields, readCustomValues, readDate, readEmails, readPhones, readTags, rowError, TAGS_FIELD, withCurrentTags } from '../field-values.ts';
import { contactKeys, contactPointsOfKeys, fullName, nameKeys } from '../batch-duplicates.ts';
import type { BatchImportAdapter, ImportAdapter, ImportField, ParsedRow, RowContext, RowFieldError } from '../import-adapter.ts';
import { exactDuplicate, type DuplicateFinder, type OrganizationsWriter, type PeopleWriter } from '../import-ports.ts';
import { importsRepository } from '../imports.repository.ts';

export type PersonImportInput = {
  person: TPersonCreate;
  /** The organisation named in the row: found by name, or created, and linked as primary. */
  organizationName?: string;
};

/** Shared with the export, so an exported file maps itself on import. */
export const PERSON_FIELDS: ImportField[] = [
  { key: 'firstName', label: { fa: 'نام', en: 'First name' }, required: false, aliases: ['نام کوچک', 'first name', 'firstname', 'given name', 'name first'] },
  { key: 'lastName', label: { fa: 'نام خانوادگی', en: 'Last name' }, required: false, aliases: ['فامیلی', 'فامیل', 'last name', 'lastname', 'surname', 'family name'] },
  { key: 'fullName', label: { fa: 'نام و نام خانوادگی', en: 'Full name' }, required: false, aliases: ['نام کامل', 'full name', 'name', 'contact name', 'display name'] },
  { key: 'firstNameLatin', label: { fa: 'نام (لاتین)', en: 'First name (Latin)' }, required: false, aliases: ['first name latin', 'first name (english)'] },
  { key: 'lastNameLatin', label: { fa: 'نام خانوادگی (لاتین)', en: 'Last name (Latin)' }, required: false, aliases: ['last name latin', 'last name (english)'] },
  { key: 'email', label: { fa: 'ایمیل', en: 'Email' }, required: false, multiple: true, aliases: ['پست الکترونیک', 'پست الکترونیکی', 'رایانامه', 'نشانی ایمیل', 'e-mail', 'email address', 'emails', 'mail'] },
  {
    key: 'phone',
    label: { fa: 'تلفن', en: 'Phone' },
    required: false,
    multiple: true,
    aliases: ['شماره تلفن', 'تلفن همراه', 'موبایل', 'همراه', 'شماره همراه', 'شماره موبایل', 'شماره تماس', 'تلفن ثابت', 'phone number', 'phones', 'mobile', 'mobile phone', 'cell', 'tel', 'telephone'],
  },
  { key: 'organization', label: { fa: 'سازمان', en: 'Organization' }, required: false, aliases: ['شرکت', 'نام شرکت', 'نام سازمان', 'company', 'company name', 'organisation', 'org'] },
  { key: 'jobTitle', label: { fa: 'سمت', en: 'Job title' }, required: false, aliases: ['عنوان شغلی', 'شغل', 'title', 'job', 'position', 'role'] },
  { key: 'birthday', label: { fa: 'تاریخ تولد', en: 'Birthday' }, required: false, aliases: ['تولد', 'birth date', 'date of birth', 'dob', 'birthdate'] },
  { key: 'anniversary', label: { fa: 'سالگرد', en: 'Anniversary' }, required: false, aliases: ['تاریخ سالگرد', 'سالگرد ازدواج', 'wedding anniversary'] },
  { key: 'source', label: { fa: 'منبع', en: 'Source' }, required: false, aliases: ['منبع آشنایی', 'lead source'] },
  { key: 'addressLine', label: { fa: 'نشانی', en: 'Address' }, required: false, aliases: ['آدرس', 'street', 'address line', 'street address'] },
  { key: 'city', label: { fa: 'شهر', en: 'City' }, required: false, aliases: ['town'] },
  { key: 'province', label: { fa: 'استان', en: 'Province' }, required: false, aliases: ['state', 'region'] },
  { key: 'postalCode', label: { fa: 'کد پستی', en: 'Postal code' }, required: false, aliases: ['کدپستی', 'zip', 'zip code', 'postcode'] },
  { key: 'country', label: { fa: 'کشور', en: 'Country' }, required: false, aliases: [] },
];

/** «محمد رضا احمدی» → first «محمد رضا», last «احمدی»: the last word is the family name. */
export function splitFullName(full: string): { firstName?: string; lastName?: string } {
  const words = full.split(' ').filter(Boolean);
  if (words.length <= 1) return { lastName: words[0] };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

export function readAddress(record: Record<string, string>) {
  const address = {
    line: cleanText(record.addressLine),
    city: cleanText(record.city),
    province: cleanText(record.province),
    postalCode: cleanText(record.postalCode),
    country: cleanText(record.country),
  };
  const present = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined));
  return Object.keys(present).length ? present : undefined;
}

const sameAddress = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  ['line', 'city', 'province', 'postalCode', 'country'].every((k) => searchKey(String(a[k] ?? '')) === searchKey(String(b[k] ?? '')));

export function parsePersonRow(record: Record<string, string>, context: RowContext): ParsedRow<PersonImportInput> {
  const errors: RowFieldError[] = [];
  let firstName = cleanText(record.firstName);
  let lastName = cleanText(record.lastName);
  const fullName = cleanText(record.fullName);
  if (!firstName && !lastName && fullName) ({ firstName, lastName } = splitFullName(fullName));
  const emails = readEmails('email', record.email, errors);
  const phones = readPhones('phone', record.phone, errors);
  const birthday = readDate('birthday', record.birthday, context.calendar, errors);
  const anniversary = readDate('anniversary', record.anniversary, context.calendar, errors);
  const custom = readCustomValues(record, context.customFields, context.calendar, errors);
  const tags = readTags('tags', record.tags, errors);
  const firstNameLatin = cleanText(record.firstNameLatin);
  const lastNameLatin = cleanText(record.lastNameLatin);
  if (!errors.length && !firstName && !lastName && !firstNameLatin && !lastNameLatin && !emails.length && !phones.length) {
    errors.push(
      rowError(null, 'name_or_contact_required', {
        fa: 'هر سطر باید دست‌کم نام، ایمیل یا تلفن داشته باشد.',
        en: 'Each row needs at least a name, an email or a phone.',
      }),
    );
  }
  if (errors.length) return { errors };
  const address = readAddress(record);
  const person: TPersonCreate = {
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(firstNameLatin ? { firstNameLatin } : {}),
    ...(lastNameLatin ? { lastNameLatin } : {}),
    ...(emails.length ? { emails } : {}),
    // The number as normalised: the service keeps E.164 and we keep what was typed in `raw` there.
    ...(phones.length ? { phones: phones.map((p) => p.value) } : {}),
    ...(address ? { addresses: [address] } : {}),
    ...(birthday ? { birthday } : {}),
    ...(anniversary ? { anniversary } : {}),
    ...(cleanText(record.jobTitle) ? { jobTitle: cleanText(record.jobTitle) } : {}),
    ...(cleanText(record.source) ? { source: cleanText(record.source) } : {}),
    ...(Object.keys(custom).length ? { custom } : {}),
    ...(tags.length ? { tags } : {}),
  };
  const organizationName = cleanText(record.organization);
  return { input: { person, ...(organizationName ? { organizationName } : {}) } };
}

/** What a row creates: its person, with the import as source unless the row names one. */
const personCreate = (input: PersonImportInput): TPersonCreate => ({ ...input.person, source: input.person.source ?? 'import' });

const byTitle = (a: { name: string; createdAt: Date; id: string }, b: { name: string; createdAt: Date; id: string }) =>
  a.name.localeCompare(b.name, 'fa') || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

/**
 * For each organisation name key: every live organisation of the workspace known by it (its
 * name's or Latin name's key), and the one a row is linked to, as organizationId() chooses it
 * (findDuplicates' best same_name candidate: by title).
 */
async function organizationsByKey(tx: Tx, workspaceId: string, keys: string[]): Promise<Map<string, { ids: string[]; chosen?: string }>> {
  const wanted = new Set(keys.filter(Boolean));
  const named = new Map<string, Array<{ id: string; name: string; createdAt: Date }>>([...wanted].map((key) => [key, []]));
  for (const o of wanted.size ? await dedupe.organizationsNamedAny(tx, workspaceId, [...wanted]) : []) {
    for (const key of nameKeys(o.name, o.nameLatin)) named.get(key)?.push(o);
  }
  return new Map([...named].map(([key, list]) => [key, { ids: list.map((o) => o.id), chosen: list.sort(byTitle)[0]?.id }]));
}

export function createPersonImportAdapter(deps: {
  people: PeopleWriter;
  organizations: OrganizationsWriter;
  findDuplicates: DuplicateFinder;
}): ImportAdapter<PersonImportInput> {
  /** The organisation of that (normalised) name, created when there is none yet. */
  async function organizationId(tx: Tx, ctx: WorkspaceContext, name: string): Promise<string> {
    const existing = exactDuplicate(await deps.findDuplicates(tx, ctx.workspaceId, 'organization', { names: [name] }), ['same_name']);
    return existing ?? (await deps.organizations.createWithin(tx, ctx, { name })).id;
  }

  /** Many rows at once: see BatchImportAdapter. Organisations are found or created once per name. */
  const batch: BatchImportAdapter<PersonImportInput> = {
    check: (tx, ctx, inputs) => deps.people.checkManyWithin(tx, ctx, inputs.map(personCreate)),

    /** Same email or phone, or the same name at an organisation of the same name. */
    async duplicateKeys(tx, ctx, inputs) {
      const rows = inputs.map((input) => {
        const p = input.person;
        return {
          contacts: contactKeys(p.emails ?? [], p.phones ?? []),
          names: nameKeys(fullName(p.firstName, p.lastName), fullName(p.firstNameLatin, p.lastNameLatin)),
          organizationKey: input.organizationName ? searchKey(input.organizationName) : '',
        };
      });
      const held = await dedupe.heldContactPoints(tx, ctx.workspaceId, 'person', contactPointsOfKeys(rows.flatMap((r) => r.contacts)));
      const organizations = await organizationsByKey(tx, ctx.workspaceId, rows.filter((r) => r.organizationKey && r.names.length).map((r) => r.organizationKey));
      const linked = await dedupe.peopleOfOrganizations(tx, ctx.workspaceId, [...organizations.values()].flatMap((o) => o.ids), rows.flatMap((r) => r.names));
      for (const person of linked) {
        for (const key of nameKeys(fullName(person.firstName, person.lastName), fullName(person.firstNameLatin, person.lastNameLatin))) held.add(`name:${person.organizationId}:${key}`);
      }
      // An organisation this batch creates is known by the key of the name it is created with.
      const scopes = (key: string) => [...(organizations.get(key)?.ids ?? []), `new:${key}`];
      const linkedTo = (key: string) => organizations.get(key)?.chosen ?? `new:${key}`;
      return {
        keys: rows.map((r) => ({
          probe: [...r.contacts, ...(r.organizationKey ? scopes(r.organizationKey).flatMap((org) => r.names.map((n) => `name:${org}:${n}`)) : [])],
          stored: [...r.contacts, ...(r.organizationKey ? r.names.map((n) => `name:${linkedTo(r.organizationKey)}:${n}`) : [])],
        })),
        held: (key) => held.has(key),
      };
    },

    async createMany(tx, ctx, inputs) {
      const named = inputs.flatMap((i) => (i.organizationName ? [{ key: searchKey(i.organizationName), name: i.organizationName }] : []));
      const organizations = await organizationsByKey(tx, ctx.workspaceId, named.map((n) => n.key));
      const idOf = new Map<string, string>();
      for (const [key, o] of organizations) if (o.chosen) idOf.set(key, o.chosen);
      // A name no organisation has yet: created once, spelled as its first row spells it.
      const missing = new Map<string, string>();
      for (const n of named) if (!idOf.has(n.key) && !missing.has(n.key)) missing.set(n.key, n.name);
      const created = await deps.organizations.createManyWithin(tx, ctx, [...missing.values()].map((name) => ({ name })));
      [...missing.keys()].forEach((key, i) => idOf.set(key, created[i]!.id));
      await deps.people.createManyWithin(
        tx,
        ctx,
        inputs.map((input) => ({
          ...personCreate(input),
          ...(input.organizationName ? { organizations: [{ organizationId: idOf.get(searchKey(input.organizationName))!, isPrimary: true, role: input.person.jobTitle ?? null }] } : {}),
        })),
      );
    },
  };

  /** Same email or phone, or the same name at the same organisation. */
  async function findPerson(tx: Tx, ctx: WorkspaceContext, input: PersonImportInput): Promise<string | null> {
    const p = input.person;
    const candidates = await deps.findDuplicates(tx, ctx.workspaceId, 'person', {
      names: [`${p.firstName ?? ''} ${p.lastName ?? ''}`.trim(), `${p.firstNameLatin ?? ''} ${p.lastNameLatin ?? ''}`.trim()].filter(Boolean),
      emails: (p.emails ?? []).map((e) => (typeof e === 'string' ? e : e.value)),
      phones: (p.phones ?? []).map((ph) => (typeof ph === 'string' ? ph : ph.value)),
      organizationName: input.organizationName ?? null,
    });
    return exactDuplicate(candidates);
  }

  return {
    entityType: 'person',

    async fields(db: Executor, workspaceId: string) {
      return [...PERSON_FIELDS, TAGS_FIELD, ...customImportFields(await importsRepository.customFields(db, workspaceId, 'person'))];
    },

    parseRow: parsePersonRow,

    findExisting: findPerson,

    batch,

    async create(tx, ctx, input) {
      const person = personCreate(input);
      if (input.organizationName) {
        person.organizations = [{ organizationId: await organizationId(tx, ctx, input.organizationName), isPrimary: true, role: input.person.jobTitle ?? null }];
      }
      return (await deps.people.createWithin(tx, ctx, person)).id;
    },

    /** Fills in what the row carries; emails, phones, addresses and organisations are added to, never replaced. */
    async update(tx, ctx, id, input) {
      const current = await dedupe.personForUpdate(tx, ctx.workspaceId, id);
      if (!current) return;
      const { emails, phones, addresses, custom, tags, ...scalars } = input.person;
      const patch: TPersonPatch = { version: current.version, ...scalars };
      if (tags?.length) patch.tags = await withCurrentTags(tx, ctx.workspaceId, 'person', id, tags);
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
      if (addresses?.length) {
        const added = addresses.filter((a) => !current.addresses.some((c) => sameAddress(c, a)));
        if (added.length) patch.addresses = [...current.addresses, ...added];
      }
      if (custom && Object.keys(custom).length) patch.custom = { ...current.custom, ...custom };
      if (input.organizationName) {
        const orgId = await organizationId(tx, ctx, input.organizationName);
        if (!current.links.some((l) => l.organizationId === orgId)) {
          patch.organizations = [
            ...current.links.map((l) => ({ organizationId: l.organizationId, role: l.role, isPrimary: l.isPrimary })),
            { organizationId: orgId, role: input.person.jobTitle ?? null, isPrimary: current.links.length === 0 },
          ];
        }
      }
      await deps.people.updateWithin(tx, ctx, id, patch);
    },
  };
}
