import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { Page } from '../../kernel/http/pagination.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { parseInput, type ViewsPort } from '../people/index.ts';
import { toSortedPage } from '../people/record-query.ts';
import { ZLeadBulk, ZLeadCreate, ZLeadPatch, type LeadBulkResult, type TLeadBulk, type TLeadListQuery } from './leads.contract.ts';
import { createLeadConversion } from './leads.conversion.ts';
import { createBulkActions, bulkParameterErrors } from './leads.bulk.ts';
import { leadErrors } from './leads.errors.ts';
import { buildLeadListCriteria, withCursorChecked } from './leads.list.ts';
import type { DealCreator, LeadTagsPort, OrganizationCreator, PersonCreator } from './leads.ports.ts';
import { publicLead, tagsOfLead, withTags, withTagsOne, type Lead } from './leads.public.ts';
import { leadsRepository as repo, type LeadRow, type LeadValues } from './leads.repository.ts';
import { createLeadsBatch } from './leads.batch.ts';
import { derivedFields, failOnFieldErrors, leadContactPoints, newLeadValues, prepareLeadFields } from './leads.rules.ts';
import { DEFAULT_LEAD_SCORE_RULES, type LeadScoreRule } from './leads.scoring.ts';
import { assertStatusChange } from './leads.status.ts';

export type LeadsServiceDeps = {
  db: AppDb;
  /** The tags service (setTags, addTags, removeTags). */
  tags: LeadTagsPort;
  /** The views service (resolveView), for `?view=`. */
  views: ViewsPort;
  /** The people service (createWithin), for conversion. */
  people: PersonCreator;
  /** The organisations service (createWithin), for conversion. */
  organizations: OrganizationCreator;
  /** The deals service (createWithin), for conversions that also create a deal. */
  deals?: DealCreator;
  clock?: () => Date;
  /** The scoring rules; the documented defaults unless a test or a workspace setting says otherwise. */
  scoreRules?: readonly LeadScoreRule[];
};

/**
 * Called inside the transaction that created leads (one lead, or a batch from an import), after
 * they are written: another module adds what comes with a new lead (its follow-up task).
 */
export type LeadCreatedHook = (tx: Tx, ctx: WorkspaceContext, leads: Lead[]) => Promise<void>;

export function createLeadsService(deps: LeadsServiceDeps) {
  const { db, tags } = deps;
  const clock = deps.clock ?? (() => new Date());
  const rules = deps.scoreRules ?? DEFAULT_LEAD_SCORE_RULES;
  const createdHooks: LeadCreatedHook[] = [];

  async function runCreatedHooks(tx: Tx, ctx: WorkspaceContext, created: Lead[]): Promise<void> {
    if (!created.length) return;
    for (const hook of createdHooks) await hook(tx, ctx, created);
  }

  async function requireLead(executor: Executor, workspaceId: string, id: string): Promise<Lead> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw leadErrors.lead_not_found();
    return withTagsOne(executor, workspaceId, row);
  }

  /**
   * The lead, locked for this transaction, that may still change: not converted (read-only, kept
   * for history) and not in the trash.
   */
  async function requireEditable(tx: Tx, workspaceId: string, id: string): Promise<LeadRow> {
    const row = await repo.findForUpdate(tx, workspaceId, id);
    if (!row) throw leadErrors.lead_not_found();
    if (row.status === 'converted') throw leadErrors.lead_converted();
    if (row.deletedAt) throw leadErrors.lead_deleted();
    return row;
  }

  /**
   * Writes `changes` to a lead the caller has read at `version`, recomputing its score and search
   * key and keeping its contact points in step. Every update path (edit, bulk action, import,
   * trash) goes through here, so a lead's score is never stale. The caller writes the audit entry.
   */
  async function writeChanges(tx: Tx, ctx: WorkspaceContext, before: LeadRow, version: number, changes: Partial<LeadValues>): Promise<LeadRow> {
    const merged = { ...before, ...changes };
    const row = await repo.update(tx, ctx.workspaceId, before.id, version, { ...changes, ...derivedFields(merged, rules) }, clock());
    if (!row) throw kernelErrors.version_conflict();
    if (row.email !== before.email || row.phone !== before.phone) {
      await contactPointsRepository.replace(tx, ctx.workspaceId, 'lead', row.id, leadContactPoints(row));
    }
    return row;
  }

  /** lead.updated (or another action) with the whole lead before and after, tags included. */
  async function auditChange(tx: Tx, ctx: WorkspaceContext, action: string, before: LeadRow, after: LeadRow, beforeTags?: Lead['tags']): Promise<Lead> {
    const afterLead = await withTagsOne(tx, ctx.workspaceId, after);
    const beforeLead = publicLead(before, beforeTags ?? afterLead.tags);
    await recordAudit(tx, ctx, { action, entityType: 'lead', entityId: after.id, before: beforeLead, after: afterLead });
    return afterLead;
  }

  /** Creates a lead inside the caller's transaction: web forms, imports and the API use this. */
  async function createWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<Lead> {
    requirePermission(ctx, 'records.write');
    const { status, tags: tagNames, ...input } = parseInput(ZLeadCreate, rawInput);
    const fields = await prepareLeadFields(tx, ctx, input);
    const row = await repo.insert(tx, ctx.workspaceId, newLeadValues(ctx, status, fields, rules));
    await contactPointsRepository.replace(tx, ctx.workspaceId, 'lead', row.id, leadContactPoints(row));
    if (tagNames?.length) await tags.setTags(tx, ctx, 'lead', row.id, tagNames);
    const created = await withTagsOne(tx, ctx.workspaceId, row);
    await recordAudit(tx, ctx, { action: 'lead.created', entityType: 'lead', entityId: row.id, after: created });
    await runCreatedHooks(tx, ctx, [created]);
    return created;
  }

  /** Updates a lead inside the caller's transaction (send the version you read; 409 if stale). */
  async function updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Lead> {
    requirePermission(ctx, 'records.write');
    const { version, status, tags: tagNames, ...input } = parseInput(ZLeadPatch, rawInput);
    const before = await requireEditable(tx, ctx.workspaceId, id);
    // A stale edit is refused before its content is judged: the caller must see the current lead first.
    if (before.version !== version) throw kernelErrors.version_conflict();
    if (status !== undefined) assertStatusChange(before.status, status);
    const fields = await prepareLeadFields(tx, ctx, input, before);
    const beforeTags = await tagsOfLead(tx, ctx.workspaceId, id);
    const row = await writeChanges(tx, ctx, before, version, { ...fields, ...(status !== undefined ? { status } : {}) });
    if (tagNames) await tags.setTags(tx, ctx, 'lead', id, tagNames);
    return auditChange(tx, ctx, 'lead.updated', before, row, beforeTags);
  }

  /** Soft delete: a deleted lead leaves the list and the duplicate index; restore brings both back. */
  async function moveToTrash(tx: Tx, ctx: WorkspaceContext, before: LeadRow): Promise<boolean> {
    if (before.deletedAt) return false;
    const row = await writeChanges(tx, ctx, before, before.version, { deletedAt: clock() });
    await contactPointsRepository.removeFor(tx, ctx.workspaceId, 'lead', row.id);
    await recordAudit(tx, ctx, {
      action: 'lead.deleted',
      entityType: 'lead',
      entityId: row.id,
      before: { deletedAt: null, version: before.version },
      after: { deletedAt: row.deletedAt, version: row.version },
    });
    return true;
  }

  async function restoreFromTrash(tx: Tx, ctx: WorkspaceContext, before: LeadRow): Promise<boolean> {
    if (!before.deletedAt) return false;
    const row = await writeChanges(tx, ctx, before, before.version, { deletedAt: null });
    await contactPointsRepository.replace(tx, ctx.workspaceId, 'lead', row.id, leadContactPoints(row));
    await recordAudit(tx, ctx, {
      action: 'lead.restored',
      entityType: 'lead',
      entityId: row.id,
      before: { deletedAt: before.deletedAt, version: before.version },
      after: { deletedAt: null, version: row.version },
    });
    return true;
  }

  const bulk = createBulkActions({ tags, writeChanges, auditChange, moveToTrash, restoreFromTrash });
  const conversion = createLeadConversion({ db, people: deps.people, organizations: deps.organizations, deals: deps.deals, clock, rules });

  const batch = createLeadsBatch({ tags, rules });

  return {
    createWithin,
    /** Many creates in the caller's transaction (imports): see leads.batch.ts. */
    async createManyWithin(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<Lead[]> {
      const created = await batch.createManyWithin(tx, ctx, inputs);
      await runCreatedHooks(tx, ctx, created);
      return created;
    },
    /** Registers what happens with every new lead, in its transaction (wired in app.ts). */
    onCreated(hook: LeadCreatedHook): void {
      createdHooks.push(hook);
    },
    checkManyWithin: batch.checkMany,
    updateWithin,

    async list(ctx: WorkspaceContext, query: TLeadListQuery): Promise<Page<Lead>> {
      requirePermission(ctx, 'records.read');
      const criteria = await buildLeadListCriteria(db, ctx, query, deps.views);
      const rows = await withCursorChecked(criteria.cursor, () => repo.list(db, ctx.workspaceId, criteria));
      const page = toSortedPage(rows, query.limit, criteria.sort);
      return { items: await withTags(db, ctx.workspaceId, page.items), nextCursor: page.nextCursor };
    },

    /** One lead with its score reasons and tags; deleted and converted leads are returned too (for the trash and for history). */
    async get(ctx: WorkspaceContext, id: string): Promise<Lead> {
      requirePermission(ctx, 'records.read');
      return requireLead(db, ctx.workspaceId, id);
    },

    async create(ctx: WorkspaceContext, input: unknown): Promise<Lead> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => createWithin(tx, ctx, input));
    },

    async update(ctx: WorkspaceContext, id: string, input: unknown): Promise<Lead> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => updateWithin(tx, ctx, id, input));
    },

    /** Moves a lead to the trash; deleting twice changes nothing. A converted lead stays (history). */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.delete');
      await mutate(db, ctx, async (tx) => {
        const row = await repo.findForUpdate(tx, ctx.workspaceId, id);
        if (!row) throw leadErrors.lead_not_found();
        if (row.status === 'converted') throw leadErrors.lead_converted();
        await moveToTrash(tx, ctx, row);
      });
    },

    async restore(ctx: WorkspaceContext, id: string): Promise<Lead> {
      requirePermission(ctx, 'records.delete');
      return mutate(db, ctx, async (tx) => {
        const row = await repo.findForUpdate(tx, ctx.workspaceId, id);
        if (!row) throw leadErrors.lead_not_found();
        await restoreFromTrash(tx, ctx, row);
        return requireLead(tx, ctx.workspaceId, id);
      });
    },

    /** One action on up to 500 leads in one transaction: every lead must allow it, or nothing changes. */
    async bulk(ctx: WorkspaceContext, rawRequest: TLeadBulk): Promise<LeadBulkResult> {
      const destructive = rawRequest.action === 'delete' || rawRequest.action === 'restore';
      requirePermission(ctx, destructive ? 'records.delete' : 'records.write');
      const request = parseInput(ZLeadBulk, rawRequest);
      failOnFieldErrors(bulkParameterErrors(request));
      const ids = [...new Set(request.ids)];
      const changed = await mutate(db, ctx, (tx) => bulk.run(tx, ctx, ids, request));
      return { action: request.action, matched: ids.length, changed };
    },

    convert: conversion.convert,
  };
}

export type LeadsService = ReturnType<typeof createLeadsService>;

