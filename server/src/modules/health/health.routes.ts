import { z } from 'zod';
import { pingDatabase, type Database } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZProblem } from '../../kernel/http/problem.ts';

export function registerHealthRoutes(app: App, database: Database, version: string): void {
  app.get('/api/health', {
    schema: {
      tags: ['health'],
      summary: 'Liveness and database check',
      security: [],
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string(), time: z.date() }), 503: ZProblem },
    },
    handler: async (request) => {
      try {
        await pingDatabase(database);
      } catch (error) {
        request.log.error({ err: error }, 'database health check failed');
        throw kernelErrors.service_unavailable();
      }
      return { status: 'ok' as const, database: database.engine, version, time: new Date() };
    },
  });
}
