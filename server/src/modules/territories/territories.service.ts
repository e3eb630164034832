import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
import { workspacesRepository } from '../workspaces/workspaces.repository.ts';
import { coverageRepository } from './coverage.repository.ts';
import { currentFiscalYear, type FiscalYear } from './fiscal-year.ts';
import { ZTerritoryCreate, ZTerritoryMembersInput, ZTerritoryPatch, type TTerritoryListQuery, type TTerritoryMemberInput } from './territories.contract.ts';
import { territoryErrors } from './territories.errors.ts';
import { territoriesRepository as repo, type TerritoryMemberRow, type TerritoryRow, type TerritoryValues } from './territories.repository.ts';
import { checkMembers, checkParent, decodeNameCursor, namePage, normaliseRegions } from './territories.rules.ts';
import type { TerritoryRole } from './territories.schema.ts';

export type Territory = {
  id: string;
  name: string;
  description: string | null;
  parentId: string | null;
  regions: string[];
  members: Array<{ userId: string; name: string; email: string; role: TerritoryRole }>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
};

type CoverageFigures = {
  reps: number;
  managers: number;
  organizations: number;
  organizationsWithoutOwner: number;
  openDeals: number;
  openPipeline: string;
  wonDeals: number;
  wonThisYear: string;
};
export type CoverageRow = CoverageFigures & { territory: { id: string; name: string; parentId: string | null; regions: string[] } | null };
export type Coverage = { currency: string; fiscalYear: FiscalYear; items: CoverageRow[]; unassigned: CoverageRow };

const publicTerritory = (row: TerritoryRow, members: TerritoryMemberRow[]): Territory => ({
  id: row.id,
  name: row.name,
  description: row.description,
  parentId: row.parentId,
  regions: row.regions,
  members: members.filter((m) => m.territoryId === row.id).map(({ userId, name, email, role }) => ({ userId, name, email, role })),
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  archivedAt: row.archivedAt,
});

const EMPTY_FIGURES: CoverageFigures = {
  reps: 0,
  managers: 0,
  organizations: 0,
  organizationsWithoutOwner: 0,
  openDeals: 0,
  openPipeline: '0.00',
  wonDeals: 0,
  wonThisYear: '0.00',
};

export function createTerritoriesService(deps: { db: AppDb; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function present(executor: Executor, workspaceId: string, rows: TerritoryRow[]): Promise<Territory[]> {
    const members = await repo.membersOf(executor, workspaceId, rows.map((r) => r.id));
    return rows.map((row) => publicTerritory(row, members));
  }

  async function requireTerritory(executor: Executor, workspaceId: string, id: string): Promise<TerritoryRow> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw territoryErrors.territory_not_found();
    return row;
  }

  const detail = async (executor: Executor, workspaceId: string, id: string) => (await present(executor, workspaceId, [await requireTerritory(executor, workspaceId, id)]))[0]!;

  /** The fields of a create (no `territoryId`) or an update, checked together; only those sent are returned. */
  async function prepare(executor: Executor, ctx: WorkspaceContext, input: Partial<TerritoryValues>, territoryId?: string): Promise<Partial<TerritoryValues>> {
    const errors: FieldError[] = [];
    const values: Partial<TerritoryValues> = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.description !== undefined) values.description = input.description;
    if (input.regions !== undefined) values.regions = normaliseRegions(input.regions, errors);
    if (input.parentId) await checkParent(executor, ctx.workspaceId, input.parentId, territoryId, errors);
    if (input.parentId !== undefined) values.parentId = input.parentId;
    failOnFieldErrors(errors);
    return values;
  }

  async function membersFor(executor: Executor, ctx: WorkspaceContext, members: TTerritoryMemberInput[]): Promise<TTerritoryMemberInput[]> {
    const errors: FieldError[] = [];
    await checkMembers(executor, ctx.workspaceId, members.map((m) => m.userId), 'members', errors);
    failOnFieldErrors(errors);
    return members;
  }

  async function archiveOrRestore(ctx: WorkspaceContext, id: string, archive: boolean): Promise<Territory> {
    requirePermission(ctx, 'sales.configure');
    return mutate(db, ctx, async (tx, audit) => {
      const before = await requireTerritory(tx, ctx.workspaceId, id);
      if (!!before.archivedAt === archive) return detail(tx, ctx.workspaceId, id);
      const row = await repo.update(tx, ctx.workspaceId, id, before.version, { archivedAt: archive ? clock() : null }, clock());
      if (!row) throw kernelErrors.version_conflict();
      const action = archive ? 'territory.archived' : 'territory.restored';
      await audit({ action, entityType: 'territory', entityId: id, before: { archivedAt: before.archivedAt }, after: { archivedAt: row.archivedAt } });
      return detail(tx, ctx.workspaceId, id);
    });
  }

  async function figures(ctx: WorkspaceContext, fiscalYear: FiscalYear) {
    const [members, organizations, deals] = [
      await coverageRepository.memberCounts(db, ctx.workspaceId),
      await coverageRepository.organizationCounts(db, ctx.workspaceId),
      await coverageRepository.dealFigures(db, ctx.workspaceId, fiscalYear),
    ];
    const byTerritory = new Map<string | null, CoverageFigures>();
    const of = (id: string | null) => byTerritory.get(id) ?? byTerritory.set(id, { ...EMPTY_FIGURES }).get(id)!;
    for (const m of members) Object.assign(of(m.territoryId), { reps: m.reps, managers: m.managers });
    for (const o of organizations) Object.assign(of(o.territoryId), { organizations: o.organizations, organizationsWithoutOwner: o.withoutOwner });
    for (const d of deals) {
      Object.assign(of(d.territoryId), { openDeals: d.openDeals, openPipeline: d.openPipeline, wonDeals: d.wonDeals, wonThisYear: d.wonAmount });
    }
    return byTerritory;
  }

  return {
    async list(ctx: WorkspaceContext, query: TTerritoryListQuery): Promise<{ items: Territory[]; nextCursor: string | null }> {
      requirePermission(ctx, 'records.read');
      const after = decodeNameCursor(query.cursor);
      const rows = await repo.list(db, ctx.workspaceId, { archived: query.archived === 'true', limit: query.limit, after });
      const page = namePage(rows, query.limit);
      return { items: await present(db, ctx.workspaceId, page.items), nextCursor: page.nextCursor };
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Territory> {
      requirePermission(ctx, 'records.read');
      return detail(db, ctx.workspaceId, id);
    },

    async create(ctx: WorkspaceContext, rawInput: unknown): Promise<Territory> {
      requirePermission(ctx, 'sales.configure');
      const { members, ...input } = parseInput(ZTerritoryCreate, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const values = await prepare(tx, ctx, input);
        const checkedMembers = members ? await membersFor(tx, ctx, members) : [];
        const row = await repo.insert(tx, ctx.workspaceId, { description: null, parentId: null, regions: [], ...values, name: input.name });
        if (checkedMembers.length) await repo.replaceMembers(tx, ctx.workspaceId, row.id, checkedMembers, clock());
        const created = await detail(tx, ctx.workspaceId, row.id);
        await audit({ action: 'territory.created', entityType: 'territory', entityId: row.id, after: created });
        return created;
      });
    },

    async update(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Territory> {
      requirePermission(ctx, 'sales.configure');
      const { version, ...input } = parseInput(ZTerritoryPatch, rawInput);
      return mutate(db, ctx, async (tx: Tx, audit) => {
        const before = await detail(tx, ctx.workspaceId, id);
        // A stale edit is refused before its content is judged: the caller must see the current one first.
        if (before.version !== version) throw kernelErrors.version_conflict();
        if (before.archivedAt) throw territoryErrors.territory_archived();
        const values = await prepare(tx, ctx, input, id);
        const row = await repo.update(tx, ctx.workspaceId, id, version, values, clock());
        if (!row) throw kernelErrors.version_conflict();
        const after = await detail(tx, ctx.workspaceId, id);
        await audit({ action: 'territory.updated', entityType: 'territory', entityId: id, before, after });
        return after;
      });
    },

    /** Archives: the territory leaves lists and pickers; organisations and deals keep it. */
    async archive(ctx: WorkspaceContext, id: string): Promise<void> {
      await archiveOrRestore(ctx, id, true);
    },

    restore: (ctx: WorkspaceContext, id: string) => archiveOrRestore(ctx, id, false),

    /** Replaces the members (reps and managers); each must belong to the workspace. */
    async setMembers(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Territory> {
      requirePermission(ctx, 'sales.configure');
      const members = parseInput(ZTerritoryMembersInput, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await detail(tx, ctx.workspaceId, id);
        if (before.archivedAt) throw territoryErrors.territory_archived();
        await repo.replaceMembers(tx, ctx.workspaceId, id, await membersFor(tx, ctx, members), clock());
        const after = await detail(tx, ctx.workspaceId, id);
        await audit({ action: 'territory.members_changed', entityType: 'territory', entityId: id, before: { members: before.members }, after: { members: after.members } });
        return after;
      });
    },

    /**
     * Per live territory (archived ones too with `archived`): reps and managers, organisations and
     * those without an owner, open deals and the open pipeline, deals won in the current fiscal
     * year; plus what has no territory. Amounts are Σ amount_base, in the default currency.
     */
    async coverage(ctx: WorkspaceContext, options: { archived?: boolean } = {}): Promise<Coverage> {
      requirePermission(ctx, 'records.read');
      const workspace = await workspacesRepository.find(db, ctx.workspaceId);
      if (!workspace) throw kernelErrors.not_found();
      const fiscalYear = currentFiscalYear(clock(), workspace);
      const byTerritory = await figures(ctx, fiscalYear);
      const territories = (await repo.all(db, ctx.workspaceId)).filter((t) => options.archived || !t.archivedAt);
      return {
        currency: workspace.defaultCurrency,
        fiscalYear,
        items: territories.map((t) => ({
          territory: { id: t.id, name: t.name, parentId: t.parentId, regions: t.regions },
          ...(byTerritory.get(t.id) ?? EMPTY_FIGURES),
        })),
        unassigned: { territory: null, ...(byTerritory.get(null) ?? EMPTY_FIGURES), reps: 0, managers: 0 },
      };
    },
  };
}

export type TerritoriesService = ReturnType<typeof createTerritoriesService>;
