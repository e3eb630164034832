import type { SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { FieldType } from '#common/filters/index.ts';

/** The filter language itself (operators, conditions, groups, sorts) is shared with the web app. */
export type { FieldType, FilterCondition, FilterGroup, FilterOperator, SortSpec } from '#common/filters/index.ts';

/**
 * How a list exposes one field to filters and sorting. `column` is a column or an SQL
 * expression; custom fields use `custom->>'key'` expressions built by `customFieldDefs`.
 */
export type FieldDef = {
  type: FieldType;
  column: PgColumn | SQL;
  label: { fa: string; en: string };
  /** Allowed values of enum fields. */
  options?: readonly string[];
  /** fa/en labels of the options, by value; a value without one is shown as itself. */
  optionLabels?: Readonly<Record<string, { fa: string; en: string }>>;
  /** For 'reference': the kind of record the value is the id of. */
  references?: 'person' | 'organization';
  /** Shown as a list column unless a saved view says otherwise. */
  defaultColumn?: boolean;
  /** Sortable unless false; lists of values (tags, multi_enum, emails, phones) never are. */
  sortable?: boolean;
  /**
   * For 'tags': the entity type whose taggings to look in, the record's id column and its
   * workspace column (taggings are matched on both, which is what their index is built for).
   */
  tagsOf?: { entityType: 'person' | 'organization' | 'lead' | 'deal'; idColumn: PgColumn; workspaceIdColumn: PgColumn };
  /**
   * The field's values live in related rows (a person's organisations, an organisation's
   * people) and `column` is a column of those rows. A condition holds when some related row
   * matches it; a negative one (neq, not_contains, not_in, has_none, is_empty) when no related
   * row matches its positive form, so "not at Alpha" includes people with no organisation.
   * `exists(match)` is the EXISTS over the record's related rows with `match` added. Never sortable.
   */
  related?: { exists: (match: SQL) => SQL };
};

export type FieldCatalog = Record<string, FieldDef>;

/** What a filter needs from its caller beyond the catalog. */
export type FilterContext = {
  /** Replaces the value 'me' of user fields; without it 'me' is an invalid value. */
  userId?: string;
  /** IANA zone in which a date-only value is a day of a datetime field; default UTC. */
  timeZone?: string;
  /** Prefix of error paths, e.g. 'filter' gives 'filter.conditions.0.value'. Default 'filter'. */
  path?: string;
};
