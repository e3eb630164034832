import { recordSearchKey } from '../../kernel/records/index.ts';
import type { LeadRow } from './leads.repository.ts';

type Searchable = Pick<LeadRow, 'firstName' | 'lastName' | 'email' | 'phone' | 'companyName' | 'jobTitle'>;

/** An Iranian number is searched as typed locally (0912…) as often as in E.164 (+98912…). */
export const phoneSearchForms = (e164: string | null): string[] => (!e164 ? [] : e164.startsWith('+98') ? [e164, `0${e164.slice(3)}`] : [e164]);

/**
 * Each name and the full name (so «علی رضایی» is also found as «علیرضایی»), email, phone in both
 * forms, company and job title: what the quick search of the leads list looks in.
 */
export function leadSearchKey(lead: Searchable): string {
  const parts = [
    `${lead.firstName} ${lead.lastName}`,
    lead.firstName,
    lead.lastName,
    lead.email,
    ...phoneSearchForms(lead.phone),
    lead.companyName,
    lead.jobTitle,
  ];
  return recordSearchKey([...new Set(parts)]);
}
