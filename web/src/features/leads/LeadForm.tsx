import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useT } from '../../shared/i18n/index.ts';
import {
  CustomFieldInputs,
  LEAD_SOURCES,
  LEAD_SOURCE_LABELS,
  OwnerSelect,
  TagsEditor,
  customValuesForApi,
  tagNamesOf,
  type CustomFieldDef,
  type Lead,
} from '../../shared/records/index.ts';
import { fieldState } from '../../shared/ui/index.ts';

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
    email: d.email.trim() || null,
    phone: d.phone.trim() || null,
    companyName: d.companyName.trim() || null,
    jobTitle: d.jobTitle.trim() || null,
    source: d.source,
    ownerId: d.ownerId,
    notes: d.notes.trim() || null,
    tags: d.tags,
    custom: customValuesForApi(defs, d.custom),
  };
}

export function leadPatch(before: LeadDraft, after: LeadDraft, defs: CustomFieldDef[]) {
  const a = leadBody(after, defs) as Record<string, unknown>;
  const b = leadBody(before, defs) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(a)) {
    if (key === 'tags') continue;
    if (key === 'custom') {
      const ca = a.custom as Record<string, unknown>;
      const cb = b.custom as Record<string, unknown>;
      // Leads take only the changed keys (null clears one).
      const changed = Object.fromEntries(Object.entries(ca).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(cb[k] ?? null)));
      if (Object.keys(changed).length) patch.custom = changed;
      continue;
    }
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) patch[key] = a[key];
  }
  return patch;
}

export function leadClientError(d: LeadDraft, t: (k: 'leads.nameOrContactRequired') => string): string | null {
  return d.firstName.trim() || d.lastName.trim() || d.email.trim() || d.phone.trim() ? null : t('leads.nameOrContactRequired');
}

export function LeadFormFields({
  draft,
  onChange,
  error,
  submitted,
  customFields,
  mode,
}: {
  draft: LeadDraft;
  onChange: (d: LeadDraft) => void;
  error: unknown;
  submitted: boolean;
  customFields: CustomFieldDef[];
  mode: 'quick' | 'full';
}) {
  const { t, locale } = useT();
  const set = <K extends keyof LeadDraft>(key: K, value: LeadDraft[K]) => onChange({ ...draft, [key]: value });
  const problem = submitted ? leadClientError(draft, t) : null;
  const shownDefs = mode === 'full' ? customFields : customFields.filter((d) => d.required);
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 1 }}>
      <TextField
        size="small"
        label={t('people.fields.firstName')}
        value={draft.firstName}
        onChange={(e) => set('firstName', e.target.value)}
        {...fieldState('firstName', { error, client: problem })}
        slotProps={{ htmlInput: { 'data-testid': 'lead-first-name', autoFocus: mode === 'quick' } }}
      />
      <TextField size="small" label={t('people.fields.lastName')} value={draft.lastName} onChange={(e) => set('lastName', e.target.value)} {...fieldState('lastName', { error })} slotProps={{ htmlInput: { 'data-testid': 'lead-last-name' } }} />
      <TextField
        size="small"
        type="email"
        label={t('records.email')}
        value={draft.email}
        onChange={(e) => set('email', e.target.value)}
        {...fieldState('email', { error })}
        slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'email', 'data-testid': 'lead-email' } }}
      />
      <TextField
        size="small"
        type="tel"
        label={t('records.phone')}
        value={draft.phone}
        onChange={(e) => set('phone', e.target.value)}
        {...fieldState('phone', { error })}
        slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', 'data-testid': 'lead-phone' } }}
      />
      <TextField size="small" label={t('leads.fields.companyName')} value={draft.companyName} onChange={(e) => set('companyName', e.target.value)} {...fieldState('companyName', { error })} slotProps={{ htmlInput: { 'data-testid': 'lead-company' } }} />
      <TextField size="small" label={t('people.fields.jobTitle')} value={draft.jobTitle} onChange={(e) => set('jobTitle', e.target.value)} {...fieldState('jobTitle', { error })} />
      <TextField select size="small" label={t('leads.fields.source')} value={draft.source} onChange={(e) => set('source', e.target.value)}>
        {LEAD_SOURCES.map((s) => (
          <MenuItem key={s} value={s}>
            {LEAD_SOURCE_LABELS[s]?.[locale] ?? s}
          </MenuItem>
        ))}
      </TextField>
      <OwnerSelect size="small" value={draft.ownerId} onChange={(v) => set('ownerId', v)} testId="lead-owner" />
      {mode === 'quick' && (
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TagsEditor value={draft.tags} onChange={(v) => set('tags', v)} testId="lead-tags" />
        </Box>
      )}
      <TextField
        size="small"
        multiline
        minRows={2}
        label={t('leads.fields.notes')}
        value={draft.notes}
        onChange={(e) => set('notes', e.target.value)}
        {...fieldState('notes', { error })}
        sx={{ gridColumn: '1 / -1' }}
      />
      {shownDefs.length > 0 && (
        <Box sx={{ gridColumn: '1 / -1', display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <CustomFieldInputs defs={shownDefs} values={draft.custom} onChange={(key, value) => set('custom', { ...draft.custom, [key]: value })} error={error} />
        </Box>
      )}
    </Box>
  );
}
