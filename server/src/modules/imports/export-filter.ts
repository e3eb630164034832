import type { Executor } from '../../kernel/db/database.ts';
import type { FieldCatalog, FilterGroup, SortSpec } from '../../kernel/filters/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { TLeadListQuery } from '../leads/leads.contract.ts';
import { buildLeadListCriteria } from '../leads/leads.list.ts';
import { leadsRepository } from '../leads/leads.repository.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import type { TRecordListQuery } from '../people/people.contract.ts';
import { peopleRepository } from '../people/people.repository.ts';
import { buildListCriteria } from '../people/record-list.ts';
import type { ViewsPort } from '../people/record-ports.ts';
import type { ExportFilterResolver } from './import-adapter.ts';
import { importErrors } from './imports.errors.ts';

export type CatalogSource = (db: Executor, workspaceId: string) => Promise<FieldCatalog>;
export type ViewResolver = (ctx: WorkspaceContext, id: string) => Promise<{ entityType: string; filter: FilterGroup; sort?: SortSpec[] | null }>;

/**
 * An export's list parameters (q, filter, view, sort, tag, owner, trash, stale; status and
 * source for leads) become the list's own criteria, built by the list's own code and turned
 * into SQL by the list's own repository: an export holds exactly the rows the list shows, in
 * the order it shows them.
 */
export function createExportFilterResolver(deps: {
  catalogs: Partial<Record<'person' | 'organization' | 'lead', CatalogSource>>;
  resolveView?: ViewResolver;
  clock?: () => Date;
}): ExportFilterResolver {
  const clock = deps.clock ?? (() => new Date());
  const views: ViewsPort = {
    resolveView(ctx, id) {
      if (!deps.resolveView) throw importErrors.export_filter_unavailable();
      return deps.resolveView(ctx, id);
    },
  };
  return async (db, ctx, entityType, query) => {
    const catalogOf = deps.catalogs[entityType];
    if (!catalogOf) throw importErrors.export_filter_unavailable();
    // The page parameters are the export's own business (it reads every page).
    const page = { limit: 1, cursor: undefined };
    if (entityType === 'lead') {
      const criteria = await buildLeadListCriteria(db, ctx, { ...query, ...page } as TLeadListQuery, views);
      return { where: leadsRepository.listWhere(ctx.workspaceId, criteria), sort: criteria.sort };
    }
    const catalog = await catalogOf(db, ctx.workspaceId);
    const criteria = await buildListCriteria(ctx, { ...query, ...page } as TRecordListQuery, { executor: db, entityType, catalog, views, clock });
    const repository = entityType === 'person' ? peopleRepository : organizationsRepository;
    return { where: repository.listWhere(ctx.workspaceId, criteria), sort: criteria.sort };
  };
}
