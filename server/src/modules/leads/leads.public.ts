import type { Executor } from '../../kernel/db/database.ts';
import { tagsFor, type TagRef } from '../tags/index.ts';
import type { LeadRow } from './leads.repository.ts';

/** The API shape of a lead (ZLead): no search key, tags resolved, and whether it may still change. */
export function publicLead(l: LeadRow, tags: TagRef[]) {
  return {
    id: l.id,
    firstName: l.firstName,
    lastName: l.lastName,
    email: l.email,
    phone: l.phone,
    companyName: l.companyName,
    jobTitle: l.jobTitle,
    status: l.status,
    source: l.source,
    ownerId: l.ownerId,
    score: l.score,
    scoreReasons: l.scoreReasons,
    notes: l.notes,
    custom: l.custom,
    tags,
    convertedPersonId: l.convertedPersonId,
    convertedOrganizationId: l.convertedOrganizationId,
    convertedDealId: l.convertedDealId,
    convertedAt: l.convertedAt,
    readOnly: l.status === 'converted',
    version: l.version,
    createdBy: l.createdBy,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    deletedAt: l.deletedAt,
  };
}
export type Lead = ReturnType<typeof publicLead>;

/** Rows → API shapes, with the tags of all of them read in one query. */
export async function withTags(executor: Executor, workspaceId: string, rows: LeadRow[]): Promise<Lead[]> {
  const tagsById = await tagsFor(executor, workspaceId, 'lead', rows.map((r) => r.id));
  return rows.map((r) => publicLead(r, tagsById.get(r.id) ?? []));
}

export async function withTagsOne(executor: Executor, workspaceId: string, row: LeadRow): Promise<Lead> {
  const [lead] = await withTags(executor, workspaceId, [row]);
  return lead!;
}

/** The tags a lead carries now. */
export async function tagsOfLead(executor: Executor, workspaceId: string, id: string): Promise<TagRef[]> {
  return (await tagsFor(executor, workspaceId, 'lead', [id])).get(id) ?? [];
}
