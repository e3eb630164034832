import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import { ORGANIZATION_MERGE_FIELDS, PERSON_MERGE_FIELDS } from './search.merge.ts';
import type { SearchService } from './search.service.ts';
import { SEARCH_ENTITIES, type SearchEntity } from './search.types.ts';

const ZEntityType = z.enum(SEARCH_ENTITIES);

export const ZSearchResult = z.object({
  type: ZEntityType,
  id: z.uuid(),
  title: z.string().describe('Display name'),
  subtitle: z.string().nullable().describe('Company, email or phone'),
  score: z.number().describe('0–1: 1 exact email/phone, 0.95 whole part, 0.85 prefix, 0.7 substring, ≤ 0.65 typo-tolerant, ≤ 0.6 found through the company'),
  matchedOn: z.enum(['name', 'email', 'phone', 'company', 'other']),
});

export const ZDuplicateCandidate = z.object({
  entityType: ZEntityType,
  id: z.uuid(),
  title: z.string(),
  subtitle: z.string().nullable(),
  score: z.number(),
  reasons: z.array(
    z.object({
      code: z.enum(['same_email', 'same_phone', 'same_name_same_organization', 'similar_name_same_organization', 'same_name', 'similar_name']),
      value: z.string().describe('The shared email, phone (E.164) or organisation name'),
      similarity: z.number().optional().describe('Trigram similarity of the names, for similar_* reasons'),
    }),
  ),
});

const ZMergeResult = z.object({
  id: z.uuid().describe('The surviving record'),
  version: z.number().int().describe('Its new version'),
  mergedId: z.uuid().describe('The record merged into it: now hidden, kept for history'),
  moved: z.record(z.string(), z.unknown()).describe('What each merge step moved to the survivor'),
});

const ZChoice = z.enum(['keep', 'other']);
const fieldChoices = <T extends readonly [string, ...string[]]>(fields: T) =>
  z
    .object(Object.fromEntries(fields.map((f) => [f, ZChoice.optional()])) as { [K in T[number]]: z.ZodOptional<typeof ZChoice> })
    .strict()
    .optional()
    .describe("Per field: 'keep' the survivor's value or take the 'other' one; by default the survivor's unless it is empty");

const mergeBody = <T extends readonly [string, ...string[]]>(fields: T) =>
  z
    .object({
      otherId: z.uuid().describe('The record to merge into this one'),
      version: z.number().int().min(1).describe('Version of this (surviving) record'),
      otherVersion: z.number().int().min(1).describe('Version of the other record'),
      fields: fieldChoices(fields),
    })
    .strict();

const ZName = z.string().trim().max(200);
const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const TYPES_RE = new RegExp(`^(${SEARCH_ENTITIES.join('|')})(,(${SEARCH_ENTITIES.join('|')}))*$`);

export function registerSearchRoutes(app: App, search: SearchService): void {
  app.get('/api/v1/search', {
    schema: {
      tags: ['search'],
      summary: 'Search people, organisations and leads by name, email, phone or company',
      description:
        'Persian text is normalised like stored keys (ي/ك, ZWNJ and spaces, diacritics, digits); phones in any format or digit set; ' +
        'typos tolerated by trigram similarity. Deleted and merged records are never returned.',
      querystring: z.object({
        q: z.string().trim().min(1).max(200),
        types: z.string().regex(TYPES_RE).optional().describe('Comma-separated: person,organization,lead (default all)'),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(ZSearchResult) }), ...errors },
    },
    handler: async (request) => {
      const { q, types, limit } = request.query;
      return { items: await search.search(await request.workspace(), { q, limit, types: types?.split(',') as SearchEntity[] | undefined }) };
    },
  });

  app.get('/api/v1/duplicates', {
    schema: {
      tags: ['search'],
      summary: 'Possible duplicates of an existing record, with the reasons',
      querystring: z.object({ entityType: ZEntityType, id: z.uuid() }),
      response: { 200: z.object({ items: z.array(ZDuplicateCandidate) }), ...errors },
    },
    handler: async (request) => ({ items: await search.duplicatesOf(await request.workspace(), request.query.entityType, request.query.id) }),
  });

  app.post('/api/v1/duplicates/check', {
    config: { idempotent: false },
    schema: {
      tags: ['search'],
      summary: 'Records that may already exist, for a record about to be created',
      body: z
        .object({
          entityType: ZEntityType,
          firstName: ZName.optional(),
          lastName: ZName.optional(),
          firstNameLatin: ZName.optional(),
          lastNameLatin: ZName.optional(),
          name: ZName.optional().describe('Organisations: the name'),
          nameLatin: ZName.optional(),
          emails: z.array(z.string().trim().max(320)).max(20).optional(),
          phones: z.array(z.string().trim().max(40)).max(20).optional(),
          organizationName: ZName.optional().describe("A person's organisation, or a lead's company"),
        })
        .strict(),
      response: { 200: z.object({ items: z.array(ZDuplicateCandidate) }), ...errors },
    },
    handler: async (request) => ({ items: await search.checkDuplicates(await request.workspace(), request.body) }),
  });

  app.post('/api/v1/people/:id/merge', {
    schema: {
      tags: ['search'],
      summary: 'Merge another person into this one (needs records.write and records.delete)',
      params: z.object({ id: z.uuid() }),
      body: mergeBody(PERSON_MERGE_FIELDS),
      response: { 200: ZMergeResult, ...errors },
    },
    handler: async (request) => search.mergePeople(await request.workspace(), request.params.id, request.body),
  });

  app.post('/api/v1/organizations/:id/merge', {
    schema: {
      tags: ['search'],
      summary: 'Merge another organisation into this one (needs records.write and records.delete)',
      params: z.object({ id: z.uuid() }),
      body: mergeBody(ORGANIZATION_MERGE_FIELDS),
      response: { 200: ZMergeResult, ...errors },
    },
    handler: async (request) => search.mergeOrganizations(await request.workspace(), request.params.id, request.body),
  });
}
