import { z } from 'zod';
import { ZText, optionalText, ZUserId } from '../../kernel/http/zod-text.ts';

/** The request and response shapes of /api/v1/territories and /api/v1/teams. */

const ZName = ZText().trim().min(1).max(120);

export const TERRITORY_ROLES = ['rep', 'manager'] as const;
export const ZTerritoryRole = z.enum(TERRITORY_ROLES).describe('rep: covers the territory; manager: answers for it');

/** A province code (ISO 3166-2:IR, e.g. IR-23 for Tehran) or a free region name (a city, a district). */
const ZRegion = ZText().trim().min(1).max(80);
const ZRegions = z
  .array(ZRegion)
  .max(100)
  .transform((regions) => [...new Set(regions)])
  .describe('Province codes (ISO 3166-2:IR such as "IR-23" for Tehran) or free region names; duplicates are dropped');

export const ZTerritoryMemberInput = z.object({ userId: ZUserId, role: ZTerritoryRole.default('rep') }).strict();
export const ZTerritoryMembersInput = z
  .array(ZTerritoryMemberInput)
  .max(500)
  .describe('The complete new set of members; each must be a member of the workspace');
export type TTerritoryMemberInput = z.infer<typeof ZTerritoryMemberInput>;

export const ZTerritoryCreate = z
  .object({
    name: ZName,
    description: optionalText(2000),
    parentId: z.uuid().nullable().optional().describe('A broader territory of the same workspace'),
    regions: ZRegions.optional(),
    members: ZTerritoryMembersInput.optional(),
  })
  .strict();
export type TTerritoryCreate = z.infer<typeof ZTerritoryCreate>;

export const ZTerritoryPatch = z
  .object({
    version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
    name: ZName.optional(),
    description: optionalText(2000),
    parentId: z.uuid().nullable().optional(),
    regions: ZRegions.optional(),
  })
  .strict();
export type TTerritoryPatch = z.infer<typeof ZTerritoryPatch>;

export const ZMemberRef = z.object({ userId: z.string(), name: z.string(), email: z.string() });

export const ZTerritory = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  parentId: z.uuid().nullable(),
  regions: z.array(z.string()),
  members: z.array(ZMemberRef.extend({ role: ZTerritoryRole })),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
});

export const ZArchivedFlag = z.enum(['true', 'false']).optional().describe('true: archived ones too');

export const ZTerritoryListQuery = z.object({
  archived: ZArchivedFlag,
  limit: z.coerce.number().int().min(1).max(200).default(200).describe('Page size, 1–200'),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
});
export type TTerritoryListQuery = z.infer<typeof ZTerritoryListQuery>;

/** Money totals travel as decimal strings in the workspace's default currency. */
const ZAmount = z.string().describe('Decimal string in the workspace default currency (sums of *_base)');

export const ZCoverageRow = z.object({
  territory: z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable(), regions: z.array(z.string()) }).nullable().describe('null: records with no territory'),
  reps: z.number().int(),
  managers: z.number().int(),
  organizations: z.number().int().describe('Live organisations in the territory'),
  organizationsWithoutOwner: z.number().int(),
  openDeals: z.number().int(),
  openPipeline: ZAmount.describe('Σ amount_base of open deals'),
  wonDeals: z.number().int().describe('Deals won in the current fiscal year'),
  wonThisYear: ZAmount.describe('Σ amount_base of deals won in the current fiscal year'),
});

export const ZCoverage = z.object({
  currency: z.string(),
  fiscalYear: z.object({
    label: z.number().int().describe('The year the fiscal year starts in, in the workspace calendar'),
    calendar: z.enum(['jalali', 'gregorian']),
    start: z.string().describe('First day, YYYY-MM-DD'),
    end: z.string().describe('Day after the last, YYYY-MM-DD'),
  }),
  items: z.array(ZCoverageRow),
  unassigned: ZCoverageRow.describe('Organisations and deals with no territory'),
});

// ---------- teams ----------

export const ZTeamMembersInput = z
  .array(z.object({ userId: ZUserId }).strict())
  .max(500)
  .describe('The complete new set of members; each must be a member of the workspace');

export const ZTeamCreate = z
  .object({
    name: ZName,
    managerId: ZUserId.nullable().optional().describe('A member of the workspace'),
    members: ZTeamMembersInput.optional(),
  })
  .strict();
export type TTeamCreate = z.infer<typeof ZTeamCreate>;

export const ZTeamPatch = z
  .object({
    version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
    name: ZName.optional(),
    managerId: ZUserId.nullable().optional(),
  })
  .strict();
export type TTeamPatch = z.infer<typeof ZTeamPatch>;

export const ZTeam = z.object({
  id: z.uuid(),
  name: z.string(),
  managerId: z.string().nullable(),
  manager: ZMemberRef.nullable(),
  members: z.array(ZMemberRef),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
});
