import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactListEditor,
  CustomFieldsRow,
  FormGrid,
  FullRow,
  OwnerSelect,
  RecordPicker,
  TagsEditor,
  contactDrafts,
  contactsForApi,
  customValuesForApi,
  patchBetween,
  tagNamesOf,
  textOrNull,
  type ContactDraft,
  type CustomFieldDef,
  type PickedRecord,
  type Person,
  type RecordForm,
  type RecordFormFieldsProps,
} from '../../shared/records/index.ts';
import { DateInput, bindDraft, fieldState } from '../../shared/ui/index.ts';

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
    tags: tagNamesOf(p),
    consent: { email: Boolean(p.consent?.email), sms: Boolean(p.consent?.sms), phone: Boolean(p.consent?.phone) },
    custom: { ...p.custom },
    organization: null,
    role: '',
  };
}

/** The whole draft as a create body (organisation linked separately when it is new). */
export function personCreateBody(d: PersonDraft, defs: CustomFieldDef[]) {
  return {
    firstName: d.firstName.trim(),
    lastName: d.lastName.trim(),
    firstNameLatin: textOrNull(d.firstNameLatin),
    lastNameLatin: textOrNull(d.lastNameLatin),
    jobTitle: textOrNull(d.jobTitle),
    source: textOrNull(d.source),
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

export function personPatchBody(before: PersonDraft, after: PersonDraft, defs: CustomFieldDef[]): Record<string, unknown> {
  return patchBetween(personCreateBody(before, defs), personCreateBody(after, defs), 'merged');
}

export function personClientErrors(d: PersonDraft, t: (k: 'people.nameOrContactRequired') => string): string | null {
  const hasName = d.firstName.trim() || d.lastName.trim() || d.firstNameLatin.trim() || d.lastNameLatin.trim();
  const hasContact = d.emails.some((e) => e.value.trim()) || d.phones.some((p) => p.value.trim());
  return hasName || hasContact ? null : t('people.nameOrContactRequired');
}

/** quick: names, contact, organisation, owner, tags (the rest behind `showMore`); full: everything but the organisation. */
type Props = RecordFormFieldsProps<PersonDraft> & { showMore?: boolean };

export function PersonFormFields({ draft, onChange, error, submitted, customFields, mode, showMore = true }: Props) {
  const { t } = useT();
  const { set, text } = bindDraft(draft, onChange, error);
  const nameProblem = submitted ? personClientErrors(draft, t) : null;
  const more = mode === 'full' || showMore;
  return (
    <FormGrid>
      <TextField {...text('firstName', nameProblem)} label={t('people.fields.firstName')} slotProps={{ htmlInput: { 'data-testid': 'person-first-name', autoFocus: mode === 'quick' } }} />
      <TextField {...text('lastName')} label={t('people.fields.lastName')} slotProps={{ htmlInput: { 'data-testid': 'person-last-name' } }} />
      {more && (
        <>
          <TextField {...text('firstNameLatin')} label={t('people.fields.firstNameLatin')} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'person-first-name-latin' } }} />
          <TextField {...text('lastNameLatin')} label={t('people.fields.lastNameLatin')} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'person-last-name-latin' } }} />
        </>
      )}
      <FullRow>
        <ContactListEditor kind="email" value={draft.emails} onChange={(v) => set('emails', v)} error={error} testId="person-email" />
      </FullRow>
      <FullRow>
        <ContactListEditor kind="phone" value={draft.phones} onChange={(v) => set('phones', v)} error={error} testId="person-phone" />
      </FullRow>
      <TextField {...text('jobTitle')} label={t('people.fields.jobTitle')} slotProps={{ htmlInput: { 'data-testid': 'person-job-title' } }} />
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
          <FullRow>
            <TagsEditor value={draft.tags} onChange={(v) => set('tags', v)} testId="person-tags" />
          </FullRow>
        </>
      )}
      {more && (
        <>
          <DateInput size="small" label={t('people.fields.birthday')} value={draft.birthday} onChange={(v) => set('birthday', v)} testId="person-birthday" {...fieldState('birthday', { error })} />
          <DateInput size="small" label={t('people.fields.anniversary')} value={draft.anniversary} onChange={(v) => set('anniversary', v)} testId="person-anniversary" {...fieldState('anniversary', { error })} />
          <TextField {...text('source')} label={t('people.fields.source')} />
          <FullRow>
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
          </FullRow>
        </>
      )}
      <CustomFieldsRow defs={customFields} all={more} values={draft.custom} onChange={(v) => set('custom', v)} error={error} />
    </FormGrid>
  );
}

export const personForm: RecordForm<Person, PersonDraft> = {
  draftOf: draftOfPerson,
  patchOf: personPatchBody,
  clientError: personClientErrors,
  Fields: PersonFormFields,
};
