import { randomUUID } from 'node:crypto';
import { recordAuditMany } from '../../kernel/audit/audit.ts';
import type { Executor, Tx } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { accepted, contactPointsRepository, isRefusal, orRefusal } from '../../kernel/records/index.ts';
import { contactPointsOf } from '../people/contact-fields.ts';
import { actingUserId } from '../people/people.rules.ts';
import { batchLookups } from '../people/record-lookups.ts';
import type { TagsPort } from '../people/record-ports.ts';
import { parseInput } from '../people/validation.ts';
import { ZOrganizationCreate } from './organizations.contract.ts';
import { organizationsRepository, type OrganizationRow } from './organizations.repository.ts';
import { prepareOrganization, type PreparedOrganization } from './organizations.rules.ts';
import type { Organization } from './organizations.service.ts';

export type OrganizationsBatchDeps = {
  tags: TagsPort;
  /** The service's API shape of organisations (tags and people counts read for all of them at once). */
  present: (executor: Executor, workspaceId: string, rows: OrganizationRow[]) => Promise<Organization[]>;
};

/**
 * Creating many organisations at once (imports, and the organisations a people import names):
 * each input meets exactly the rules of createWithin (prepareOrganization), what the rules read
 * is read once for the batch, and rows, contact points, taggings and audit entries go in as
 * multi-row INSERTs: for each input what createWithin writes, one organization.created entry each.
 */
export function createOrganizationsBatch(deps: OrganizationsBatchDeps) {
  async function prepareAll(tx: Tx, ctx: WorkspaceContext, rawInputs: readonly unknown[]): Promise<Array<(PreparedOrganization & { name: string }) | AppError>> {
    const parsed = await Promise.all(rawInputs.map((raw) => orRefusal(() => parseInput(ZOrganizationCreate, raw))));
    const lookups = await batchLookups(tx, ctx.workspaceId, 'organization', accepted(parsed));
    const prepared: Array<(PreparedOrganization & { name: string }) | AppError> = [];
    for (const input of parsed) {
      prepared.push(isRefusal(input) ? input : await orRefusal(async () => ({ name: input.name, ...(await prepareOrganization({ executor: tx, ctx, lookups }, input)) })));
    }
    return prepared;
  }

  /** What createWithin would refuse, per input (undefined: it would be created); writes nothing. */
  async function checkMany(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<Array<AppError | undefined>> {
    requirePermission(ctx, 'records.write');
    return (await prepareAll(tx, ctx, inputs)).map((p) => (isRefusal(p) ? p : undefined));
  }

  /**
   * Creates every input in the caller's transaction, in order, or none: an input the rules refuse
   * throws its error (use checkMany to learn which first). Returns the created organisations.
   */
  async function createManyWithin(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<Organization[]> {
    requirePermission(ctx, 'records.write');
    const prepared = await prepareAll(tx, ctx, inputs);
    const refused = prepared.find(isRefusal);
    if (refused) throw refused;
    const writes = (prepared as Array<PreparedOrganization & { name: string }>).map((p) => ({ id: randomUUID(), ...p }));
    if (!writes.length) return [];
    const rows = await organizationsRepository.insertMany(
      tx,
      ctx.workspaceId,
      writes.map((w) => ({ id: w.id, name: w.name, ownerId: actingUserId(ctx), ...w.values, createdBy: actingUserId(ctx) })),
    );
    await contactPointsRepository.insertForNew(tx, ctx.workspaceId, 'organization', rows.map((r) => ({ entityId: r.id, points: contactPointsOf(r.emails, r.phones) })));
    await deps.tags.tagNewRecords(tx, ctx, 'organization', writes.flatMap((w) => (w.tags ? [{ entityId: w.id, tags: w.tags }] : [])));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const created = await deps.present(tx, ctx.workspaceId, writes.map((w) => byId.get(w.id)!));
    await recordAuditMany(tx, ctx, created.map((o) => ({ action: 'organization.created', entityType: 'organization', entityId: o.id, after: o })));
    return created;
  }

  return { checkMany, createManyWithin };
}
