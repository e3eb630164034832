import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { contactPoints, people } from '../people/people.schema.ts';
import { taggings } from '../tags/tags.schema.ts';
import { escapeLike, MIN_CONTAINS_LENGTH, type ParsedQuery } from './search.query.ts';
import type { SearchEntity } from './search.types.ts';

/*
 * The one place that reads across people, organisations, leads and contact points (search,
 * duplicates) and moves their relations (merge). Every statement takes the workspace id.
 *
 * Index use: every match condition on `search_key` is a LIKE with a constant pattern or the
 * pg_trgm `<%` operator with the query on the left and the bare column on the right, so the
 * planner can answer it from the `*_search_trgm_idx` GIN indexes (search.service.test.ts checks
 * the plans). Nothing is computed on the column side in a WHERE clause.
 */

const TABLE: Record<SearchEntity, { name: string; hasMerge: boolean }> = {
  person: { name: 'people', hasMerge: true },
  organization: { name: 'organizations', hasMerge: true },
  lead: { name: 'leads', hasMerge: false },
};

function alive(entity: SearchEntity, alias: string): SQL {
  return sql.raw(`${alias}.deleted_at IS NULL${TABLE[entity].hasMerge ? ` AND ${alias}.merged_into_id IS NULL` : ''}`);
}

function orAll(parts: SQL[]): SQL {
  return sql`(${sql.join(parts, sql` OR `)})`;
}

function andAll(parts: SQL[]): SQL {
  return sql`(${sql.join(parts, sql` AND `)})`;
}

/** The key equals one whole '|'-separated part of the record's key. */
function exactCondition(column: SQL, key: string): SQL {
  const k = escapeLike(key);
  return orAll([sql`${column} = ${key}`, sql`${column} LIKE ${`${k}|%`}`, sql`${column} LIKE ${`%|${k}`}`, sql`${column} LIKE ${`%|${k}|%`}`]);
}

/** One part of the record's key starts with the query. */
function prefixCondition(column: SQL, key: string): SQL {
  const k = escapeLike(key);
  return orAll([sql`${column} LIKE ${`${k}%`}`, sql`${column} LIKE ${`%|${k}%`}`]);
}

/** The whole query, or every word of it, appears anywhere in the key. Null when too short for the index. */
function containsCondition(column: SQL, query: ParsedQuery): SQL | null {
  const parts: SQL[] = [];
  if ([...query.key].length >= MIN_CONTAINS_LENGTH) parts.push(sql`${column} LIKE ${`%${escapeLike(query.key)}%`}`);
  if (query.tokens.length > 1 && query.tokens.some((t) => [...t].length >= MIN_CONTAINS_LENGTH)) {
    parts.push(andAll(query.tokens.map((t) => sql`${column} LIKE ${`%${escapeLike(t)}%`}`)));
  }
  return parts.length ? orAll(parts) : null;
}

/**
 * The one index condition that collects the substring pool. Every word of the query being in the
 * key is implied by the whole (spaceless) query being in it, so a multi-word query needs only the
 * words' condition: one GIN scan instead of a BitmapOr of two.
 */
function poolCondition(column: SQL, query: ParsedQuery): SQL | null {
  if (query.tokens.length > 1 && query.tokens.some((t) => [...t].length >= MIN_CONTAINS_LENGTH)) {
    return andAll(query.tokens.map((t) => sql`${column} LIKE ${`%${escapeLike(t)}%`}`));
  }
  return [...query.key].length >= MIN_CONTAINS_LENGTH ? sql`${column} LIKE ${`%${escapeLike(query.key)}%`}` : null;
}

const fuzzyTokens = (query: ParsedQuery) => query.tokens.filter((t) => [...t].length >= MIN_CONTAINS_LENGTH);

/** Typo-tolerant: pg_trgm word similarity of the query (or of each of its words) above the threshold. */
function fuzzyCondition(column: SQL, query: ParsedQuery): SQL {
  const tokens = fuzzyTokens(query);
  const whole = sql`${query.key}::text <% ${column}`;
  if (tokens.length < 2) return whole;
  return orAll([whole, andAll(tokens.map((t) => sql`${t}::text <% ${column}`))]);
}

function fuzzyScore(column: SQL, query: ParsedQuery): SQL {
  const tokens = fuzzyTokens(query);
  const whole = sql`word_similarity(${query.key}::text, ${column})`;
  if (tokens.length < 2) return whole;
  return sql`GREATEST(${whole}, LEAST(${sql.join(
    tokens.map((t) => sql`word_similarity(${t}::text, ${column})`),
    sql`, `,
  )}))`;
}

const DISPLAY: Record<SearchEntity, (workspaceId: string) => SQL> = {
  // Every organisation of the person (primary first), in both scripts: the first is shown, any may have matched.
  person: (workspaceId) => sql`t.first_name, t.last_name, t.first_name_latin, t.last_name_latin, t.emails, t.phones,
    (SELECT json_agg(json_build_array(o.name, o.name_latin) ORDER BY po.is_primary DESC, po.created_at)
      FROM person_organizations po JOIN organizations o ON o.id = po.organization_id
      WHERE po.workspace_id = ${workspaceId} AND po.person_id = t.id AND o.deleted_at IS NULL) AS companies`,
  organization: () => sql`t.name, t.name_latin, t.emails, t.phones, t.website, t.industry`,
  lead: () => sql`t.first_name, t.last_name, t.email, t.phone, t.company_name`,
};

export type SearchRow = Record<string, any> & { id: string; score: number; via_contact: boolean; via_company: boolean };

/**
 * Search runs in stages of decreasing score ceiling; the service stops as soon as one type has
 * `limit` results, because nothing a later stage finds could outrank them:
 * - 'contact' (1.0): the query is a whole email or phone, looked up exactly in contact_points.
 * - 'text' (0.95 whole part, 0.85 part prefix, 0.7 substring): ONE trigram-index scan collects a
 *   pool of substring matches (capped: LIMIT without ORDER BY stops early, so a very common name
 *   costs no more than a rare one), which is then scored and ranked. Keys shorter than three
 *   letters have no trigram to search, so they match whole parts and part prefixes only.
 * - 'fuzzy' (≤ 0.65): typo-tolerant `<%` matches, and people whose organisation matches (0.5).
 */
export type SearchStage = 'contact' | 'text' | 'fuzzy';

export function buildSearchSql(
  workspaceId: string,
  entity: SearchEntity,
  query: ParsedQuery,
  stage: SearchStage,
  options: { pool: number; limit: number },
): SQL | null {
  const table = sql.raw(TABLE[entity].name);
  const column = sql.raw('t.search_key');
  const { pool } = options;
  const branch = (via: string, condition: SQL) =>
    sql`(SELECT t.id, ${via}::text AS via FROM ${table} t WHERE t.workspace_id = ${workspaceId} AND ${alive(entity, 't')} AND ${condition} LIMIT ${pool})`;

  const branches: SQL[] = [];
  const contains = query.key ? containsCondition(column, query) : null;
  if (stage === 'contact') {
    const contact = query.phone ? { kind: 'phone', value: query.phone } : query.email ? { kind: 'email', value: query.email } : null;
    if (contact) {
      branches.push(
        sql`(SELECT cp.entity_id AS id, 'contact'::text AS via FROM contact_points cp
          WHERE cp.workspace_id = ${workspaceId} AND cp.kind = ${contact.kind} AND cp.value = ${contact.value} AND cp.entity_type = ${entity} LIMIT ${pool})`,
      );
    }
  } else if (stage === 'text') {
    const poolMatch = query.key ? poolCondition(column, query) : null;
    if (poolMatch) branches.push(branch('text', poolMatch));
    else if (query.kind !== 'digits' && query.key) branches.push(branch('text', orAll([exactCondition(column, query.key), prefixCondition(column, query.key)])));
  } else {
    if (query.fuzzy) branches.push(branch('fuzzy', fuzzyCondition(column, query)));
    if (entity === 'person' && query.kind === 'text' && query.key) {
      // People whose organisation matches: «پیوند» finds the people of «شرکت پیوند».
      const orgColumn = sql.raw('o.search_key');
      const orgMatch = containsCondition(orgColumn, query) ?? prefixCondition(orgColumn, query.key);
      branches.push(
        sql`(SELECT po.person_id AS id, 'company'::text AS via FROM organizations o
          JOIN person_organizations po ON po.organization_id = o.id AND po.workspace_id = ${workspaceId}
          WHERE o.workspace_id = ${workspaceId} AND ${alive('organization', 'o')} AND ${orgMatch} LIMIT ${pool})`,
      );
    }
  }
  if (!branches.length) return null;

  const textScore =
    query.kind === 'digits'
      ? sql`CASE WHEN ${contains ?? sql`false`} THEN 0.7 ELSE 0 END`
      : sql`CASE WHEN ${exactCondition(column, query.key)} THEN 0.95 WHEN ${prefixCondition(column, query.key)} THEN 0.85
          WHEN ${contains ?? sql`false`} THEN 0.7 ELSE 0 END`;
  // Trigram functions cost ~0.05 ms a row on a long key: only the fuzzy stage (≤ 100 rows) pays
  // for them. In the other stages every row already scores ≥ 0.7, above any typo match, and ties
  // go to the shorter key, where the match is the larger share of the record.
  const fuzzy = stage === 'fuzzy' && query.fuzzy ? sql`0.65 * ${fuzzyScore(column, query)}` : sql`0`;
  const tieBreak = stage === 'fuzzy' && query.key ? sql`similarity(${query.key}::text, t.search_key) DESC,` : sql`length(t.search_key),`;

  // The pool is materialised so the index is read once, whatever the scoring does with it.
  return sql`WITH hits AS MATERIALIZED (${sql.join(branches, sql` UNION ALL `)})
    SELECT t.id, ${DISPLAY[entity](workspaceId)}, h.via_contact, h.via_company,
      GREATEST(CASE WHEN h.via_contact THEN 1 ELSE 0 END, ${textScore}, ${fuzzy}, CASE WHEN h.via_company THEN 0.5 ELSE 0 END)::float8 AS score
    FROM (
      SELECT id, bool_or(via = 'contact') AS via_contact, bool_or(via = 'company') AS via_company FROM hits GROUP BY id
    ) h
    JOIN ${table} t ON t.id = h.id AND t.workspace_id = ${workspaceId} AND ${alive(entity, 't')}
    ORDER BY score DESC, ${tieBreak} t.id
    LIMIT ${options.limit}`;
}

const rowsOf = (result: unknown): any[] => (result as { rows: any[] }).rows;

export type PersonRow = typeof people.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;
export type LeadRow = typeof leads.$inferSelect;

export const searchRepository = {
  async search(db: Executor, workspaceId: string, entity: SearchEntity, query: ParsedQuery, stage: SearchStage, options: { pool: number; limit: number }) {
    const statement = buildSearchSql(workspaceId, entity, query, stage, options);
    if (!statement) return [] as SearchRow[];
    return rowsOf(await db.execute(statement)) as SearchRow[];
  },

  /**
   * pg_trgm's word-similarity threshold for the `<%` operator, for the current transaction only
   * (set_config(..., true)): a pooled connection never carries it over to another request.
   *
   * The same transaction also turns sequential scans off. The fuzzy stage reads a capped pool
   * (LIMIT without ORDER BY), and when the sampled statistics overestimate how many records a
   * query resembles (one ANALYZE sample guesses 100 people of a million, the next 10,000), the
   * planner prefers a sequential scan that stops after `pool` matches. But it computes
   * word_similarity for every row it passes: with 1M people «setareh.hosseini.130» took 2.2 s
   * that way instead of 0.1 s from the trigram index (docs/performance.md). Off, the indexes are
   * always used.
   */
  async setWordSimilarityThreshold(tx: Executor, threshold: number) {
    await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true), set_config('enable_seqscan', 'off', true)`);
  },

  // ---- duplicates --------------------------------------------------------------------------

  /** Live records of one type that own one of these normalised emails/phones. */
  async contactMatches(db: Executor, workspaceId: string, entity: SearchEntity, points: { kind: 'email' | 'phone'; value: string }[], exceptId?: string) {
    if (!points.length) return [];
    const table = sql.raw(TABLE[entity].name);
    const byKind = (['email', 'phone'] as const)
      .map((kind) => ({ kind, values: [...new Set(points.filter((p) => p.kind === kind).map((p) => p.value))] }))
      .filter((g) => g.values.length)
      .map((g) => sql`(cp.kind = ${g.kind} AND cp.value IN (${sql.join(g.values.map((v) => sql`${v}`), sql`, `)}))`);
    const rows = rowsOf(
      await db.execute(sql`SELECT cp.entity_id AS id, cp.kind, cp.value FROM contact_points cp
        JOIN ${table} t ON t.id = cp.entity_id AND t.workspace_id = ${workspaceId} AND ${alive(entity, 't')}
        WHERE cp.workspace_id = ${workspaceId} AND cp.entity_type = ${entity} AND ${orAll(byKind)}
          ${exceptId ? sql`AND cp.entity_id <> ${exceptId}` : sql``}
        LIMIT 200`),
    ) as { id: string; kind: 'email' | 'phone'; value: string }[];
    return rows.filter((r) => points.some((p) => p.kind === r.kind && p.value === r.value));
  },

  /** Organisations whose key contains this name key (exactness is checked by the caller). */
  async organizationsNamed(db: Executor, workspaceId: string, nameKey: string, options: { fuzzy: boolean; exceptId?: string; cap?: number }) {
    const column = sql.raw('t.search_key');
    const long = [...nameKey].length >= MIN_CONTAINS_LENGTH;
    const conditions = [long ? sql`${column} LIKE ${`%${escapeLike(nameKey)}%`}` : exactCondition(column, nameKey)];
    // Default word-similarity threshold (0.6): anything with similarity ≥ 0.8 to a whole part passes it.
    if (options.fuzzy && long) conditions.push(sql`${nameKey}::text <% ${column}`);
    return rowsOf(
      await db.execute(sql`SELECT t.id, t.name, t.name_latin, t.emails, t.phones, t.website FROM organizations t
        WHERE t.workspace_id = ${workspaceId} AND ${alive('organization', 't')} AND ${orAll(conditions)}
          ${options.exceptId ? sql`AND t.id <> ${options.exceptId}` : sql``}
        LIMIT ${options.cap ?? 200}`),
    ) as { id: string; name: string; name_latin: string | null; emails: { value: string }[]; phones: { value: string }[]; website: string | null }[];
  },

  /** People linked to any of these organisations (bounded: enough for a duplicate hint). */
  async peopleOfOrganizations(db: Executor, workspaceId: string, organizationIds: string[], exceptId?: string, cap = 5000) {
    if (!organizationIds.length) return [];
    return rowsOf(
      await db.execute(sql`SELECT DISTINCT ON (t.id) t.id, t.first_name, t.last_name, t.first_name_latin, t.last_name_latin, t.emails, t.phones,
          o.name AS company, po.organization_id
        FROM person_organizations po
        JOIN people t ON t.id = po.person_id AND t.workspace_id = ${workspaceId} AND ${alive('person', 't')}
        JOIN organizations o ON o.id = po.organization_id
        WHERE po.workspace_id = ${workspaceId} AND po.organization_id IN (${sql.join(
          organizationIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          ${exceptId ? sql`AND t.id <> ${exceptId}` : sql``}
        ORDER BY t.id LIMIT ${cap}`),
    ) as {
      id: string;
      first_name: string;
      last_name: string;
      first_name_latin: string | null;
      last_name_latin: string | null;
      emails: { value: string }[];
      phones: { value: string }[];
      company: string;
    }[];
  },

  /** Leads whose key holds this company key or looks like this name (exactness checked by the caller). */
  async leadsLike(db: Executor, workspaceId: string, probe: { companyKey: string; nameKeys: string[] }, exceptId?: string, cap = 500) {
    const column = sql.raw('t.search_key');
    const conditions: SQL[] = [];
    if ([...probe.companyKey].length >= MIN_CONTAINS_LENGTH) conditions.push(sql`${column} LIKE ${`%${escapeLike(probe.companyKey)}%`}`);
    for (const nameKey of probe.nameKeys) if ([...nameKey].length >= MIN_CONTAINS_LENGTH) conditions.push(sql`${nameKey}::text <% ${column}`);
    if (!conditions.length) return [];
    return rowsOf(
      await db.execute(sql`SELECT t.id, t.first_name, t.last_name, t.email, t.phone, t.company_name FROM leads t
        WHERE t.workspace_id = ${workspaceId} AND ${alive('lead', 't')} AND ${orAll(conditions)}
          ${exceptId ? sql`AND t.id <> ${exceptId}` : sql``}
        LIMIT ${cap}`),
    ) as { id: string; first_name: string; last_name: string; email: string | null; phone: string | null; company_name: string | null }[];
  },

  /** Display fields of records found by contact point. */
  async describe(db: Executor, workspaceId: string, entity: SearchEntity, ids: string[]) {
    if (!ids.length) return [];
    const table = sql.raw(TABLE[entity].name);
    return rowsOf(
      await db.execute(sql`SELECT t.id, ${DISPLAY[entity](workspaceId)} FROM ${table} t
        WHERE t.workspace_id = ${workspaceId} AND t.id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`),
    ) as Record<string, any>[];
  },

  async findPerson(db: Executor, workspaceId: string, id: string): Promise<PersonRow | undefined> {
    const [row] = await db
      .select()
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, id), isNull(people.deletedAt), isNull(people.mergedIntoId)));
    return row;
  },

  async findOrganization(db: Executor, workspaceId: string, id: string): Promise<OrganizationRow | undefined> {
    const [row] = await db
      .select()
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), eq(organizations.id, id), isNull(organizations.deletedAt), isNull(organizations.mergedIntoId)));
    return row;
  },

  async findLead(db: Executor, workspaceId: string, id: string): Promise<LeadRow | undefined> {
    const [row] = await db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id), isNull(leads.deletedAt)));
    return row;
  },

  /** Organisations a person is linked to, primary first. */
  async organizationsOfPerson(db: Executor, workspaceId: string, personId: string) {
    return db
      .select({ id: organizations.id, name: organizations.name, nameLatin: organizations.nameLatin })
      .from(personOrganizations)
      .innerJoin(organizations, eq(organizations.id, personOrganizations.organizationId))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.personId, personId), isNull(organizations.deletedAt)))
      .orderBy(sql`${personOrganizations.isPrimary} DESC`, personOrganizations.createdAt);
  },

  // ---- merge -------------------------------------------------------------------------------

  /** Both live people of the workspace, locked until the transaction ends. */
  lockPeople(tx: Executor, workspaceId: string, ids: string[]) {
    return tx
      .select()
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, ids), isNull(people.deletedAt), isNull(people.mergedIntoId)))
      .orderBy(people.id)
      .for('update');
  },

  lockOrganizations(tx: Executor, workspaceId: string, ids: string[]) {
    return tx
      .select()
      .from(organizations)
      .where(
        and(eq(organizations.workspaceId, workspaceId), inArray(organizations.id, ids), isNull(organizations.deletedAt), isNull(organizations.mergedIntoId)),
      )
      .orderBy(organizations.id)
      .for('update');
  },

  async updatePerson(tx: Executor, workspaceId: string, id: string, values: Partial<typeof people.$inferInsert>) {
    const [row] = await tx
      .update(people)
      .set({ ...values, version: sql`${people.version} + 1`, updatedAt: new Date() })
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)))
      .returning();
    return row!;
  },

  async updateOrganization(tx: Executor, workspaceId: string, id: string, values: Partial<typeof organizations.$inferInsert>) {
    const [row] = await tx
      .update(organizations)
      .set({ ...values, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(organizations.workspaceId, workspaceId), eq(organizations.id, id)))
      .returning();
    return row!;
  },

  /** Earlier merges into the merged record now point at the survivor, so links to them still resolve. */
  async repointMerged(tx: Executor, workspaceId: string, entity: 'person' | 'organization', fromId: string, toId: string): Promise<string[]> {
    const table = entity === 'person' ? people : organizations;
    const rows = await tx
      .update(table)
      .set({ mergedIntoId: toId })
      .where(and(eq(table.workspaceId, workspaceId), eq(table.mergedIntoId, fromId)))
      .returning({ id: table.id });
    return rows.map((r) => r.id);
  },

  /**
   * Moves the merged person's organisation links to the survivor, except links the survivor
   * already has (those are dropped); a moved link stays primary only if the survivor had none.
   */
  async movePersonLinks(tx: Executor, workspaceId: string, fromId: string, toId: string) {
    const moved = rowsOf(
      await tx.execute(sql`UPDATE person_organizations po
        SET person_id = ${toId},
            is_primary = po.is_primary AND NOT EXISTS (
              SELECT 1 FROM person_organizations s WHERE s.workspace_id = ${workspaceId} AND s.person_id = ${toId} AND s.is_primary)
        WHERE po.workspace_id = ${workspaceId} AND po.person_id = ${fromId}
          AND NOT EXISTS (SELECT 1 FROM person_organizations s WHERE s.workspace_id = ${workspaceId} AND s.person_id = ${toId} AND s.organization_id = po.organization_id)
        RETURNING po.organization_id`),
    ) as { organization_id: string }[];
    const dropped = await tx
      .delete(personOrganizations)
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.personId, fromId)))
      .returning({ organizationId: personOrganizations.organizationId });
    return { moved: moved.map((r) => r.organization_id), dropped: dropped.map((r) => r.organizationId) };
  },

  /** The same for an organisation's people. */
  async moveOrganizationLinks(tx: Executor, workspaceId: string, fromId: string, toId: string) {
    const moved = rowsOf(
      await tx.execute(sql`UPDATE person_organizations po
        SET organization_id = ${toId}
        WHERE po.workspace_id = ${workspaceId} AND po.organization_id = ${fromId}
          AND NOT EXISTS (SELECT 1 FROM person_organizations s WHERE s.workspace_id = ${workspaceId} AND s.organization_id = ${toId} AND s.person_id = po.person_id)
        RETURNING po.person_id`),
    ) as { person_id: string }[];
    const dropped = await tx
      .delete(personOrganizations)
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.organizationId, fromId)))
      .returning({ personId: personOrganizations.personId });
    return { moved: moved.map((r) => r.person_id), dropped: dropped.map((r) => r.personId) };
  },

  /** Tags of the merged record go to the survivor (a tag both had stays once). */
  async moveTaggings(tx: Executor, workspaceId: string, entity: 'person' | 'organization', fromId: string, toId: string) {
    const moved = rowsOf(
      await tx.execute(sql`INSERT INTO taggings (workspace_id, tag_id, entity_type, entity_id, created_at)
        SELECT workspace_id, tag_id, entity_type, ${toId}, created_at FROM taggings
        WHERE workspace_id = ${workspaceId} AND entity_type = ${entity} AND entity_id = ${fromId}
        ON CONFLICT DO NOTHING
        RETURNING tag_id`),
    ) as { tag_id: string }[];
    await tx.delete(taggings).where(and(eq(taggings.workspaceId, workspaceId), eq(taggings.entityType, entity), eq(taggings.entityId, fromId)));
    return moved.map((r) => r.tag_id);
  },

  /** Leads converted into the merged record now point at the survivor (and get a new version). */
  async moveLeadConversions(tx: Executor, workspaceId: string, entity: 'person' | 'organization', fromId: string, toId: string) {
    const column = entity === 'person' ? leads.convertedPersonId : leads.convertedOrganizationId;
    const rows = await tx
      .update(leads)
      .set(entity === 'person' ? { convertedPersonId: toId, version: sql`${leads.version} + 1`, updatedAt: new Date() } : { convertedOrganizationId: toId, version: sql`${leads.version} + 1`, updatedAt: new Date() })
      .where(and(eq(leads.workspaceId, workspaceId), eq(column, fromId)))
      .returning({ id: leads.id });
    return rows.map((r) => r.id);
  },

  async replaceContactPoints(tx: Executor, workspaceId: string, entity: SearchEntity, entityId: string, points: { kind: 'email' | 'phone'; value: string }[]) {
    await tx
      .delete(contactPoints)
      .where(and(eq(contactPoints.workspaceId, workspaceId), eq(contactPoints.entityType, entity), eq(contactPoints.entityId, entityId)));
    const unique = [...new Map(points.filter((p) => p.value).map((p) => [`${p.kind}:${p.value}`, p])).values()];
    if (unique.length) await tx.insert(contactPoints).values(unique.map((p) => ({ workspaceId, entityType: entity, entityId, kind: p.kind, value: p.value })));
  },

  async removeContactPoints(tx: Executor, workspaceId: string, entity: SearchEntity, entityId: string) {
    await tx
      .delete(contactPoints)
      .where(and(eq(contactPoints.workspaceId, workspaceId), eq(contactPoints.entityType, entity), eq(contactPoints.entityId, entityId)));
  },

  async peopleLinkedTo(tx: Executor, workspaceId: string, organizationId: string): Promise<string[]> {
    const rows = await tx
      .select({ personId: personOrganizations.personId })
      .from(personOrganizations)
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.organizationId, organizationId)));
    return rows.map((r) => r.personId);
  },
};
