import type { AppDb } from '../../kernel/db/database.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { matchedOnOf, subtitleOf, titleOf } from './search.display.ts';
import { findDuplicates } from './search.duplicates.ts';
import { searchErrors } from './search.errors.ts';
import { defaultSearchKeys, type SearchKeys } from './search.keys.ts';
import { mergeRecords, type MergeInput, type MergeResult, type OrganizationMergeField, type PersonMergeField } from './search.merge.ts';
import { parseSearchQuery, type ParsedQuery } from './search.query.ts';
import { searchRepository as repo, type SearchStage } from './search.repository.ts';
import { SEARCH_ENTITIES, type DuplicateCandidate, type DuplicateProbe, type SearchEntity, type SearchResult } from './search.types.ts';

export type SearchInput = { q: string; types?: SearchEntity[]; limit: number };

export type DuplicateCheckInput = {
  entityType: SearchEntity;
  firstName?: string;
  lastName?: string;
  firstNameLatin?: string;
  lastNameLatin?: string;
  /** Organisations: the name. */
  name?: string;
  nameLatin?: string;
  emails?: string[];
  phones?: string[];
  organizationName?: string;
};

const joined = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' ');
const round = (n: number) => Math.round(n * 1000) / 1000;

const COMPANY_MATCH_SCORE = 0.6;

/**
 * Candidates scored per type and stage: enough to rank well, few enough that a common name costs
 * little. Substring candidates are cheap to score (a few LIKEs); typo candidates cost a trigram
 * comparison each, and past a few dozen they are all about equally (dis)similar anyway.
 */
const textPool = (limit: number) => Math.max(500, limit * 10);
const fuzzyPool = (limit: number) => Math.max(100, limit * 5);

/** Stages in order, with the best score each can give (see SearchStage). */
const STAGES: ReadonlyArray<{ stage: SearchStage; ceiling: number }> = [
  { stage: 'contact', ceiling: 1 },
  { stage: 'text', ceiling: 0.95 },
  { stage: 'fuzzy', ceiling: 0.65 },
];

export type SearchServiceDeps = {
  db: AppDb;
  /** How a merge rebuilds search keys; defaults to the people and organisations modules' own rules. */
  searchKeys?: Partial<SearchKeys>;
};

export function createSearchService(deps: SearchServiceDeps) {
  const { db } = deps;
  const searchKeys: SearchKeys = { ...defaultSearchKeys, ...deps.searchKeys };

  /** One entity type, stage by stage, until `limit` results make later (lower-scoring) stages pointless. */
  async function searchType(ctx: WorkspaceContext, type: SearchEntity, query: ParsedQuery, limit: number) {
    const found = new Map<string, SearchResult>();
    for (const { stage, ceiling } of STAGES) {
      // Enough results that nothing this stage (or a later one) finds could rank above them.
      if ([...found.values()].filter((r) => r.score >= ceiling).length >= limit) break;
      // A whole email or phone that exists is the answer; substrings of it would only add noise.
      if (stage !== 'contact' && (query.email || query.phone) && found.size > 0) break;
      const options = { pool: stage === 'fuzzy' ? fuzzyPool(limit) : textPool(limit), limit };
      const fuzzy = query.fuzzy;
      const rows =
        stage === 'fuzzy' && fuzzy
          ? await db.transaction(async (tx) => {
              await repo.setWordSimilarityThreshold(tx, fuzzy.threshold);
              return repo.search(tx, ctx.workspaceId, type, query, stage, options);
            })
          : await repo.search(db, ctx.workspaceId, type, query, stage, options);
      for (const row of rows) {
        const matchedOn = matchedOnOf(type, row, query);
        // A person or lead found through its company ranks below the organisation itself.
        const score = round(matchedOn === 'company' ? Math.min(Number(row.score), COMPANY_MATCH_SCORE) : Number(row.score));
        const previous = found.get(row.id);
        if (!previous || previous.score < score) {
          found.set(row.id, { type, id: row.id, title: titleOf(type, row), subtitle: subtitleOf(type, row), score, matchedOn });
        }
      }
    }
    return [...found.values()];
  }

  return {
    /**
     * Global search over people, organisations and leads by name (Persian or Latin, typos
     * tolerated), email, phone (any format or digit set) or company; best matches first.
     */
    async search(ctx: WorkspaceContext, input: SearchInput): Promise<SearchResult[]> {
      requirePermission(ctx, 'records.read');
      const query = parseSearchQuery(input.q);
      if (!query.key && !query.phone && !query.email) return [];
      const types = input.types?.length ? SEARCH_ENTITIES.filter((t) => input.types!.includes(t)) : SEARCH_ENTITIES;
      const results: SearchResult[] = [];
      for (const type of types) results.push(...(await searchType(ctx, type, query, input.limit)));
      const order = (r: SearchResult) => SEARCH_ENTITIES.indexOf(r.type);
      return results.sort((a, b) => b.score - a.score || order(a) - order(b) || a.title.localeCompare(b.title, 'fa')).slice(0, input.limit);
    },

    /** Possible duplicates of an existing record. */
    async duplicatesOf(ctx: WorkspaceContext, entityType: SearchEntity, id: string): Promise<DuplicateCandidate[]> {
      requirePermission(ctx, 'records.read');
      const ws = ctx.workspaceId;
      let probe: DuplicateProbe;
      if (entityType === 'person') {
        const person = await repo.findPerson(db, ws, id);
        if (!person) throw searchErrors.record_not_found();
        const organizations = await repo.organizationsOfPerson(db, ws, id);
        probe = {
          names: [joined(person.firstName, person.lastName), joined(person.firstNameLatin, person.lastNameLatin)],
          emails: person.emails.map((e) => e.value),
          phones: person.phones.map((p) => p.value || p.raw || ''),
          organizationIds: organizations.map((o) => o.id),
        };
      } else if (entityType === 'organization') {
        const organization = await repo.findOrganization(db, ws, id);
        if (!organization) throw searchErrors.record_not_found();
        probe = {
          names: [organization.name, organization.nameLatin ?? ''],
          emails: organization.emails.map((e) => e.value),
          phones: organization.phones.map((p) => p.value || p.raw || ''),
        };
      } else {
        const lead = await repo.findLead(db, ws, id);
        if (!lead) throw searchErrors.record_not_found();
        probe = {
          names: [joined(lead.firstName, lead.lastName)],
          emails: lead.email ? [lead.email] : [],
          phones: lead.phone ? [lead.phone] : [],
          organizationName: lead.companyName,
        };
      }
      return findDuplicates(db, ws, entityType, probe, id);
    },

    /** "This person may already exist": duplicates of a record about to be created. */
    async checkDuplicates(ctx: WorkspaceContext, input: DuplicateCheckInput): Promise<DuplicateCandidate[]> {
      requirePermission(ctx, 'records.read');
      const names =
        input.entityType === 'organization'
          ? [input.name ?? '', input.nameLatin ?? '']
          : [joined(input.firstName, input.lastName), joined(input.firstNameLatin, input.lastNameLatin)];
      return findDuplicates(db, ctx.workspaceId, input.entityType, {
        names: names.filter(Boolean),
        emails: input.emails,
        phones: input.phones,
        organizationName: input.organizationName,
      });
    },

    mergePeople(ctx: WorkspaceContext, survivorId: string, input: MergeInput<PersonMergeField>): Promise<MergeResult> {
      return mergeRecords(db, ctx, 'person', survivorId, input, searchKeys);
    },

    mergeOrganizations(ctx: WorkspaceContext, survivorId: string, input: MergeInput<OrganizationMergeField>): Promise<MergeResult> {
      return mergeRecords(db, ctx, 'organization', survivorId, input, searchKeys);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
