import { z } from 'zod';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import {
  ZArchivedFlag,
  ZCoverage,
  ZTeam,
  ZTeamCreate,
  ZTeamMembersInput,
  ZTeamPatch,
  ZTerritory,
  ZTerritoryCreate,
  ZTerritoryListQuery,
  ZTerritoryMembersInput,
  ZTerritoryPatch,
} from './territories.contract.ts';
import type { TeamsService } from './teams.service.ts';
import type { TerritoriesService } from './territories.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function registerTerritoriesRoutes(app: App, territories: TerritoriesService): void {
  app.get('/api/v1/territories', {
    schema: { tags: ['territories'], summary: 'Sales territories by name, with their regions and members', querystring: ZTerritoryListQuery, response: { 200: page(ZTerritory), ...errors } },
    handler: async (request) => territories.list(await request.workspace(), request.query),
  });

  app.get('/api/v1/territories/coverage', {
    schema: {
      tags: ['territories'],
      summary: 'Per territory: reps, organisations (and those without an owner), open deals and pipeline, won this fiscal year',
      querystring: z.object({ archived: ZArchivedFlag }),
      response: { 200: ZCoverage, ...errors },
    },
    handler: async (request) => territories.coverage(await request.workspace(), { archived: request.query.archived === 'true' }),
  });

  app.post('/api/v1/territories', {
    schema: { tags: ['territories'], summary: 'Create a territory (sales.configure)', body: ZTerritoryCreate, response: { 201: ZTerritory, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await territories.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/territories/:id', {
    schema: { tags: ['territories'], summary: 'One territory', params: ZParams, response: { 200: ZTerritory, ...errors } },
    handler: async (request) => territories.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/territories/:id', {
    schema: {
      tags: ['territories'],
      summary: 'Change a territory (send the version you read; 409 if stale)',
      params: ZParams,
      body: ZTerritoryPatch,
      response: { 200: ZTerritory, ...errors },
    },
    handler: async (request) => territories.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/territories/:id', {
    schema: { tags: ['territories'], summary: 'Archive a territory (organisations and deals keep it)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await territories.archive(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/territories/:id/restore', {
    schema: { tags: ['territories'], summary: 'Bring an archived territory back', params: ZParams, response: { 200: ZTerritory, ...errors } },
    handler: async (request) => territories.restore(await request.workspace(), request.params.id),
  });

  app.put('/api/v1/territories/:id/members', {
    schema: {
      tags: ['territories'],
      summary: 'Replace the reps and managers of a territory (members of the workspace)',
      params: ZParams,
      body: ZTerritoryMembersInput,
      response: { 200: ZTerritory, ...errors },
    },
    handler: async (request) => territories.setMembers(await request.workspace(), request.params.id, request.body),
  });
}

export function registerTeamsRoutes(app: App, teams: TeamsService): void {
  app.get('/api/v1/teams', {
    schema: { tags: ['teams'], summary: 'Sales teams by name, with manager and members', querystring: ZTerritoryListQuery, response: { 200: page(ZTeam), ...errors } },
    handler: async (request) => teams.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/teams', {
    schema: { tags: ['teams'], summary: 'Create a team (sales.configure)', body: ZTeamCreate, response: { 201: ZTeam, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await teams.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/teams/:id', {
    schema: { tags: ['teams'], summary: 'One team', params: ZParams, response: { 200: ZTeam, ...errors } },
    handler: async (request) => teams.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/teams/:id', {
    schema: { tags: ['teams'], summary: 'Rename a team or change its manager (send the version you read)', params: ZParams, body: ZTeamPatch, response: { 200: ZTeam, ...errors } },
    handler: async (request) => teams.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/teams/:id', {
    schema: { tags: ['teams'], summary: 'Archive a team', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await teams.archive(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/teams/:id/restore', {
    schema: { tags: ['teams'], summary: 'Bring an archived team back', params: ZParams, response: { 200: ZTeam, ...errors } },
    handler: async (request) => teams.restore(await request.workspace(), request.params.id),
  });

  app.put('/api/v1/teams/:id/members', {
    schema: { tags: ['teams'], summary: 'Replace the members of a team (members of the workspace)', params: ZParams, body: ZTeamMembersInput, response: { 200: ZTeam, ...errors } },
    handler: async (request) => teams.setMembers(await request.workspace(), request.params.id, request.body),
  });
}
