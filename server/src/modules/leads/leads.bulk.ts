import type { Tx } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { tagsFor } from '../tags/index.ts';
import type { TLeadBulk } from './leads.contract.ts';
import { fieldError, leadErrors } from './leads.errors.ts';
import type { LeadTagsPort } from './leads.ports.ts';
import type { Lead } from './leads.public.ts';
import { leadsRepository as repo, type LeadRow, type LeadValues } from './leads.repository.ts';
import { checkOwner, failOnFieldErrors } from './leads.rules.ts';
import type { LeadStatus } from './leads.schema.ts';
import { canChangeStatus, invalidTransition, LEAD_STATUS_LABELS } from './leads.status.ts';

/** tag/untag need tagIds, assign_owner needs ownerId and set_status needs status. */
export function bulkParameterErrors(request: TLeadBulk): FieldError[] {
  if ((request.action === 'tag' || request.action === 'untag') && !request.tagIds?.length) return [fieldError('tagIds', 'required')];
  if (request.action === 'assign_owner' && !request.ownerId) return [fieldError('ownerId', 'required')];
  if (request.action === 'set_status' && !request.status) return [fieldError('status', 'required')];
  return [];
}

/** What the bulk actions borrow from the leads service, so every change is scored and audited the same way. */
export type BulkDeps = {
  tags: LeadTagsPort;
  writeChanges(tx: Tx, ctx: WorkspaceContext, before: LeadRow, version: number, changes: Partial<LeadValues>): Promise<LeadRow>;
  auditChange(tx: Tx, ctx: WorkspaceContext, action: string, before: LeadRow, after: LeadRow, beforeTags?: Lead['tags']): Promise<Lead>;
  moveToTrash(tx: Tx, ctx: WorkspaceContext, before: LeadRow): Promise<boolean>;
  restoreFromTrash(tx: Tx, ctx: WorkspaceContext, before: LeadRow): Promise<boolean>;
};

/**
 * Bulk actions check every named lead first — all in this workspace, none converted, every status
 * change allowed — and report each offending id at `ids.<index>`; only then is anything written.
 * Leads in the trash are left alone by tag, owner and status actions.
 */
export function createBulkActions(deps: BulkDeps) {
  async function lockAll(tx: Tx, workspaceId: string, ids: string[]): Promise<LeadRow[]> {
    const rows = await repo.findManyForUpdate(tx, workspaceId, ids);
    if (rows.length === ids.length) return rows;
    const found = new Set(rows.map((r) => r.id));
    throw leadErrors.leads_not_found({ fieldErrors: ids.flatMap((id, index) => (found.has(id) ? [] : [fieldError(`ids.${index}`, 'lead_not_found')])) });
  }

  function refuseConverted(rows: LeadRow[], ids: string[]): void {
    const converted = new Set(rows.filter((r) => r.status === 'converted').map((r) => r.id));
    if (!converted.size) return;
    throw leadErrors.leads_converted({ fieldErrors: ids.flatMap((id, index) => (converted.has(id) ? [fieldError(`ids.${index}`, 'lead_converted')] : [])) });
  }

  /** Leads in the trash are skipped by set_status, so only live ones must allow the transition. */
  function refuseTransitions(rows: LeadRow[], ids: string[], to: LeadStatus): void {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const problems = ids.flatMap((id, index) => {
      const row = byId.get(id)!;
      if (row.deletedAt || canChangeStatus(row.status, to)) return [];
      const from = row.status;
      const error = invalidTransition(from, to);
      return [{ path: `ids.${index}`, code: error.code, message: error.messages }];
    });
    if (problems.length) throw leadErrors.invalid_status_transitions({ fieldErrors: problems, params: { to, toFa: LEAD_STATUS_LABELS[to].fa } });
  }

  /** Tags only the live leads; the tags service checks the tag ids and audits each lead that changed. */
  async function retag(tx: Tx, ctx: WorkspaceContext, rows: LeadRow[], tagIds: string[], adding: boolean): Promise<number> {
    const ids = rows.map((r) => r.id);
    if (!ids.length) return 0;
    const before = await tagsFor(tx, ctx.workspaceId, 'lead', ids);
    if (adding) await deps.tags.addTags(tx, ctx, 'lead', ids, tagIds);
    else await deps.tags.removeTags(tx, ctx, 'lead', ids, tagIds);
    const after = await tagsFor(tx, ctx.workspaceId, 'lead', ids);
    return ids.filter((id) => before.get(id)!.length !== after.get(id)!.length).length;
  }

  /** The same change on each lead that does not already have it; each one scored and audited. */
  async function changeEach(tx: Tx, ctx: WorkspaceContext, rows: LeadRow[], changes: Partial<LeadValues>, unchanged: (r: LeadRow) => boolean): Promise<number> {
    let changed = 0;
    for (const row of rows.filter((r) => !unchanged(r))) {
      const after = await deps.writeChanges(tx, ctx, row, row.version, changes);
      await deps.auditChange(tx, ctx, 'lead.updated', row, after);
      changed += 1;
    }
    return changed;
  }

  async function countWhere(rows: LeadRow[], action: (row: LeadRow) => Promise<boolean>): Promise<number> {
    let changed = 0;
    for (const row of rows) if (await action(row)) changed += 1;
    return changed;
  }

  return {
    async run(tx: Tx, ctx: WorkspaceContext, ids: string[], request: TLeadBulk): Promise<number> {
      const rows = await lockAll(tx, ctx.workspaceId, ids);
      if (request.action !== 'restore') refuseConverted(rows, ids);
      const live = rows.filter((r) => !r.deletedAt);
      switch (request.action) {
        case 'tag':
        case 'untag':
          return retag(tx, ctx, live, request.tagIds!, request.action === 'tag');
        case 'assign_owner': {
          const errors: FieldError[] = [];
          await checkOwner(tx, ctx.workspaceId, request.ownerId!, 'ownerId', errors);
          failOnFieldErrors(errors);
          return changeEach(tx, ctx, live, { ownerId: request.ownerId! }, (r) => r.ownerId === request.ownerId);
        }
        case 'set_status':
          refuseTransitions(rows, ids, request.status!);
          return changeEach(tx, ctx, live, { status: request.status! }, (r) => r.status === request.status);
        case 'delete':
          return countWhere(rows, (row) => deps.moveToTrash(tx, ctx, row));
        case 'restore':
          return countWhere(rows, (row) => deps.restoreFromTrash(tx, ctx, row));
      }
    },
  };
}

