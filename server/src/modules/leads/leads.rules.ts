import { normalizeIranianPhone } from '#common/identity/index.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { ContactPoint } from '../../kernel/records/index.ts';
import { mergeCustomValues, validateCustomValues } from '../custom-fields/index.ts';
import { directLookups, type RecordLookups } from '../people/record-lookups.ts';
import { membersRepository } from '../members/members.repository.ts';
import type { TLeadCreate } from './leads.contract.ts';
import { fieldError } from './leads.errors.ts';
import type { LeadRow, LeadValues } from './leads.repository.ts';
import { scoreLead, type LeadScoreRule } from './leads.scoring.ts';
import { leadSearchKey } from './leads.search-key.ts';

/** The editable fields of a lead, as the create and patch contracts deliver them. */
export type LeadFieldsInput = Omit<TLeadCreate, 'status' | 'tags'>;

const OPTIONAL_TEXT = ['email', 'companyName', 'jobTitle', 'notes'] as const;

/** The caller's own user id when a person acts; API keys and the system own nothing by default. */
export const actingUserId = (ctx: WorkspaceContext): string | null => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/** Throws every collected field error at once, so a form shows all its problems in one round. */
export function failOnFieldErrors(fieldErrors: FieldError[]): void {
  if (fieldErrors.length) throw kernelErrors.validation_failed({ fieldErrors });
}

export async function checkOwner(executor: Executor, workspaceId: string, ownerId: string, path: string, errors: FieldError[]): Promise<void> {
  if (!(await membersRepository.findByUser(executor, workspaceId, ownerId))) errors.push(fieldError(path, 'owner_not_member'));
}

/** A lead needs something to be known by: a name, a company, an email or a phone. */
const isIdentifiable = (l: Pick<LeadRow, 'firstName' | 'lastName' | 'companyName' | 'email' | 'phone'>) =>
  !!(l.firstName || l.lastName || l.companyName || l.email || l.phone);

/** What a lead is before its input is applied: the database defaults, spelled out for scoring. */
const NEW_LEAD = { firstName: '', lastName: '', email: null, phone: null, companyName: null, jobTitle: null, source: 'manual' } satisfies Partial<LeadValues>;

/** The row of a new lead: defaults, the caller as owner and creator, the prepared fields, its score and search key. */
export function newLeadValues(ctx: WorkspaceContext, status: LeadRow['status'] | undefined, fields: Partial<LeadValues>, rules: readonly LeadScoreRule[]): LeadValues {
  const values = { ...NEW_LEAD, ownerId: actingUserId(ctx), status: status ?? 'new', ...fields, createdBy: actingUserId(ctx) };
  return { ...values, ...derivedFields(values, rules) };
}

/**
 * Applies every rule to the fields of a create (no `before`) or an update: the phone in E.164,
 * the owner a member of the workspace, custom values valid for the workspace's lead fields, and
 * something to know the lead by. All problems are collected and thrown together, before anything
 * is written. Only the fields sent are returned (undefined = unchanged, null = cleared).
 */
export async function prepareLeadFields(
  executor: Executor,
  ctx: WorkspaceContext,
  input: LeadFieldsInput,
  before?: LeadRow,
  lookups: RecordLookups = directLookups(executor, ctx.workspaceId, 'lead'),
): Promise<Partial<LeadValues>> {
  const errors: FieldError[] = [];
  const values: Partial<LeadValues> = {};
  if (input.firstName !== undefined) values.firstName = input.firstName;
  if (input.lastName !== undefined) values.lastName = input.lastName;
  for (const key of OPTIONAL_TEXT) if (input[key] !== undefined) values[key] = input[key] || null;
  if (input.source !== undefined) values.source = input.source;
  if (input.phone !== undefined) values.phone = normalisePhone(input.phone, 'phone', errors);
  if (input.ownerId && !(await lookups.ownerIsMember(input.ownerId))) errors.push(fieldError('ownerId', 'owner_not_member'));
  if (input.ownerId !== undefined) values.ownerId = input.ownerId;
  if (input.custom !== undefined || !before) {
    const defs = await lookups.customFields();
    const custom = await validateCustomValues(defs, input.custom ?? {}, { partial: !!before, db: executor, workspaceId: ctx.workspaceId });
    errors.push(...custom.fieldErrors);
    values.custom = mergeCustomValues(before?.custom ?? {}, custom.values);
  }
  // A phone that was given but cannot be read still identifies the lead: its own error says what is wrong.
  const phone = values.phone ?? (input.phone || undefined);
  const merged = { firstName: '', lastName: '', companyName: null, email: null, phone: null, ...before, ...values, ...(phone ? { phone } : {}) };
  if (!isIdentifiable(merged)) errors.push(fieldError('lastName', 'identity_required'));
  failOnFieldErrors(errors);
  return values;
}

/** E.164, or a field error in both languages; null/empty clears the phone. */
export function normalisePhone(raw: string | null | undefined, path: string, errors: FieldError[]): string | null {
  if (!raw) return null;
  const e164 = normalizeIranianPhone(raw);
  if (!e164) errors.push(fieldError(path, 'invalid_phone'));
  return e164;
}

type Derivable = Pick<LeadRow, 'firstName' | 'lastName' | 'email' | 'phone' | 'companyName' | 'jobTitle' | 'source' | 'status'>;

/** What is recomputed on every write of a lead: its score with the reasons, and its search key. */
export function derivedFields(lead: Derivable, rules: readonly LeadScoreRule[]): Pick<LeadValues, 'score' | 'scoreReasons' | 'searchKey'> {
  const { score, reasons } = scoreLead(lead, rules);
  return { score, scoreReasons: reasons, searchKey: leadSearchKey(lead) };
}

/** Rows of the contact-point index (duplicate detection, phone lookups) for a live lead. */
export const leadContactPoints = (lead: Pick<LeadRow, 'email' | 'phone'>): ContactPoint[] => [
  ...(lead.email ? [{ kind: 'email' as const, value: lead.email }] : []),
  ...(lead.phone ? [{ kind: 'phone' as const, value: lead.phone }] : []),
];
