import { normalizePersianText, toLatinDigits } from '#common/text/index.ts';
import { FILTER_LIMITS } from './filter.schema.ts';
import { filterProblems, InvalidFilterValue, valueRequired } from './filter.errors.ts';

/*
 * Value parsers: each turns what a client sent into what the SQL needs, or throws
 * InvalidFilterValue with a message in both languages. Input from Iranian users mixes Persian,
 * Arabic-Indic and Latin digits, so every number and date goes through toLatinDigits first.
 */

const invalid = (fa: string, en: string) => new InvalidFilterValue(filterProblems.invalidValue(fa, en));

function present(value: unknown): unknown {
  if (value === undefined || value === null) throw new InvalidFilterValue(valueRequired());
  return value;
}

/** Text to search for, folded like the column side; never empty. */
export function parseSearchText(value: unknown): string {
  const raw = present(value);
  if (typeof raw !== 'string' && typeof raw !== 'number') throw invalid('مقدار باید متن باشد.', 'The value must be text.');
  const text = normalizePersianText(String(raw));
  if (!text) throw invalid('متن جست‌وجو خالی است.', 'The text to look for is empty.');
  return text;
}

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/** 12,500 / ۱۲٬۵۰۰ / ۳٫۵ / 3.5 → a finite number. */
export function parseNumber(value: unknown): number {
  const raw = present(value);
  if (typeof raw === 'number') {
    if (Number.isFinite(raw)) return raw;
  } else if (typeof raw === 'string') {
    const text = toLatinDigits(raw.trim()).replace(/[,٬\s]/g, '').replace('٫', '.');
    if (NUMBER_RE.test(text)) return Number(text);
  }
  throw invalid('مقدار باید عدد باشد.', 'The value must be a number.');
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

function validIsoDate(text: string): boolean {
  const match = ISO_DATE_RE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 'YYYY-MM-DD' (Gregorian; the UI converts from Jalali), a real calendar day. */
export function parseIsoDate(value: unknown): string {
  const raw = present(value);
  const text = typeof raw === 'string' ? toLatinDigits(raw.trim()) : '';
  if (!validIsoDate(text)) throw invalid('تاریخ باید روزی معتبر به شکل YYYY-MM-DD باشد.', 'The date must be a real day written as YYYY-MM-DD.');
  return text;
}

export type DateTimeValue = { kind: 'day'; date: string } | { kind: 'instant'; iso: string };

/** A whole day ('YYYY-MM-DD', in the caller's time zone) or an exact ISO 8601 instant with offset. */
export function parseDateTime(value: unknown): DateTimeValue {
  const raw = present(value);
  const text = typeof raw === 'string' ? toLatinDigits(raw.trim()) : '';
  if (validIsoDate(text)) return { kind: 'day', date: text };
  if (ISO_INSTANT_RE.test(text) && validIsoDate(text.slice(0, 10)) && !Number.isNaN(Date.parse(text))) {
    return { kind: 'instant', iso: new Date(text).toISOString() };
  }
  throw invalid(
    'زمان باید روزی به شکل YYYY-MM-DD یا زمانی کامل به قالب ISO 8601 باشد.',
    'The value must be a day (YYYY-MM-DD) or a full ISO 8601 date-time.',
  );
}

export function parseBoolean(value: unknown): boolean {
  const raw = present(value);
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw invalid('مقدار باید true یا false باشد.', 'The value must be true or false.');
}

/** A non-empty list (a single value counts as a list of one), without duplicates. */
export function parseList<T>(value: unknown, parseItem: (item: unknown) => T): T[] {
  const raw = present(value);
  const items = Array.isArray(raw) ? raw : [raw];
  if (!items.length) throw invalid('دست‌کم یک مقدار لازم است.', 'At least one value is needed.');
  if (items.length > FILTER_LIMITS.maxListValues) throw invalid('مقدارها بیش از حد زیادند.', 'Too many values.');
  return [...new Set(items.map(parseItem))];
}

/** [from, to] for 'between'; from must not come after to. */
export function parseRange<T>(value: unknown, parseItem: (item: unknown) => T, compare: (a: T, b: T) => number): [T, T] {
  const raw = present(value);
  if (!Array.isArray(raw) || raw.length !== 2) throw invalid('برای «بین» دو مقدار [از، تا] لازم است.', '"between" needs two values: [from, to].');
  const from = parseItem(raw[0]);
  const to = parseItem(raw[1]);
  if (compare(from, to) > 0) throw invalid('مقدار «از» نباید بعد از «تا» باشد.', 'The "from" value must not come after the "to" value.');
  return [from, to];
}

export function parseOption(options: readonly string[] | undefined): (value: unknown) => string {
  return (value) => {
    const raw = present(value);
    if (typeof raw !== 'string' || !raw) throw invalid('مقدار باید یکی از گزینه‌ها باشد.', 'The value must be one of the options.');
    if (options && !options.includes(raw)) {
      throw invalid(`«${raw}» از گزینه‌های این فیلد نیست.`, `"${raw}" is not one of the options of this field.`);
    }
    return raw;
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseUuid(value: unknown): string {
  const raw = present(value);
  if (typeof raw !== 'string' || !UUID_RE.test(raw)) throw invalid('شناسه معتبر نیست.', 'Not a valid identifier.');
  return raw.toLowerCase();
}

/** A user id, or 'me' for whoever runs the filter (so one shared view serves every member). */
export function parseUserId(userId: string | undefined): (value: unknown) => string {
  return (value) => {
    const raw = present(value);
    if (typeof raw !== 'string' || !raw.trim() || raw.length > 100) throw invalid('شناسهٔ کاربر معتبر نیست.', 'Not a valid user id.');
    if (raw !== 'me') return raw;
    if (!userId) throw invalid('«me» فقط برای کاربری که وارد شده معنا دارد.', '"me" only has a meaning for a signed-in user.');
    return userId;
  };
}

/** Phone search works on digits: «۰۹۱۲ ۱۲۳» finds +989121234567 (leading zeros dropped). */
export function parsePhoneDigits(value: unknown): string {
  const raw = present(value);
  const digits = toLatinDigits(String(raw)).replace(/\D/g, '').replace(/^0+/, '');
  if (!digits) throw invalid('برای جست‌وجوی تلفن دست‌کم یک رقم لازم است.', 'Searching phones needs at least one digit.');
  return digits;
}
