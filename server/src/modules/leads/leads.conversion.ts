import { mutate, type Audit } from '../../kernel/audit/audit.ts';
import type { AppDb, Tx } from '../../kernel/db/database.ts';
import { AppError, kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { customFieldsRepository } from '../custom-fields/index.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { parseInput } from '../people/index.ts';
import type { TPersonCreate } from '../people/people.contract.ts';
import { ZLeadConvert, type TLeadConvert } from './leads.contract.ts';
import { fieldError, leadErrors } from './leads.errors.ts';
import type { DealCreator, OrganizationCreator, PersonCreator } from './leads.ports.ts';
import { publicLead, tagsOfLead, withTagsOne, type Lead } from './leads.public.ts';
import { leadsRepository as repo, type LeadRow } from './leads.repository.ts';
import { derivedFields, failOnFieldErrors } from './leads.rules.ts';
import type { LeadScoreRule } from './leads.scoring.ts';
import { canConvert, invalidTransition } from './leads.status.ts';

export type LeadConversion = { lead: Lead; personId: string; organizationId: string | null; organizationCreated: boolean; dealId: string | null };

type OrganizationPlan = { mode: 'none' } | { mode: 'create'; name: string; custom?: Record<string, unknown> } | { mode: 'existing'; organizationId: string };

type ConversionDeps = {
  db: AppDb;
  people: PersonCreator;
  organizations: OrganizationCreator;
  /** The deals service, when a conversion may create a deal. */
  deals?: DealCreator;
  clock: () => Date;
  rules: readonly LeadScoreRule[];
};

/**
 * Errors raised by another module's service for the person or organisation input are reported
 * under `person.` / `organization.`, where the caller of the conversion sent them.
 */
async function underPath<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || !error.fieldErrors.length) throw error;
    const fieldErrors = error.fieldErrors.map((f) => ({ ...f, path: f.path ? `${prefix}.${f.path}` : prefix }));
    throw new AppError(error.code, error.status, error.messages, fieldErrors, error.headers);
  }
}

/** The lead, locked for the whole conversion, in a state that may be converted. */
async function requireConvertible(tx: Tx, workspaceId: string, id: string, version: number | undefined): Promise<LeadRow> {
  const lead = await repo.findForUpdate(tx, workspaceId, id);
  if (!lead) throw leadErrors.lead_not_found();
  if (lead.status === 'converted') throw leadErrors.lead_converted();
  if (lead.deletedAt) throw leadErrors.lead_deleted();
  if (version !== undefined && lead.version !== version) throw kernelErrors.version_conflict();
  if (!canConvert(lead.status)) throw invalidTransition(lead.status, 'converted');
  return lead;
}

/**
 * What to do about the organisation: by default a new one named after the lead's company, or none
 * when the lead has no company. An existing one must be live in this workspace.
 */
async function planOrganization(tx: Tx, workspaceId: string, lead: LeadRow, input: TLeadConvert['organization']): Promise<OrganizationPlan> {
  const mode = input?.mode ?? (lead.companyName ? 'create' : 'none');
  if (mode === 'none') return { mode };
  const errors: FieldError[] = [];
  if (mode === 'create') {
    const name = input?.name ?? lead.companyName;
    if (!name) errors.push(fieldError('organization.name', 'organization_name_required'));
    failOnFieldErrors(errors);
    return { mode, name: name!, ...(input?.custom ? { custom: input.custom } : {}) };
  }
  if (!input?.organizationId) errors.push(fieldError('organization.organizationId', 'organization_id_required'));
  else if (!(await organizationsRepository.findLive(tx, workspaceId, [input.organizationId])).length) {
    errors.push(fieldError('organization.organizationId', 'organization_not_found'));
  }
  failOnFieldErrors(errors);
  return { mode, organizationId: input!.organizationId! };
}

/**
 * The lead's custom values that have a person field of the same key and type: a workspace that
 * defines "budget" on both keeps the value. Others stay on the lead, which is kept for history.
 */
async function carriedCustomValues(tx: Tx, workspaceId: string, lead: LeadRow): Promise<Record<string, unknown>> {
  // One query after the other: a transaction is one connection.
  const leadDefs = await customFieldsRepository.listActive(tx, workspaceId, 'lead');
  const personDefs = await customFieldsRepository.listActive(tx, workspaceId, 'person');
  const personTypes = new Map(personDefs.map((d) => [d.key, d.type]));
  const carried: Record<string, unknown> = {};
  for (const def of leadDefs) {
    if (personTypes.get(def.key) === def.type && lead.custom[def.key] !== undefined) carried[def.key] = lead.custom[def.key];
  }
  return carried;
}

/**
 * Who owns the new records: the caller's choice (null = nobody), else the lead's owner, else
 * (undefined) whoever converts, by the people and organisations services' default.
 */
function ownerOf(lead: LeadRow, input: TLeadConvert): string | null | undefined {
  return input.person?.ownerId !== undefined ? input.person.ownerId : (lead.ownerId ?? undefined);
}

/** The new person: the lead's details, the caller's overrides, the lead's tags, and the link to the organisation. */
function personInputOf(lead: LeadRow, input: TLeadConvert, carried: { custom: Record<string, unknown>; tagIds: string[]; organizationId: string | null }): TPersonCreate {
  const overrides = input.person ?? {};
  const email = overrides.email !== undefined ? overrides.email : lead.email;
  const phone = overrides.phone !== undefined ? overrides.phone : lead.phone;
  const ownerId = ownerOf(lead, input);
  // A role is at most 100 characters on the person's side; a long job title is cut, not refused.
  const role = input.role !== undefined ? input.role : (lead.jobTitle?.slice(0, 100) ?? null);
  return {
    firstName: overrides.firstName ?? lead.firstName,
    lastName: overrides.lastName ?? lead.lastName,
    emails: email ? [email] : [],
    phones: phone ? [phone] : [],
    jobTitle: overrides.jobTitle !== undefined ? overrides.jobTitle : lead.jobTitle,
    ...(ownerId !== undefined ? { ownerId } : {}),
    source: lead.source,
    custom: { ...carried.custom, ...overrides.custom },
    tags: carried.tagIds,
    ...(carried.organizationId ? { organizations: [{ organizationId: carried.organizationId, role: role ?? null, isPrimary: true }] } : {}),
  };
}

/**
 * Conversion, in one transaction: the organisation (created, linked or none), the person with the
 * lead's details and tags, the lead marked converted and read-only with links to both, and audit
 * entries on the lead and on the person ("created from lead"), so both timelines tell the story.
 * With `deal`, a deal (source lead) for the new person and organisation is created in the same
 * transaction. Any failure rolls back all of it.
 */
export function createLeadConversion(deps: ConversionDeps) {
  async function markConverted(tx: Tx, ctx: WorkspaceContext, lead: LeadRow, personId: string, organizationId: string | null, dealId: string | null): Promise<LeadRow> {
    const changes = { status: 'converted' as const, convertedPersonId: personId, convertedOrganizationId: organizationId, convertedDealId: dealId, convertedAt: deps.clock() };
    const row = await repo.update(tx, ctx.workspaceId, lead.id, lead.version, { ...changes, ...derivedFields({ ...lead, ...changes }, deps.rules) }, deps.clock());
    // The lead is locked, so its version cannot have moved; a miss here is a bug, not a user error.
    if (!row) throw kernelErrors.version_conflict();
    return row;
  }

  async function auditConversion(tx: Tx, ctx: WorkspaceContext, audit: Audit, before: LeadRow, after: Lead, organization: { id: string | null; created: boolean }) {
    const personId = after.convertedPersonId!;
    const leadName = `${before.firstName} ${before.lastName}`.trim() || before.companyName || before.email || before.phone || '';
    const beforeTags = await tagsOfLead(tx, ctx.workspaceId, before.id);
    // personId/organizationId in `after` put the entry on those timelines too.
    await audit({
      action: 'lead.converted',
      entityType: 'lead',
      entityId: before.id,
      before: publicLead(before, beforeTags),
      after: { ...after, leadId: before.id, personId, organizationId: organization.id, organizationCreated: organization.created, dealId: after.convertedDealId },
    });
    await audit({
      action: 'person.created_from_lead',
      entityType: 'person',
      entityId: personId,
      after: { leadId: before.id, leadName, personId, organizationId: organization.id, score: before.score, source: before.source },
    });
  }

  /** The organisation's id: the one created now (owned like the person), the existing one, or none. */
  async function organizationFor(tx: Tx, ctx: WorkspaceContext, plan: OrganizationPlan, ownerId: string | null | undefined): Promise<string | null> {
    if (plan.mode === 'none') return null;
    if (plan.mode === 'existing') return plan.organizationId;
    const input = { name: plan.name, ...(ownerId !== undefined ? { ownerId } : {}), ...(plan.custom ? { custom: plan.custom } : {}) };
    return (await underPath('organization', () => deps.organizations.createWithin(tx, ctx, input))).id;
  }

  /** The deal of the conversion: titled after the company (or the lead), owned like the person, with the new person as its primary contact. */
  async function dealFor(tx: Tx, ctx: WorkspaceContext, lead: LeadRow, input: TLeadConvert, links: { personId: string; organizationId: string | null }): Promise<string> {
    if (!deps.deals) throw new Error('Lead conversion with a deal needs the deals service');
    const { title, ...deal } = input.deal!;
    const ownerId = ownerOf(lead, input);
    const leadName = `${lead.firstName} ${lead.lastName}`.trim();
    const created = await underPath('deal', () =>
      deps.deals!.createWithin(tx, ctx, {
        ...deal,
        title: title ?? (lead.companyName || leadName || lead.email || lead.phone || '—'),
        source: 'lead',
        leadId: lead.id,
        organizationId: links.organizationId,
        people: [{ personId: links.personId, isPrimary: true }],
        ...(ownerId !== undefined ? { ownerId } : {}),
      }),
    );
    return created.id;
  }

  async function convertWithin(tx: Tx, ctx: WorkspaceContext, audit: Audit, id: string, input: TLeadConvert): Promise<LeadConversion> {
    const lead = await requireConvertible(tx, ctx.workspaceId, id, input.version);
    const plan = await planOrganization(tx, ctx.workspaceId, lead, input.organization);
    const organizationId = await organizationFor(tx, ctx, plan, ownerOf(lead, input));
    const tagIds = (await tagsOfLead(tx, ctx.workspaceId, id)).map((t) => t.id);
    const custom = await carriedCustomValues(tx, ctx.workspaceId, lead);
    const personInput = personInputOf(lead, input, { custom, tagIds, organizationId });
    const person = await underPath('person', () => deps.people.createWithin(tx, ctx, personInput));
    const dealId = input.deal ? await dealFor(tx, ctx, lead, input, { personId: person.id, organizationId }) : null;
    const converted = await withTagsOne(tx, ctx.workspaceId, await markConverted(tx, ctx, lead, person.id, organizationId, dealId));
    await auditConversion(tx, ctx, audit, lead, converted, { id: organizationId, created: plan.mode === 'create' });
    return { lead: converted, personId: person.id, organizationId, organizationCreated: plan.mode === 'create', dealId };
  }

  return {
    /** POST /leads/:id/convert. Needs records.write (it creates records); converting twice is a 409. */
    async convert(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<LeadConversion> {
      requirePermission(ctx, 'records.write');
      const input = parseInput(ZLeadConvert, rawInput);
      return mutate(deps.db, ctx, (tx, audit) => convertWithin(tx, ctx, audit, id, input));
    },
  };
}
