import { isGroup, type FieldType, type FilterCondition, type FilterGroup, type FilterOperator, type SortSpec } from '#common/filters/index.ts';
import type { Localised } from './records.types.ts';

/*
 * The filter language (common/src/filters), as the web app edits it: a group combines
 * conditions and nested groups with AND/OR.
 */

export { countConditions, isGroup, type FieldType, type FilterCondition, type FilterGroup, type FilterOperator, type SortSpec } from '#common/filters/index.ts';

export type FieldOption = { value: string; label: Localised };

/**
 * One field a list can filter, sort and show as a column, as the server describes it
 * (GET /api/v1/fields/:entityType, server: kernel/filters/describe-catalog.ts).
 */
export type FieldDescriptor = {
  /** What filters, sorts and saved views call it: 'lastName', 'custom.loyalty_level'. */
  key: string;
  type: FieldType;
  label: Localised;
  /** For user and reference fields: whose id the value is. */
  references?: 'person' | 'organization' | 'user';
  /** The operators the server accepts for this field. */
  operators: FilterOperator[];
  options?: FieldOption[];
  sortable: boolean;
  /** Shown as a list column unless a saved view chooses its own. */
  defaultColumn: boolean;
  /** A workspace's own field. */
  custom: boolean;
};

export function operatorsFor(field: FieldDescriptor | undefined): FilterOperator[] {
  return field?.operators ?? [];
}

/** What a new condition on the field starts with: "contains" for text, else the server's first operator. */
export function defaultOperator(field: FieldDescriptor | undefined): FilterOperator | undefined {
  const operators = operatorsFor(field);
  return operators.includes('contains') ? 'contains' : operators[0];
}

export const NO_VALUE_OPERATORS: ReadonlySet<FilterOperator> = new Set(['is_empty', 'is_not_empty']);
export const LIST_OPERATORS: ReadonlySet<FilterOperator> = new Set(['in', 'not_in', 'has_any', 'has_all', 'has_none']);

export const emptyGroup = (op: 'and' | 'or' = 'and'): FilterGroup => ({ op, conditions: [] });

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
