import { randomUUID } from 'node:crypto';
import { recordAuditMany } from '../../kernel/audit/audit.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { linkNewPeople } from '../organizations/organizations.links.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { personOrganizationsRepository } from '../organizations/person-organizations.repository.ts';
import { contactPointsOf } from './contact-fields.ts';
import { ZPersonCreate } from './people.contract.ts';
import { peopleRepository, type PersonRow } from './people.repository.ts';
import { actingUserId, preparePerson, type PreparedPerson } from './people.rules.ts';
import { personSearchKey, refreshPersonSearchKeys } from './people.search-key.ts';
import type { PersonDetail } from './people.service.ts';
import { batchCreate } from './record-batch.ts';
import type { TagsPort } from './record-ports.ts';
import { recordTagsRepository, type TagRef } from './record-tags.repository.ts';

export type PeopleBatchDeps = {
  tags: TagsPort;
  clock: () => Date;
  /** The service's API shape of a person (publicPerson). */
  present: (row: PersonRow, tags: TagRef[]) => Omit<PersonDetail, 'organizations'>;
};

/**
 * Creating many people at once (imports): each input meets exactly the rules of createWithin
 * (preparePerson), and the rows, contact points, organisation links, taggings and audit entries
 * go in as multi-row INSERTs. What is written is what createWithin writes for each input: one
 * person.created entry with the whole person each.
 */
export function createPeopleBatch(deps: PeopleBatchDeps) {
  async function write(tx: Tx, ctx: WorkspaceContext, prepared: PreparedPerson[]): Promise<PersonDetail[]> {
    const writes = prepared.map((p) => ({ id: randomUUID(), ...p }));
    // The search key carries the organisations' names: with one organisation it is computed here;
    // with several, refreshPersonSearchKeys orders them as every other write does.
    const organizationIds = [...new Set(writes.flatMap((w) => w.links ?? []).map((l) => l.organizationId))];
    const organizations = new Map((await organizationsRepository.findLive(tx, ctx.workspaceId, organizationIds)).map((o) => [o.id, o]));
    const namesOf = (w: (typeof writes)[number]) =>
      (w.links ?? []).flatMap((l) => {
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
    await deps.tags.tagNewRecords(tx, ctx, 'person', writes.flatMap((w) => (w.tags ? [{ entityId: w.id, tags: w.tags }] : [])));
    await refreshPersonSearchKeys(tx, ctx.workspaceId, severalOrganizations);

    const ids = writes.map((w) => w.id);
    const tagsById = await recordTagsRepository.tagsOf(tx, ctx.workspaceId, 'person', ids);
    const organizationsById = await personOrganizationsRepository.organizationsOfMany(tx, ctx.workspaceId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const created: PersonDetail[] = ids.map((id) => ({ ...deps.present(byId.get(id)!, tagsById.get(id) ?? []), organizations: organizationsById.get(id) ?? [] }));
    await recordAuditMany(tx, ctx, created.map((person) => ({ action: 'person.created', entityType: 'person', entityId: person.id, after: person })));
    return created;
  }

  return batchCreate({
    entityType: 'person',
    contract: ZPersonCreate,
    prepare: (context, input) => preparePerson({ ...context, now: deps.clock }, input),
    write,
  });
}
