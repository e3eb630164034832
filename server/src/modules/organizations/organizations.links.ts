import { recordAudit, recordAuditMany } from '../../kernel/audit/audit.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { personOrganizationsRepository as links, type LinkValues, type PersonOrganizationRow } from './person-organizations.repository.ts';

/*
 * Linking a person to an organisation, from either side (a person's form or an organisation's
 * people tab): one place for the primary-organisation rule and the audit entries. Callers refresh
 * the person's search key afterwards, once, however many links they changed.
 */

const publicLink = (l: PersonOrganizationRow) => ({ personId: l.personId, organizationId: l.organizationId, role: l.role, isPrimary: l.isPrimary });

/** Creates or updates the link; audited as person.organization_linked when anything changed. */
export async function linkPersonToOrganization(tx: Tx, ctx: WorkspaceContext, link: LinkValues): Promise<PersonOrganizationRow> {
  const before = await links.find(tx, ctx.workspaceId, link.personId, link.organizationId);
  if (link.isPrimary) await links.clearOtherPrimaries(tx, ctx.workspaceId, link.personId, link.organizationId);
  const after = await links.upsert(tx, ctx.workspaceId, link);
  if (!before || before.role !== after.role || before.isPrimary !== after.isPrimary) {
    await recordAudit(tx, ctx, {
      action: 'person.organization_linked',
      entityType: 'person',
      entityId: link.personId,
      before: before ? publicLink(before) : undefined,
      after: publicLink(after),
    });
  }
  return after;
}

/**
 * Links people created in the same batch (no links yet, at most one primary each, see
 * prepareLinks): one insert for all, one person.organization_linked entry per link, as
 * linkPersonToOrganization writes for each.
 */
export async function linkNewPeople(tx: Tx, ctx: WorkspaceContext, wanted: LinkValues[]): Promise<void> {
  if (!wanted.length) return;
  const created = await links.insertMany(tx, ctx.workspaceId, wanted);
  await recordAuditMany(
    tx,
    ctx,
    created.map((link) => ({ action: 'person.organization_linked', entityType: 'person', entityId: link.personId, after: publicLink(link) })),
  );
}

/** Removes the link if there is one; audited as person.organization_unlinked. Returns whether it existed. */
export async function unlinkPersonFromOrganization(tx: Tx, ctx: WorkspaceContext, personId: string, organizationId: string): Promise<boolean> {
  const removed = await links.remove(tx, ctx.workspaceId, personId, organizationId);
  if (!removed) return false;
  await recordAudit(tx, ctx, {
    action: 'person.organization_unlinked',
    entityType: 'person',
    entityId: personId,
    before: publicLink(removed),
    after: { personId, organizationId },
  });
  return true;
}

/** Makes a person's links exactly `wanted`: removes the others, adds or updates these. */
export async function replacePersonOrganizations(tx: Tx, ctx: WorkspaceContext, personId: string, wanted: Omit<LinkValues, 'personId'>[]): Promise<void> {
  const wantedIds = new Set(wanted.map((w) => w.organizationId));
  for (const current of await links.linksOf(tx, ctx.workspaceId, personId)) {
    if (!wantedIds.has(current.organizationId)) await unlinkPersonFromOrganization(tx, ctx, personId, current.organizationId);
  }
  for (const link of wanted) await linkPersonToOrganization(tx, ctx, { personId, ...link });
}
