import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useT } from '../../shared/i18n/index.ts';
import {
  CustomFieldsRow,
  FormGrid,
  FullRow,
  LEAD_SOURCES,
  LEAD_SOURCE_LABELS,
  OwnerSelect,
  TagsEditor,
  customValuesForApi,
  patchBetween,
  tagNamesOf,
  textOrNull,
  type CustomFieldDef,
  type Lead,
  type RecordForm,
  type RecordFormFieldsProps,
} from '../../shared/records/index.ts';
import { bindDraft } from '../../shared/ui/index.ts';

export type LeadDraft = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  companyName: string;
  jobTitle: string;
  source: string;
  ownerId: string | null;
  notes: string;
  tags: string[];
  custom: Record<string, unknown>;
};

export const emptyLeadDraft = (ownerId: string | null): LeadDraft => ({
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  companyName: '',
  jobTitle: '',
  source: 'manual',
  ownerId,
  notes: '',
  tags: [],
  custom: {},
});

export const draftOfLead = (l: Lead): LeadDraft => ({
  firstName: l.firstName ?? '',
  lastName: l.lastName ?? '',
  email: l.email ?? '',
  phone: l.phone ?? '',
  companyName: l.companyName ?? '',
  jobTitle: l.jobTitle ?? '',
  source: l.source,
  ownerId: l.ownerId,
  notes: l.notes ?? '',
  tags: tagNamesOf(l),
  custom: { ...l.custom },
});

export function leadBody(d: LeadDraft, defs: CustomFieldDef[]) {
  return {
    firstName: d.firstName.trim(),
    lastName: d.lastName.trim(),
    email: textOrNull(d.email),
    phone: textOrNull(d.phone),
    companyName: textOrNull(d.companyName),
    jobTitle: textOrNull(d.jobTitle),
    source: d.source,
    ownerId: d.ownerId,
    notes: textOrNull(d.notes),
    tags: d.tags,
    custom: customValuesForApi(defs, d.custom),
  };
}

/** Leads take only the changed custom keys (null clears one). */
export function leadPatch(before: LeadDraft, after: LeadDraft, defs: CustomFieldDef[]) {
  return patchBetween(leadBody(before, defs), leadBody(after, defs), 'changed');
}

export function leadClientError(d: LeadDraft, t: (k: 'leads.nameOrContactRequired') => string): string | null {
  return d.firstName.trim() || d.lastName.trim() || d.email.trim() || d.phone.trim() ? null : t('leads.nameOrContactRequired');
}

export function LeadFormFields({ draft, onChange, error, submitted, customFields, mode }: RecordFormFieldsProps<LeadDraft>) {
  const { t, locale } = useT();
  const { set, text } = bindDraft(draft, onChange, error);
  const problem = submitted ? leadClientError(draft, t) : null;
  return (
    <FormGrid>
      <TextField {...text('firstName', problem)} label={t('people.fields.firstName')} slotProps={{ htmlInput: { 'data-testid': 'lead-first-name', autoFocus: mode === 'quick' } }} />
      <TextField {...text('lastName')} label={t('people.fields.lastName')} slotProps={{ htmlInput: { 'data-testid': 'lead-last-name' } }} />
      <TextField {...text('email')} type="email" label={t('records.email')} slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'email', 'data-testid': 'lead-email' } }} />
      <TextField {...text('phone')} type="tel" label={t('records.phone')} slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', 'data-testid': 'lead-phone' } }} />
      <TextField {...text('companyName')} label={t('leads.fields.companyName')} slotProps={{ htmlInput: { 'data-testid': 'lead-company' } }} />
      <TextField {...text('jobTitle')} label={t('people.fields.jobTitle')} />
      <TextField select size="small" label={t('leads.fields.source')} value={draft.source} onChange={(e) => set('source', e.target.value)}>
        {LEAD_SOURCES.map((s) => (
          <MenuItem key={s} value={s}>
            {LEAD_SOURCE_LABELS[s]?.[locale] ?? s}
          </MenuItem>
        ))}
      </TextField>
      <OwnerSelect size="small" value={draft.ownerId} onChange={(v) => set('ownerId', v)} testId="lead-owner" />
      {mode === 'quick' && (
        <FullRow>
          <TagsEditor value={draft.tags} onChange={(v) => set('tags', v)} testId="lead-tags" />
        </FullRow>
      )}
      <TextField {...text('notes')} multiline minRows={2} label={t('leads.fields.notes')} sx={{ gridColumn: '1 / -1' }} />
      <CustomFieldsRow defs={customFields} all={mode === 'full'} values={draft.custom} onChange={(v) => set('custom', v)} error={error} />
    </FormGrid>
  );
}

export const leadForm: RecordForm<Lead, LeadDraft> = {
  draftOf: draftOfLead,
  patchOf: leadPatch,
  clientError: leadClientError,
  Fields: LeadFormFields,
};
