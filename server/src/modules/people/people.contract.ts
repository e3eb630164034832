import { z } from 'zod';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import { ZAddress, ZDateInput, ZEmail, ZEmailInput, ZPhone, ZPhoneInput } from './contact-fields.ts';

/*
 * The zod contract of the people API: routes use it for validation and OpenAPI, and the service
 * parses with it again so lead conversion and imports meet the same rules.
 */

const ZName = z.string().trim().max(100);
const ZOptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const ZUserId = z.string().trim().min(1).max(64).describe('Id of a member of the workspace');

export const ZConsentInput = z
  .object({ email: z.boolean().optional(), sms: z.boolean().optional(), phone: z.boolean().optional() })
  .strict()
  .describe('What the person agreed to be contacted by');

export const ZPersonOrganizationInput = z
  .object({
    organizationId: z.uuid(),
    role: ZOptionalText(100).describe('e.g. مدیر خرید / purchasing manager'),
    isPrimary: z.boolean().optional(),
  })
  .strict();

export const ZTagsInput = z.array(z.string().trim().min(1).max(64)).max(50).describe('Tag names or ids; missing names are created');
export const ZCustomInput = z.record(z.string(), z.unknown()).describe('Custom field values by key');

const personFields = {
  firstName: ZName.optional().describe('First name (Persian script)'),
  lastName: ZName.optional().describe('Last name (Persian script)'),
  firstNameLatin: ZOptionalText(100),
  lastNameLatin: ZOptionalText(100),
  emails: z.array(ZEmailInput).max(20).optional(),
  phones: z.array(ZPhoneInput).max(20).optional(),
  addresses: z.array(ZAddress).max(10).optional(),
  birthday: ZDateInput.nullable().optional(),
  anniversary: ZDateInput.nullable().optional(),
  jobTitle: ZOptionalText(120),
  ownerId: ZUserId.nullable().optional().describe('A member of the workspace; the creator when left out'),
  source: ZOptionalText(64),
  consent: ZConsentInput.optional(),
  lastVerifiedAt: ZDateInput.nullable().optional().describe('When the details were last confirmed'),
  custom: ZCustomInput.optional(),
  tags: ZTagsInput.optional(),
  organizations: z.array(ZPersonOrganizationInput).max(50).optional().describe('Organisations the person belongs to, with a role'),
};

export const ZPersonCreate = z.object(personFields).strict();
export type TPersonCreate = z.infer<typeof ZPersonCreate>;

/** Only what is sent changes; null clears; `organizations` and `tags`, when sent, replace the whole list. */
export const ZPersonPatch = z.object({ version: z.number().int().min(1), ...personFields }).strict();
export type TPersonPatch = z.infer<typeof ZPersonPatch>;

export const ZTagRef = z.object({ id: z.uuid(), name: z.string(), color: z.string().nullable() });

export const ZPerson = z.object({
  id: z.uuid(),
  displayName: z.string().describe('Persian name, else the Latin one, else the first email or phone'),
  firstName: z.string(),
  lastName: z.string(),
  firstNameLatin: z.string().nullable(),
  lastNameLatin: z.string().nullable(),
  emails: z.array(ZEmail),
  phones: z.array(ZPhone),
  addresses: z.array(ZAddress),
  birthday: z.string().nullable(),
  anniversary: z.string().nullable(),
  jobTitle: z.string().nullable(),
  ownerId: z.string().nullable(),
  source: z.string().nullable(),
  consent: z.object({ email: z.boolean().optional(), sms: z.boolean().optional(), phone: z.boolean().optional(), updatedAt: z.string().optional() }),
  lastVerifiedAt: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  tags: z.array(ZTagRef),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
  mergedIntoId: z.uuid().nullable().describe('Set when this record was merged into another; follow it'),
});

export const ZPersonOrganization = z.object({
  organizationId: z.uuid(),
  name: z.string(),
  nameLatin: z.string().nullable(),
  type: z.string(),
  role: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const ZPersonDetail = ZPerson.extend({ organizations: z.array(ZPersonOrganization) });

/** A row of the people list: the person with their live organisations, primary first (the grid's Company column). */
export const ZPersonListItem = ZPerson.extend({
  organizations: z.array(ZPersonOrganization).describe('Live organisations, the primary one first, then by name'),
});

const ZFlag = z.enum(['true', 'false']);

/** List parameters shared by people and organisations. */
export const ZRecordListQuery = ZListQuery.extend({
  q: z.string().max(200).optional().describe('Quick search over names, emails, phones (any spelling of Persian letters and digits)'),
  filter: z.string().max(20_000).optional().describe('A FilterGroup as JSON, e.g. {"op":"and","conditions":[{"field":"lastName","op":"contains","value":"رضا"}]}'),
  view: z.uuid().optional().describe("A saved view's id: its filter applies (and its sort, unless `sort` is given)"),
  sort: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.]{0,80}:(asc|desc)$/)
    .optional()
    .describe('field:asc or field:desc; default createdAt:desc'),
  deleted: ZFlag.optional().describe('true: the trash (deleted records) instead of live ones'),
  stale: ZFlag.optional().describe("true: only records not verified within the workspace's verification interval"),
  tag: z.uuid().optional().describe('Only records with this tag'),
  ownerId: z.string().max(64).optional().describe('Only records of this owner; "me" for the caller'),
});
export type TRecordListQuery = z.infer<typeof ZRecordListQuery>;

export const BULK_ACTIONS = ['tag', 'untag', 'assign_owner', 'delete', 'restore'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const ZBulkRequest = z
  .object({
    ids: z.array(z.uuid()).min(1).max(500),
    action: z.enum(BULK_ACTIONS),
    tagIds: z.array(z.uuid()).min(1).max(50).optional().describe('For tag and untag'),
    ownerId: ZUserId.optional().describe('For assign_owner'),
  })
  .strict();
export type TBulkRequest = z.infer<typeof ZBulkRequest>;

export const ZBulkResult = z.object({
  action: z.enum(BULK_ACTIONS),
  matched: z.number().int().describe('Records the request named'),
  changed: z.number().int().describe('Records that actually changed'),
});
export type BulkResult = z.infer<typeof ZBulkResult>;
