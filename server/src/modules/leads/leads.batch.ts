import { randomUUID } from 'node:crypto';
import { recordAuditMany } from '../../kernel/audit/audit.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { accepted, contactPointsRepository, isRefusal, orRefusal } from '../../kernel/records/index.ts';
import { batchLookups } from '../people/record-lookups.ts';
import { parseInput } from '../people/validation.ts';
import { ZLeadCreate } from './leads.contract.ts';
import type { LeadTagsPort } from './leads.ports.ts';
import { withTags, type Lead } from './leads.public.ts';
import { leadsRepository, type LeadValues } from './leads.repository.ts';
import { leadContactPoints, newLeadValues, prepareLeadFields } from './leads.rules.ts';
import type { LeadScoreRule } from './leads.scoring.ts';

type PreparedLead = { values: LeadValues; tags?: string[] };

/**
 * Creating many leads at once (imports): each input meets exactly the rules of createWithin
 * (prepareLeadFields, newLeadValues: score and search key included), what the rules read is read
 * once for the batch, and rows, contact points, taggings and audit entries go in as multi-row
 * INSERTs: for each input what createWithin writes, one lead.created entry each.
 */
export function createLeadsBatch(deps: { tags: LeadTagsPort; rules: readonly LeadScoreRule[] }) {
  async function prepareAll(tx: Tx, ctx: WorkspaceContext, rawInputs: readonly unknown[]): Promise<Array<PreparedLead | AppError>> {
    const parsed = await Promise.all(rawInputs.map((raw) => orRefusal(() => parseInput(ZLeadCreate, raw))));
    const lookups = await batchLookups(tx, ctx.workspaceId, 'lead', accepted(parsed));
    const prepared: Array<PreparedLead | AppError> = [];
    for (const item of parsed) {
      if (isRefusal(item)) {
        prepared.push(item);
        continue;
      }
      const { status, tags, ...input } = item;
      prepared.push(await orRefusal(async () => ({ values: newLeadValues(ctx, status, await prepareLeadFields(tx, ctx, input, undefined, lookups), deps.rules), tags })));
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
   * throws its error (use checkMany to learn which first). Returns the created leads.
   */
  async function createManyWithin(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<Lead[]> {
    requirePermission(ctx, 'records.write');
    const prepared = await prepareAll(tx, ctx, inputs);
    const refused = prepared.find(isRefusal);
    if (refused) throw refused;
    const writes = accepted(prepared).map((p) => ({ id: randomUUID(), ...p }));
    if (!writes.length) return [];
    const rows = await leadsRepository.insertMany(tx, ctx.workspaceId, writes.map((w) => ({ id: w.id, ...w.values })));
    await contactPointsRepository.insertForNew(tx, ctx.workspaceId, 'lead', rows.map((r) => ({ entityId: r.id, points: leadContactPoints(r) })));
    await deps.tags.tagNewRecords(tx, ctx, 'lead', writes.flatMap((w) => (w.tags?.length ? [{ entityId: w.id, tags: w.tags }] : [])));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const created = await withTags(tx, ctx.workspaceId, writes.map((w) => byId.get(w.id)!));
    await recordAuditMany(tx, ctx, created.map((lead) => ({ action: 'lead.created', entityType: 'lead', entityId: lead.id, after: lead })));
    return created;
  }

  return { checkMany, createManyWithin };
}
