import { sql, type SQL } from 'drizzle-orm';
import { taggings } from '../../modules/tags/tags.schema.ts';
import type { FieldDef, FieldType, FilterContext, FilterOperator } from './filter.types.ts';
import {
  parseBoolean,
  parseDateTime,
  parseIsoDate,
  parseList,
  parseNumber,
  parseOption,
  parsePhoneDigits,
  parseRange,
  parseSearchText,
  parseUserId,
  parseUuid,
  type DateTimeValue,
} from './filter-values.ts';
import { escapeLike, foldedText } from './persian-fold.ts';

/*
 * One compiler per (field type, operator). A compiler parses the value (throwing
 * InvalidFilterValue when it does not fit) and returns a boolean SQL expression.
 *
 * Conventions, so every list behaves the same:
 *  - "not" operators (neq, not_contains, not_in, has_none) also match empty fields: a person
 *    with no city is "not in Tehran".
 *  - values are always bound parameters; only our own constants are inlined.
 *  - jsonb reads are guarded (jsonb_typeof) so badly shaped stored data never raises an error.
 */

export type OperatorInput = { expr: SQL; value: unknown; def: FieldDef; context: FilterContext };
type OperatorCompiler = (input: OperatorInput) => SQL;
type OperatorTable = Partial<Record<FilterOperator, OperatorCompiler>>;

const anyOf = (parts: SQL[]): SQL => sql`(${sql.join(parts, sql` OR `)})`;
const allOf = (parts: SQL[]): SQL => sql`(${sql.join(parts, sql` AND `)})`;
const list = (values: unknown[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);
/** "Not X", where an empty field also counts as "not X". */
const emptyOrNot = (expr: SQL, condition: SQL): SQL => sql`(${expr} IS NULL OR NOT ${condition})`;

const isNull = ({ expr }: OperatorInput) => sql`(${expr} IS NULL)`;
const isNotNull = ({ expr }: OperatorInput) => sql`(${expr} IS NOT NULL)`;

// ---------- text ----------

const textMatches = (expr: SQL, pattern: string): SQL => sql`(${foldedText(expr)} ILIKE ${pattern})`;

const textOperators: OperatorTable = {
  eq: ({ expr, value }) => textMatches(expr, escapeLike(parseSearchText(value))),
  neq: ({ expr, value }) => emptyOrNot(expr, textMatches(expr, escapeLike(parseSearchText(value)))),
  contains: ({ expr, value }) => textMatches(expr, `%${escapeLike(parseSearchText(value))}%`),
  not_contains: ({ expr, value }) => emptyOrNot(expr, textMatches(expr, `%${escapeLike(parseSearchText(value))}%`)),
  starts_with: ({ expr, value }) => textMatches(expr, `${escapeLike(parseSearchText(value))}%`),
  in: ({ expr, value }) => anyOf(parseList(value, parseSearchText).map((v) => textMatches(expr, escapeLike(v)))),
  is_empty: ({ expr }) => sql`(coalesce(btrim(${expr}), '') = '')`,
  is_not_empty: ({ expr }) => sql`(coalesce(btrim(${expr}), '') <> '')`,
};

// ---------- ordered values: numbers, dates, date-times ----------

/** A value to compare with: a point, or a whole day [from, until) of a date-time field. */
type Bound = { from: SQL; until?: SQL };

function orderedOperators<T>(toBound: (value: T, context: FilterContext) => Bound, parse: (value: unknown) => T, compare: (a: T, b: T) => number): OperatorTable {
  const bound = (input: OperatorInput) => toBound(parse(input.value), input.context);
  const equal = (expr: SQL, b: Bound) => (b.until ? sql`(${expr} >= ${b.from} AND ${expr} < ${b.until})` : sql`(${expr} = ${b.from})`);
  const atLeast = (expr: SQL, b: Bound) => sql`(${expr} >= ${b.from})`;
  const atMost = (expr: SQL, b: Bound) => (b.until ? sql`(${expr} < ${b.until})` : sql`(${expr} <= ${b.from})`);
  return {
    eq: (input) => equal(input.expr, bound(input)),
    neq: (input) => emptyOrNot(input.expr, equal(input.expr, bound(input))),
    gt: (input) => {
      const b = bound(input);
      return b.until ? sql`(${input.expr} >= ${b.until})` : sql`(${input.expr} > ${b.from})`;
    },
    gte: (input) => atLeast(input.expr, bound(input)),
    lt: (input) => sql`(${input.expr} < ${bound(input).from})`,
    lte: (input) => atMost(input.expr, bound(input)),
    between: (input) => {
      const [from, to] = parseRange(input.value, parse, compare);
      return allOf([atLeast(input.expr, toBound(from, input.context)), atMost(input.expr, toBound(to, input.context))]);
    },
    is_empty: isNull,
    is_not_empty: isNotNull,
  };
}

// An explicit numeric cast: an integer column compared with 3.5 must not make 3.5 an integer.
const numberOperators = orderedOperators<number>((n) => ({ from: sql`${n}::numeric` }), parseNumber, (a, b) => a - b);

// No cast: the parameter takes the column's type, a `date` column or the ISO text of a custom field.
const dateOperators = orderedOperators<string>((d) => ({ from: sql`${d}` }), parseIsoDate, (a, b) => a.localeCompare(b));

const startOfDay = (date: string, zone: string, plusDays: number) => sql`((${date}::date + ${plusDays}::int)::timestamp AT TIME ZONE ${zone})`;
const instantOf = (v: DateTimeValue) => (v.kind === 'instant' ? Date.parse(v.iso) : Date.parse(`${v.date}T00:00:00Z`));

const dateTimeOperators = orderedOperators<DateTimeValue>(
  (v, context) => {
    if (v.kind === 'instant') return { from: sql`${v.iso}::timestamptz` };
    const zone = context.timeZone ?? 'UTC';
    return { from: startOfDay(v.date, zone, 0), until: startOfDay(v.date, zone, 1) };
  },
  parseDateTime,
  (a, b) => instantOf(a) - instantOf(b),
);

// ---------- booleans, enums, people ----------

const booleanOperators: OperatorTable = {
  // An unset flag counts as false: "not a VIP" includes people nobody marked.
  eq: ({ expr, value }) => (parseBoolean(value) ? sql`(${expr} IS TRUE)` : sql`(${expr} IS NOT TRUE)`),
};

function discreteOperators(parseValue: (input: OperatorInput) => (value: unknown) => string): OperatorTable {
  const one = (input: OperatorInput) => parseValue(input)(input.value);
  const many = (input: OperatorInput) => parseList(input.value, parseValue(input));
  return {
    eq: (input) => sql`(${input.expr} = ${one(input)})`,
    neq: (input) => sql`(${input.expr} IS DISTINCT FROM ${one(input)})`,
    in: (input) => sql`(${input.expr} IN (${list(many(input))}))`,
    not_in: (input) => emptyOrNot(input.expr, sql`(${input.expr} IN (${list(many(input))}))`),
    is_empty: ({ expr }) => sql`(coalesce(${expr}::text, '') = '')`,
    is_not_empty: ({ expr }) => sql`(coalesce(${expr}::text, '') <> '')`,
  };
}

const enumOperators = discreteOperators(({ def }) => parseOption(def.options));
const userOperators = discreteOperators(({ context }) => parseUserId(context.userId));
const referenceOperators = discreteOperators(() => parseUuid);

// ---------- jsonb arrays: multi-select values, emails, phones ----------

const asJsonArray = (expr: SQL) => sql`(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN ${expr} ELSE '[]'::jsonb END)`;
const jsonArrayIsEmpty = ({ expr }: OperatorInput) => sql`(jsonb_array_length(${asJsonArray(expr)}) = 0)`;
const jsonArrayIsNotEmpty = ({ expr }: OperatorInput) => sql`(jsonb_array_length(${asJsonArray(expr)}) > 0)`;
// @> never raises, whatever the stored shape: an object or a string simply does not contain the array.
const containsAll = (expr: SQL, values: string[]) => sql`(${expr} @> ${JSON.stringify(values)}::jsonb)`;
const containsAny = (expr: SQL, values: string[]) => anyOf(values.map((v) => containsAll(expr, [v])));

const multiEnumOperators: OperatorTable = {
  has_any: ({ expr, value, def }) => containsAny(expr, parseList(value, parseOption(def.options))),
  has_all: ({ expr, value, def }) => containsAll(expr, parseList(value, parseOption(def.options))),
  has_none: ({ expr, value, def }) => sql`(NOT coalesce(${containsAny(expr, parseList(value, parseOption(def.options)))}, false))`,
  is_empty: jsonArrayIsEmpty,
  is_not_empty: jsonArrayIsNotEmpty,
};

const someEntryMatches = (expr: SQL, match: (entryValue: SQL) => SQL) =>
  sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${asJsonArray(expr)}) AS entry WHERE ${match(sql`(entry.value ->> 'value')`)})`;

const emailsOperators: OperatorTable = {
  contains: ({ expr, value }) => someEntryMatches(expr, (entry) => sql`${entry} ILIKE ${`%${escapeLike(parseSearchText(value))}%`}`),
  is_empty: jsonArrayIsEmpty,
  is_not_empty: jsonArrayIsNotEmpty,
};

const phonesOperators: OperatorTable = {
  // Stored values are E.164 (+98…): searching by digits finds them however the user typed them.
  contains: ({ expr, value }) => someEntryMatches(expr, (entry) => sql`${entry} LIKE ${`%${parsePhoneDigits(value)}%`}`),
  is_empty: jsonArrayIsEmpty,
  is_not_empty: jsonArrayIsNotEmpty,
};

// ---------- tags ----------

function taggedWith(def: FieldDef, tagIds?: string[]): SQL {
  if (!def.tagsOf) throw new Error(`A tags field needs tagsOf (${def.label.en})`);
  const { entityType, idColumn, workspaceIdColumn } = def.tagsOf;
  const onlyThese = tagIds ? sql` AND ${taggings.tagId} IN (${list(tagIds)})` : sql``;
  return sql`EXISTS (SELECT 1 FROM ${taggings} WHERE ${taggings.workspaceId} = ${workspaceIdColumn} AND ${taggings.entityType} = ${entityType} AND ${taggings.entityId} = ${idColumn}${onlyThese})`;
}

const tagsOperators: OperatorTable = {
  has_any: ({ def, value }) => taggedWith(def, parseList(value, parseUuid)),
  has_all: ({ def, value }) => allOf(parseList(value, parseUuid).map((id) => taggedWith(def, [id]))),
  has_none: ({ def, value }) => sql`(NOT ${taggedWith(def, parseList(value, parseUuid))})`,
  is_empty: ({ def }) => sql`(NOT ${taggedWith(def)})`,
  is_not_empty: ({ def }) => taggedWith(def),
};

/** Which operators each field type accepts, and how each compiles. */
export const OPERATORS_BY_TYPE: Record<FieldType, OperatorTable> = {
  text: textOperators,
  number: numberOperators,
  date: dateOperators,
  datetime: dateTimeOperators,
  boolean: booleanOperators,
  enum: enumOperators,
  multi_enum: multiEnumOperators,
  user: userOperators,
  reference: referenceOperators,
  tags: tagsOperators,
  emails: emailsOperators,
  phones: phonesOperators,
};

export function operatorsOf(type: FieldType): FilterOperator[] {
  return Object.keys(OPERATORS_BY_TYPE[type]) as FilterOperator[];
}
