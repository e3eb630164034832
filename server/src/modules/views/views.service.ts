import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { compileFilter, compileSort, type FieldCatalog, type FilterGroup, type SortSpec } from '../../kernel/filters/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { viewErrors } from './views.errors.ts';
import { viewsRepository as repo, type SavedViewRow, type ViewChanges, type ViewRow } from './views.repository.ts';
import type { ViewEntity } from './views.schema.ts';

/** How a list module tells views which fields a filter on it may use (built-in + custom fields). */
export type ViewCatalogLoader = (workspaceId: string) => Promise<FieldCatalog>;

export type Visibility = 'private' | 'shared';

export type View = {
  id: string;
  entityType: ViewEntity;
  name: string;
  visibility: Visibility;
  ownerId: string | null;
  ownerName: string | null;
  filter: FilterGroup;
  sort: SortSpec[];
  columns: string[];
  version: number;
  /** Whether the caller may change or delete it. */
  canEdit: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ViewInput = { entityType: ViewEntity; name: string; visibility: Visibility; filter: FilterGroup; sort?: SortSpec[]; columns?: string[] };
export type ViewPatch = { version: number; name?: string; visibility?: Visibility; filter?: FilterGroup; sort?: SortSpec[]; columns?: string[] };
export type ResolvedView = { entityType: ViewEntity; filter: FilterGroup; sort: SortSpec[]; columns: string[] };

const byName = new Intl.Collator('fa').compare;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only a signed-in user owns views; API keys act on shared ones. */
const callerUserId = (ctx: WorkspaceContext): string | null => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/** Private views: their owner only. Shared views: their owner, or whoever manages the workspace. */
function canEdit(ctx: WorkspaceContext, view: Pick<SavedViewRow, 'ownerId' | 'visibility'>): boolean {
  const isOwner = view.ownerId !== null && view.ownerId === callerUserId(ctx);
  return isOwner || (view.visibility === 'shared' && ctx.permissions.has('workspace.manage'));
}

const toView = (ctx: WorkspaceContext, row: ViewRow): View => ({
  id: row.id,
  entityType: row.entityType,
  name: row.name,
  visibility: row.visibility,
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  filter: row.filter,
  sort: row.sort,
  columns: row.columns,
  version: row.version,
  canEdit: canEdit(ctx, row),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The audit log keeps what defines the view, not who may edit it. */
const auditable = ({ canEdit: _caller, ownerName: _name, ...view }: View) => view;

export function createViewsService(db: AppDb, clock: () => Date = () => new Date()) {
  const catalogs = new Map<ViewEntity, ViewCatalogLoader>();

  /**
   * A filter is checked against the list's fields when it is saved, by compiling it: the same
   * code that will run it, so a saved view never holds a filter its list would refuse. 'me'
   * stays 'me' in the stored filter; it becomes the viewer when the list runs it.
   */
  async function validateAgainstCatalog(ctx: WorkspaceContext, entityType: ViewEntity, input: { filter?: FilterGroup; sort?: SortSpec[] }) {
    if (!input.filter && !input.sort) return;
    const load = catalogs.get(entityType);
    if (!load) throw viewErrors.views_unavailable({ params: { entityType } });
    const catalog = await load(ctx.workspaceId);
    if (input.filter) compileFilter(catalog, input.filter, { userId: ctx.actor.id, path: 'filter' });
    if (input.sort) compileSort(catalog, input.sort, 'sort');
  }

  async function findVisible(ctx: WorkspaceContext, id: string): Promise<ViewRow> {
    // `?view=` of list endpoints arrives here unchecked; a malformed id is simply not a view.
    const row = UUID_RE.test(id) ? await repo.findVisible(db, ctx.workspaceId, callerUserId(ctx), id) : undefined;
    // Someone else's private view is reported as missing, not forbidden: its existence is private too.
    if (!row) throw viewErrors.view_not_found();
    return row;
  }

  return {
    /** Called once per list module at wiring time (people, organizations, leads). */
    registerViewCatalog(entityType: ViewEntity, loader: ViewCatalogLoader): void {
      catalogs.set(entityType, loader);
    },

    async list(ctx: WorkspaceContext, entityType?: ViewEntity): Promise<View[]> {
      requirePermission(ctx, 'records.read');
      const rows = await repo.listVisible(db, ctx.workspaceId, callerUserId(ctx), entityType);
      return rows.map((row) => toView(ctx, row)).sort((a, b) => byName(a.name, b.name) || a.id.localeCompare(b.id));
    },

    async get(ctx: WorkspaceContext, id: string): Promise<View> {
      requirePermission(ctx, 'records.read');
      return toView(ctx, await findVisible(ctx, id));
    },

    async create(ctx: WorkspaceContext, input: ViewInput): Promise<View> {
      requirePermission(ctx, 'records.read');
      const ownerId = callerUserId(ctx);
      if (input.visibility === 'private' && !ownerId) throw viewErrors.private_view_needs_user();
      await validateAgainstCatalog(ctx, input.entityType, input);
      return mutate(db, ctx, async (tx, audit) => {
        const inserted = await repo.insert(tx, {
          workspaceId: ctx.workspaceId,
          entityType: input.entityType,
          name: input.name,
          ownerId,
          visibility: input.visibility,
          filter: input.filter,
          sort: input.sort ?? [],
          columns: input.columns ?? [],
        });
        const view = toView(ctx, { ...inserted, ownerName: ctx.actor.type === 'user' ? ctx.actor.name : null });
        await audit({ action: 'view.created', entityType: 'saved_view', entityId: view.id, after: auditable(view) });
        return view;
      });
    },

    async update(ctx: WorkspaceContext, id: string, patch: ViewPatch): Promise<View> {
      requirePermission(ctx, 'records.read');
      const before = await findVisible(ctx, id);
      if (!canEdit(ctx, before)) throw viewErrors.view_not_editable();
      const { version, ...changes } = patch;
      if (changes.visibility && changes.visibility !== before.visibility) {
        if (before.ownerId === null || before.ownerId !== callerUserId(ctx)) throw viewErrors.view_visibility_owner_only();
      }
      await validateAgainstCatalog(ctx, before.entityType, changes);
      return mutate(db, ctx, async (tx, audit) => {
        const updated = await repo.update(tx, ctx.workspaceId, id, version, changes satisfies ViewChanges, clock());
        if (!updated) throw kernelErrors.version_conflict();
        const view = toView(ctx, { ...updated, ownerName: before.ownerName });
        await audit({ action: 'view.updated', entityType: 'saved_view', entityId: id, before: auditable(toView(ctx, before)), after: auditable(view) });
        return view;
      });
    },

    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.read');
      const before = await findVisible(ctx, id);
      if (!canEdit(ctx, before)) throw viewErrors.view_not_editable();
      await mutate(db, ctx, async (tx, audit) => {
        await repo.delete(tx, ctx.workspaceId, id);
        await audit({ action: 'view.deleted', entityType: 'saved_view', entityId: id, before: auditable(toView(ctx, before)) });
      });
    },

    /** What a list endpoint or an export applies for `?view=<id>`: a view the caller can see, else 404. */
    async resolveView(ctx: WorkspaceContext, viewId: string): Promise<ResolvedView> {
      requirePermission(ctx, 'records.read');
      const row = await findVisible(ctx, viewId);
      return { entityType: row.entityType, filter: row.filter, sort: row.sort, columns: row.columns };
    },
  };
}

export type ViewsService = ReturnType<typeof createViewsService>;
