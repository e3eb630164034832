import { searchKey } from '#common/text/index.ts';
import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page, type TListQuery } from '../../kernel/http/pagination.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { contactPointsOf, publicEmails, publicPhones } from '../people/contact-fields.ts';
import { publicPerson } from '../people/people.service.ts';
import type { TRecordListQuery } from '../people/people.contract.ts';
import type { TOrganizationListQuery } from './organizations.contract.ts';
import { peopleErrors } from '../people/people.errors.ts';
import { peopleRepository } from '../people/people.repository.ts';
import { refreshPersonSearchKeys } from '../people/people.search-key.ts';
import { buildListCriteria } from '../people/record-list.ts';
import { createRecordOperations } from '../people/record-operations.ts';
import { directLookups } from '../people/record-lookups.ts';
import type { TagsPort, ViewsPort } from '../people/record-ports.ts';
import { toSortedPage, withCursorChecked } from '../people/record-query.ts';
import { recordTagsRepository, type TagRef } from '../people/record-tags.repository.ts';
import { parseInput } from '../people/validation.ts';
import { loadOrganizationsCatalog } from './organizations.catalog.ts';
import { ZLinkPersonBody, ZOrganizationCreate, ZOrganizationPatch, type TLinkPersonBody, type TOrganizationCreate } from './organizations.contract.ts';
import { organizationErrors } from './organizations.errors.ts';
import { createOrganizationsBatch } from './organizations.batch.ts';
import { linkPersonToOrganization, unlinkPersonFromOrganization } from './organizations.links.ts';
import { organizationsRepository as repo, type OrganizationRow } from './organizations.repository.ts';
import { prepareOrganization, type PreparedOrganization } from './organizations.rules.ts';
import { personOrganizationsRepository as links } from './person-organizations.repository.ts';

export type OrganizationsServiceDeps = {
  db: AppDb;
  /** The tags service (setTags, addTags, removeTags). */
  tags: TagsPort;
  /** The views service (resolveView), for `?view=`. */
  views: ViewsPort;
  clock?: () => Date;
};

export function publicOrganization(o: OrganizationRow, tags: TagRef[], peopleCount: number) {
  return {
    id: o.id,
    name: o.name,
    nameLatin: o.nameLatin,
    type: o.type,
    industry: o.industry,
    size: o.size,
    website: o.website,
    nationalId: o.nationalId,
    economicCode: o.economicCode,
    emails: publicEmails(o.emails),
    phones: publicPhones(o.phones),
    addresses: o.addresses,
    ownerId: o.ownerId,
    territoryId: o.territoryId,
    lastVerifiedAt: o.lastVerifiedAt,
    custom: o.custom,
    tags,
    peopleCount,
    version: o.version,
    createdBy: o.createdBy,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    deletedAt: o.deletedAt,
    mergedIntoId: o.mergedIntoId,
  };
}
export type Organization = ReturnType<typeof publicOrganization>;

/**
 * `?territoryId=` is a shorthand for a territoryId condition: it joins the request's own filter
 * (if that is not valid JSON it is left alone, so the list reports it as usual).
 */
function withTerritoryFilter({ territoryId, ...query }: TOrganizationListQuery): TRecordListQuery {
  if (!territoryId) return query;
  const condition = { field: 'territoryId', op: 'eq', value: territoryId };
  if (!query.filter) return { ...query, filter: JSON.stringify({ op: 'and', conditions: [condition] }) };
  try {
    return { ...query, filter: JSON.stringify({ op: 'and', conditions: [JSON.parse(query.filter), condition] }) };
  } catch {
    return query;
  }
}

/** The caller's own user id when a person acts; API keys and the system own nothing by default. */
const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/**
 * The oldest live organisation of the workspace whose name reads the same as `name` once
 * Persian spelling, spacing and digits are folded («شرکت پیوند» = «شركت  پيوند»). Lead
 * conversion and imports use it to attach people to an existing organisation.
 */
export function findByNameKey(db: Executor, workspaceId: string, name: string): Promise<OrganizationRow | undefined> {
  return repo.findByNameKey(db, workspaceId, searchKey(name));
}

export function createOrganizationsService(deps: OrganizationsServiceDeps) {
  const { db, tags } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function decorate(executor: Executor, workspaceId: string, rows: OrganizationRow[]): Promise<Organization[]> {
    const ids = rows.map((r) => r.id);
    const tagsById = await recordTagsRepository.tagsOf(executor, workspaceId, 'organization', ids);
    const counts = await links.peopleCounts(executor, workspaceId, ids);
    return rows.map((r) => publicOrganization(r, tagsById.get(r.id) ?? [], counts.get(r.id) ?? 0));
  }

  async function requireDetail(executor: Executor, workspaceId: string, id: string): Promise<Organization> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw organizationErrors.organization_not_found();
    return (await decorate(executor, workspaceId, [row]))[0]!;
  }

  const { requireEditable, ...operations } = createRecordOperations({
    db,
    entityType: 'organization',
    repo,
    tags,
    clock,
    notFound: organizationErrors.organization_not_found,
    deleted: organizationErrors.organization_deleted,
    missing: {
      code: 'organization_not_found',
      fa: 'این سازمان در فضای کاری پیدا نشد.',
      en: 'No such organisation in this workspace.',
      error: organizationErrors.organizations_not_found,
    },
    requireDetail,
    createWithin,
    updateWithin,
    afterTrashChange: refreshLinkedPeople,
  });

  /** Every rule of a create (no `before`) or an update; see prepareOrganization. */
  function prepare(tx: Executor, ctx: WorkspaceContext, input: Partial<TOrganizationCreate>, before?: OrganizationRow): Promise<PreparedOrganization> {
    return prepareOrganization({ executor: tx, ctx, lookups: directLookups(tx, ctx.workspaceId, 'organization') }, input, before);
  }

  /** People whose search keys carry this organisation's name follow a rename, a delete or a restore. */
  async function refreshLinkedPeople(tx: Tx, workspaceId: string, organizationIds: string[]): Promise<void> {
    await refreshPersonSearchKeys(tx, workspaceId, await links.personIdsOf(tx, workspaceId, organizationIds));
  }

  async function createWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<Organization> {
    requirePermission(ctx, 'records.write');
    const input = parseInput(ZOrganizationCreate, rawInput);
    const prepared = await prepare(tx, ctx, input);
    const row = await repo.insert(tx, ctx.workspaceId, {
      name: input.name,
      ownerId: actingUserId(ctx),
      ...prepared.values,
      createdBy: actingUserId(ctx),
    });
    await contactPointsRepository.replace(tx, ctx.workspaceId, 'organization', row.id, contactPointsOf(row.emails, row.phones));
    if (prepared.tags) await tags.setTags(tx, ctx, 'organization', row.id, prepared.tags);
    const created = await requireDetail(tx, ctx.workspaceId, row.id);
    await recordAudit(tx, ctx, { action: 'organization.created', entityType: 'organization', entityId: row.id, after: created });
    return created;
  }

  async function updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Organization> {
    requirePermission(ctx, 'records.write');
    const { version, ...input } = parseInput(ZOrganizationPatch, rawInput);
    const before = await requireEditable(tx, ctx.workspaceId, id);
    const beforeDetail = await requireDetail(tx, ctx.workspaceId, id);
    const prepared = await prepare(tx, ctx, input, before);
    const row = await repo.update(tx, ctx.workspaceId, id, version, prepared.values);
    if (!row) throw kernelErrors.version_conflict();
    if (input.emails !== undefined || input.phones !== undefined) {
      await contactPointsRepository.replace(tx, ctx.workspaceId, 'organization', id, contactPointsOf(row.emails, row.phones));
    }
    if (prepared.tags) await tags.setTags(tx, ctx, 'organization', id, prepared.tags);
    if (row.name !== before.name || row.nameLatin !== before.nameLatin) await refreshLinkedPeople(tx, ctx.workspaceId, [id]);
    const after = await requireDetail(tx, ctx.workspaceId, id);
    await recordAudit(tx, ctx, { action: 'organization.updated', entityType: 'organization', entityId: id, before: beforeDetail, after });
    return after;
  }

  const batch = createOrganizationsBatch({ tags, present: decorate });

  return {
    createWithin,
    /** Many creates in the caller's transaction (imports): see organizations.batch.ts. */
    createManyWithin: batch.createManyWithin,
    checkManyWithin: batch.checkMany,
    updateWithin,
    findByNameKey,

    async list(ctx: WorkspaceContext, rawQuery: TOrganizationListQuery): Promise<Page<Organization>> {
      requirePermission(ctx, 'records.read');
      const catalog = await loadOrganizationsCatalog(db, ctx.workspaceId);
      const query = withTerritoryFilter(rawQuery);
      const criteria = await buildListCriteria(ctx, query, { executor: db, entityType: 'organization', catalog, views: deps.views, clock });
      const rows = await withCursorChecked(criteria.cursor, () => repo.list(db, ctx.workspaceId, criteria));
      const page = toSortedPage(rows, query.limit, criteria.sort);
      return { items: await decorate(db, ctx.workspaceId, page.items), nextCursor: page.nextCursor };
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Organization> {
      requirePermission(ctx, 'records.read');
      return requireDetail(db, ctx.workspaceId, id);
    },

    /** create, update, remove (soft delete), restore, verify and bulk: see record-operations.ts. */
    ...operations,

    /** The organisation's live people with their role there, most recently linked first. */
    async listPeople(ctx: WorkspaceContext, id: string, query: TListQuery) {
      requirePermission(ctx, 'records.read');
      const organization = await repo.find(db, ctx.workspaceId, id);
      if (!organization || organization.mergedIntoId) throw organizationErrors.organization_not_found();
      const rows = await links.peopleOf(db, ctx.workspaceId, id, query);
      const page = toPage(rows, query.limit, (r) => ({ at: r.linkedAt, id: r.linkId }));
      const tagsById = await recordTagsRepository.tagsOf(db, ctx.workspaceId, 'person', page.items.map((r) => r.person.id));
      return {
        items: page.items.map((r) => ({ ...publicPerson(r.person, tagsById.get(r.person.id) ?? []), role: r.role, isPrimary: r.isPrimary })),
        nextCursor: page.nextCursor,
      };
    },

    /** Links a person (creates the link, or changes the role / primary flag of an existing one). */
    async linkPerson(ctx: WorkspaceContext, organizationId: string, rawInput: TLinkPersonBody) {
      requirePermission(ctx, 'records.write');
      const input = parseInput(ZLinkPersonBody, rawInput);
      return mutate(db, ctx, async (tx) => {
        await requireEditable(tx, ctx.workspaceId, organizationId);
        const person = await peopleRepository.find(tx, ctx.workspaceId, input.personId);
        if (!person || person.mergedIntoId || person.deletedAt) throw peopleErrors.person_not_found();
        const link = await linkPersonToOrganization(tx, ctx, {
          personId: input.personId,
          organizationId,
          role: input.role || null,
          isPrimary: input.isPrimary ?? false,
        });
        await refreshPersonSearchKeys(tx, ctx.workspaceId, [input.personId]);
        return { personId: link.personId, organizationId: link.organizationId, role: link.role, isPrimary: link.isPrimary };
      });
    },

    async unlinkPerson(ctx: WorkspaceContext, organizationId: string, personId: string): Promise<void> {
      requirePermission(ctx, 'records.write');
      await mutate(db, ctx, async (tx) => {
        const organization = await repo.find(tx, ctx.workspaceId, organizationId);
        if (!organization || organization.mergedIntoId) throw organizationErrors.organization_not_found();
        if (!(await unlinkPersonFromOrganization(tx, ctx, personId, organizationId))) throw organizationErrors.person_not_linked();
        await refreshPersonSearchKeys(tx, ctx.workspaceId, [personId]);
      });
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
