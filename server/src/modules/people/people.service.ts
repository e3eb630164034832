import { recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { Page } from '../../kernel/http/pagination.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { replacePersonOrganizations } from '../organizations/organizations.links.ts';
import { personOrganizationsRepository } from '../organizations/person-organizations.repository.ts';
import { contactPointsOf, publicEmails, publicPhones } from './contact-fields.ts';
import { loadPeopleCatalog } from './people.catalog.ts';
import { ZPersonCreate, ZPersonPatch, type TPersonCreate, type TRecordListQuery } from './people.contract.ts';
import { peopleErrors } from './people.errors.ts';
import { peopleRepository as repo, type PersonRow } from './people.repository.ts';
import { actingUserId, preparePerson, type PreparedPerson } from './people.rules.ts';
import { refreshPersonSearchKeys } from './people.search-key.ts';
import { buildListCriteria } from './record-list.ts';
import { createRecordOperations } from './record-operations.ts';
import { createPeopleBatch } from './people.batch.ts';
import { directLookups } from './record-lookups.ts';
import type { TagsPort, ViewsPort } from './record-ports.ts';
import { toSortedPage, withCursorChecked } from './record-query.ts';
import { recordTagsRepository, type TagRef } from './record-tags.repository.ts';
import { parseInput } from './validation.ts';

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

  const { requireEditable, ...operations } = createRecordOperations({
    db,
    entityType: 'person',
    repo,
    tags,
    clock,
    notFound: peopleErrors.person_not_found,
    deleted: peopleErrors.person_deleted,
    missing: { code: 'person_not_found', fa: 'این شخص در فضای کاری پیدا نشد.', en: 'No such person in this workspace.', error: peopleErrors.people_not_found },
    requireDetail,
    createWithin,
    updateWithin,
  });

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

    /** create, update, remove (soft delete), restore, verify and bulk: see record-operations.ts. */
    ...operations,
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
