import { parseDateInput } from '#common/calendar/index.ts';
import { normalizeIranianPhone } from '#common/identity/index.ts';
import { z } from 'zod';
import type { FieldError } from '../../kernel/errors/index.ts';
import type { ContactPoint } from '../../kernel/records/index.ts';
import type { AddressEntry, EmailEntry, PhoneEntry } from './people.schema.ts';

/*
 * Emails, phones, addresses and typed dates: the contact details people and organisations share
 * (and leads and imports can reuse). Shapes are checked by zod; the rules that need fa/en
 * messages of their own (phone normalisation, Jalali dates) are applied by the functions below.
 */

const ZContactLabel = z.string().trim().max(40).describe('e.g. work, home, mobile');
const ZEmailValue = z.string().trim().toLowerCase().max(254).email();
const ZPhoneValue = z.string().trim().min(1).max(40).describe('Any common Iranian or international form; stored as E.164');

export const ZEmailInput = z.union([
  ZEmailValue,
  z.object({ value: ZEmailValue, label: ZContactLabel.optional(), primary: z.boolean().optional() }).strict(),
]);
export const ZPhoneInput = z.union([
  ZPhoneValue,
  z.object({ value: ZPhoneValue, label: ZContactLabel.optional(), primary: z.boolean().optional() }).strict(),
]);
export type TEmailInput = z.infer<typeof ZEmailInput>;
export type TPhoneInput = z.infer<typeof ZPhoneInput>;

const ZAddressPart = z.string().trim().max(300);
export const ZAddress = z
  .object({
    label: ZContactLabel.optional(),
    country: ZAddressPart.optional(),
    province: ZAddressPart.optional(),
    city: ZAddressPart.optional(),
    line: ZAddressPart.optional(),
    postalCode: z.string().trim().max(20).optional(),
  })
  .strict();

export const ZDateInput = z.string().trim().min(1).max(32).describe('ISO date (2024-04-03) or Jalali (1403/01/15); Persian digits accepted');

export const ZEmail = z.object({ value: z.string(), label: z.string().optional(), primary: z.boolean() });
export const ZPhone = z.object({
  value: z.string().describe('E.164, e.g. +989121234567'),
  raw: z.string().optional().describe('As it was typed'),
  label: z.string().optional(),
  primary: z.boolean(),
});

type Labelled = { value: string; label?: string; primary?: boolean };
const asEntry = (input: string | Labelled): Labelled => (typeof input === 'string' ? { value: input } : input);

/** One primary at most: the first one marked, or else the first entry. */
function withOnePrimary<T extends { primary?: boolean }>(entries: T[]): Array<T & { primary: boolean }> {
  const primaryIndex = Math.max(0, entries.findIndex((e) => e.primary));
  return entries.map((e, index) => ({ ...e, primary: index === primaryIndex }));
}

/** Lower-cased (by the contract), one entry per address, one primary. */
export function normaliseEmails(input: TEmailInput[]): EmailEntry[] {
  const byValue = new Map<string, EmailEntry>();
  for (const entry of input.map(asEntry)) {
    if (!byValue.has(entry.value)) byValue.set(entry.value, { value: entry.value, ...(entry.label ? { label: entry.label } : {}), primary: !!entry.primary });
  }
  return withOnePrimary([...byValue.values()]);
}

/** E.164 in `value`, what was typed in `raw`; numbers that cannot be read become field errors. */
export function normalisePhones(input: TPhoneInput[], path = 'phones'): { phones: PhoneEntry[]; fieldErrors: FieldError[] } {
  const fieldErrors: FieldError[] = [];
  const seen = new Set<string>();
  const phones: PhoneEntry[] = [];
  input.map(asEntry).forEach((entry, index) => {
    const e164 = normalizeIranianPhone(entry.value);
    if (!e164) {
      fieldErrors.push({
        path: `${path}.${index}`,
        code: 'invalid_phone',
        message: { fa: 'شمارهٔ تلفن معتبر نیست (مثلاً ۰۹۱۲۱۲۳۴۵۶۷ یا ۰۲۱۸۸۷۷۶۶۵۵).', en: 'Not a valid phone number (e.g. 09121234567 or +98 21 8877 6655).' },
      });
      return;
    }
    if (seen.has(e164)) return;
    seen.add(e164);
    phones.push({ value: e164, raw: entry.value, ...(entry.label ? { label: entry.label } : {}), primary: !!entry.primary });
  });
  return { phones: withOnePrimary(phones), fieldErrors };
}

export const normaliseAddresses = (input: z.infer<typeof ZAddress>[]): AddressEntry[] =>
  input.map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== '')) as AddressEntry).filter((a) => Object.keys(a).length > 0);

type ContactInput = { emails?: TEmailInput[]; phones?: TPhoneInput[]; addresses?: z.infer<typeof ZAddress>[] };

/** The emails, phones and addresses a write of a person or an organisation sends, normalised; phones that cannot be read become field errors. */
export function contactValues(input: ContactInput, errors: FieldError[]): { emails?: EmailEntry[]; phones?: PhoneEntry[]; addresses?: AddressEntry[] } {
  const values: { emails?: EmailEntry[]; phones?: PhoneEntry[]; addresses?: AddressEntry[] } = {};
  if (input.emails !== undefined) values.emails = normaliseEmails(input.emails);
  if (input.phones !== undefined) {
    const { phones, fieldErrors } = normalisePhones(input.phones);
    values.phones = phones;
    errors.push(...fieldErrors);
  }
  if (input.addresses !== undefined) values.addresses = normaliseAddresses(input.addresses);
  return values;
}

/**
 * A calendar date typed as ISO or Jalali, in any digits → 'YYYY-MM-DD'. `undefined` stays
 * undefined (not sent) and `null` clears.
 */
export function parseDateField(value: string | null | undefined, path: string, fieldErrors: FieldError[]): string | null | undefined {
  if (value === undefined || value === null) return value;
  const iso = parseDateInput(value, 'jalali');
  if (!iso) {
    fieldErrors.push({
      path,
      code: 'invalid_date',
      message: { fa: 'تاریخ معتبر نیست؛ به شکل ۱۴۰۳/۰۱/۱۵ یا 2024-04-03 بنویسید.', en: 'Not a valid date; write it as 1403/01/15 or 2024-04-03.' },
    });
  }
  return iso ?? undefined;
}

/** Rows for the contact-point index (duplicate detection, phone lookups). */
export const contactPointsOf = (emails: EmailEntry[], phones: PhoneEntry[]): ContactPoint[] => [
  ...emails.map((e) => ({ kind: 'email' as const, value: e.value })),
  ...phones.map((p) => ({ kind: 'phone' as const, value: p.value })),
];

/** A phone as people search for it: +989121234567 and 09121234567. */
export function phoneSearchForms(phones: PhoneEntry[]): string[] {
  return phones.flatMap((p) => (p.value.startsWith('+98') ? [p.value, `0${p.value.slice(3)}`] : [p.value]));
}

/** Stored entries → API shape, `primary` always present. */
export const publicEmails = (emails: EmailEntry[]) => emails.map((e) => ({ ...e, primary: !!e.primary }));
export const publicPhones = (phones: PhoneEntry[]) => phones.map((p) => ({ ...p, primary: !!p.primary }));
