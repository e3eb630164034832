import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZCompleted, ZMyTasks, ZTask, ZTaskCreate, ZTaskListQuery, ZTaskPatch, ZTaskVersion } from './tasks.contract.ts';
import type { TasksService } from './tasks.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerTasksRoutes(app: App, tasks: TasksService): void {
  app.get('/api/v1/tasks', {
    schema: {
      tags: ['tasks'],
      summary: 'Tasks, newest first: of a linked record, an owner (or me), statuses, a due range',
      querystring: ZTaskListQuery,
      response: { 200: pageOf(ZTask), ...errors },
    },
    handler: async (request) => tasks.list(await request.workspace(), request.query),
  });

  app.get('/api/v1/tasks/mine', {
    schema: {
      tags: ['tasks'],
      summary: "The caller's tasks still to do: overdue, today (workspace time zone), the next 14 days, undated",
      response: { 200: ZMyTasks, ...errors },
    },
    handler: async (request) => tasks.mine(await request.workspace()),
  });

  app.post('/api/v1/tasks', {
    schema: { tags: ['tasks'], summary: 'Create a task (Idempotency-Key accepted; owner: the caller unless given)', body: ZTaskCreate, response: { 201: ZTask, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await tasks.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/tasks/:id', {
    schema: { tags: ['tasks'], summary: 'A task', params: ZParams, response: { 200: ZTask, ...errors } },
    handler: async (request) => tasks.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/tasks/:id', {
    schema: {
      tags: ['tasks'],
      summary: 'Change a task (send the version you read; 409 if stale); links replace',
      params: ZParams,
      body: ZTaskPatch,
      response: { 200: ZTask, ...errors },
    },
    handler: async (request) => tasks.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/tasks/:id', {
    schema: { tags: ['tasks'], summary: 'Delete a task (its reminder is cancelled)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await tasks.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/tasks/:id/complete', {
    schema: {
      tags: ['tasks'],
      summary: 'Mark a task done; a recurring task creates its next one (returned as next)',
      params: ZParams,
      body: ZTaskVersion,
      response: { 200: ZCompleted, ...errors },
    },
    handler: async (request) => tasks.complete(await request.workspace(), request.params.id, request.body),
  });

  app.post('/api/v1/tasks/:id/reopen', {
    schema: { tags: ['tasks'], summary: 'Open a done or cancelled task again', params: ZParams, body: ZTaskVersion, response: { 200: ZTask, ...errors } },
    handler: async (request) => tasks.reopen(await request.workspace(), request.params.id, request.body),
  });
}
