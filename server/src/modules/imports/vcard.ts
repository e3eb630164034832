/*
 * vCard (RFC 6350 4.0, RFC 2426 3.0, and the 2.1 that Android phones still export) to and from
 * the fields of a person. Written here rather than taken from a package: the part a CRM needs is
 * small, and the Persian details (UTF-8 names, quoted-printable from old phones) must be right.
 */

export type VcardVersion = '3.0' | '4.0';

export type VcardAddress = { label?: string; line?: string; city?: string; province?: string; postalCode?: string; country?: string };

/** A person as a vCard carries it. */
export type VcardPerson = {
  id?: string;
  firstName: string;
  lastName: string;
  emails: string[];
  /** E.164 numbers, with an optional label (mobile, work, home, fax). */
  phones: Array<{ value: string; label?: string }>;
  organization?: string;
  jobTitle?: string;
  /** ISO date. */
  birthday?: string;
  addresses: VcardAddress[];
};

// ---------------------------------------------------------------------------------------------
// Writing

const escapeText = (value: string) => value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');

/** Folds a content line at 75 octets without cutting a UTF-8 character (RFC 6350 §3.2). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function phoneType(label: string | undefined, value: string, version: VcardVersion): string {
  const l = (label ?? '').toLowerCase();
  const kind = /fax|فکس|نمابر/.test(l)
    ? 'fax'
    : /work|office|کار|محل/.test(l)
      ? 'work'
      : /home|منزل|خانه/.test(l)
        ? 'home'
        : /mobile|cell|همراه|موبایل/.test(l) || value.startsWith('+989')
          ? 'cell'
          : 'voice';
  return version === '4.0' ? kind : kind.toUpperCase();
}

/** One vCard, lines ending in CRLF. */
export function formatVcard(person: VcardPerson, version: VcardVersion = '4.0'): string {
  const lines: string[] = ['BEGIN:VCARD', `VERSION:${version}`];
  if (person.id) lines.push(`UID:urn:uuid:${person.id}`);
  const fullName = [person.firstName, person.lastName].filter(Boolean).join(' ') || person.organization || person.emails[0] || person.phones[0]?.value || '';
  lines.push(`FN:${escapeText(fullName)}`);
  lines.push(`N:${escapeText(person.lastName)};${escapeText(person.firstName)};;;`);
  if (person.organization) lines.push(`ORG:${escapeText(person.organization)}`);
  if (person.jobTitle) lines.push(`TITLE:${escapeText(person.jobTitle)}`);
  person.phones.forEach((phone, i) => {
    const type = phoneType(phone.label, phone.value, version);
    if (version === '4.0') lines.push(`TEL;VALUE=uri;TYPE=${type}${i === 0 ? ';PREF=1' : ''}:tel:${phone.value}`);
    else lines.push(`TEL;TYPE=${type}${i === 0 ? ',PREF' : ''}:${phone.value}`);
  });
  person.emails.forEach((email, i) => {
    if (version === '4.0') lines.push(`EMAIL${i === 0 ? ';PREF=1' : ''}:${escapeText(email)}`);
    else lines.push(`EMAIL;TYPE=INTERNET${i === 0 ? ',PREF' : ''}:${escapeText(email)}`);
  });
  if (person.birthday) lines.push(`BDAY:${version === '4.0' ? person.birthday.replace(/-/g, '') : person.birthday}`);
  for (const address of person.addresses) {
    const parts = ['', '', address.line, address.city, address.province, address.postalCode, address.country].map((p) => escapeText(p ?? ''));
    const type = /work|کار/i.test(address.label ?? '') ? 'work' : /home|منزل|خانه/i.test(address.label ?? '') ? 'home' : undefined;
    const param = type ? `;TYPE=${version === '4.0' ? type : type.toUpperCase()}` : '';
    lines.push(`ADR${param}:${parts.join(';')}`);
  }
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Reading

type Property = { name: string; params: Map<string, string[]>; value: string };

export type ParsedVcard = {
  fn?: string;
  n?: { family: string; given: string; additional: string };
  tels: string[];
  emails: string[];
  org?: string;
  title?: string;
  /** ISO date, when the card has a full date. */
  bday?: string;
  adrs: Array<{ street: string; locality: string; region: string; postalCode: string; country: string }>;
};

/** Splits on `separator` where it is not escaped by a backslash. */
function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const unescapeText = (value: string) => value.replace(/\\([\\,;nN:])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(Uint8Array.from(bytes));
  } catch {
    return Buffer.from(bytes).toString('utf8');
  }
}

/** Content lines: folded lines joined, and 2.1's quoted-printable soft breaks (`=` at the end) too. */
function contentLines(text: string): string[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lines: string[] = [];
  for (const line of raw) {
    const previous = lines[lines.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && previous !== undefined) {
      lines[lines.length - 1] = previous + line.slice(1);
    } else if (previous !== undefined && /QUOTED-PRINTABLE/i.test(previous.split(':')[0] ?? '') && previous.endsWith('=')) {
      lines[lines.length - 1] = previous.slice(0, -1) + line;
    } else {
      lines.push(line);
    }
  }
  return lines.filter((l) => l.trim() !== '');
}

function parseProperty(line: string): Property | undefined {
  // The value starts at the first ':' outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [nameWithGroup, ...paramParts] = line.slice(0, colon).split(';');
  const name = (nameWithGroup ?? '').split('.').pop()!.toUpperCase();
  const params = new Map<string, string[]>();
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    // vCard 2.1 writes bare types: TEL;CELL;VOICE:…
    const key = (eq < 0 ? 'TYPE' : part.slice(0, eq)).toUpperCase();
    const values = (eq < 0 ? part : part.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, ''));
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  let value = line.slice(colon + 1);
  if ((params.get('ENCODING') ?? []).some((e) => e.toUpperCase() === 'QUOTED-PRINTABLE')) {
    value = decodeQuotedPrintable(value, params.get('CHARSET')?.[0] ?? 'utf-8');
  }
  return { name, params, value };
}

/** 19900501, 1990-05-01, 1990-05-01T00:00:00Z → 1990-05-01; a date without a year → undefined. */
function readBday(value: string): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value.trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** Every card in the text; properties a CRM has no place for (PHOTO, NOTE, …) are passed over. */
export function parseVcards(text: string): ParsedVcard[] {
  const cards: ParsedVcard[] = [];
  let card: ParsedVcard | undefined;
  for (const line of contentLines(text)) {
    const property = parseProperty(line);
    if (!property) continue;
    const { name, value } = property;
    if (name === 'BEGIN' && value.trim().toUpperCase() === 'VCARD') {
      card = { tels: [], emails: [], adrs: [] };
      continue;
    }
    if (!card) continue;
    switch (name) {
      case 'END':
        cards.push(card);
        card = undefined;
        break;
      case 'FN':
        card.fn = unescapeText(value).trim();
        break;
      case 'N': {
        const [family = '', given = '', additional = ''] = splitUnescaped(value, ';').map((p) => unescapeText(p).trim());
        card.n = { family, given, additional };
        break;
      }
      case 'TEL': {
        const tel = unescapeText(value).trim().replace(/^tel:/i, '');
        if (tel) card.tels.push(tel);
        break;
      }
      case 'EMAIL': {
        const email = unescapeText(value).trim().replace(/^mailto:/i, '');
        if (email) card.emails.push(email);
        break;
      }
      case 'ORG':
        card.org = splitUnescaped(value, ';').map((p) => unescapeText(p).trim()).filter(Boolean).join(' - ') || undefined;
        break;
      case 'TITLE':
        card.title = unescapeText(value).trim() || undefined;
        break;
      case 'BDAY':
        card.bday = readBday(value);
        break;
      case 'ADR': {
        const [, , street = '', locality = '', region = '', postalCode = '', country = ''] = splitUnescaped(value, ';').map((p) => unescapeText(p).trim());
        if (street || locality || region || postalCode || country) card.adrs.push({ street, locality, region, postalCode, country });
        break;
      }
    }
  }
  return cards;
}

/** A parsed card as a row of person import fields (see the person adapter's field keys). */
export function vcardToPersonRecord(card: ParsedVcard): Record<string, string> {
  const record: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value && value.trim()) record[key] = value.trim();
  };
  if (card.n && (card.n.given || card.n.family)) {
    set('firstName', [card.n.given, card.n.additional].filter(Boolean).join(' '));
    set('lastName', card.n.family);
  } else {
    set('fullName', card.fn);
  }
  set('email', card.emails.join(', '));
  set('phone', card.tels.join(', '));
  set('organization', card.org);
  set('jobTitle', card.title);
  set('birthday', card.bday);
  const adr = card.adrs[0];
  if (adr) {
    set('addressLine', adr.street);
    set('city', adr.locality);
    set('province', adr.region);
    set('postalCode', adr.postalCode);
    set('country', adr.country);
  }
  return record;
}
