import { randomUUID } from 'node:crypto';
import { recordAuditMany } from '../../kernel/audit/audit.ts';
import type { Executor, Tx } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { contactPointsOf } from '../people/contact-fields.ts';
import { actingUserId } from '../people/people.rules.ts';
import { batchCreate } from '../people/record-batch.ts';
import type { TagsPort } from '../people/record-ports.ts';
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
 * each input meets exactly the rules of createWithin (prepareOrganization), and rows, contact
 * points, taggings and audit entries go in as multi-row INSERTs: for each input what
 * createWithin writes, one organization.created entry each.
 */
export function createOrganizationsBatch(deps: OrganizationsBatchDeps) {
  async function write(tx: Tx, ctx: WorkspaceContext, prepared: Array<PreparedOrganization & { name: string }>): Promise<Organization[]> {
    const writes = prepared.map((p) => ({ id: randomUUID(), ...p }));
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

  return batchCreate({
    entityType: 'organization',
    contract: ZOrganizationCreate,
    prepare: async (context, input) => ({ name: input.name, ...(await prepareOrganization(context, input)) }),
    write,
  });
}
