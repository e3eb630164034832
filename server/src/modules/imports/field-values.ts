import { z } from 'zod';
import { parseDateInput, parseIsoDate, toJalali, type CalendarKind } from '#common/calendar/index.ts';
import { normalizeIranianPhone } from '#common/identity/index.ts';
import { searchKey, toLatinDigits } from '#common/text/index.ts';
import type { LocalisedText } from '../../kernel/errors/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { TAG_NAME_MAX, tagsFor, type TaggableEntity } from '../tags/index.ts';
import type { ImportField, RowFieldError } from './import-adapter.ts';

/*
 * Cell readers shared by the adapters: each returns a value or a RowFieldError in fa and en.
 */

const faDigits = (value: string | number) => String(value).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** Custom fields are mapped as `custom.<key>`. */
export const CUSTOM_PREFIX = 'custom.';

/**
 * Cell text as stored: line breaks as \n (a spreadsheet cell's own line breaks stay), Arabic yeh/kaf (ي ى ك, typed on Arabic keyboards or left by old
 * software) become the Persian letters, invisible bidi marks go, whitespace runs become one space.
 * ZWNJ stays: it is part of Persian spelling (می‌شود).
 */
export function cleanText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u064A\u0649]/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim()
    // The apostrophe an export puts before formula-like cells (see safeCell).
    .replace(/^'(?=[=+\-@])/, '');
  return text === '' ? undefined : text;
}

export function rowError(field: string | null, code: string, message: LocalisedText): RowFieldError {
  return { field, code, message };
}

const ZEmail = z.email();

/** One or more addresses in a cell, separated by , ; ، ؛ or whitespace. */
export function readEmails(field: string, value: string | undefined, errors: RowFieldError[]): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const part of value.split(/[\s,;\u060C\u061B]+/)) {
    const email = part.trim().replace(/^mailto:/i, '');
    if (!email) continue;
    if (!ZEmail.safeParse(email).success) {
      errors.push(rowError(field, 'invalid_email', { fa: `«${email}» نشانی ایمیل معتبری نیست.`, en: `"${email}" is not a valid email address.` }));
      continue;
    }
    if (!out.some((e) => e.toLowerCase() === email.toLowerCase())) out.push(email);
  }
  return out;
}

/** One or more numbers in a cell (separated by , ; ، ؛ or line breaks), each normalised to E.164. */
export function readPhones(field: string, value: string | undefined, errors: RowFieldError[]): Array<{ value: string; raw: string }> {
  if (!value) return [];
  const out: Array<{ value: string; raw: string }> = [];
  for (const part of value.split(/[\n,;\u060C\u061B]+/)) {
    const raw = part.trim();
    if (!raw) continue;
    const e164 = normalizeIranianPhone(raw);
    if (!e164) {
      errors.push(rowError(field, 'invalid_phone', { fa: `«${raw}» شمارهٔ تلفن معتبری نیست.`, en: `"${raw}" is not a valid phone number.` }));
      continue;
    }
    if (!out.some((p) => p.value === e164)) out.push({ value: e164, raw });
  }
  return out;
}

/** The tags column of every entity: names separated by , ; ، ؛ or line breaks; new names become tags. */
export const TAGS_FIELD: ImportField = {
  key: 'tags',
  label: { fa: 'برچسب‌ها', en: 'Tags' },
  required: false,
  multiple: true,
  aliases: ['برچسب', 'برچسب ها', 'تگ', 'تگ‌ها', 'tag', 'labels', 'label'],
};

/**
 * An update adds the row's tags to those the record has (setTags replaces, so the current ones
 * are sent along, by id).
 */
export async function withCurrentTags(db: Executor, workspaceId: string, entityType: TaggableEntity, id: string, tags: string[]): Promise<string[]> {
  return [...((await tagsFor(db, workspaceId, entityType, [id])).get(id) ?? []).map((t) => t.id), ...tags];
}

/** What a record's create accepts (ZTagsInput). */
const TAGS_PER_ROW_MAX = 50;

/** Tag names in a cell, each checked as the tags module stores it (length, something to find it by). */
export function readTags(field: string, value: string | undefined, errors: RowFieldError[]): string[] {
  if (!value) return [];
  const names: string[] = [];
  const keys = new Set<string>();
  for (const part of value.split(/[\n,;\u060C\u061B]+/)) {
    const name = cleanText(part);
    if (!name) continue;
    if (name.length > TAG_NAME_MAX) {
      errors.push(rowError(field, 'tag_name_too_long', { fa: `برچسب «${name}» بیش از ${faDigits(TAG_NAME_MAX)} نویسه است.`, en: `The tag "${name}" is longer than ${TAG_NAME_MAX} characters.` }));
      continue;
    }
    const key = searchKey(name);
    if (!key || keys.has(key)) continue;
    keys.add(key);
    names.push(name);
  }
  if (names.length > TAGS_PER_ROW_MAX) {
    errors.push(rowError(field, 'too_many_tags', { fa: `هر سطر حداکثر ${faDigits(TAGS_PER_ROW_MAX)} برچسب می‌تواند داشته باشد.`, en: `A row can have at most ${TAGS_PER_ROW_MAX} tags.` }));
  }
  return names;
}

/**
 * A date typed in either calendar, year first (1403/01/15, ۱۴۰۳-۱-۱۵, 2024-04-03); a time part
 * after the date (from spreadsheets) is ignored. Returns the ISO date.
 */
export function readDate(field: string, value: string | undefined, calendar: CalendarKind, errors: RowFieldError[]): string | undefined {
  if (!value) return undefined;
  const datePart = toLatinDigits(value).trim().split(/[ T]\d{1,2}:\d{2}/)[0]!.trim();
  const iso = parseDateInput(datePart, calendar);
  if (!iso) {
    errors.push(
      rowError(field, 'invalid_date', {
        fa: `«${value}» تاریخ معتبری نیست (مثلاً ۱۴۰۳/۰۱/۱۵ یا 2024-04-03).`,
        en: `"${value}" is not a valid date (e.g. 1403/01/15 or 2024-04-03).`,
      }),
    );
    return undefined;
  }
  return iso;
}

/** A number with Persian/Arabic digits, thousands separators (, ٬ and spaces) and ٫ as decimal point. */
export function readNumber(field: string, value: string | undefined, errors: RowFieldError[]): number | undefined {
  if (!value) return undefined;
  const text = toLatinDigits(value).replace(/[,\u066C\s]/g, '').replace('\u066B', '.');
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) {
    errors.push(rowError(field, 'invalid_number', { fa: `«${value}» عدد معتبری نیست.`, en: `"${value}" is not a valid number.` }));
    return undefined;
  }
  return n;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'بله', 'بلی', 'آری', 'اری', 'درست', 'دارد', '✓']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'خیر', 'نه', 'نادرست', 'ندارد']);

export function readBoolean(field: string, value: string | undefined, errors: RowFieldError[]): boolean | undefined {
  if (!value) return undefined;
  const word = searchKey(value);
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  errors.push(rowError(field, 'invalid_boolean', { fa: `«${value}» باید «بله» یا «خیر» باشد.`, en: `"${value}" must be yes or no.` }));
  return undefined;
}

export type ChoiceOption = { value: string; labels: string[] };

/** One of a fixed set of values, given as the value itself or any of its fa/en labels. */
export function readChoice(field: string, value: string | undefined, options: ChoiceOption[], errors: RowFieldError[]): string | undefined {
  if (!value) return undefined;
  const key = searchKey(value);
  const match = options.find((o) => searchKey(o.value) === key || o.labels.some((l) => searchKey(l) === key));
  if (!match) {
    const allowed = options.map((o) => o.labels[0] ?? o.value);
    errors.push(
      rowError(field, 'invalid_option', {
        fa: `«${value}» مجاز نیست؛ یکی از این‌ها را بنویسید: ${allowed.join('، ')}`,
        en: `"${value}" is not allowed; use one of: ${options.map((o) => o.labels[1] ?? o.value).join(', ')}`,
      }),
    );
    return undefined;
  }
  return match.value;
}

export function checkLength(field: string, value: string | undefined, max: number, errors: RowFieldError[]): string | undefined {
  if (value !== undefined && value.length > max) {
    errors.push(rowError(field, 'too_long', { fa: `حداکثر ${faDigits(max)} نویسه مجاز است.`, en: `At most ${max} characters are allowed.` }));
    return undefined;
  }
  return value;
}

/** A custom field definition as the imports module needs it. */
export type CustomFieldInfo = {
  key: string;
  labelFa: string;
  labelEn: string;
  type: string;
  options: Array<{ value: string; labelFa: string; labelEn: string }>;
  required: boolean;
};

export function customImportFields(defs: CustomFieldInfo[]): ImportField[] {
  return defs.map((d) => ({
    key: `${CUSTOM_PREFIX}${d.key}`,
    label: { fa: d.labelFa, en: d.labelEn },
    required: d.required,
    aliases: [d.labelFa, d.labelEn, d.key],
  }));
}

/** Reads the mapped custom columns by their definitions' types; the owning service validates again. */
export function readCustomValues(
  record: Record<string, string>,
  defs: CustomFieldInfo[],
  calendar: CalendarKind,
  errors: RowFieldError[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const field = `${CUSTOM_PREFIX}${def.key}`;
    const raw = cleanText(record[field]);
    if (raw === undefined) continue;
    const options = def.options.map((o) => ({ value: o.value, labels: [o.labelFa, o.labelEn] }));
    let value: unknown;
    switch (def.type) {
      case 'number':
        value = readNumber(field, raw, errors);
        break;
      case 'date':
        value = readDate(field, raw, calendar, errors);
        break;
      case 'boolean':
        value = readBoolean(field, raw, errors);
        break;
      case 'select':
        value = readChoice(field, raw, options, errors);
        break;
      case 'multi_select': {
        const values = raw
          .split(/[,;\u060C\u061B\n]+/)
          .map((v) => v.trim())
          .filter(Boolean)
          .map((v) => readChoice(field, v, options, errors));
        value = values.every((v) => v !== undefined) ? [...new Set(values)] : undefined;
        break;
      }
      default:
        value = raw;
    }
    if (value !== undefined) out[def.key] = value;
  }
  return out;
}

/** Renders a stored custom value for a CSV cell. */
export function customCell(value: unknown, def: CustomFieldInfo, locale: 'fa' | 'en', calendar: CalendarKind): string {
  if (value === null || value === undefined) return '';
  const label = (v: unknown) => {
    const option = def.options.find((o) => o.value === v);
    return option ? (locale === 'fa' ? option.labelFa : option.labelEn) : String(v);
  };
  switch (def.type) {
    case 'date':
      return typeof value === 'string' ? dateCell(value, calendar) : '';
    case 'boolean':
      return value ? (locale === 'fa' ? 'بله' : 'yes') : locale === 'fa' ? 'خیر' : 'no';
    case 'select':
      return label(value);
    case 'multi_select':
      return Array.isArray(value) ? value.map(label).join(', ') : '';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** An ISO date as a CSV cell: 1403/01/15 (Latin digits, so spreadsheets keep it as text) or 2024-04-03. */
export function dateCell(iso: string | null | undefined, calendar: CalendarKind): string {
  if (!iso) return '';
  const g = parseIsoDate(iso.slice(0, 10));
  if (!g) return '';
  if (calendar === 'gregorian') return iso.slice(0, 10);
  const { jy, jm, jd } = toJalali(g.gy, g.gm, g.gd);
  return `${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`;
}

/** Header comparison key: Persian-normalised, no spaces, no punctuation (_ - . : * #). */
export function headerKey(text: string): string {
  return searchKey(text).replace(/[_\-.:*#()[\]'"/\\]/g, '');
}

/** Suggests column → field from the fields' keys, labels and aliases. Each single-valued field once. */
export function suggestMapping(header: string[], fields: ImportField[]): Record<string, string> {
  const index = new Map<string, ImportField>();
  for (const field of fields) {
    for (const name of [field.key, field.label.fa, field.label.en, ...field.aliases]) {
      const key = headerKey(name);
      if (key && !index.has(key)) index.set(key, field);
    }
  }
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const column of header) {
    const field = index.get(headerKey(column));
    if (!field) continue;
    if (used.has(field.key) && !field.multiple) continue;
    used.add(field.key);
    mapping[column] = field.key;
  }
  return mapping;
}
