import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactListEditor,
  CustomFieldInputs,
  OwnerSelect,
  RecordPicker,
  TagsEditor,
  contactDrafts,
  contactsForApi,
  customValuesForApi,
  type ContactDraft,
  type CustomFieldDef,
  type PickedRecord,
  type Person,
} from '../../shared/records/index.ts';
import { DateInput, fieldState } from '../../shared/ui/index.ts';

export type PersonDraft = {
  firstName: string;
  lastName: string;
  firstNameLatin: string;
  lastNameLatin: string;
  jobTitle: string;
  source: string;
  emails: ContactDraft[];
  phones: ContactDraft[];
  birthday: string | null;
  anniversary: string | null;
  ownerId: string | null;
  tags: string[];
  consent: { email: boolean; sms: boolean; phone: boolean };
  custom: Record<string, unknown>;
  organization: PickedRecord | null;
  role: string;
};

export function emptyPersonDraft(ownerId: string | null): PersonDraft {
  return {
    firstName: '',
    lastName: '',
    firstNameLatin: '',
    lastNameLatin: '',
    jobTitle: '',
    source: '',
    emails: [{ value: '', label: 'work' }],
    phones: [{ value: '', label: 'mobile' }],
    birthday: null,
    anniversary: null,
    ownerId,
    tags: [],
    consent: { email: false, sms: false, phone: false },
    custom: {},
    organization: null,
    role: '',
  };
}

export function draftOfPerson(p: Person): PersonDraft {
  return {
    firstName: p.firstName ?? '',
    lastName: p.lastName ?? '',
    firstNameLatin: p.firstNameLatin ?? '',
    lastNameLatin: p.lastNameLatin ?? '',
    jobTitle: p.jobTitle ?? '',
    source: p.source ?? '',
    emails: contactDrafts(p.emails, 'email'),
    phones: contactDrafts(p.phones, 'phone'),
    birthday: p.birthday,
    anniversary: p.anniversary,
    ownerId: p.ownerId,
    tags: p.tags.map((t) => t.name),
    consent: { email: Boolean(p.consent?.email), sms: Boolean(p.consent?.sms), phone: Boolean(p.consent?.phone) },
    custom: { ...p.custom },
    organization: null,
    role: '',
  };
}

const text = (v: string) => v.trim() || null;

/** The whole draft as a create body (organisation linked separately when it is new). */
export function personCreateBody(d: PersonDraft, defs: CustomFieldDef[]) {
  return {
    firstName: d.firstName.trim(),
    lastName: d.lastName.trim(),
    firstNameLatin: text(d.firstNameLatin),
    lastNameLatin: text(d.lastNameLatin),
    jobTitle: text(d.jobTitle),
    source: text(d.source),
    emails: contactsForApi(d.emails),
    phones: contactsForApi(d.phones),
    birthday: d.birthday,
    anniversary: d.anniversary,
    ownerId: d.ownerId,
    tags: d.tags,
    consent: d.consent,
    custom: customValuesForApi(defs, d.custom),
  };
}

/** Only what changed, so the history says exactly what the user did. */
export function personPatchBody(before: PersonDraft, after: PersonDraft, defs: CustomFieldDef[]): Record<string, unknown> {
  const a = personCreateBody(after, defs) as Record<string, unknown>;
  const b = personCreateBody(before, defs) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(a)) {
    if (key === 'tags') continue; // edited in place on the page
    if (key === 'custom') {
      const ca = a.custom as Record<string, unknown>;
      const cb = b.custom as Record<string, unknown>;
      const changed = Object.fromEntries(Object.entries(ca).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(cb[k] ?? null)));
      if (Object.keys(changed).length) patch.custom = { ...cb, ...changed };
      continue;
    }
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) patch[key] = a[key];
  }
  return patch;
}

type Props = {
  draft: PersonDraft;
  onChange: (d: PersonDraft) => void;
  error: unknown;
  submitted: boolean;
  customFields: CustomFieldDef[];
  /** quick: names, contact, organisation, owner, tags; full: everything but the organisation. */
  mode: 'quick' | 'full';
  showMore?: boolean;
};

export function personClientErrors(d: PersonDraft, t: (k: 'people.nameOrContactRequired') => string): string | null {
  const hasName = d.firstName.trim() || d.lastName.trim() || d.firstNameLatin.trim() || d.lastNameLatin.trim();
  const hasContact = d.emails.some((e) => e.value.trim()) || d.phones.some((p) => p.value.trim());
  return hasName || hasContact ? null : t('people.nameOrContactRequired');
}

export function PersonFormFields({ draft, onChange, error, submitted, customFields, mode, showMore = true }: Props) {
  const { t } = useT();
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => onChange({ ...draft, [key]: value });
  const nameProblem = submitted ? personClientErrors(draft, t) : null;
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 1 }}>
      <TextField
        size="small"
        label={t('people.fields.firstName')}
        value={draft.firstName}
        onChange={(e) => set('firstName', e.target.value)}
        {...fieldState('firstName', { error, client: nameProblem })}
        slotProps={{ htmlInput: { 'data-testid': 'person-first-name', autoFocus: mode === 'quick' } }}
      />
      <TextField
        size="small"
        label={t('people.fields.lastName')}
        value={draft.lastName}
        onChange={(e) => set('lastName', e.target.value)}
        {...fieldState('lastName', { error })}
        slotProps={{ htmlInput: { 'data-testid': 'person-last-name' } }}
      />
      {(mode === 'full' || showMore) && (
        <>
          <TextField
            size="small"
            label={t('people.fields.firstNameLatin')}
            value={draft.firstNameLatin}
            onChange={(e) => set('firstNameLatin', e.target.value)}
            {...fieldState('firstNameLatin', { error })}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'person-first-name-latin' } }}
          />
          <TextField
            size="small"
            label={t('people.fields.lastNameLatin')}
            value={draft.lastNameLatin}
            onChange={(e) => set('lastNameLatin', e.target.value)}
            {...fieldState('lastNameLatin', { error })}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'person-last-name-latin' } }}
          />
        </>
      )}
      <Box sx={{ gridColumn: '1 / -1' }}>
        <ContactListEditor kind="email" value={draft.emails} onChange={(v) => set('emails', v)} error={error} testId="person-email" />
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <ContactListEditor kind="phone" value={draft.phones} onChange={(v) => set('phones', v)} error={error} testId="person-phone" />
      </Box>
      <TextField
        size="small"
        label={t('people.fields.jobTitle')}
        value={draft.jobTitle}
        onChange={(e) => set('jobTitle', e.target.value)}
        {...fieldState('jobTitle', { error })}
        slotProps={{ htmlInput: { 'data-testid': 'person-job-title' } }}
      />
      <OwnerSelect size="small" value={draft.ownerId} onChange={(v) => set('ownerId', v)} testId="person-owner" {...fieldState('ownerId', { error })} />
      {mode === 'quick' && (
        <>
          <RecordPicker kind="organization" allowCreate value={draft.organization} onChange={(v) => set('organization', v)} label={t('people.fields.organization')} testId="person-organization" />
          <TextField
            size="small"
            label={t('people.fields.role')}
            value={draft.role}
            onChange={(e) => set('role', e.target.value)}
            disabled={!draft.organization}
            slotProps={{ htmlInput: { 'data-testid': 'person-role' } }}
          />
          <Box sx={{ gridColumn: '1 / -1' }}>
            <TagsEditor value={draft.tags} onChange={(v) => set('tags', v)} testId="person-tags" />
          </Box>
        </>
      )}
      {(mode === 'full' || showMore) && (
        <>
          <DateInput size="small" label={t('people.fields.birthday')} value={draft.birthday} onChange={(v) => set('birthday', v)} testId="person-birthday" {...fieldState('birthday', { error })} />
          <DateInput size="small" label={t('people.fields.anniversary')} value={draft.anniversary} onChange={(v) => set('anniversary', v)} testId="person-anniversary" {...fieldState('anniversary', { error })} />
          <TextField size="small" label={t('people.fields.source')} value={draft.source} onChange={(e) => set('source', e.target.value)} {...fieldState('source', { error })} />
          <Box sx={{ gridColumn: '1 / -1' }}>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
              {t('people.fields.consent')}
            </Typography>
            <FormGroup row>
              {(['email', 'sms', 'phone'] as const).map((k) => (
                <FormControlLabel
                  key={k}
                  control={<Switch size="small" checked={draft.consent[k]} onChange={(e) => set('consent', { ...draft.consent, [k]: e.target.checked })} />}
                  label={t(`people.consent.${k}`)}
                />
              ))}
            </FormGroup>
          </Box>
          {customFields.length > 0 && (
            <Box sx={{ gridColumn: '1 / -1', display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              <CustomFieldInputs defs={customFields} values={draft.custom} onChange={(key, value) => set('custom', { ...draft.custom, [key]: value })} error={error} />
            </Box>
          )}
        </>
      )}
      {mode === 'quick' && !showMore && customFields.some((d) => d.required && !d.archivedAt) && (
        <Box sx={{ gridColumn: '1 / -1', display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <CustomFieldInputs
            defs={customFields.filter((d) => d.required)}
            values={draft.custom}
            onChange={(key, value) => set('custom', { ...draft.custom, [key]: value })}
            error={error}
          />
        </Box>
      )}
    </Box>
  );
}
