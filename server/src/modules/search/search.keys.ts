import type { Executor } from '../../kernel/db/database.ts';
import { organizationSearchKey } from '../organizations/organizations.fields.ts';
import { refreshPersonSearchKeys } from '../people/people.search-key.ts';
import type { OrganizationRow } from './search.repository.ts';

/**
 * How a merge rebuilds derived search keys: with the rule each record type's own module uses on
 * create and update, so a merged record is found exactly like an edited one. Replaceable through
 * createSearchService's `searchKeys` (tests, or if a module's rule moves).
 */
export type SearchKeys = {
  /** Recomputes and stores the keys of these people from their rows and organisations. */
  refreshPeople(tx: Executor, workspaceId: string, personIds: string[]): Promise<void>;
  /** The key of an organisation row (its name is the first part). */
  organization(organization: OrganizationRow): string;
};

export const defaultSearchKeys: SearchKeys = {
  refreshPeople: refreshPersonSearchKeys,
  organization: organizationSearchKey,
};
