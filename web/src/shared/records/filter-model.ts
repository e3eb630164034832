import type { Localised } from './records.types.ts';

/*
 * The filter language of the server (kernel/filters/filter.types.ts), as the web app edits it:
 * a group combines conditions and nested groups with AND/OR.
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

export type FieldKind =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'enum'
  | 'multi_enum'
  | 'user'
  | 'reference'
  | 'tags'
  | 'emails'
  | 'phones';

export type FieldOption = { value: string; label: Localised };

/** One field the filter builder, the sort and the column chooser can use. */
export type FieldDescriptor = {
  field: string;
  type: FieldKind;
  label: Localised;
  options?: FieldOption[];
  sortable: boolean;
  operators?: FilterOperator[];
};

/** Which operators each type accepts (server: filter-operators.ts). */
export const OPERATORS_BY_KIND: Record<FieldKind, FilterOperator[]> = {
  text: ['contains', 'not_contains', 'eq', 'neq', 'starts_with', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  datetime: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  boolean: ['eq'],
  enum: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  multi_enum: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
  user: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  reference: ['eq', 'neq', 'is_empty', 'is_not_empty'],
  tags: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
  emails: ['contains', 'is_empty', 'is_not_empty'],
  phones: ['contains', 'is_empty', 'is_not_empty'],
};

export function operatorsFor(field: FieldDescriptor | undefined): FilterOperator[] {
  if (!field) return [];
  return field.operators?.length ? field.operators : OPERATORS_BY_KIND[field.type];
}

export const NO_VALUE_OPERATORS: ReadonlySet<FilterOperator> = new Set(['is_empty', 'is_not_empty']);
export const LIST_OPERATORS: ReadonlySet<FilterOperator> = new Set(['in', 'not_in', 'has_any', 'has_all', 'has_none']);

export const isGroup = (item: FilterCondition | FilterGroup): item is FilterGroup => 'conditions' in item;

export const emptyGroup = (op: 'and' | 'or' = 'and'): FilterGroup => ({ op, conditions: [] });

export function countConditions(group: FilterGroup | null | undefined): number {
  if (!group) return 0;
  return group.conditions.reduce((n, c) => n + (isGroup(c) ? countConditions(c) : 1), 0);
}

function valueIsSet(condition: FilterCondition): boolean {
  if (NO_VALUE_OPERATORS.has(condition.op)) return true;
  const v = condition.value;
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => x !== '' && x !== null && x !== undefined);
  return true;
}

/** Only complete conditions, and no empty groups: what is sent to the server. */
export function pruneGroup(group: FilterGroup): FilterGroup {
  const conditions: Array<FilterCondition | FilterGroup> = [];
  for (const item of group.conditions) {
    if (isGroup(item)) {
      const inner = pruneGroup(item);
      if (inner.conditions.length) conditions.push(inner);
    } else if (item.field && valueIsSet(item)) {
      conditions.push(NO_VALUE_OPERATORS.has(item.op) ? { field: item.field, op: item.op } : item);
    }
  }
  return { op: group.op, conditions };
}

/** The `filter` query parameter, or undefined when nothing filters. */
export function filterParam(group: FilterGroup | null | undefined): string | undefined {
  if (!group) return undefined;
  const pruned = pruneGroup(group);
  return pruned.conditions.length ? JSON.stringify(pruned) : undefined;
}

export const sortParam = (sort: SortSpec | null | undefined): string | undefined => (sort ? `${sort.field}:${sort.direction}` : undefined);

export function sameFilter(a: FilterGroup | null | undefined, b: FilterGroup | null | undefined): boolean {
  return (filterParam(a) ?? '') === (filterParam(b) ?? '');
}
