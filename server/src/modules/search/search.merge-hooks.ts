import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { searchRepository as repo } from './search.repository.ts';

export type MergeableEntity = 'person' | 'organization';

export type MergeIds = { survivorId: string; mergedId: string };

/**
 * Moves one module's rows from the merged record to the survivor, inside the merge transaction
 * (same `tx`: on PGlite there is only one connection). It may return a small summary (counts,
 * ids) that goes into the 'person.merged' / 'organization.merged' audit entry under `after.moved`.
 * A hook that throws aborts the whole merge.
 */
export type MergeHook = (tx: Tx, ctx: WorkspaceContext, ids: MergeIds) => Promise<void | Record<string, unknown>>;

const hooks: Record<MergeableEntity, Set<MergeHook>> = { person: new Set(), organization: new Set() };

/**
 * Later modules (deals, activities, tickets …) call this once at import time to move their own
 * rows when two people or two organisations are merged. Registering the same function twice is
 * a no-op. Returns a function that removes the hook (tests).
 */
export function registerMergeHook(entityType: MergeableEntity, hook: MergeHook): () => void {
  hooks[entityType].add(hook);
  return () => {
    hooks[entityType].delete(hook);
  };
}

/** Runs every hook of the entity type in registration order (built-in ones first). */
export async function runMergeHooks(entityType: MergeableEntity, tx: Tx, ctx: WorkspaceContext, ids: MergeIds): Promise<Record<string, unknown>> {
  const summary: Record<string, unknown> = {};
  for (const hook of hooks[entityType]) Object.assign(summary, (await hook(tx, ctx, ids)) ?? {});
  return summary;
}

// ---- built-in moves: the customers capability's own relations ------------------------------

registerMergeHook('person', async (tx, ctx, { survivorId, mergedId }) => {
  const links = await repo.movePersonLinks(tx, ctx.workspaceId, mergedId, survivorId);
  return { organizations: links.moved, organizationsAlreadyLinked: links.dropped };
});

registerMergeHook('person', async (tx, ctx, { survivorId, mergedId }) => ({
  tags: await repo.moveTaggings(tx, ctx.workspaceId, 'person', mergedId, survivorId),
}));

/** Leads converted into the merged record now point at the survivor; each lead's log says so. */
async function moveConvertedLeads(tx: Tx, ctx: WorkspaceContext, entity: MergeableEntity, { survivorId, mergedId }: MergeIds) {
  const leadIds = await repo.moveLeadConversions(tx, ctx.workspaceId, entity, mergedId, survivorId);
  const field = entity === 'person' ? 'convertedPersonId' : 'convertedOrganizationId';
  for (const leadId of leadIds) {
    await recordAudit(tx, ctx, { action: 'lead.updated', entityType: 'lead', entityId: leadId, before: { [field]: mergedId }, after: { [field]: survivorId } });
  }
  return { convertedLeads: leadIds };
}

registerMergeHook('person', (tx, ctx, ids) => moveConvertedLeads(tx, ctx, 'person', ids));

registerMergeHook('organization', async (tx, ctx, { survivorId, mergedId }) => {
  const links = await repo.moveOrganizationLinks(tx, ctx.workspaceId, mergedId, survivorId);
  return { people: links.moved, peopleAlreadyLinked: links.dropped };
});

registerMergeHook('organization', async (tx, ctx, { survivorId, mergedId }) => ({
  tags: await repo.moveTaggings(tx, ctx.workspaceId, 'organization', mergedId, survivorId),
}));

registerMergeHook('organization', (tx, ctx, ids) => moveConvertedLeads(tx, ctx, 'organization', ids));
