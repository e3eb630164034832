/**
 * The one filter language of Peyvand: saved views, list query parameters, segments and
 * automation conditions all speak it. A group combines conditions and nested groups with AND/OR.
 */
export type FilterOperator =
  | 'eq'
  | 'neq'
  | 'contains'
  | 'not_contains'
  | 'starts_with'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'in'
  | 'not_in'
  | 'is_empty'
  | 'is_not_empty'
  | 'has_any'
  | 'has_all'
  | 'has_none';

export type FilterCondition = { field: string; op: FilterOperator; value?: unknown };
export type FilterGroup = { op: 'and' | 'or'; conditions: Array<FilterCondition | FilterGroup> };
export type SortSpec = { field: string; direction: 'asc' | 'desc' };
