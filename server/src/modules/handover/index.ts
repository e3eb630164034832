export { createHandoverService, type HandoverService, type HandoverTarget } from './handover.service.ts';
export { registerHandoverRoutes } from './handover.routes.ts';
