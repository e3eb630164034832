import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { pageOf, ZListQuery } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { TimelineService } from './timeline.service.ts';

const ZTimelineItem = z.object({
  id: z.string(),
  occurredAt: z.date(),
  source: z.string().describe("The module that contributed the item, e.g. 'audit'"),
  kind: z.string().describe("e.g. 'person.updated', 'record.tagged'"),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }).nullable(),
  entityType: z.string(),
  entityId: z.string(),
  data: z.record(z.string(), z.unknown()),
  references: z
    .array(
      z.object({
        entityType: z.enum(['person', 'organization', 'lead', 'deal']),
        id: z.uuid(),
        name: z.string().describe('Display name, as lists show it'),
        deleted: z.boolean().describe('In the trash or merged into another record'),
      }),
    )
    .describe('Other records the item names (e.g. the organisation of a link), with their names; deleted ones too'),
});

export function registerTimelineRoutes(app: App, timeline: TimelineService): void {
  app.get('/api/v1/timeline/:entityType/:id', {
    schema: {
      tags: ['timeline'],
      summary: 'Everything that happened to a person, organisation, lead or deal, newest first',
      params: z.object({ entityType: z.enum(['person', 'organization', 'lead', 'deal']), id: z.uuid() }),
      querystring: ZListQuery,
      response: { 200: pageOf(ZTimelineItem), 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem },
    },
    handler: async (request) => timeline.list(await request.workspace(), request.params.entityType, request.params.id, request.query),
  });
}
