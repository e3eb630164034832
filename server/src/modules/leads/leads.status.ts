import { LEAD_STATUS_LABELS as STATUS_LABELS } from '#common/records/index.ts';
import type { LeadStatus } from './leads.schema.ts';
import { leadErrors } from './leads.errors.ts';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const satisfies readonly LeadStatus[];
/** What a lead may be created with: 'converted' only ever comes from a conversion. */
export const INITIAL_LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified'] as const satisfies readonly LeadStatus[];

export const LEAD_STATUS_LABELS: Record<LeadStatus, { fa: string; en: string }> = STATUS_LABELS;

/**
 * The lifecycle: new → contacted → qualified | unqualified, and an unqualified lead can be
 * re-opened (→ contacted). 'converted' is absent on purpose: only the conversion use case sets it,
 * because converting also creates the person, and a converted lead never changes again.
 */
const NEXT_STATUSES: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted'],
  contacted: ['qualified', 'unqualified'],
  qualified: [],
  unqualified: ['contacted'],
  converted: [],
};

/** Statuses from which a lead may be converted; an unqualified lead must be re-opened first. */
const CONVERTIBLE: readonly LeadStatus[] = ['new', 'contacted', 'qualified'];

export function canChangeStatus(from: LeadStatus, to: LeadStatus): boolean {
  return from === to || NEXT_STATUSES[from].includes(to);
}

export const canConvert = (from: LeadStatus): boolean => CONVERTIBLE.includes(from);

export function invalidTransition(from: LeadStatus, to: LeadStatus) {
  // An unqualified lead is re-opened before anything else, even before a conversion.
  const hint =
    from === 'unqualified'
      ? { fa: ' ابتدا سرنخ را دوباره باز کنید (تماس گرفته شده).', en: ' Re-open it first (contacted).' }
      : to === 'converted'
        ? { fa: ' برای تبدیل، از «تبدیل سرنخ» استفاده کنید.', en: ' Use "convert lead" to convert it.' }
        : { fa: '', en: '' };
  return leadErrors.invalid_status_transition({
    params: { from, to, fromFa: LEAD_STATUS_LABELS[from].fa, toFa: LEAD_STATUS_LABELS[to].fa, hintFa: hint.fa, hintEn: hint.en },
  });
}

/** Throws 409 invalid_status_transition (naming both ends) unless `from → to` is allowed. */
export function assertStatusChange(from: LeadStatus, to: LeadStatus): void {
  if (!canChangeStatus(from, to)) throw invalidTransition(from, to);
}
