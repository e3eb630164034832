export { createSearchService, type SearchService, type SearchServiceDeps, type DuplicateCheckInput, type SearchInput } from './search.service.ts';
export { registerSearchRoutes, ZSearchResult, ZDuplicateCandidate } from './search.routes.ts';
export { findDuplicates, normaliseEmail, SIMILAR_NAME_THRESHOLD } from './search.duplicates.ts';
export { registerMergeHook, type MergeHook, type MergeIds, type MergeableEntity } from './search.merge-hooks.ts';
export { PERSON_MERGE_FIELDS, ORGANIZATION_MERGE_FIELDS, type MergeInput, type MergeResult, type FieldChoice } from './search.merge.ts';
export { defaultSearchKeys, type SearchKeys } from './search.keys.ts';
export { parseSearchQuery, type ParsedQuery } from './search.query.ts';
export { searchErrors } from './search.errors.ts';
export type { SearchEntity, SearchResult, DuplicateCandidate, DuplicateProbe, DuplicateReason, DuplicateReasonCode, MatchedOn } from './search.types.ts';
