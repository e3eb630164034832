import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { pageOf, ZListQuery } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { AuditLogService } from './audit-log.service.ts';

const ZAuditEntry = z.object({
  id: z.uuid(),
  occurredAt: z.date(),
  actor: z.object({ type: z.enum(['user', 'api_key', 'system']), id: z.string().nullable(), name: z.string().nullable() }),
  action: z.string().describe('e.g. member.role_changed'),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

const ZAuditQuery = ZListQuery.extend({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});

export function registerAuditLogRoutes(app: App, auditLog: AuditLogService): void {
  app.get('/api/v1/audit-log', {
    schema: {
      tags: ['audit-log'],
      summary: 'Every change in the workspace, newest first (admins)',
      querystring: ZAuditQuery,
      response: { 200: pageOf(ZAuditEntry), 400: ZProblem, 401: ZProblem, 403: ZProblem },
    },
    handler: async (request) => auditLog.list(await request.workspace(), request.query),
  });
}
