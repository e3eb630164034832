export {
  FILTER_OPERATORS,
  countConditions,
  isGroup,
  type FieldType,
  type FilterCondition,
  type FilterGroup,
  type FilterOperator,
  type SortSpec,
} from './filter-language.ts';
