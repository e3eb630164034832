import { z } from 'zod';
import { ZAddress, ZDateInput, ZEmail, ZEmailInput, ZPhone, ZPhoneInput } from '../people/contact-fields.ts';
import { ZCustomInput, ZPerson, ZRecordListQuery, ZTagRef, ZTagsInput, ZUserId } from '../people/people.contract.ts';

export const ORGANIZATION_TYPES = ['customer', 'prospect', 'partner', 'distributor', 'supplier', 'competitor'] as const;
export const ORGANIZATION_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;

const ZOptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const organizationFields = {
  nameLatin: ZOptionalText(200),
  type: z.enum(ORGANIZATION_TYPES).optional().describe('prospect when left out'),
  industry: ZOptionalText(100),
  size: z.enum(ORGANIZATION_SIZES).nullable().optional().describe('Number of employees'),
  website: ZOptionalText(300).describe('https:// is added when the scheme is left out'),
  nationalId: z.string().trim().max(32).nullable().optional().describe('شناسه ملی: 11 digits with a valid check digit'),
  economicCode: z.string().trim().max(32).nullable().optional().describe('کد اقتصادی'),
  emails: z.array(ZEmailInput).max(20).optional(),
  phones: z.array(ZPhoneInput).max(20).optional(),
  addresses: z.array(ZAddress).max(10).optional(),
  ownerId: ZUserId.nullable().optional().describe('A member of the workspace; the creator when left out'),
  territoryId: z.uuid().nullable().optional().describe('A live sales territory of the workspace; null clears it'),
  lastVerifiedAt: ZDateInput.nullable().optional(),
  custom: ZCustomInput.optional(),
  tags: ZTagsInput.optional(),
};

const ZOrganizationName = z.string().trim().min(1).max(200);

export const ZOrganizationCreate = z.object({ name: ZOrganizationName, ...organizationFields }).strict();
export type TOrganizationCreate = z.infer<typeof ZOrganizationCreate>;

export const ZOrganizationPatch = z.object({ version: z.number().int().min(1), name: ZOrganizationName.optional(), ...organizationFields }).strict();
export type TOrganizationPatch = z.infer<typeof ZOrganizationPatch>;

export const ZOrganization = z.object({
  id: z.uuid(),
  name: z.string(),
  nameLatin: z.string().nullable(),
  type: z.enum(ORGANIZATION_TYPES),
  industry: z.string().nullable(),
  size: z.enum(ORGANIZATION_SIZES).nullable(),
  website: z.string().nullable(),
  nationalId: z.string().nullable(),
  economicCode: z.string().nullable(),
  emails: z.array(ZEmail),
  phones: z.array(ZPhone),
  addresses: z.array(ZAddress),
  ownerId: z.string().nullable(),
  territoryId: z.uuid().nullable().describe('The sales territory (GET /api/v1/territories)'),
  lastVerifiedAt: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  tags: z.array(ZTagRef),
  peopleCount: z.number().int().describe('Live people linked to the organisation'),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
  mergedIntoId: z.uuid().nullable().describe('Set when this record was merged into another; follow it'),
});

export const ZLinkPersonBody = z
  .object({
    personId: z.uuid(),
    role: z.string().trim().max(100).nullable().optional().describe('e.g. مدیرعامل / CEO'),
    isPrimary: z.boolean().optional().describe("Make this the person's primary organisation"),
  })
  .strict();
export type TLinkPersonBody = z.infer<typeof ZLinkPersonBody>;

export const ZPersonOrganizationLink = z.object({
  personId: z.uuid(),
  organizationId: z.uuid(),
  role: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const ZOrganizationPerson = ZPerson.extend({ role: z.string().nullable(), isPrimary: z.boolean() });

/** The people/organisations list parameters, plus the organisation's sales territory. */
export const ZOrganizationListQuery = ZRecordListQuery.extend({
  territoryId: z.uuid().optional().describe('Only organisations of this sales territory (the same as a filter on territoryId)'),
});
export type TOrganizationListQuery = z.infer<typeof ZOrganizationListQuery>;
