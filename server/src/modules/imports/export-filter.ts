import { and, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { compileFilter, type FieldCatalog, type FilterGroup } from '../../kernel/filters/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { ExportFilterResolver } from './import-adapter.ts';
import { importErrors } from './imports.errors.ts';
import type { ImportEntity } from './imports.schema.ts';

export type CatalogSource = (db: Executor, workspaceId: string) => Promise<FieldCatalog>;
export type ViewResolver = (ctx: WorkspaceContext, id: string) => Promise<{ entityType: string; filter: FilterGroup }>;

/**
 * `?view=` and `?filter=` of an export, compiled with the same filter language and field
 * catalogs as the lists, so an export holds exactly the records the list shows.
 */
export function createExportFilterResolver(deps: { catalogs: Partial<Record<ImportEntity, CatalogSource>>; resolveView?: ViewResolver }): ExportFilterResolver {
  return async (db, ctx, entityType, request) => {
    const catalogOf = deps.catalogs[entityType];
    if (!catalogOf || (request.viewId && !deps.resolveView)) throw importErrors.export_filter_unavailable();
    const catalog = await catalogOf(db, ctx.workspaceId);
    const parts: SQL[] = [];
    if (request.viewId) {
      const view = await deps.resolveView!(ctx, request.viewId);
      if (view.entityType !== entityType) throw importErrors.export_filter_unavailable();
      parts.push(compileFilter(catalog, view.filter, { userId: ctx.actor.id, path: 'view' }));
    }
    if (request.filter !== undefined) parts.push(compileFilter(catalog, request.filter as FilterGroup, { userId: ctx.actor.id, path: 'filter' }));
    return parts.length ? and(...parts) : undefined;
  };
}
