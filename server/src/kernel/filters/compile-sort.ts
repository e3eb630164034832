import { sql, type SQL } from 'drizzle-orm';
import { describeIssue } from '../errors/index.ts';
import { columnExpression, fieldOf, joinPath } from './compile-filter.ts';
import { filterErrors, filterProblems, toFieldErrors, type FilterProblem } from './filter.errors.ts';
import { ZSortList } from './filter.schema.ts';
import type { FieldCatalog, FieldDef, FieldType, SortSpec } from './filter.types.ts';
import { persianSortKey } from './persian-fold.ts';

/** Lists of values have no single value to order by. */
const UNSORTABLE_TYPES: ReadonlySet<FieldType> = new Set(['tags', 'multi_enum', 'emails', 'phones']);

/** A field of related rows (related) has many values per record, so it is never sortable either. */
export const isSortable = (def: FieldDef) => def.sortable !== false && !def.related && !UNSORTABLE_TYPES.has(def.type);

/**
 * ORDER BY terms for `.orderBy(...)`. Text sorts in Persian alphabetical order on every engine;
 * empty values come last in both directions. The caller appends its own tie-breaker (the id).
 */
export function compileSort(catalog: FieldCatalog, sort: SortSpec[], path = 'sort'): SQL[] {
  const parsed = ZSortList.safeParse(sort);
  if (!parsed.success) {
    throw filterErrors.invalid_sort({
      fieldErrors: parsed.error.issues.map((issue) => ({
        path: joinPath(path, issue.path),
        code: issue.code,
        message: describeIssue(issue as Parameters<typeof describeIssue>[0]),
      })),
    });
  }
  const problems: Array<{ path: string; problem: FilterProblem }> = [];
  const terms = parsed.data.map((spec, index) => {
    const def = fieldOf(catalog, spec.field);
    if (!def || !isSortable(def)) {
      problems.push({ path: `${path}.${index}.field`, problem: def ? filterProblems.notSortable(spec.field) : filterProblems.unknownField(spec.field) });
      return sql``;
    }
    const expr = columnExpression(def);
    const key = def.type === 'text' ? persianSortKey(expr) : expr;
    return spec.direction === 'desc' ? sql`${key} DESC NULLS LAST` : sql`${key} ASC NULLS LAST`;
  });
  if (problems.length) throw filterErrors.invalid_sort({ fieldErrors: toFieldErrors(problems) });
  return terms;
}
