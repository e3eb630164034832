import { normalizeIranianPhone } from '#common/identity/index.ts';
import { normalizePersianText } from '#common/text/index.ts';
import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { AddressEntry, Consent, EmailEntry, PhoneEntry } from '../people/people.schema.ts';
import { normaliseEmail } from './search.duplicates.ts';
import { searchErrors } from './search.errors.ts';
import type { SearchKeys } from './search.keys.ts';
import { runMergeHooks, type MergeableEntity } from './search.merge-hooks.ts';
import { searchRepository as repo, type OrganizationRow, type PersonRow } from './search.repository.ts';

export const PERSON_MERGE_FIELDS = [
  'firstName',
  'lastName',
  'firstNameLatin',
  'lastNameLatin',
  'birthday',
  'anniversary',
  'jobTitle',
  'ownerId',
  'source',
  'consent',
  'lastVerifiedAt',
  'custom',
] as const;

export const ORGANIZATION_MERGE_FIELDS = [
  'name',
  'nameLatin',
  'type',
  'industry',
  'size',
  'website',
  'nationalId',
  'economicCode',
  'ownerId',
  'lastVerifiedAt',
  'custom',
] as const;

export type PersonMergeField = (typeof PERSON_MERGE_FIELDS)[number];
export type OrganizationMergeField = (typeof ORGANIZATION_MERGE_FIELDS)[number];
export type FieldChoice = 'keep' | 'other';

export type MergeInput<F extends string> = {
  otherId: string;
  /** Version of the surviving record (the one in the URL) as the caller saw it. */
  version: number;
  /** Version of the other record as the caller saw it. */
  otherVersion: number;
  /** Per-field choice; a field left out keeps the survivor's value unless it is empty. */
  fields?: Partial<Record<F, FieldChoice>>;
};

export type MergeResult = { id: string; version: number; mergedId: string; moved: Record<string, unknown> };

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value as object).length === 0);

/** The chosen value; without a choice the survivor's, unless it is empty and the other's is not. */
function pick<T>(survivor: T, other: T, choice: FieldChoice | undefined): T {
  if (choice === 'other') return other;
  if (choice === 'keep') return survivor;
  return isEmpty(survivor) && !isEmpty(other) ? other : survivor;
}

/** Custom fields are merged key by key: the chosen side wins where it has a value. */
function pickCustom(survivor: Record<string, unknown>, other: Record<string, unknown>, choice: FieldChoice | undefined) {
  const [first, second] = choice === 'other' ? [other, survivor] : [survivor, other];
  const result: Record<string, unknown> = { ...second };
  for (const [key, value] of Object.entries(first)) if (!isEmpty(value) || !(key in result)) result[key] = value;
  return result;
}

/** Dates as ISO strings compare in order; the later verification wins unless a side was chosen. */
function pickLater(survivor: string | null, other: string | null, choice: FieldChoice | undefined) {
  if (choice) return pick(survivor, other, choice);
  if (!survivor || !other) return survivor ?? other;
  return other > survivor ? other : survivor;
}

/** The consent given or withdrawn last is the one that holds. */
function pickConsent(survivor: Consent, other: Consent, choice: FieldChoice | undefined): Consent {
  if (choice) return pick(survivor, other, choice);
  if (isEmpty(survivor)) return other;
  if (!isEmpty(other) && other.updatedAt && (!survivor.updatedAt || other.updatedAt > survivor.updatedAt)) return other;
  return survivor;
}

/** Union by a normalised key, survivor's entries first; only one entry stays primary. */
function union<T extends object>(survivor: T[], other: T[], keyOf: (entry: T) => string): T[] {
  const isPrimary = (entry: T) => (entry as { primary?: boolean }).primary === true;
  const seen = new Set(survivor.map(keyOf));
  const hasPrimary = survivor.some(isPrimary);
  const added = other
    .filter((entry) => {
      const key = keyOf(entry);
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((entry) => (hasPrimary && isPrimary(entry) ? { ...entry, primary: false } : entry));
  return [...survivor, ...added];
}

const emailKey = (e: EmailEntry) => normaliseEmail(e.value ?? '');
const phoneKey = (p: PhoneEntry) => p.value || normalizeIranianPhone(p.raw ?? '') || '';
const addressKey = (a: AddressEntry) =>
  normalizePersianText([a.country, a.province, a.city, a.line, a.postalCode].map((part) => part ?? '').join('|'));

function contactPointsOf(record: { emails: EmailEntry[]; phones: PhoneEntry[] }) {
  return [
    ...record.emails.map((e) => ({ kind: 'email' as const, value: emailKey(e) })),
    ...record.phones.map((p) => ({ kind: 'phone' as const, value: phoneKey(p) })),
  ].filter((p) => p.value);
}

/** What the audit log keeps of a record: everything but the derived search key. */
const snapshot = <T extends { searchKey: string }>({ searchKey: _derived, ...rest }: T) => rest;

function mergedPersonValues(s: PersonRow, o: PersonRow, fields: Partial<Record<PersonMergeField, FieldChoice>>) {
  return {
    firstName: pick(s.firstName, o.firstName, fields.firstName),
    lastName: pick(s.lastName, o.lastName, fields.lastName),
    firstNameLatin: pick(s.firstNameLatin, o.firstNameLatin, fields.firstNameLatin),
    lastNameLatin: pick(s.lastNameLatin, o.lastNameLatin, fields.lastNameLatin),
    birthday: pick(s.birthday, o.birthday, fields.birthday),
    anniversary: pick(s.anniversary, o.anniversary, fields.anniversary),
    jobTitle: pick(s.jobTitle, o.jobTitle, fields.jobTitle),
    ownerId: pick(s.ownerId, o.ownerId, fields.ownerId),
    source: pick(s.source, o.source, fields.source),
    consent: pickConsent(s.consent, o.consent, fields.consent),
    lastVerifiedAt: pickLater(s.lastVerifiedAt, o.lastVerifiedAt, fields.lastVerifiedAt),
    custom: pickCustom(s.custom, o.custom, fields.custom),
    emails: union(s.emails, o.emails, emailKey),
    phones: union(s.phones, o.phones, phoneKey),
    addresses: union(s.addresses, o.addresses, addressKey),
  };
}

function mergedOrganizationValues(s: OrganizationRow, o: OrganizationRow, fields: Partial<Record<OrganizationMergeField, FieldChoice>>) {
  return {
    name: pick(s.name, o.name, fields.name),
    nameLatin: pick(s.nameLatin, o.nameLatin, fields.nameLatin),
    type: pick(s.type, o.type, fields.type),
    industry: pick(s.industry, o.industry, fields.industry),
    size: pick(s.size, o.size, fields.size),
    website: pick(s.website, o.website, fields.website),
    nationalId: pick(s.nationalId, o.nationalId, fields.nationalId),
    economicCode: pick(s.economicCode, o.economicCode, fields.economicCode),
    ownerId: pick(s.ownerId, o.ownerId, fields.ownerId),
    lastVerifiedAt: pickLater(s.lastVerifiedAt, o.lastVerifiedAt, fields.lastVerifiedAt),
    custom: pickCustom(s.custom, o.custom, fields.custom),
    emails: union(s.emails, o.emails, emailKey),
    phones: union(s.phones, o.phones, phoneKey),
    addresses: union(s.addresses, o.addresses, addressKey),
  };
}

/**
 * Merges `input.otherId` into `survivorId`, in one transaction: the survivor takes the chosen
 * (or non-empty) values and the union of emails, phones and addresses; every merge hook moves its
 * relations (built-in: organisation links, tags, converted leads; later modules register theirs);
 * the survivor's contact points and search key are rebuilt; the other record keeps its data for
 * history with `merged_into_id` and `deleted_at` set, hidden everywhere. Two audit entries:
 * '<type>.merged' on the survivor and '<type>.merged_into' on the other.
 */
export async function mergeRecords(
  db: AppDb,
  ctx: WorkspaceContext,
  entity: MergeableEntity,
  survivorId: string,
  input: MergeInput<string>,
  searchKeys: SearchKeys,
): Promise<MergeResult> {
  requirePermission(ctx, 'records.write');
  requirePermission(ctx, 'records.delete');
  if (survivorId === input.otherId) throw searchErrors.merge_same_record();
  const workspaceId = ctx.workspaceId;
  const ids = { survivorId, mergedId: input.otherId };

  return mutate(db, ctx, async (tx, audit) => {
    const locked =
      entity === 'person' ? await repo.lockPeople(tx, workspaceId, [survivorId, input.otherId]) : await repo.lockOrganizations(tx, workspaceId, [survivorId, input.otherId]);
    const survivor = locked.find((r) => r.id === survivorId);
    const other = locked.find((r) => r.id === input.otherId);
    // A record of another workspace is simply not there: 404, and nothing has been written.
    if (!survivor || !other) throw searchErrors.record_not_found();
    if (survivor.version !== input.version || other.version !== input.otherVersion) throw kernelErrors.version_conflict();

    const moved = await runMergeHooks(entity, tx, ctx, ids);
    const redirected = await repo.repointMerged(tx, workspaceId, entity, input.otherId, survivorId);
    if (redirected.length) moved.earlierMerges = redirected;

    let after: PersonRow | OrganizationRow;
    let mergedAfter: PersonRow | OrganizationRow;
    const mergedState = { mergedIntoId: survivorId, deletedAt: new Date() };
    if (entity === 'person') {
      const values = mergedPersonValues(survivor as PersonRow, other as PersonRow, (input.fields ?? {}) as Partial<Record<PersonMergeField, FieldChoice>>);
      after = await repo.updatePerson(tx, workspaceId, survivorId, values);
      mergedAfter = await repo.updatePerson(tx, workspaceId, input.otherId, mergedState);
      // Names, contacts and (moved) organisations all feed the key.
      await searchKeys.refreshPeople(tx, workspaceId, [survivorId]);
    } else {
      const values = mergedOrganizationValues(
        survivor as OrganizationRow,
        other as OrganizationRow,
        (input.fields ?? {}) as Partial<Record<OrganizationMergeField, FieldChoice>>,
      );
      const key = searchKeys.organization({ ...(survivor as OrganizationRow), ...values });
      after = await repo.updateOrganization(tx, workspaceId, survivorId, { ...values, searchKey: key });
      mergedAfter = await repo.updateOrganization(tx, workspaceId, input.otherId, mergedState);
      // People's keys hold their organisations' names: the moved ones lost the merged name.
      await searchKeys.refreshPeople(tx, workspaceId, await repo.peopleLinkedTo(tx, workspaceId, survivorId));
    }
    await repo.replaceContactPoints(tx, workspaceId, entity, survivorId, contactPointsOf(after));
    await repo.removeContactPoints(tx, workspaceId, entity, input.otherId);

    await audit({
      action: `${entity}.merged`,
      entityType: entity,
      entityId: survivorId,
      before: snapshot(survivor),
      after: { ...snapshot(after), mergedId: input.otherId, moved },
    });
    await audit({
      action: `${entity}.merged_into`,
      entityType: entity,
      entityId: input.otherId,
      before: snapshot(other),
      after: { ...snapshot(mergedAfter), mergedIntoId: survivorId },
    });
    return { id: survivorId, version: after.version, mergedId: input.otherId, moved };
  });
}
