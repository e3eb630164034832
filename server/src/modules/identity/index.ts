export { createIdentityService, normaliseEmail, type IdentityService, type EnqueueEmail } from './identity.service.ts';
export { registerIdentityRoutes, createPrincipalResolver, ZUser } from './identity.routes.ts';
export { composeEmail, type EmailMessage } from './identity.emails.ts';
export { identityRepository } from './identity.repository.ts';
