import { searchKey } from '#common/text/index.ts';
import type { ParsedQuery } from './search.query.ts';
import { trigramSimilarity } from './search.trigram.ts';
import type { MatchedOn, SearchEntity } from './search.types.ts';

/** The display columns the repository selects for each entity type (snake_case, as stored). */
export type DisplayRow = Record<string, any>;

const joined = (...parts: Array<string | null | undefined>) =>
  parts
    .filter((p) => p && p.trim())
    .map((p) => p!.trim())
    .join(' ');

/** `companies`: the organisation names (the first one is displayed). */
type Fields = { names: string[]; emails: string[]; phones: string[]; companies: string[]; other: string[] };

function fieldsOf(entity: SearchEntity, row: DisplayRow): Fields {
  const values = (list: unknown) => (Array.isArray(list) ? list.map((e) => String(e?.value ?? '')).filter(Boolean) : []);
  switch (entity) {
    case 'person':
      return {
        names: [joined(row.first_name, row.last_name), joined(row.first_name_latin, row.last_name_latin)].filter(Boolean),
        emails: values(row.emails),
        phones: values(row.phones),
        companies: Array.isArray(row.companies) ? (row.companies as Array<[string, string | null]>).flat().filter((n): n is string => !!n) : [],
        other: [],
      };
    case 'organization':
      return {
        names: [row.name, row.name_latin].filter(Boolean),
        emails: values(row.emails),
        phones: values(row.phones),
        companies: [],
        other: [row.website, row.industry].filter(Boolean),
      };
    case 'lead':
      return {
        names: [joined(row.first_name, row.last_name)].filter(Boolean),
        emails: row.email ? [row.email] : [],
        phones: row.phone ? [row.phone] : [],
        companies: row.company_name ? [row.company_name] : [],
        other: [],
      };
  }
}

/** Display name: the name in Persian, else in Latin, else the company, email or phone. */
export function titleOf(entity: SearchEntity, row: DisplayRow): string {
  const f = fieldsOf(entity, row);
  return f.names[0] ?? f.companies[0] ?? f.emails[0] ?? f.phones[0] ?? '—';
}

/** Second line: the company (people, leads), else an email, else a phone — whatever the title is not. */
export function subtitleOf(entity: SearchEntity, row: DisplayRow): string | null {
  const f = fieldsOf(entity, row);
  const title = titleOf(entity, row);
  return [f.companies[0], f.emails[0], f.phones[0], entity === 'organization' ? row.website : null].find((v) => v && v !== title) ?? null;
}

/** Which field made the record match the query. */
export function matchedOnOf(entity: SearchEntity, row: DisplayRow & { via_contact?: boolean; via_company?: boolean }, query: ParsedQuery): MatchedOn {
  if (row.via_contact) return query.phone ? 'phone' : 'email';
  const f = fieldsOf(entity, row);
  const groups: [MatchedOn, string[]][] = [
    ['name', f.names],
    ['email', f.emails],
    ['phone', f.phones],
    ['company', f.companies],
    ['other', f.other],
  ];
  if (query.kind === 'digits') {
    if (query.key && f.phones.some((p) => searchKey(p).includes(query.key))) return 'phone';
    return 'other';
  }
  const contains = (value: string) => {
    const key = searchKey(value);
    return key.includes(query.key) || (query.tokens.length > 1 && query.tokens.every((t) => key.includes(t)));
  };
  for (const [field, list] of groups) if (list.some(contains)) return field;
  if (row.via_company) return 'company';
  let best: { field: MatchedOn; similarity: number } = { field: 'other', similarity: 0 };
  for (const [field, list] of groups) {
    for (const value of list) {
      const similarity = trigramSimilarity(query.key, searchKey(value));
      if (similarity > best.similarity) best = { field, similarity };
    }
  }
  return best.field;
}
