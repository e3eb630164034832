export { createInvitationsService, type InvitationsService } from './invitations.service.ts';
export { registerInvitationsRoutes } from './invitations.routes.ts';
