import { z } from 'zod';
import { FILTER_OPERATORS, countConditions, type FilterGroup, type SortSpec } from '#common/filters/index.ts';

export const FILTER_LIMITS = {
  /** The root group is level 1: "A and (B or (C and (D or E)))" is as deep as a filter goes. */
  maxDepth: 4,
  /** Conditions in the whole tree, groups not counted. */
  maxConditions: 50,
  maxListValues: 100,
  maxTextLength: 500,
  maxSorts: 5,
} as const;

const ZText = z.string().max(FILTER_LIMITS.maxTextLength);

/** Values are checked against the field's type by the compiler; here only their shape and size. */
export const ZFilterValue = z.union([
  ZText,
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([ZText, z.number()])).max(FILTER_LIMITS.maxListValues),
]);

export const ZFilterCondition = z
  .object({
    field: z.string().min(1).max(100).describe('A field of the list, e.g. "first_name" or "custom.budget"'),
    op: z.enum(FILTER_OPERATORS),
    value: ZFilterValue.optional().describe('Omitted for is_empty/is_not_empty; [from, to] for between; a list for in/has_*'),
  })
  .strict();

/*
 * Groups and conditions share the key `op` with disjoint values ('and'/'or' vs operators), so a
 * discriminated union picks the right shape and reports errors at the exact path. The depth limit
 * is built into the schema, one level per nesting, rather than a recursive schema plus a check:
 * the OpenAPI document then needs no self-reference, and a group nested too deep is refused at
 * its own path.
 */
function groupLevel(inner?: z.ZodObject) {
  const item = inner ? z.discriminatedUnion('op', [ZFilterCondition, inner]) : ZFilterCondition;
  return z.object({ op: z.enum(['and', 'or']), conditions: z.array(item).max(FILTER_LIMITS.maxConditions) }).strict();
}

let nested = groupLevel();
for (let level = 1; level < FILTER_LIMITS.maxDepth; level += 1) nested = groupLevel(nested);

/** A filter tree: AND/OR groups of conditions, at most 4 levels and 50 conditions in all. */
export const ZFilterGroup = (nested as unknown as z.ZodType<FilterGroup>)
  .superRefine((group, ctx) => {
    const total = countConditions(group);
    if (total > FILTER_LIMITS.maxConditions) {
      ctx.addIssue({ code: 'too_big', origin: 'array', maximum: FILTER_LIMITS.maxConditions, inclusive: true, path: ['conditions'], input: total, message: `At most ${FILTER_LIMITS.maxConditions} conditions in all` });
    }
  })
  .describe(`AND/OR tree of field conditions (at most ${FILTER_LIMITS.maxDepth} levels, ${FILTER_LIMITS.maxConditions} conditions in all)`);

export const ZSortSpec = z
  .object({
    field: z.string().min(1).max(100),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict() satisfies z.ZodType<SortSpec, unknown>;

export const ZSortList = z.array(ZSortSpec).max(FILTER_LIMITS.maxSorts);

export type TFilterGroup = z.infer<typeof ZFilterGroup>;
