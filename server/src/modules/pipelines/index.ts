export { createPipelinesService, publicStage, publicLostReason, type PipelinesService, type StageDealsMover } from './pipelines.service.ts';
export { registerPipelinesRoutes } from './pipelines.routes.ts';
export { pipelinesRepository, type PipelineRow, type StageRow, type LostReasonRow } from './pipelines.repository.ts';
export { pipelineErrors } from './pipelines.errors.ts';
export { ZPipeline, ZStage, ZLostReason, STAGE_KINDS, type Pipeline, type Stage, type LostReason } from './pipelines.contract.ts';
export { DEFAULT_STAGES, DEFAULT_LOST_REASONS } from './pipelines.defaults.ts';
