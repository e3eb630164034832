import { z } from 'zod';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export const ZStageKind = z.enum(STAGE_KINDS);

const ZName = z.string().trim().min(1).max(120);
const ZProbability = z.number().int().min(0).max(100).describe('Percent, 0–100; won stages are 100, lost stages 0');

export const ZStage = z.object({
  id: z.uuid(),
  pipelineId: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  kind: ZStageKind,
  rottingDays: z.number().int().nullable(),
  version: z.number().int(),
  archivedAt: z.date().nullable(),
});
export type Stage = z.infer<typeof ZStage>;

export const ZPipeline = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
  archivedAt: z.date().nullable(),
  stages: z.array(ZStage),
});
export type Pipeline = z.infer<typeof ZPipeline>;

export const ZStageInput = z
  .object({ name: ZName, probability: ZProbability.optional(), kind: ZStageKind.default('open'), rottingDays: z.number().int().min(1).max(3650).nullable().optional() })
  .strict();

export const ZPipelineCreate = z
  .object({
    name: ZName,
    isDefault: z.boolean().optional(),
    stages: z.array(ZStageInput).min(3).max(30).optional().describe('Defaults to the standard stages in the workspace language'),
  })
  .strict();

export const ZPipelinePatch = z
  .object({
    version: z.number().int().min(1),
    name: ZName.optional(),
    isDefault: z.literal(true).optional().describe('Makes this the default pipeline (the others stop being it)'),
    position: z.number().int().min(0).max(10_000).optional(),
    archived: z.boolean().optional().describe('Archive (true) or bring back (false); the default pipeline cannot be archived'),
  })
  .strict();

export const ZStageCreate = ZStageInput.extend({ position: z.number().int().min(0).max(1000).optional().describe('Where to insert; default at the end of the open stages') }).strict();

export const ZStagePatch = z
  .object({
    version: z.number().int().min(1),
    name: ZName.optional(),
    probability: ZProbability.optional().describe('Changes the effective probability of open deals from now on; history is not rewritten'),
    kind: ZStageKind.optional(),
    rottingDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();

export const ZStageOrder = z.object({ stageIds: z.array(z.uuid()).min(1).max(100) }).strict();

export const ZPipelineListQuery = z.object({ archived: z.enum(['true', 'false']).optional().describe('true: include archived pipelines and stages') });

export const ZLostReason = z.object({ id: z.uuid(), labelFa: z.string(), labelEn: z.string(), position: z.number().int(), archivedAt: z.date().nullable() });
export type LostReason = z.infer<typeof ZLostReason>;

export const ZLostReasonCreate = z
  .object({ labelFa: z.string().trim().min(1).max(120), labelEn: z.string().trim().min(1).max(120), position: z.number().int().min(0).max(1000).optional() })
  .strict();
export const ZLostReasonPatch = z
  .object({
    labelFa: z.string().trim().min(1).max(120).optional(),
    labelEn: z.string().trim().min(1).max(120).optional(),
    position: z.number().int().min(0).max(1000).optional(),
    archived: z.boolean().optional(),
  })
  .strict();
