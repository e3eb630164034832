import { parseDateInput, type CalendarKind } from '#common/calendar/index.ts';
import { normalizePersianText, searchKey, toLatinDigits } from '#common/text/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import type { FieldError, LocalisedText } from '../../kernel/errors/index.ts';
import { customFieldsRepository } from './custom-fields.repository.ts';
import type { CustomFieldOption, CustomFieldType, CustomizableEntity } from './custom-fields.schema.ts';

/** What validation needs to know about a field; a definition row fits. */
export type CustomFieldDef = {
  key: string;
  type: CustomFieldType;
  options: CustomFieldOption[];
  required: boolean;
};

export type CustomValue = string | number | boolean | string[];

export type CustomValuesOptions = {
  /** true for an update: only the keys sent are checked, and required fields may be left out. */
  partial: boolean;
  /** Person/organisation references must exist in this workspace; checked through this executor. */
  db: Executor;
  workspaceId: string;
  /** Calendar for the ambiguous years 1601–1699 only; Jalali otherwise reads as Jalali anyway. */
  calendar?: CalendarKind;
};

/**
 * `values` holds the normalised value of every key sent; `null` means "clear this value".
 * Merge it into a record's `custom` with `mergeCustomValues`.
 */
export type CustomValuesResult = { values: Record<string, CustomValue | null>; fieldErrors: FieldError[] };

const TEXT_MAX = 2000;
const MULTI_MAX = 100;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ValueProblem = 'unknown_field' | 'required' | 'not_text' | 'too_long' | 'not_number' | 'not_date' | 'not_option' | 'not_boolean' | 'not_person' | 'not_organization' | 'not_object';

const MESSAGES: Record<ValueProblem, LocalisedText> = {
  unknown_field: { fa: 'چنین فیلد سفارشی‌ای تعریف نشده است.', en: 'There is no such custom field.' },
  required: { fa: 'این فیلد الزامی است.', en: 'This field is required.' },
  not_text: { fa: 'باید متن باشد.', en: 'Must be text.' },
  too_long: { fa: `حداکثر ${TEXT_MAX} نویسه مجاز است.`, en: `Must be at most ${TEXT_MAX} characters.` },
  not_number: { fa: 'باید عدد باشد.', en: 'Must be a number.' },
  not_date: {
    fa: 'تاریخ معتبر نیست؛ به شکل ۱۴۰۳/۰۱/۱۵ یا 2024-04-03 بنویسید.',
    en: 'Not a valid date; write it as 1403/01/15 or 2024-04-03.',
  },
  not_option: { fa: 'این مقدار در گزینه‌های فیلد نیست.', en: 'Not one of the options of this field.' },
  not_boolean: { fa: 'باید بله یا خیر باشد.', en: 'Must be yes or no.' },
  not_person: { fa: 'چنین شخصی در این فضای کاری نیست.', en: 'No such person in this workspace.' },
  not_organization: { fa: 'چنین سازمانی در این فضای کاری نیست.', en: 'No such organisation in this workspace.' },
  not_object: { fa: 'فیلدهای سفارشی باید به شکل کلید و مقدار باشند.', en: 'Custom fields must be an object of key/value pairs.' },
};

const problem = (path: string, code: ValueProblem): FieldError => ({ path, code, message: MESSAGES[code] });

type Coerced = { value: CustomValue } | { problem: ValueProblem };

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'بله', 'بلی', 'آری', 'اری', 'درست', 'دارد']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'خیر', 'نه', 'نادرست', 'ندارد']);

/** Persian writers use ٫ or / for the decimal point and ٬ or , between thousands. */
function parseNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = toLatinDigits(raw)
    .replace(/[\s\u200c\u200e\u200f]/g, '')
    .replace(/[\u066C,]/g, '')
    .replace(/[\u066B/]/g, '.')
    .replace(/^\u2212/, '-');
  if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function parseBoolean(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const word = normalizePersianText(String(raw));
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** An option by its value, or by either label typed with any Persian spelling (imports send labels). */
function matchOption(options: CustomFieldOption[], raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  const exact = options.find((o) => o.value === text);
  if (exact) return exact.value;
  const key = searchKey(text);
  if (!key) return null;
  return options.find((o) => searchKey(o.value) === key || searchKey(o.labelFa) === key || searchKey(o.labelEn) === key)?.value ?? null;
}

function splitList(raw: unknown): unknown[] | null {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') return raw.split(/[,،;؛]/).map((part) => part.trim()).filter(Boolean);
  return null;
}

function coerce(def: CustomFieldDef, raw: unknown, calendar: CalendarKind): Coerced {
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { problem: 'not_text' };
      const text = String(raw).trim();
      return text.length > TEXT_MAX ? { problem: 'too_long' } : { value: text };
    }
    case 'number': {
      const value = parseNumber(raw);
      return value === null ? { problem: 'not_number' } : { value };
    }
    case 'date': {
      const iso = typeof raw === 'string' ? parseDateInput(raw, calendar) : null;
      return iso === null ? { problem: 'not_date' } : { value: iso };
    }
    case 'boolean': {
      const value = parseBoolean(raw);
      return value === null ? { problem: 'not_boolean' } : { value };
    }
    case 'select': {
      const value = matchOption(def.options, raw);
      return value === null ? { problem: 'not_option' } : { value };
    }
    case 'multi_select': {
      const items = splitList(raw);
      if (!items || items.length > MULTI_MAX) return { problem: 'not_option' };
      const values = items.map((item) => matchOption(def.options, item));
      if (values.some((v) => v === null)) return { problem: 'not_option' };
      return { value: [...new Set(values as string[])] };
    }
    case 'person':
    case 'organization': {
      const id = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      return UUID_RE.test(id) ? { value: id } : { problem: def.type === 'person' ? 'not_person' : 'not_organization' };
    }
  }
}

const isBlank = (raw: unknown) => raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);

/**
 * Checks and normalises custom-field values against a workspace's definitions, the same way for
 * the API, lead conversion and CSV imports: every problem is reported at `custom.<key>` with fa/en
 * text, unknown keys are refused, required fields are enforced on create (and may not be cleared
 * on update), numbers and dates accept Persian digits, dates may be Jalali (1403/01/15) or ISO,
 * and person/organisation references must point at live records of the same workspace.
 */
export async function validateCustomValues(
  defs: readonly CustomFieldDef[],
  input: unknown,
  options: CustomValuesOptions,
): Promise<CustomValuesResult> {
  if (input !== null && input !== undefined && (typeof input !== 'object' || Array.isArray(input))) {
    return { values: {}, fieldErrors: [problem('custom', 'not_object')] };
  }
  const sent = (input ?? {}) as Record<string, unknown>;
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const values: Record<string, CustomValue | null> = {};
  const fieldErrors: FieldError[] = [];
  const references: Array<{ key: string; entity: 'person' | 'organization'; id: string }> = [];

  for (const [key, raw] of Object.entries(sent)) {
    const def = byKey.get(key);
    if (!def) {
      fieldErrors.push(problem(`custom.${key}`, 'unknown_field'));
      continue;
    }
    if (isBlank(raw)) {
      if (def.required) fieldErrors.push(problem(`custom.${key}`, 'required'));
      else values[key] = null;
      continue;
    }
    const coerced = coerce(def, raw, options.calendar ?? 'jalali');
    if ('problem' in coerced) {
      fieldErrors.push(problem(`custom.${key}`, coerced.problem));
      continue;
    }
    values[key] = coerced.value;
    if (def.type === 'person' || def.type === 'organization') references.push({ key, entity: def.type, id: coerced.value as string });
  }

  if (!options.partial) {
    for (const def of defs) if (def.required && !(def.key in sent)) fieldErrors.push(problem(`custom.${def.key}`, 'required'));
  }

  fieldErrors.push(...(await missingReferences(options, references)));
  return { values, fieldErrors };
}

async function missingReferences(options: CustomValuesOptions, references: Array<{ key: string; entity: 'person' | 'organization'; id: string }>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const entity of ['person', 'organization'] as const) {
    const wanted = references.filter((r) => r.entity === entity);
    if (!wanted.length) continue;
    const found = await customFieldsRepository.existingRecordIds(options.db, options.workspaceId, entity, wanted.map((r) => r.id));
    for (const r of wanted) if (!found.has(r.id)) errors.push(problem(`custom.${r.key}`, entity === 'person' ? 'not_person' : 'not_organization'));
  }
  return errors;
}

/** Applies validated values to a record's stored `custom`: null removes a key, the rest overwrite. */
export function mergeCustomValues(current: Record<string, unknown>, values: Record<string, CustomValue | null>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(values)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The entries of an update's `custom` that differ from what the record holds. Clients (and
 * imports) often send the whole object back, including values of fields archived since; values
 * that did not change are not new input, so they are neither validated nor refused.
 */
export function changedCustomInput(current: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => !(key in current && sameValue(current[key], value))));
}

/**
 * The whole custom-field step of a record write: loads the entity's active fields, validates what
 * was sent (on an update only what changed, see changedCustomInput) and returns the record's new
 * `custom`. `current` is undefined on create, which enforces required fields. A batch of writes
 * passes the fields it has read once as `activeFields`.
 */
export async function applyCustomInput(
  executor: Executor,
  workspaceId: string,
  entityType: CustomizableEntity,
  current: Record<string, unknown> | undefined,
  input: Record<string, unknown> | undefined,
  activeFields?: readonly CustomFieldDef[],
): Promise<{ custom: Record<string, unknown>; fieldErrors: FieldError[] }> {
  const defs = activeFields ?? (await customFieldsRepository.listActive(executor, workspaceId, entityType));
  const sent = current ? changedCustomInput(current, input ?? {}) : (input ?? {});
  const { values, fieldErrors } = await validateCustomValues(defs, sent, { partial: !!current, db: executor, workspaceId });
  return { custom: mergeCustomValues(current ?? {}, values), fieldErrors };
}
