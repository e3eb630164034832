import { z } from 'zod';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import {
  ZLostReason,
  ZLostReasonCreate,
  ZLostReasonPatch,
  ZPipeline,
  ZPipelineCreate,
  ZPipelineListQuery,
  ZPipelinePatch,
  ZStage,
  ZStageCreate,
  ZStageOrder,
  ZStagePatch,
} from './pipelines.contract.ts';
import type { PipelinesService } from './pipelines.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZParams = z.object({ id: z.uuid() });
const ZStageParams = z.object({ id: z.uuid(), stageId: z.uuid() });

export function registerPipelinesRoutes(app: App, pipelines: PipelinesService): void {
  app.get('/api/v1/pipelines', {
    schema: {
      tags: ['pipelines'],
      summary: 'Pipelines with their ordered stages (the default pipeline is created on first use)',
      querystring: ZPipelineListQuery,
      response: { 200: z.object({ items: z.array(ZPipeline) }), ...errors },
    },
    handler: async (request) => ({ items: await pipelines.list(await request.workspace(), request.query) }),
  });

  app.post('/api/v1/pipelines', {
    schema: { tags: ['pipelines'], summary: 'Create a pipeline (sales.configure)', body: ZPipelineCreate, response: { 201: ZPipeline, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await pipelines.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/pipelines/:id', {
    schema: { tags: ['pipelines'], summary: 'A pipeline with all its stages, archived ones included', params: ZParams, response: { 200: ZPipeline, ...errors } },
    handler: async (request) => pipelines.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/pipelines/:id', {
    schema: { tags: ['pipelines'], summary: 'Rename, make default, reorder or archive a pipeline (version; 409 if stale)', params: ZParams, body: ZPipelinePatch, response: { 200: ZPipeline, ...errors } },
    handler: async (request) => pipelines.update(await request.workspace(), request.params.id, request.body),
  });

  app.post('/api/v1/pipelines/:id/stages', {
    schema: { tags: ['pipelines'], summary: 'Add a stage', params: ZParams, body: ZStageCreate, response: { 201: ZPipeline, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await pipelines.addStage(await request.workspace(), request.params.id, request.body)),
  });

  app.patch('/api/v1/pipelines/:id/stages/:stageId', {
    schema: {
      tags: ['pipelines'],
      summary: 'Change a stage (a new probability applies from now on; history is never rewritten)',
      params: ZStageParams,
      body: ZStagePatch,
      response: { 200: ZStage, ...errors },
    },
    handler: async (request) => pipelines.updateStage(await request.workspace(), request.params.id, request.params.stageId, request.body),
  });

  app.put('/api/v1/pipelines/:id/stage-order', {
    schema: { tags: ['pipelines'], summary: 'Put the active stages in this order', params: ZParams, body: ZStageOrder, response: { 200: ZPipeline, ...errors } },
    handler: async (request) => pipelines.reorderStages(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/pipelines/:id/stages/:stageId', {
    schema: {
      tags: ['pipelines'],
      summary: 'Archive a stage; its open deals move to `moveTo` (with stage history)',
      params: ZStageParams,
      querystring: z.object({ moveTo: z.uuid().optional() }),
      response: { 200: z.object({ pipeline: ZPipeline, movedDeals: z.number().int() }), ...errors },
    },
    handler: async (request) => pipelines.archiveStage(await request.workspace(), request.params.id, request.params.stageId, request.query.moveTo),
  });

  app.get('/api/v1/lost-reasons', {
    schema: { tags: ['pipelines'], summary: 'Why deals are lost (the defaults are created on first use)', querystring: ZPipelineListQuery, response: { 200: z.object({ items: z.array(ZLostReason) }), ...errors } },
    handler: async (request) => ({ items: await pipelines.listLostReasons(await request.workspace(), request.query) }),
  });

  app.post('/api/v1/lost-reasons', {
    schema: { tags: ['pipelines'], summary: 'Add a lost reason', body: ZLostReasonCreate, response: { 201: ZLostReason, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await pipelines.createLostReason(await request.workspace(), request.body)),
  });

  app.patch('/api/v1/lost-reasons/:id', {
    schema: { tags: ['pipelines'], summary: 'Change or archive a lost reason', params: ZParams, body: ZLostReasonPatch, response: { 200: ZLostReason, ...errors } },
    handler: async (request) => pipelines.updateLostReason(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/lost-reasons/:id', {
    schema: { tags: ['pipelines'], summary: 'Archive a lost reason (deals keep it)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await pipelines.archiveLostReason(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
