import { normalizeIranianPhone } from '#common/identity/index.ts';
import { searchKey, toLatinDigits } from '#common/text/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { subtitleOf, titleOf, type DisplayRow } from './search.display.ts';
import { searchRepository as repo } from './search.repository.ts';
import { trigramSimilarity } from './search.trigram.ts';
import type { DuplicateCandidate, DuplicateProbe, DuplicateReason, DuplicateReasonCode, SearchEntity } from './search.types.ts';

/** Names at least this similar (pg_trgm similarity of their search keys) count as "very similar". */
export const SIMILAR_NAME_THRESHOLD = 0.8;

const REASON_WEIGHT: Record<DuplicateReasonCode, number> = {
  same_email: 1,
  same_phone: 1,
  same_name_same_organization: 0.9,
  same_name: 0.85,
  similar_name_same_organization: 0.8,
  similar_name: 0.75,
};

/** The form contact_points stores: trimmed, lower-cased emails; E.164 phones (invalid ones are skipped). */
export function normaliseEmail(email: string): string {
  return toLatinDigits(email).trim().toLowerCase();
}

const keysOf = (names: Array<string | null | undefined>) => [...new Set(names.filter((n): n is string => !!n).map(searchKey).filter(Boolean))];

const joined = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' ');

/** Exact equality of any pair of keys, else the best trigram similarity ≥ the threshold. */
function compareNames(probeKeys: string[], recordKeys: string[]): { same: boolean; similarity: number } {
  let best = 0;
  for (const a of probeKeys) {
    for (const b of recordKeys) {
      if (a === b) return { same: true, similarity: 1 };
      best = Math.max(best, trigramSimilarity(a, b));
    }
  }
  return { same: false, similarity: best };
}

/**
 * Records of `entityType` in the workspace that may be the same as `probe`, with the reasons:
 * same normalised email, same phone (E.164), same normalised full name at the same organisation
 * (people: a linked organisation with that name or id; leads: the same company name), or a very
 * similar name (trigram similarity ≥ 0.8) at the same organisation. For organisations: the same
 * or a very similar name. Deleted and merged records never count; `exceptId` (the record itself)
 * is left out.
 *
 * No permission check: it is a building block for services (people/leads/organisations create,
 * the import job) that have checked theirs. Pass the open transaction as `db` when there is one.
 */
export async function findDuplicates(
  db: Executor,
  workspaceId: string,
  entityType: SearchEntity,
  probe: DuplicateProbe,
  exceptId?: string,
): Promise<DuplicateCandidate[]> {
  const found = new Map<string, { reasons: DuplicateReason[]; row?: DisplayRow }>();
  const add = (id: string, reason: DuplicateReason, row?: DisplayRow) => {
    const entry = found.get(id) ?? { reasons: [] };
    if (!entry.reasons.some((r) => r.code === reason.code && r.value === reason.value)) entry.reasons.push(reason);
    entry.row ??= row;
    found.set(id, entry);
  };

  const emails = [...new Set((probe.emails ?? []).map(normaliseEmail).filter(Boolean))];
  const phones = [...new Set((probe.phones ?? []).map((p) => normalizeIranianPhone(p)).filter((p): p is string => !!p))];
  const points = [...emails.map((value) => ({ kind: 'email' as const, value })), ...phones.map((value) => ({ kind: 'phone' as const, value }))];
  for (const match of await repo.contactMatches(db, workspaceId, entityType, points, exceptId)) {
    add(match.id, { code: match.kind === 'email' ? 'same_email' : 'same_phone', value: match.value });
  }

  const nameKeys = keysOf(probe.names);
  const organizationKey = probe.organizationName ? searchKey(probe.organizationName) : '';

  if (entityType === 'person' && nameKeys.length) {
    const organizationIds = new Set(probe.organizationIds ?? []);
    if (organizationKey) {
      for (const org of await repo.organizationsNamed(db, workspaceId, organizationKey, { fuzzy: false })) {
        if (keysOf([org.name, org.name_latin]).includes(organizationKey)) organizationIds.add(org.id);
      }
    }
    for (const person of await repo.peopleOfOrganizations(db, workspaceId, [...organizationIds], exceptId)) {
      const { same, similarity } = compareNames(nameKeys, keysOf([joined(person.first_name, person.last_name), joined(person.first_name_latin, person.last_name_latin)]));
      if (same) add(person.id, { code: 'same_name_same_organization', value: person.company });
      else if (similarity >= SIMILAR_NAME_THRESHOLD) add(person.id, { code: 'similar_name_same_organization', value: person.company, similarity: round(similarity) });
    }
  }

  if (entityType === 'lead' && nameKeys.length && organizationKey) {
    for (const lead of await repo.leadsLike(db, workspaceId, { companyKey: organizationKey, nameKeys }, exceptId)) {
      if (!lead.company_name || searchKey(lead.company_name) !== organizationKey) continue;
      const { same, similarity } = compareNames(nameKeys, keysOf([joined(lead.first_name, lead.last_name)]));
      if (same) add(lead.id, { code: 'same_name_same_organization', value: lead.company_name }, lead);
      else if (similarity >= SIMILAR_NAME_THRESHOLD) add(lead.id, { code: 'similar_name_same_organization', value: lead.company_name, similarity: round(similarity) }, lead);
    }
  }

  if (entityType === 'organization') {
    for (const nameKey of nameKeys) {
      for (const org of await repo.organizationsNamed(db, workspaceId, nameKey, { fuzzy: true, exceptId })) {
        const { same, similarity } = compareNames([nameKey], keysOf([org.name, org.name_latin]));
        if (same) add(org.id, { code: 'same_name', value: org.name }, org);
        else if (similarity >= SIMILAR_NAME_THRESHOLD) add(org.id, { code: 'similar_name', value: org.name, similarity: round(similarity) }, org);
      }
    }
  }

  if (!found.size) return [];
  const rows = new Map((await repo.describe(db, workspaceId, entityType, [...found.keys()])).map((r) => [r.id as string, r]));
  const candidates: DuplicateCandidate[] = [];
  for (const [id, entry] of found) {
    const row = rows.get(id) ?? entry.row;
    if (!row) continue;
    const strongestFirst = entry.reasons.sort((a, b) => REASON_WEIGHT[b.code] - REASON_WEIGHT[a.code]);
    candidates.push({
      entityType,
      id,
      title: titleOf(entityType, row),
      subtitle: subtitleOf(entityType, row),
      score: Math.max(...strongestFirst.map((r) => REASON_WEIGHT[r.code])),
      reasons: strongestFirst,
    });
  }
  return candidates.sort((a, b) => b.score - a.score || b.reasons.length - a.reasons.length || a.title.localeCompare(b.title, 'fa'));
}

const round = (n: number) => Math.round(n * 1000) / 1000;
