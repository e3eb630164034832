import { defineErrors, type FieldError, type LocalisedText } from '../errors/index.ts';

export const filterErrors = defineErrors({
  invalid_filter: { status: 400, fa: 'فیلتر معتبر نیست.', en: 'The filter is not valid.' },
  invalid_sort: { status: 400, fa: 'ترتیب نمایش معتبر نیست.', en: 'The sort order is not valid.' },
});

/** Why one condition (or sort entry) was refused; becomes a per-field error at its path. */
export type FilterProblem = { code: string; message: LocalisedText };

/** Thrown by value parsers; the compiler catches it and reports it at the condition's path. */
export class InvalidFilterValue extends Error {
  constructor(readonly problem: FilterProblem) {
    super(problem.message.en);
  }
}

export const filterProblems = {
  unknownField: (field: string): FilterProblem => ({
    code: 'unknown_field',
    message: { fa: `فیلد «${field}» برای فیلتر وجود ندارد.`, en: `There is no field "${field}" to filter on.` },
  }),
  unsupportedOperator: (op: string, label: LocalisedText): FilterProblem => ({
    code: 'unsupported_operator',
    message: { fa: `عملگر «${op}» برای فیلد «${label.fa}» مجاز نیست.`, en: `The operator "${op}" does not apply to the field "${label.en}".` },
  }),
  notSortable: (field: string): FilterProblem => ({
    code: 'not_sortable',
    message: { fa: `نمی‌توان بر اساس «${field}» مرتب کرد.`, en: `Cannot sort by "${field}".` },
  }),
  invalidValue: (fa: string, en: string): FilterProblem => ({ code: 'invalid_value', message: { fa, en } }),
};

export const valueRequired = () => filterProblems.invalidValue('این شرط به مقدار نیاز دارد.', 'This condition needs a value.');

export function toFieldErrors(problems: Array<{ path: string; problem: FilterProblem }>): FieldError[] {
  return problems.map(({ path, problem }) => ({ path, code: problem.code, message: problem.message }));
}
