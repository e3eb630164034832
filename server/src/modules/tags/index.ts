export { createTagsService, tagsFor, normaliseTagName, TAG_NAME_MAX, TAGS_PER_RECORD_MAX, type TagsService, type Tag, type TagWithUsage, type TagRef } from './tags.service.ts';
export { registerTagsRoutes, ZTag, ZTagRef, ZTagWithUsage } from './tags.routes.ts';
export { tagErrors } from './tags.errors.ts';
export type { TaggableEntity } from './tags.schema.ts';
