import { randomUUID } from 'node:crypto';
import { recordAuditMany } from '../../kernel/audit/audit.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { accepted, contactPointsRepository, isRefusal, orRefusal } from '../../kernel/records/index.ts';
import { linkNewPeople } from '../organizations/organizations.links.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { personOrganizationsRepository } from '../organizations/person-organizations.repository.ts';
import { contactPointsOf } from './contact-fields.ts';
import { ZPersonCreate } from './people.contract.ts';
import { peopleRepository, type PersonRow } from './people.repository.ts';
import { actingUserId, preparePerson, type PreparedPerson } from './people.rules.ts';
import { personSearchKey, refreshPersonSearchKeys } from './people.search-key.ts';
import type { PersonDetail } from './people.service.ts';
import { batchLookups } from './record-lookups.ts';
import type { TagsPort } from './record-ports.ts';
import { recordTagsRepository, type TagRef } from './record-tags.repository.ts';
import { parseInput } from './validation.ts';

export type PeopleBatchDeps = {
  tags: TagsPort;
  clock: () => Date;
  /** The service's API shape of a person (publicPerson). */
  present: (row: PersonRow, tags: TagRef[]) => Omit<PersonDetail, 'organizations'>;
};

/**
 * Creating many people at once (imports): each input meets exactly the rules of createWithin
 * (preparePerson), what the rules read is read once for the batch, and the rows, contact points,
 * organisation links, taggings and audit entries go in as multi-row INSERTs. What is written is
 * what createWithin writes for each input, one person.created entry with the whole person each.
 */
export function createPeopleBatch(deps: PeopleBatchDeps) {
  const { tags, clock } = deps;

  /** Every input parsed and checked: its prepared write, or the error createWithin would throw for it. */
  async function prepareAll(tx: Tx, ctx: WorkspaceContext, rawInputs: readonly unknown[]): Promise<Array<PreparedPerson | AppError>> {
    const parsed = await Promise.all(rawInputs.map((raw) => orRefusal(() => parseInput(ZPersonCreate, raw))));
    const lookups = await batchLookups(tx, ctx.workspaceId, 'person', accepted(parsed));
    const prepared: Array<PreparedPerson | AppError> = [];
    for (const input of parsed) prepared.push(isRefusal(input) ? input : await orRefusal(() => preparePerson({ executor: tx, ctx, lookups, now: clock }, input)));
    return prepared;
  }

  /** What createWithin would refuse, per input (undefined: it would be created); writes nothing. */
  async function checkMany(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<Array<AppError | undefined>> {
    requirePermission(ctx, 'records.write');
    return (await prepareAll(tx, ctx, inputs)).map((p) => (isRefusal(p) ? p : undefined));
  }

  /**
   * Creates every input in the caller's transaction, in order, or none: an input the rules refuse
   * throws its error (use checkMany to learn which first). Returns the created people.
   */
  async function createManyWithin(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<PersonDetail[]> {
    requirePermission(ctx, 'records.write');
    const prepared = await prepareAll(tx, ctx, inputs);
    const refused = prepared.find(isRefusal);
    if (refused) throw refused;
    const writes = (prepared as PreparedPerson[]).map((p) => ({ id: randomUUID(), ...p }));
    if (!writes.length) return [];

    // The search key carries the organisations' names: with one organisation it is computed here;
    // with several, refreshPersonSearchKeys orders them as every other write does.
    const organizationIds = [...new Set(writes.flatMap((w) => w.links ?? []).map((l) => l.organizationId))];
    const organizations = new Map((await organizationsRepository.findLive(tx, ctx.workspaceId, organizationIds)).map((o) => [o.id, o]));
    const namesOf = (w: (typeof writes)[number]) => (w.links ?? []).flatMap((l) => {
      const o = organizations.get(l.organizationId);
      return o ? [o.name, ...(o.nameLatin ? [o.nameLatin] : [])] : [];
    });
    const severalOrganizations = writes.filter((w) => (w.links?.length ?? 0) > 1).map((w) => w.id);

    const rows = await peopleRepository.insertMany(
      tx,
      ctx.workspaceId,
      writes.map((w) => {
        const values = { ownerId: actingUserId(ctx), ...w.values, createdBy: actingUserId(ctx) };
        const searchable = { firstName: '', lastName: '', firstNameLatin: null, lastNameLatin: null, emails: [], phones: [], ...values };
        return { id: w.id, ...values, searchKey: (w.links?.length ?? 0) > 1 ? '' : personSearchKey(searchable, namesOf(w)) };
      }),
    );
    await contactPointsRepository.insertForNew(tx, ctx.workspaceId, 'person', rows.map((r) => ({ entityId: r.id, points: contactPointsOf(r.emails, r.phones) })));
    await linkNewPeople(tx, ctx, writes.flatMap((w) => (w.links ?? []).map((l) => ({ personId: w.id, ...l }))));
    await tags.tagNewRecords(tx, ctx, 'person', writes.flatMap((w) => (w.tags ? [{ entityId: w.id, tags: w.tags }] : [])));
    await refreshPersonSearchKeys(tx, ctx.workspaceId, severalOrganizations);

    const ids = rows.map((r) => r.id);
    const tagsById = await recordTagsRepository.tagsOf(tx, ctx.workspaceId, 'person', ids);
    const organizationsById = await personOrganizationsRepository.organizationsOfMany(tx, ctx.workspaceId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const created: PersonDetail[] = writes.map((w) => ({ ...deps.present(byId.get(w.id)!, tagsById.get(w.id) ?? []), organizations: organizationsById.get(w.id) ?? [] }));
    await recordAuditMany(tx, ctx, created.map((person) => ({ action: 'person.created', entityType: 'person', entityId: person.id, after: person })));
    return created;
  }

  return { checkMany, createManyWithin };
}
