import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZActivity, ZActivityCreate, ZActivityListQuery, ZActivityPatch, ZComplete, ZQuickCall, ZReschedule } from './activities.contract.ts';
import type { ActivitiesService } from './activities.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerActivitiesRoutes(app: App, activities: ActivitiesService): void {
  app.get('/api/v1/activities', {
    schema: {
      tags: ['activities'],
      summary: 'Activities, newest first: of a linked record, by type, status, owner and time range',
      querystring: ZActivityListQuery,
      response: { 200: pageOf(ZActivity), ...errors },
    },
    handler: async (request) => activities.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/activities', {
    schema: {
      tags: ['activities'],
      summary: 'Log or plan a call, meeting, email, SMS, chat or note (rich text is sanitised; owner defaults to you)',
      body: ZActivityCreate,
      response: { 201: ZActivity, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await activities.create(await request.workspace(), request.body)),
  });

  app.post('/api/v1/activities/calls', {
    schema: {
      tags: ['activities'],
      summary: "Quick call log: a person (their primary phone when none is sent) or links, direction, outcome, note",
      body: ZQuickCall,
      response: { 201: ZActivity, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await activities.logCall(await request.workspace(), request.body)),
  });

  app.get('/api/v1/activities/:id', {
    schema: { tags: ['activities'], summary: 'An activity with its links and attendees', params: ZParams, response: { 200: ZActivity, ...errors } },
    handler: async (request) => activities.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/activities/:id', {
    schema: {
      tags: ['activities'],
      summary: 'Change an activity (send the version you read; 409 if stale); links and attendees, when sent, replace the old ones',
      params: ZParams,
      body: ZActivityPatch,
      response: { 200: ZActivity, ...errors },
    },
    handler: async (request) => activities.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/activities/:id', {
    schema: { tags: ['activities'], summary: 'Delete an activity (soft; its reminders are cancelled)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await activities.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/activities/:id/complete', {
    schema: { tags: ['activities'], summary: 'A planned call or meeting took place: done, with outcome, duration and a note', params: ZParams, body: ZComplete, response: { 200: ZActivity, ...errors } },
    handler: async (request) => activities.complete(await request.workspace(), request.params.id, request.body),
  });

  app.post('/api/v1/activities/:id/reschedule', {
    schema: { tags: ['activities'], summary: 'Move an activity in time; without endsAt its duration is kept', params: ZParams, body: ZReschedule, response: { 200: ZActivity, ...errors } },
    handler: async (request) => activities.reschedule(await request.workspace(), request.params.id, request.body),
  });
}
