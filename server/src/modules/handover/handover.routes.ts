import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { HandoverService } from './handover.service.ts';

export function registerHandoverRoutes(app: App, handover: HandoverService): void {
  app.post('/api/v1/handover', {
    schema: {
      tags: ['handover'],
      summary: "Move every record and open item of one user to another (e.g. a departing rep's customers)",
      body: z.object({ fromUserId: z.string().min(1).max(64), toUserId: z.string().min(1).max(64) }).strict(),
      response: { 200: z.object({ moved: z.record(z.string(), z.number().int()) }), 400: ZProblem, 401: ZProblem, 403: ZProblem },
    },
    handler: async (request) => handover.handOver(await request.workspace(), request.body),
  });
}
