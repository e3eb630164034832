import { searchKey } from '#common/text/index.ts';
import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page, type TListQuery } from '../../kernel/http/pagination.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { membersRepository } from '../members/members.repository.ts';
import { contactPointsOf, publicEmails, publicPhones } from '../people/contact-fields.ts';
import { bulkParameterErrors, publicPerson } from '../people/people.service.ts';
import type { BulkResult, TBulkRequest, TRecordListQuery } from '../people/people.contract.ts';
import { peopleErrors } from '../people/people.errors.ts';
import { peopleRepository } from '../people/people.repository.ts';
import { refreshPersonSearchKeys } from '../people/people.search-key.ts';
import { buildListCriteria, workspaceToday } from '../people/record-list.ts';
import { bulkTagRecords } from '../people/record-bulk.ts';
import { recordContactsRepository } from '../people/record-contacts.repository.ts';
import { directLookups, unknownOwner } from '../people/record-lookups.ts';
import type { TagsPort, ViewsPort } from '../people/record-ports.ts';
import { toSortedPage, withCursorChecked } from '../people/record-query.ts';
import { recordTagsRepository, type TagRef } from '../people/record-tags.repository.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
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

const fieldError = (path: string, code: string, fa: string, en: string): FieldError => ({ path, code, message: { fa, en } });
/** Bulk changes skip deleted records: the trash is only emptied or restored. */
const liveIdsOf = (rows: OrganizationRow[]) => rows.filter((r) => !r.deletedAt).map((r) => r.id);

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

  async function requireEditable(executor: Executor, workspaceId: string, id: string): Promise<OrganizationRow> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row || row.mergedIntoId) throw organizationErrors.organization_not_found();
    if (row.deletedAt) throw organizationErrors.organization_deleted();
    return row;
  }

  async function checkOwner(tx: Executor, workspaceId: string, ownerId: string, errors: FieldError[]): Promise<void> {
    if (!(await membersRepository.findByUser(tx, workspaceId, ownerId))) errors.push(unknownOwner('ownerId'));
  }

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

  async function requireAll(tx: Executor, workspaceId: string, ids: string[]): Promise<OrganizationRow[]> {
    const rows = (await repo.findMany(tx, workspaceId, ids)).filter((r) => !r.mergedIntoId);
    if (rows.length === ids.length) return rows;
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.flatMap((id, index) =>
      found.has(id) ? [] : [fieldError(`ids.${index}`, 'organization_not_found', 'این سازمان در فضای کاری پیدا نشد.', 'No such organisation in this workspace.')],
    );
    throw organizationErrors.organizations_not_found({ fieldErrors: missing });
  }

  async function softDelete(tx: Tx, ctx: WorkspaceContext, ids: string[]): Promise<number> {
    const deleted = await repo.setDeleted(tx, ctx.workspaceId, ids, clock());
    await recordContactsRepository.removeForMany(tx, ctx.workspaceId, 'organization', deleted.map((r) => r.id));
    for (const row of deleted) {
      await recordAudit(tx, ctx, { action: 'organization.deleted', entityType: 'organization', entityId: row.id, after: { deletedAt: row.deletedAt, version: row.version } });
    }
    await refreshLinkedPeople(tx, ctx.workspaceId, deleted.map((r) => r.id));
    return deleted.length;
  }

  async function restoreMany(tx: Tx, ctx: WorkspaceContext, ids: string[]): Promise<number> {
    const restored = await repo.setDeleted(tx, ctx.workspaceId, ids, null);
    for (const row of restored) {
      await contactPointsRepository.replace(tx, ctx.workspaceId, 'organization', row.id, contactPointsOf(row.emails, row.phones));
      await recordAudit(tx, ctx, { action: 'organization.restored', entityType: 'organization', entityId: row.id, after: { deletedAt: null, version: row.version } });
    }
    await refreshLinkedPeople(tx, ctx.workspaceId, restored.map((r) => r.id));
    return restored.length;
  }

  async function bulkOwner(tx: Tx, ctx: WorkspaceContext, rows: OrganizationRow[], ownerId: string): Promise<number> {
    const errors: FieldError[] = [];
    await checkOwner(tx, ctx.workspaceId, ownerId, errors);
    failOnFieldErrors(errors);
    const beforeById = new Map(rows.map((r) => [r.id, r]));
    const updated = await repo.setOwner(tx, ctx.workspaceId, liveIdsOf(rows), ownerId);
    for (const row of updated) {
      const before = beforeById.get(row.id)!;
      await recordAudit(tx, ctx, {
        action: 'organization.updated',
        entityType: 'organization',
        entityId: row.id,
        before: { ownerId: before.ownerId, version: before.version },
        after: { ownerId: row.ownerId, version: row.version },
      });
    }
    return updated.length;
  }

  const batch = createOrganizationsBatch({ tags, present: decorate });

  return {
    createWithin,
    /** Many creates in the caller's transaction (imports): see organizations.batch.ts. */
    createManyWithin: batch.createManyWithin,
    checkManyWithin: batch.checkMany,
    updateWithin,
    findByNameKey,

    async list(ctx: WorkspaceContext, query: TRecordListQuery): Promise<Page<Organization>> {
      requirePermission(ctx, 'records.read');
      const catalog = await loadOrganizationsCatalog(db, ctx.workspaceId);
      const criteria = await buildListCriteria(ctx, query, { executor: db, entityType: 'organization', catalog, views: deps.views, clock });
      const rows = await withCursorChecked(criteria.cursor, () => repo.list(db, ctx.workspaceId, criteria));
      const page = toSortedPage(rows, query.limit, criteria.sort);
      return { items: await decorate(db, ctx.workspaceId, page.items), nextCursor: page.nextCursor };
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Organization> {
      requirePermission(ctx, 'records.read');
      return requireDetail(db, ctx.workspaceId, id);
    },

    create(ctx: WorkspaceContext, input: unknown): Promise<Organization> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => createWithin(tx, ctx, input));
    },

    update(ctx: WorkspaceContext, id: string, input: unknown): Promise<Organization> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => updateWithin(tx, ctx, id, input));
    },

    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.delete');
      await mutate(db, ctx, async (tx) => {
        const row = await repo.find(tx, ctx.workspaceId, id);
        if (!row || row.mergedIntoId) throw organizationErrors.organization_not_found();
        await softDelete(tx, ctx, [id]);
      });
    },

    async restore(ctx: WorkspaceContext, id: string): Promise<Organization> {
      requirePermission(ctx, 'records.delete');
      return mutate(db, ctx, async (tx) => {
        const row = await repo.find(tx, ctx.workspaceId, id);
        if (!row || row.mergedIntoId) throw organizationErrors.organization_not_found();
        await restoreMany(tx, ctx, [id]);
        return requireDetail(tx, ctx.workspaceId, id);
      });
    },

    async verify(ctx: WorkspaceContext, id: string): Promise<Organization> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, async (tx, audit) => {
        const before = await requireEditable(tx, ctx.workspaceId, id);
        const { today } = await workspaceToday(tx, ctx.workspaceId, clock);
        const row = (await repo.setLastVerified(tx, ctx.workspaceId, id, today))!;
        await audit({
          action: 'organization.verified',
          entityType: 'organization',
          entityId: id,
          before: { lastVerifiedAt: before.lastVerifiedAt, version: before.version },
          after: { lastVerifiedAt: row.lastVerifiedAt, version: row.version },
        });
        return requireDetail(tx, ctx.workspaceId, id);
      });
    },

    async bulk(ctx: WorkspaceContext, request: TBulkRequest): Promise<BulkResult> {
      const destructive = request.action === 'delete' || request.action === 'restore';
      requirePermission(ctx, destructive ? 'records.delete' : 'records.write');
      const ids = [...new Set(request.ids)];
      failOnFieldErrors(bulkParameterErrors(request));
      const changed = await mutate(db, ctx, async (tx) => {
        const rows = await requireAll(tx, ctx.workspaceId, ids);
        switch (request.action) {
          case 'tag':
          case 'untag':
            return bulkTagRecords(tx, ctx, tags, 'organization', liveIdsOf(rows), request.tagIds!, request.action === 'tag');
          case 'assign_owner':
            return bulkOwner(tx, ctx, rows, request.ownerId!);
          case 'delete':
            return softDelete(tx, ctx, ids);
          case 'restore':
            return restoreMany(tx, ctx, ids);
        }
      });
      return { action: request.action, matched: ids.length, changed };
    },

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
