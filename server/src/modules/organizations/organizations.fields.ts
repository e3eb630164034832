import { isValidIranianLegalId } from '#common/identity/index.ts';
import { searchKey, toLatinDigits } from '#common/text/index.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import { recordSearchKey } from '../../kernel/records/index.ts';
import { phoneSearchForms } from '../people/contact-fields.ts';
import type { OrganizationRow } from './organizations.repository.ts';

/*
 * The organisation-only field rules: website, شناسه ملی, کد اقتصادی and the search key.
 * Each normaliser returns undefined (not sent), null (cleared) or the stored form, and pushes a
 * fa/en field error when the value cannot be read.
 */

// What people put between digit groups: spaces, dashes, and invisible marks pasted from RTL text.
const DIGIT_SEPARATORS = /[\s\-\u2010-\u2015\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g;
const digitsOnly = (value: string) => toLatinDigits(value).replace(DIGIT_SEPARATORS, '');

type Normalised = string | null | undefined;

/** 'peyvand.ir' → 'https://peyvand.ir'; only http(s) addresses with a dotted host are accepted. */
export function normaliseWebsite(value: string | null | undefined, errors: FieldError[]): Normalised {
  if (value === undefined || value === null || value === '') return value === '' ? null : value;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && !/\s/.test(value)) return withScheme;
  } catch {
    // reported below
  }
  errors.push({ path: 'website', code: 'invalid_url', message: { fa: 'نشانی وب‌سایت معتبر نیست.', en: 'Not a valid website address.' } });
  return undefined;
}

/** شناسه ملی: 11 digits with a valid check digit, stored in Latin digits. */
export function normaliseNationalId(value: string | null | undefined, errors: FieldError[]): Normalised {
  if (value === undefined || value === null || value === '') return value === '' ? null : value;
  const digits = digitsOnly(value);
  if (isValidIranianLegalId(digits)) return digits;
  errors.push({
    path: 'nationalId',
    code: 'invalid_national_id',
    message: { fa: 'شناسهٔ ملی باید ۱۱ رقم با رقم کنترل درست باشد.', en: 'The national ID must be 11 digits with a valid check digit.' },
  });
  return undefined;
}

/** کد اقتصادی: 10 to 14 digits (older 12-digit codes and the newer ones equal to the national ID). */
export function normaliseEconomicCode(value: string | null | undefined, errors: FieldError[]): Normalised {
  if (value === undefined || value === null || value === '') return value === '' ? null : value;
  const digits = digitsOnly(value);
  if (/^\d{10,14}$/.test(digits)) return digits;
  errors.push({ path: 'economicCode', code: 'invalid_economic_code', message: { fa: 'کد اقتصادی باید ۱۰ تا ۱۴ رقم باشد.', en: 'The economic code must be 10 to 14 digits.' } });
  return undefined;
}

/** A name made only of invisible characters would have an empty search key and could never be found. */
export function checkNameSearchable(name: string | undefined, errors: FieldError[]): void {
  if (name !== undefined && !searchKey(name)) {
    errors.push({ path: 'name', code: 'name_required', message: { fa: 'نام سازمان را وارد کنید.', en: "Enter the organisation's name." } });
  }
}

type Searchable = Pick<OrganizationRow, 'name' | 'nameLatin' | 'nationalId' | 'economicCode' | 'website' | 'emails' | 'phones'>;

/**
 * The name always comes first: findByNameKey relies on it to match a name exactly without an
 * extra column. Then the Latin name, identifiers, website, emails and phones (E.164 and 09…).
 */
export function organizationSearchKey(o: Searchable): string {
  const host = o.website ? o.website.replace(/^[a-z]+:\/\//i, '').replace(/^www\./i, '').replace(/\/.*$/, '') : null;
  const parts = [o.name, o.nameLatin, o.nationalId, o.economicCode, host, ...o.emails.map((e) => e.value), ...phoneSearchForms(o.phones)];
  return recordSearchKey([...new Set(parts)]);
}
