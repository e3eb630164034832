export { createApiKeysService, hashApiKey, type ApiKeysService, type ApiKey } from './api-keys.service.ts';
export { registerApiKeysRoutes, ZApiKey } from './api-keys.routes.ts';
