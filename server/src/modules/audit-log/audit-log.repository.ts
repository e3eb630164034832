import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';

export type AuditFilter = { entityType?: string; entityId?: string; actorId?: string; action?: string };

export const auditLogRepository = {
  list(db: Executor, workspaceId: string, filter: AuditFilter, page: { limit: number; cursor?: string }) {
    return db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, workspaceId),
          filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
          filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
          filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
          filter.action ? eq(auditLog.action, filter.action) : undefined,
          keysetWhere(auditLog.occurredAt, auditLog.id, page.cursor),
        ),
      )
      .orderBy(...keysetOrder(auditLog.occurredAt, auditLog.id))
      .limit(page.limit + 1);
  },
};
