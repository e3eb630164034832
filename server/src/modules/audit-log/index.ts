export { createAuditLogService, type AuditLogService } from './audit-log.service.ts';
export { registerAuditLogRoutes } from './audit-log.routes.ts';
