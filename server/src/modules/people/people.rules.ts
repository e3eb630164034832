import type { Executor } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { LinkValues } from '../organizations/person-organizations.repository.ts';
import { contactValues, parseDateField } from './contact-fields.ts';
import type { TPersonCreate } from './people.contract.ts';
import type { PersonRow, PersonValues } from './people.repository.ts';
import { ownerAndCustomValues, type RecordLookups } from './record-lookups.ts';
import { failOnFieldErrors } from './validation.ts';

/*
 * The rules of a person write, for one write (createWithin, updateWithin) and for a batch
 * (people.batch.ts) alike: what differs is only how the lookups read the database.
 */

/** What a person write may change, after every rule has been applied. */
export type PreparedPerson = {
  values: Partial<PersonValues>;
  links?: Omit<LinkValues, 'personId'>[];
  tags?: string[];
};

const OPTIONAL_TEXT = ['firstNameLatin', 'lastNameLatin', 'jobTitle', 'source'] as const;

export const fieldError = (path: string, code: string, fa: string, en: string): FieldError => ({ path, code, message: { fa, en } });

/** A person needs something to be known by: a name in either script, an email or a phone. */
const isIdentifiable = (p: Pick<PersonRow, 'firstName' | 'lastName' | 'firstNameLatin' | 'lastNameLatin' | 'emails' | 'phones'>) =>
  !!(p.firstName || p.lastName || p.firstNameLatin || p.lastNameLatin || p.emails.length || p.phones.length);

/** The caller's own user id when a person acts; API keys and the system own nothing by default. */
export const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/** Names, job details, dates and consent: the fields checked without the database. */
function ownValues(input: TPersonCreate, before: PersonRow | undefined, errors: FieldError[], now: () => Date): Partial<PersonValues> {
  const values: Partial<PersonValues> = {};
  if (input.firstName !== undefined) values.firstName = input.firstName;
  if (input.lastName !== undefined) values.lastName = input.lastName;
  for (const key of OPTIONAL_TEXT) if (input[key] !== undefined) values[key] = input[key] || null;
  Object.assign(values, contactValues(input, errors));
  for (const key of ['birthday', 'anniversary', 'lastVerifiedAt'] as const) {
    const date = parseDateField(input[key], key, errors);
    if (date !== undefined) values[key] = date;
  }
  if (input.consent !== undefined) values.consent = { ...before?.consent, ...input.consent, updatedAt: now().toISOString() };
  return values;
}

/** One link per organisation, one primary; every organisation must be live in this workspace. */
async function prepareLinks(input: NonNullable<TPersonCreate['organizations']>, lookups: RecordLookups, errors: FieldError[]) {
  const found = await lookups.liveOrganizationIds(input.map((l) => l.organizationId));
  input.forEach((l, index) => {
    if (!found.has(l.organizationId)) {
      errors.push(fieldError(`organizations.${index}.organizationId`, 'organization_not_found', 'چنین سازمانی در این فضای کاری نیست.', 'No such organisation in this workspace.'));
    }
  });
  const byOrganization = new Map(input.map((l) => [l.organizationId, l]));
  const primary = input.find((l) => l.isPrimary)?.organizationId;
  return [...byOrganization.values()].map((l) => ({ organizationId: l.organizationId, role: l.role || null, isPrimary: l.organizationId === primary }));
}

/**
 * Applies every rule to a create (no `before`) or an update: phone numbers, dates, owner,
 * custom values, organisations. All problems are collected and thrown together.
 */
export async function preparePerson(
  context: { executor: Executor; ctx: WorkspaceContext; lookups: RecordLookups; now: () => Date },
  input: TPersonCreate,
  before?: PersonRow,
): Promise<PreparedPerson> {
  const errors: FieldError[] = [];
  const values = ownValues(input, before, errors, context.now);
  Object.assign(values, await ownerAndCustomValues(context, 'person', input, before, errors));
  const links = input.organizations === undefined ? undefined : await prepareLinks(input.organizations, context.lookups, errors);
  const merged = { firstName: '', lastName: '', firstNameLatin: null, lastNameLatin: null, emails: [], phones: [], ...before, ...values };
  if (!isIdentifiable(merged)) {
    errors.push(fieldError('firstName', 'name_or_contact_required', 'نام، ایمیل یا تلفن این شخص را وارد کنید.', "Give the person's name, an email or a phone."));
  }
  failOnFieldErrors(errors);
  return { values, links, tags: input.tags };
}
