import type { Executor } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { applyCustomInput } from '../custom-fields/custom-fields.values.ts';
import { customFieldsRepository, type CustomFieldDef } from '../custom-fields/index.ts';
import type { CustomizableEntity } from '../custom-fields/custom-fields.schema.ts';
import { membersRepository } from '../members/members.repository.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';

/*
 * What the rules of a record write read besides the input: whether an owner is a member of the
 * workspace, which linked organisations are live, the entity's active custom fields. One write
 * reads them as it goes (directLookups); a batch reads each once for all its inputs
 * (batchLookups). The rules themselves are the same code either way.
 */
export type RecordLookups = {
  ownerIsMember(ownerId: string): Promise<boolean>;
  /** The subset of `ids` that are live organisations of the workspace. */
  liveOrganizationIds(ids: string[]): Promise<Set<string>>;
  customFields(): Promise<readonly CustomFieldDef[]>;
};

export function directLookups(executor: Executor, workspaceId: string, entityType: CustomizableEntity): RecordLookups {
  return {
    ownerIsMember: async (ownerId) => !!(await membersRepository.findByUser(executor, workspaceId, ownerId)),
    liveOrganizationIds: async (ids) => new Set((await organizationsRepository.findLive(executor, workspaceId, ids)).map((o) => o.id)),
    customFields: () => customFieldsRepository.listActive(executor, workspaceId, entityType),
  };
}

/** What batchLookups reads ahead from each input. */
export type BatchInput = { ownerId?: string | null; organizations?: Array<{ organizationId: string }> };

/** Reads, once, what every input of a batch will ask: owners, organisations, custom fields. */
export async function batchLookups(executor: Executor, workspaceId: string, entityType: CustomizableEntity, inputs: BatchInput[]): Promise<RecordLookups> {
  const direct = directLookups(executor, workspaceId, entityType);
  const members = new Map<string, boolean>();
  for (const ownerId of new Set(inputs.map((i) => i.ownerId).filter((id): id is string => !!id))) members.set(ownerId, await direct.ownerIsMember(ownerId));
  const organizationIds = [...new Set(inputs.flatMap((i) => i.organizations ?? []).map((l) => l.organizationId))];
  const live = organizationIds.length ? await direct.liveOrganizationIds(organizationIds) : new Set<string>();
  const fields = await direct.customFields();
  return {
    ownerIsMember: async (ownerId) => members.get(ownerId) ?? direct.ownerIsMember(ownerId),
    liveOrganizationIds: async (ids) => new Set(ids.filter((id) => live.has(id))),
    customFields: async () => fields,
  };
}

export const unknownOwner = (path: string): FieldError => ({
  path,
  code: 'unknown_owner',
  message: { fa: 'مسئول باید عضو همین فضای کاری باشد.', en: 'The owner must be a member of this workspace.' },
});

/**
 * The owner (a member of the workspace) and the custom values (checked against the entity's
 * active fields; all of them on a create, what changed on an update) of a person or
 * organisation write: the values to store, problems pushed to `errors`.
 */
export async function ownerAndCustomValues(
  context: { executor: Executor; ctx: WorkspaceContext; lookups: RecordLookups },
  entityType: 'person' | 'organization',
  input: { ownerId?: string | null; custom?: Record<string, unknown> },
  before: { custom: Record<string, unknown> } | undefined,
  errors: FieldError[],
): Promise<{ ownerId?: string | null; custom?: Record<string, unknown> }> {
  const { executor, ctx, lookups } = context;
  const values: { ownerId?: string | null; custom?: Record<string, unknown> } = {};
  if (input.ownerId && !(await lookups.ownerIsMember(input.ownerId))) errors.push(unknownOwner('ownerId'));
  if (input.ownerId !== undefined) values.ownerId = input.ownerId;
  if (input.custom !== undefined || !before) {
    const { custom, fieldErrors } = await applyCustomInput(executor, ctx.workspaceId, entityType, before?.custom, input.custom, await lookups.customFields());
    values.custom = custom;
    errors.push(...fieldErrors);
  }
  return values;
}
