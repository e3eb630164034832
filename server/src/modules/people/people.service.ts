import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { Page } from '../../kernel/http/pagination.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { membersRepository } from '../members/members.repository.ts';
import { replacePersonOrganizations } from '../organizations/organizations.links.ts';
import { personOrganizationsRepository } from '../organizations/person-organizations.repository.ts';
import { contactPointsOf, publicEmails, publicPhones } from './contact-fields.ts';
import { loadPeopleCatalog } from './people.catalog.ts';
import { ZPersonCreate, ZPersonPatch, type BulkResult, type TBulkRequest, type TPersonCreate, type TRecordListQuery } from './people.contract.ts';
import { peopleErrors } from './people.errors.ts';
import { peopleRepository as repo, type PersonRow } from './people.repository.ts';
import { actingUserId, fieldError, preparePerson, type PreparedPerson } from './people.rules.ts';
import { refreshPersonSearchKeys } from './people.search-key.ts';
import { buildListCriteria, workspaceToday } from './record-list.ts';
import { bulkTagRecords } from './record-bulk.ts';
import { createPeopleBatch } from './people.batch.ts';
import { directLookups, unknownOwner } from './record-lookups.ts';
import { recordContactsRepository } from './record-contacts.repository.ts';
import type { TagsPort, ViewsPort } from './record-ports.ts';
import { toSortedPage, withCursorChecked } from './record-query.ts';
import { recordTagsRepository, type TagRef } from './record-tags.repository.ts';
import { parseInput, failOnFieldErrors } from './validation.ts';

export type PeopleServiceDeps = {
  db: AppDb;
  /** The tags service (setTags, addTags, removeTags). */
  tags: TagsPort;
  /** The views service (resolveView), for `?view=`. */
  views: ViewsPort;
  clock?: () => Date;
};

function displayNameOf(p: PersonRow): string {
  const persian = `${p.firstName} ${p.lastName}`.trim();
  const latin = `${p.firstNameLatin ?? ''} ${p.lastNameLatin ?? ''}`.trim();
  return persian || latin || p.emails[0]?.value || p.phones[0]?.value || '';
}

export function publicPerson(p: PersonRow, tags: TagRef[]) {
  return {
    id: p.id,
    displayName: displayNameOf(p),
    firstName: p.firstName,
    lastName: p.lastName,
    firstNameLatin: p.firstNameLatin,
    lastNameLatin: p.lastNameLatin,
    emails: publicEmails(p.emails),
    phones: publicPhones(p.phones),
    addresses: p.addresses,
    birthday: p.birthday,
    anniversary: p.anniversary,
    jobTitle: p.jobTitle,
    ownerId: p.ownerId,
    source: p.source,
    consent: p.consent,
    lastVerifiedAt: p.lastVerifiedAt,
    custom: p.custom,
    tags,
    version: p.version,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    deletedAt: p.deletedAt,
    mergedIntoId: p.mergedIntoId,
  };
}
export type Person = ReturnType<typeof publicPerson>;
export type PersonDetail = Person & {
  organizations: Array<{ organizationId: string; name: string; nameLatin: string | null; type: string; role: string | null; isPrimary: boolean }>;
};

/** Bulk changes skip deleted records: the trash is only emptied or restored. */
const liveIdsOf = (rows: PersonRow[]) => rows.filter((r) => !r.deletedAt).map((r) => r.id);

export function createPeopleService(deps: PeopleServiceDeps) {
  const { db, tags } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function loadDetail(executor: Executor, workspaceId: string, id: string): Promise<PersonDetail | undefined> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) return undefined;
    const tagsById = await recordTagsRepository.tagsOf(executor, workspaceId, 'person', [id]);
    const organizations = await personOrganizationsRepository.organizationsOf(executor, workspaceId, id);
    return { ...publicPerson(row, tagsById.get(id) ?? []), organizations };
  }

  async function requireDetail(executor: Executor, workspaceId: string, id: string): Promise<PersonDetail> {
    const detail = await loadDetail(executor, workspaceId, id);
    if (!detail) throw peopleErrors.person_not_found();
    return detail;
  }

  /** A live, editable person of this workspace; merged ones are gone, deleted ones must be restored first. */
  async function requireEditable(tx: Executor, workspaceId: string, id: string): Promise<PersonRow> {
    const row = await repo.find(tx, workspaceId, id);
    if (!row || row.mergedIntoId) throw peopleErrors.person_not_found();
    if (row.deletedAt) throw peopleErrors.person_deleted();
    return row;
  }

  async function checkOwner(tx: Executor, workspaceId: string, ownerId: string, path: string, errors: FieldError[]): Promise<void> {
    if (!(await membersRepository.findByUser(tx, workspaceId, ownerId))) errors.push(unknownOwner(path));
  }

  /** Every rule of a create (no `before`) or an update; see preparePerson. */
  function prepare(tx: Executor, ctx: WorkspaceContext, input: TPersonCreate, before?: PersonRow): Promise<PreparedPerson> {
    return preparePerson({ executor: tx, ctx, lookups: directLookups(tx, ctx.workspaceId, 'person'), now: clock }, input, before);
  }

  /** Contact points, organisation links, tags and the search key: what follows every write of a person. */
  async function writeDependents(tx: Tx, ctx: WorkspaceContext, row: PersonRow, prepared: PreparedPerson, contactsChanged: boolean) {
    if (contactsChanged) await contactPointsRepository.replace(tx, ctx.workspaceId, 'person', row.id, contactPointsOf(row.emails, row.phones));
    if (prepared.links) await replacePersonOrganizations(tx, ctx, row.id, prepared.links);
    if (prepared.tags) await tags.setTags(tx, ctx, 'person', row.id, prepared.tags);
    await refreshPersonSearchKeys(tx, ctx.workspaceId, [row.id]);
  }

  /** Creates a person inside the caller's transaction: lead conversion and imports use this. */
  async function createWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<PersonDetail> {
    requirePermission(ctx, 'records.write');
    const input = parseInput(ZPersonCreate, rawInput);
    const prepared = await prepare(tx, ctx, input);
    const row = await repo.insert(tx, ctx.workspaceId, {
      ownerId: actingUserId(ctx),
      ...prepared.values,
      createdBy: actingUserId(ctx),
    });
    await writeDependents(tx, ctx, row, prepared, true);
    const created = await requireDetail(tx, ctx.workspaceId, row.id);
    await recordAudit(tx, ctx, { action: 'person.created', entityType: 'person', entityId: row.id, after: created });
    return created;
  }

  /** Updates a person inside the caller's transaction (send the version you read; 409 if stale). */
  async function updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<PersonDetail> {
    requirePermission(ctx, 'records.write');
    const { version, ...input } = parseInput(ZPersonPatch, rawInput);
    const before = await requireEditable(tx, ctx.workspaceId, id);
    const beforeDetail = await requireDetail(tx, ctx.workspaceId, id);
    const prepared = await prepare(tx, ctx, input, before);
    const row = await repo.update(tx, ctx.workspaceId, id, version, prepared.values);
    if (!row) throw kernelErrors.version_conflict();
    await writeDependents(tx, ctx, row, prepared, input.emails !== undefined || input.phones !== undefined);
    const after = await requireDetail(tx, ctx.workspaceId, id);
    await recordAudit(tx, ctx, { action: 'person.updated', entityType: 'person', entityId: id, before: beforeDetail, after });
    return after;
  }

  async function withTags(executor: Executor, workspaceId: string, rows: PersonRow[]): Promise<Person[]> {
    const tagsById = await recordTagsRepository.tagsOf(executor, workspaceId, 'person', rows.map((r) => r.id));
    return rows.map((r) => publicPerson(r, tagsById.get(r.id) ?? []));
  }

  /** The rows a bulk request names, all of them in this workspace, or nothing happens. */
  async function requireAll(tx: Executor, workspaceId: string, ids: string[]): Promise<PersonRow[]> {
    const rows = (await repo.findMany(tx, workspaceId, ids)).filter((r) => !r.mergedIntoId);
    if (rows.length === ids.length) return rows;
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.flatMap((id, index) =>
      found.has(id) ? [] : [fieldError(`ids.${index}`, 'person_not_found', 'این شخص در فضای کاری پیدا نشد.', 'No such person in this workspace.')],
    );
    throw peopleErrors.people_not_found({ fieldErrors: missing });
  }

  async function bulkOwner(tx: Tx, ctx: WorkspaceContext, rows: PersonRow[], ownerId: string): Promise<number> {
    const errors: FieldError[] = [];
    await checkOwner(tx, ctx.workspaceId, ownerId, 'ownerId', errors);
    failOnFieldErrors(errors);
    const beforeById = new Map(rows.map((r) => [r.id, r]));
    const updated = await repo.setOwner(tx, ctx.workspaceId, liveIdsOf(rows), ownerId);
    for (const row of updated) {
      const before = beforeById.get(row.id)!;
      await recordAudit(tx, ctx, {
        action: 'person.updated',
        entityType: 'person',
        entityId: row.id,
        before: { ownerId: before.ownerId, version: before.version },
        after: { ownerId: row.ownerId, version: row.version },
      });
    }
    return updated.length;
  }

  async function softDelete(tx: Tx, ctx: WorkspaceContext, ids: string[]): Promise<number> {
    const deleted = await repo.setDeleted(tx, ctx.workspaceId, ids, clock());
    // A deleted person is no longer a duplicate candidate; restore puts the contact points back.
    await recordContactsRepository.removeForMany(tx, ctx.workspaceId, 'person', deleted.map((r) => r.id));
    for (const row of deleted) {
      await recordAudit(tx, ctx, { action: 'person.deleted', entityType: 'person', entityId: row.id, after: { deletedAt: row.deletedAt, version: row.version } });
    }
    return deleted.length;
  }

  async function restoreMany(tx: Tx, ctx: WorkspaceContext, ids: string[]): Promise<number> {
    const restored = await repo.setDeleted(tx, ctx.workspaceId, ids, null);
    for (const row of restored) {
      await contactPointsRepository.replace(tx, ctx.workspaceId, 'person', row.id, contactPointsOf(row.emails, row.phones));
      await recordAudit(tx, ctx, { action: 'person.restored', entityType: 'person', entityId: row.id, after: { deletedAt: null, version: row.version } });
    }
    return restored.length;
  }

  const batch = createPeopleBatch({ tags, clock, present: publicPerson });

  return {
    createWithin,
    /** Many creates in the caller's transaction (imports): see people.batch.ts. */
    createManyWithin: batch.createManyWithin,
    checkManyWithin: batch.checkMany,
    updateWithin,

    /** A page of people, each with their live organisations (primary first). */
    async list(ctx: WorkspaceContext, query: TRecordListQuery): Promise<Page<PersonDetail>> {
      requirePermission(ctx, 'records.read');
      const catalog = await loadPeopleCatalog(db, ctx.workspaceId);
      const criteria = await buildListCriteria(ctx, query, { executor: db, entityType: 'person', catalog, views: deps.views, clock });
      const rows = await withCursorChecked(criteria.cursor, () => repo.list(db, ctx.workspaceId, criteria));
      const page = toSortedPage(rows, query.limit, criteria.sort);
      const items = await withTags(db, ctx.workspaceId, page.items);
      // One query for the whole page: the grid's Company column.
      const organizations = await personOrganizationsRepository.organizationsOfMany(db, ctx.workspaceId, items.map((p) => p.id));
      return { items: items.map((p) => ({ ...p, organizations: organizations.get(p.id) ?? [] })), nextCursor: page.nextCursor };
    },

    /** One person with organisations and tags; deleted people are returned too (deletedAt set), for the trash. */
    async get(ctx: WorkspaceContext, id: string): Promise<PersonDetail> {
      requirePermission(ctx, 'records.read');
      return requireDetail(db, ctx.workspaceId, id);
    },

    create(ctx: WorkspaceContext, input: unknown): Promise<PersonDetail> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => createWithin(tx, ctx, input));
    },

    update(ctx: WorkspaceContext, id: string, input: unknown): Promise<PersonDetail> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => updateWithin(tx, ctx, id, input));
    },

    /** Soft delete: the person goes to the trash and can be restored. Deleting twice changes nothing. */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.delete');
      await mutate(db, ctx, async (tx) => {
        const row = await repo.find(tx, ctx.workspaceId, id);
        if (!row || row.mergedIntoId) throw peopleErrors.person_not_found();
        await softDelete(tx, ctx, [id]);
      });
    },

    async restore(ctx: WorkspaceContext, id: string): Promise<PersonDetail> {
      requirePermission(ctx, 'records.delete');
      return mutate(db, ctx, async (tx) => {
        const row = await repo.find(tx, ctx.workspaceId, id);
        if (!row || row.mergedIntoId) throw peopleErrors.person_not_found();
        await restoreMany(tx, ctx, [id]);
        return requireDetail(tx, ctx.workspaceId, id);
      });
    },

    /** Marks the details as confirmed today (in the workspace's time zone). */
    async verify(ctx: WorkspaceContext, id: string): Promise<PersonDetail> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, async (tx, audit) => {
        const before = await requireEditable(tx, ctx.workspaceId, id);
        const { today } = await workspaceToday(tx, ctx.workspaceId, clock);
        const row = (await repo.setLastVerified(tx, ctx.workspaceId, id, today))!;
        await audit({
          action: 'person.verified',
          entityType: 'person',
          entityId: id,
          before: { lastVerifiedAt: before.lastVerifiedAt, version: before.version },
          after: { lastVerifiedAt: row.lastVerifiedAt, version: row.version },
        });
        return requireDetail(tx, ctx.workspaceId, id);
      });
    },

    /** One action on up to 500 people in one transaction: all named people must exist, or nothing changes. */
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
            return bulkTagRecords(tx, ctx, tags, 'person', liveIdsOf(rows), request.tagIds!, request.action === 'tag');
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
  };
}

/** tag/untag need tagIds and assign_owner needs ownerId. */
export function bulkParameterErrors(request: TBulkRequest): FieldError[] {
  if ((request.action === 'tag' || request.action === 'untag') && !request.tagIds?.length) {
    return [fieldError('tagIds', 'required', 'برای این کار، برچسب‌ها را انتخاب کنید.', 'Choose the tags for this action.')];
  }
  if (request.action === 'assign_owner' && !request.ownerId) {
    return [fieldError('ownerId', 'required', 'مسئول جدید را انتخاب کنید.', 'Choose the new owner.')];
  }
  return [];
}

export type PeopleService = ReturnType<typeof createPeopleService>;
