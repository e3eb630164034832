import { z } from 'zod';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import type { LeadSource } from './leads.schema.ts';
import { INITIAL_LEAD_STATUSES, LEAD_STATUSES } from './leads.status.ts';

/** The request and response shapes of /api/v1/leads: validated at the edge, documented in OpenAPI. */

export const LEAD_SOURCES = ['web', 'import', 'referral', 'campaign', 'manual', 'api', 'event', 'other'] as const satisfies readonly LeadSource[];
export const ZLeadStatus = z.enum(LEAD_STATUSES);
export const ZLeadSource = z.enum(LEAD_SOURCES);

/**
 * PostgreSQL cannot store the NUL character in text or jsonb; a broken client that sends one gets
 * it removed here rather than a database error.
 */
const withoutNul = (value: string) => value.replace(/\u0000/g, '');
const ZText = () => z.string().overwrite(withoutNul);

export function withoutNulDeep(value: unknown): unknown {
  if (typeof value === 'string') return withoutNul(value);
  if (Array.isArray(value)) return value.map(withoutNulDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNulDeep(v)]));
  return value;
}

/** Optional text: trimmed, and an empty string (what a cleared form field sends) means "none". */
const optionalText = (max: number) =>
  ZText()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullable()
    .optional();

const ZName = ZText().trim().max(100);
/** Lower-cased and trimmed before the format check, so « Ali@Example.COM » is accepted as ali@example.com. */
const ZEmail = ZText()
  .trim()
  .toLowerCase()
  .max(254)
  .transform((v) => v || null)
  .pipe(z.email().nullable())
  .nullable()
  .optional();
/** Any way people write a number; normalised to E.164 by the service, which reports a bad one per field. */
const ZPhone = optionalText(40).describe('Any common form (09121234567, +98 912 123 4567, ۰۹۱۲…); stored as E.164');
/** better-auth user ids are not UUIDs. */
const ZUserId = ZText().trim().min(1).max(100);
const ZTagName = ZText().trim().min(1).max(64);
const ZCustomInput = z
  .record(z.string().max(64), z.unknown())
  .transform((custom) => withoutNulDeep(custom) as Record<string, unknown>)
  .describe('Values of the workspace custom fields for leads, by key');

export const ZLeadCreate = z
  .object({
    firstName: ZName.optional(),
    lastName: ZName.optional(),
    email: ZEmail,
    phone: ZPhone,
    companyName: optionalText(200),
    jobTitle: optionalText(120),
    status: z.enum(INITIAL_LEAD_STATUSES).optional().describe("Defaults to 'new'; 'converted' only comes from a conversion"),
    source: ZLeadSource.optional().describe("Defaults to 'manual'"),
    ownerId: ZUserId.nullable().optional().describe('A member of the workspace; defaults to the user creating the lead'),
    notes: optionalText(10_000),
    custom: ZCustomInput.optional(),
    tags: z.array(ZTagName).max(50).optional().describe('Tag names or ids; missing names are created'),
  })
  .strict();
export type TLeadCreate = z.infer<typeof ZLeadCreate>;

export const ZLeadPatch = z
  .object({
    version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
    firstName: ZName.optional(),
    lastName: ZName.optional(),
    email: ZEmail,
    phone: ZPhone,
    companyName: optionalText(200),
    jobTitle: optionalText(120),
    status: ZLeadStatus.optional().describe('new → contacted → qualified | unqualified; unqualified → contacted'),
    source: ZLeadSource.optional(),
    ownerId: ZUserId.nullable().optional(),
    notes: optionalText(10_000),
    custom: ZCustomInput.optional().describe('Only the keys sent change; null clears one'),
    tags: z.array(ZTagName).max(50).optional().describe('The complete new set of tags (names or ids)'),
  })
  .strict();
export type TLeadPatch = z.infer<typeof ZLeadPatch>;

export const ZTagRef = z.object({ id: z.uuid(), name: z.string(), color: z.string().nullable() });

export const ZScoreReason = z.object({ rule: z.string(), points: z.number().int(), labelFa: z.string(), labelEn: z.string() });

export const ZLead = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable().describe('E.164'),
  companyName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  status: ZLeadStatus,
  source: ZLeadSource,
  ownerId: z.string().nullable(),
  score: z.number().int().min(0).max(100),
  scoreReasons: z.array(ZScoreReason).describe('Why the lead has its score, rule by rule'),
  notes: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  tags: z.array(ZTagRef),
  convertedPersonId: z.uuid().nullable(),
  convertedOrganizationId: z.uuid().nullable(),
  convertedDealId: z.uuid().nullable(),
  convertedAt: z.date().nullable(),
  readOnly: z.boolean().describe('True once converted: the lead is kept for history and no longer changes'),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
});

/** Comma-separated lists in the query string: `status=new,contacted`. */
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((v) => v.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

const ZFlag = z.enum(['true', 'false']);

/** The same list parameters as people and organisations, plus the lead's own status and source. */
export const ZLeadListQuery = ZListQuery.extend({
  q: ZText().max(200).optional().describe('Quick search over names, company, job title, email and phone (any spelling of Persian letters and digits)'),
  status: commaList(LEAD_STATUSES).optional().describe('One or more statuses, comma-separated: new,contacted'),
  source: commaList(LEAD_SOURCES).optional().describe('One or more sources, comma-separated: web,referral'),
  ownerId: ZUserId.optional().describe('Only leads of this owner; "me" for the caller'),
  tag: z.uuid().optional().describe('Only leads with this tag'),
  filter: z.string().max(20_000).optional().describe('A FilterGroup as JSON, e.g. {"op":"and","conditions":[{"field":"score","op":"gte","value":50}]}'),
  view: z.uuid().optional().describe("A saved view of leads: its filter applies (and its sort, unless `sort` is given)"),
  sort: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.]{0,80}:(asc|desc)$/)
    .optional()
    .describe('field:asc or field:desc over any sortable field (score:desc, lastName:asc, custom.budget:desc …); default createdAt:desc'),
  deleted: ZFlag.optional().describe('true: the trash (deleted leads) instead of live ones'),
});
export type TLeadListQuery = z.infer<typeof ZLeadListQuery>;

export const LEAD_BULK_ACTIONS = ['tag', 'untag', 'assign_owner', 'set_status', 'delete', 'restore'] as const;
export type LeadBulkAction = (typeof LEAD_BULK_ACTIONS)[number];

/** Shaped like the people and organisations bulk request, plus `status` for set_status. */
export const ZLeadBulk = z
  .object({
    ids: z.array(z.uuid()).min(1).max(500),
    action: z.enum(LEAD_BULK_ACTIONS),
    tagIds: z.array(z.uuid()).min(1).max(50).optional().describe('For tag and untag'),
    ownerId: ZUserId.optional().describe('For assign_owner'),
    status: ZLeadStatus.optional().describe('For set_status; every lead must be allowed the transition'),
  })
  .strict();
export type TLeadBulk = z.infer<typeof ZLeadBulk>;

export const ZLeadBulkResult = z.object({
  action: z.enum(LEAD_BULK_ACTIONS),
  matched: z.number().int().describe('Leads the request named'),
  changed: z.number().int().describe('Leads that actually changed'),
});
export type LeadBulkResult = z.infer<typeof ZLeadBulkResult>;

export const ZLeadConvert = z
  .object({
    version: z.number().int().min(1).optional().describe('When given, a stale version gets 409'),
    person: z
      .object({
        firstName: ZName.optional(),
        lastName: ZName.optional(),
        email: ZEmail,
        phone: ZPhone,
        jobTitle: optionalText(120),
        ownerId: ZUserId.nullable().optional(),
        custom: ZCustomInput.optional().describe('Custom fields of people'),
      })
      .strict()
      .optional()
      .describe("Overrides of what is copied from the lead to the new person"),
    organization: z
      .object({
        mode: z.enum(['create', 'existing', 'none']),
        organizationId: z.uuid().optional().describe("Required with mode 'existing'"),
        name: ZText().trim().min(1).max(200).optional().describe("With mode 'create'; defaults to the lead's company name"),
        custom: ZCustomInput.optional().describe("With mode 'create': custom fields of organisations (required ones must be given)"),
      })
      .strict()
      .optional()
      .describe("Defaults to 'create' when the lead has a company name, 'none' otherwise"),
    role: optionalText(100).describe("The person's role at the organisation; defaults to the lead's job title"),
    deal: z
      .object({
        title: ZText().trim().min(1).max(200).optional().describe("Defaults to the company name (or the lead's name)"),
        pipelineId: z.uuid().optional(),
        stageId: z.uuid().optional(),
        amount: z.union([z.string().trim().min(1).max(60), z.number()]).optional().describe('Decimal string in `currency`'),
        currency: z.string().trim().toUpperCase().max(3).optional(),
        expectedCloseDate: z.iso.date().nullable().optional(),
      })
      .strict()
      .nullable()
      .optional()
      .describe('Also create a deal (source lead) with the new person and organisation, in the same transaction'),
  })
  .strict();
export type TLeadConvert = z.infer<typeof ZLeadConvert>;

export const ZLeadConversion = z.object({
  lead: ZLead,
  personId: z.uuid(),
  organizationId: z.uuid().nullable(),
  organizationCreated: z.boolean(),
  dealId: z.uuid().nullable().describe('The deal created with the conversion, if one was asked for'),
});
