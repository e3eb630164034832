import type { Executor } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { contactValues, parseDateField } from '../people/contact-fields.ts';
import { ownerAndCustomValues, type RecordLookups } from '../people/record-lookups.ts';
import { failOnFieldErrors } from '../people/validation.ts';
import { territoryFieldError } from '../territories/territories.errors.ts';
import { territoriesRepository } from '../territories/territories.repository.ts';
import type { TOrganizationCreate } from './organizations.contract.ts';
import { checkNameSearchable, normaliseEconomicCode, normaliseNationalId, normaliseWebsite, organizationSearchKey } from './organizations.fields.ts';
import type { OrganizationRow, OrganizationValues } from './organizations.repository.ts';

/*
 * The rules of an organisation write, for one write (createWithin, updateWithin) and for a batch
 * (organizations.batch.ts) alike: what differs is only how the lookups read the database.
 */

export type PreparedOrganization = { values: Partial<OrganizationValues>; tags?: string[] };

const OPTIONAL_TEXT = ['nameLatin', 'industry'] as const;

/** Names, identifiers, contacts and dates: the fields checked without the database. */
function ownValues(input: Partial<TOrganizationCreate>, errors: FieldError[]): Partial<OrganizationValues> {
  const values: Partial<OrganizationValues> = {};
  checkNameSearchable(input.name, errors);
  if (input.name !== undefined) values.name = input.name;
  for (const key of OPTIONAL_TEXT) if (input[key] !== undefined) values[key] = input[key] || null;
  if (input.type !== undefined) values.type = input.type;
  if (input.size !== undefined) values.size = input.size;
  const identifiers = {
    website: normaliseWebsite(input.website, errors),
    nationalId: normaliseNationalId(input.nationalId, errors),
    economicCode: normaliseEconomicCode(input.economicCode, errors),
  };
  for (const [key, value] of Object.entries(identifiers)) if (value !== undefined) values[key as keyof typeof identifiers] = value;
  Object.assign(values, contactValues(input, errors));
  const lastVerifiedAt = parseDateField(input.lastVerifiedAt, 'lastVerifiedAt', errors);
  if (lastVerifiedAt !== undefined) values.lastVerifiedAt = lastVerifiedAt;
  return values;
}

/**
 * The sales territory: a territory of the workspace, not archived when newly chosen (keeping the
 * current one, even archived, is fine). undefined = not sent, null = cleared.
 */
async function territoryValue(
  context: { executor: Executor; ctx: WorkspaceContext },
  territoryId: string | null | undefined,
  before: OrganizationRow | undefined,
  errors: FieldError[],
): Promise<string | null | undefined> {
  if (!territoryId || territoryId === before?.territoryId) return territoryId;
  const territory = await territoriesRepository.find(context.executor, context.ctx.workspaceId, territoryId);
  if (!territory) errors.push(territoryFieldError('territoryId', 'territory_not_found'));
  else if (territory.archivedAt) errors.push(territoryFieldError('territoryId', 'territory_archived'));
  return territoryId;
}

/** Every rule of a create (no `before`) or an update; all problems are thrown together. */
export async function prepareOrganization(
  context: { executor: Executor; ctx: WorkspaceContext; lookups: RecordLookups },
  input: Partial<TOrganizationCreate>,
  before?: OrganizationRow,
): Promise<PreparedOrganization> {
  const errors: FieldError[] = [];
  const values = ownValues(input, errors);
  Object.assign(values, await ownerAndCustomValues(context, 'organization', input, before, errors));
  const territoryId = await territoryValue(context, input.territoryId, before, errors);
  if (territoryId !== undefined) values.territoryId = territoryId;
  failOnFieldErrors(errors);
  const merged = { nameLatin: null, nationalId: null, economicCode: null, website: null, emails: [], phones: [], ...before, ...values } as OrganizationRow;
  values.searchKey = organizationSearchKey(merged);
  return { values, tags: input.tags };
}
