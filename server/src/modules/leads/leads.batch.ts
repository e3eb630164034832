import { randomUUID } from 'node:crypto';
import { recordAuditMany } from '../../kernel/audit/audit.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { batchCreate } from '../people/record-batch.ts';
import { ZLeadCreate } from './leads.contract.ts';
import type { LeadTagsPort } from './leads.ports.ts';
import { withTags, type Lead } from './leads.public.ts';
import { leadsRepository, type LeadValues } from './leads.repository.ts';
import { leadContactPoints, newLeadValues, prepareLeadFields } from './leads.rules.ts';
import type { LeadScoreRule } from './leads.scoring.ts';

type PreparedLead = { values: LeadValues; tags?: string[] };

/**
 * Creating many leads at once (imports): each input meets exactly the rules of createWithin
 * (prepareLeadFields, newLeadValues: score and search key included), and rows, contact points,
 * taggings and audit entries go in as multi-row INSERTs: for each input what createWithin
 * writes, one lead.created entry each.
 */
export function createLeadsBatch(deps: { tags: LeadTagsPort; rules: readonly LeadScoreRule[] }) {
  async function write(tx: Tx, ctx: WorkspaceContext, prepared: PreparedLead[]): Promise<Lead[]> {
    const writes = prepared.map((p) => ({ id: randomUUID(), ...p }));
    const rows = await leadsRepository.insertMany(tx, ctx.workspaceId, writes.map((w) => ({ id: w.id, ...w.values })));
    await contactPointsRepository.insertForNew(tx, ctx.workspaceId, 'lead', rows.map((r) => ({ entityId: r.id, points: leadContactPoints(r) })));
    await deps.tags.tagNewRecords(tx, ctx, 'lead', writes.flatMap((w) => (w.tags?.length ? [{ entityId: w.id, tags: w.tags }] : [])));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const created = await withTags(tx, ctx.workspaceId, writes.map((w) => byId.get(w.id)!));
    await recordAuditMany(tx, ctx, created.map((lead) => ({ action: 'lead.created', entityType: 'lead', entityId: lead.id, after: lead })));
    return created;
  }

  return batchCreate({
    entityType: 'lead',
    contract: ZLeadCreate,
    prepare: async ({ executor, ctx, lookups }, { status, tags, ...input }): Promise<PreparedLead> => ({
      values: newLeadValues(ctx, status, await prepareLeadFields(executor, ctx, input, undefined, lookups), deps.rules),
      tags,
    }),
    write,
  });
}
