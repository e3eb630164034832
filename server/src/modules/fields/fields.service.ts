import type { AppDb, Executor } from '../../kernel/db/database.ts';
import { describeCatalog, type FieldCatalog, type FieldDescription } from '../../kernel/filters/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { fieldErrors } from './fields.errors.ts';

export const FIELD_ENTITIES = ['person', 'organization', 'lead', 'deal'] as const;
export type FieldEntity = (typeof FIELD_ENTITIES)[number];

/** The catalog a list compiles its filters and sorts with, custom fields of the workspace included. */
export type CatalogLoader = (executor: Executor, workspaceId: string) => Promise<FieldCatalog>;

const isFieldEntity = (value: string): value is FieldEntity => (FIELD_ENTITIES as readonly string[]).includes(value);

/**
 * Describes the fields of each customer list from the very catalogs its filters and sorts are
 * compiled with, so a client never keeps its own copy of which fields exist.
 */
export function createFieldsService(deps: { db: AppDb; catalogs: Record<FieldEntity, CatalogLoader> }) {
  return {
    async describe(ctx: WorkspaceContext, entityType: string): Promise<FieldDescription[]> {
      requirePermission(ctx, 'records.read');
      if (!isFieldEntity(entityType)) throw fieldErrors.fields_entity_not_found({ params: { entityType: entityType.slice(0, 40) } });
      return describeCatalog(await deps.catalogs[entityType](deps.db, ctx.workspaceId));
    },
  };
}

export type FieldsService = ReturnType<typeof createFieldsService>;
