/**
 * The one filter language of Peyvand: saved views, list query parameters, segments and
 * automation conditions all speak it. The server validates and compiles it
 * (server/src/kernel/filters), the web app edits it (web/src/shared/records/filter-model.ts).
 * A group combines conditions and nested groups with AND/OR.
 */

export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
  'has_any',
  'has_all',
  'has_none',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterCondition = { field: string; op: FilterOperator; value?: unknown };
export type FilterGroup = { op: 'and' | 'or'; conditions: Array<FilterCondition | FilterGroup> };
export type SortSpec = { field: string; direction: 'asc' | 'desc' };

/** What a field holds, which decides the operators it accepts. */
export type FieldType = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'enum' | 'multi_enum' | 'user' | 'reference' | 'tags' | 'emails' | 'phones';

export const isGroup = (item: FilterCondition | FilterGroup): item is FilterGroup => 'conditions' in item;

/** Conditions in the whole tree, groups not counted. */
export function countConditions(group: FilterGroup): number {
  return group.conditions.reduce((sum, child) => sum + (isGroup(child) ? countConditions(child) : 1), 0);
}
