export { recordSearchKey } from './search-key.ts';
export { contactPointsRepository, type ContactEntity, type ContactPoint } from './contact-points.repository.ts';
