export { recordSearchKey } from './search-key.ts';
export { contactPointsRepository, type ContactEntity, type ContactPoint } from './contact-points.repository.ts';
export { accepted, inChunks, isRefusal, orRefusal, ROWS_PER_STATEMENT } from './batches.ts';
