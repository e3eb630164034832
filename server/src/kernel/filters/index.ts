export type { FieldCatalog, FieldDef, FieldType, FilterCondition, FilterContext, FilterGroup, FilterOperator, SortSpec } from './filter.types.ts';
export { ZFilterGroup, ZFilterCondition, ZFilterValue, ZSortSpec, ZSortList, FILTER_LIMITS, FILTER_OPERATORS, countConditions } from './filter.schema.ts';
export { compileFilter } from './compile-filter.ts';
export { compileSort, isSortable } from './compile-sort.ts';
export { customFieldDefs, CUSTOM_FIELD_PREFIX, type CustomFieldDefInput } from './custom-field-defs.ts';
export { describeCatalog, ZFieldDescription, type FieldDescription } from './describe-catalog.ts';
export { operatorsOf } from './filter-operators.ts';
export { filterErrors } from './filter.errors.ts';
export { foldedText, persianSortKey, escapeLike } from './persian-fold.ts';
