import { sql, type SQL } from 'drizzle-orm';
import { isGroup } from '#common/filters/index.ts';
import { describeIssue } from '../errors/index.ts';
import { filterErrors, filterProblems, InvalidFilterValue, toFieldErrors, type FilterProblem } from './filter.errors.ts';
import { OPERATORS_BY_TYPE } from './filter-operators.ts';
import { ZFilterGroup } from './filter.schema.ts';
import type { FieldCatalog, FieldDef, FilterCondition, FilterContext, FilterGroup, FilterOperator } from './filter.types.ts';

type Problems = Array<{ path: string; problem: FilterProblem }>;

/**
 * Negative operators and their positive forms. On a field of related rows, "not X" means "no
 * related row is X" (NOT EXISTS …), not "some related row is not X".
 */
const NEGATED: Partial<Record<FilterOperator, FilterOperator>> = {
  neq: 'eq',
  not_contains: 'contains',
  not_in: 'in',
  has_none: 'has_any',
  is_empty: 'is_not_empty',
};
type Compilation = { catalog: FieldCatalog; context: FilterContext; problems: Problems };

export const joinPath = (root: string, parts: ReadonlyArray<PropertyKey>) => [root, ...parts.map(String)].filter(Boolean).join('.');

/** The field of a catalog, never an inherited property ('constructor', 'toString' …). */
export function fieldOf(catalog: FieldCatalog, field: string): FieldDef | undefined {
  return Object.hasOwn(catalog, field) ? catalog[field] : undefined;
}

export const columnExpression = (def: FieldDef): SQL => sql`${def.column}`;

/**
 * Compiles a filter tree into one SQL condition for `.where()`. Everything is checked first —
 * shape, fields, operators, values — and every problem is reported at once, each at its path
 * (e.g. `filter.conditions.1.conditions.0.value`), in an `invalid_filter` error. An empty group
 * means "no condition". Stored filters go through here too, so a view saved before a field was
 * removed fails with a clear error rather than a database one.
 */
export function compileFilter(catalog: FieldCatalog, group: FilterGroup, context: FilterContext = {}): SQL {
  const root = context.path ?? 'filter';
  const parsed = ZFilterGroup.safeParse(group);
  if (!parsed.success) {
    throw filterErrors.invalid_filter({
      fieldErrors: parsed.error.issues.map((issue) => ({
        path: joinPath(root, issue.path),
        code: issue.code,
        message: describeIssue(issue as Parameters<typeof describeIssue>[0]),
      })),
    });
  }
  const compilation: Compilation = { catalog, context, problems: [] };
  const condition = compileGroup(parsed.data, root, compilation);
  if (compilation.problems.length) throw filterErrors.invalid_filter({ fieldErrors: toFieldErrors(compilation.problems) });
  return condition;
}

function compileGroup(group: FilterGroup, path: string, compilation: Compilation): SQL {
  const parts = group.conditions.map((child, index) => {
    const childPath = `${path}.conditions.${index}`;
    return isGroup(child) ? compileGroup(child, childPath, compilation) : compileCondition(child, childPath, compilation);
  });
  if (!parts.length) return sql`true`;
  return sql`(${sql.join(parts, group.op === 'and' ? sql` AND ` : sql` OR `)})`;
}

function compileCondition(condition: FilterCondition, path: string, { catalog, context, problems }: Compilation): SQL {
  const def = fieldOf(catalog, condition.field);
  if (!def) {
    problems.push({ path: `${path}.field`, problem: filterProblems.unknownField(condition.field) });
    return sql`false`;
  }
  const compile = OPERATORS_BY_TYPE[def.type][condition.op];
  if (!compile) {
    problems.push({ path: `${path}.op`, problem: filterProblems.unsupportedOperator(condition.op, def.label) });
    return sql`false`;
  }
  try {
    const input = { expr: columnExpression(def), value: condition.value, def, context };
    if (!def.related) return compile(input);
    const positive = NEGATED[condition.op];
    if (!positive) return def.related.exists(compile(input));
    return sql`(NOT ${def.related.exists(OPERATORS_BY_TYPE[def.type][positive]!(input))})`;
  } catch (error) {
    if (!(error instanceof InvalidFilterValue)) throw error;
    problems.push({ path: `${path}.value`, problem: error.problem });
    return sql`false`;
  }
}
