import type { AppDb } from '../../kernel/db/database.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type TListQuery } from '../../kernel/http/pagination.ts';
import { auditLogRepository as repo, type AuditFilter } from './audit-log.repository.ts';

export function createAuditLogService(db: AppDb) {
  return {
    async list(ctx: WorkspaceContext, query: TListQuery & AuditFilter) {
      requirePermission(ctx, 'audit.read');
      const { limit, cursor, ...filter } = query;
      const rows = await repo.list(db, ctx.workspaceId, filter, { limit, cursor });
      const page = toPage(rows, limit, (r) => ({ at: r.occurredAt, id: r.id }));
      return {
        items: page.items.map((r) => ({
          id: r.id,
          occurredAt: r.occurredAt,
          actor: { type: r.actorType as 'user' | 'api_key' | 'system', id: r.actorId, name: r.actorName },
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          before: r.before ?? null,
          after: r.after ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
