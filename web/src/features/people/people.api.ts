import { api, newIdempotencyKey } from '../../shared/api/index.ts';
import type { Organization } from '../../shared/records/index.ts';

/** A new organisation by name (from the person form's «Create “X”»). */
export function createOrganizationNamed(name: string) {
  return api.post<Organization>('/api/v1/organizations', { name }, { idempotencyKey: newIdempotencyKey() });
}
