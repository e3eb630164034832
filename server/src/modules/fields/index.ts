export { createFieldsService, FIELD_ENTITIES, type FieldsService, type FieldEntity, type CatalogLoader } from './fields.service.ts';
export { registerFieldsRoutes } from './fields.routes.ts';
export { fieldErrors } from './fields.errors.ts';
