import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useFormat } from '../../shared/format/index.ts';
import { useT, type Translate } from '../../shared/i18n/index.ts';
import {
  ContactListEditor,
  CustomFieldsRow,
  FormGrid,
  FullRow,
  ORGANIZATION_SIZES,
  ORGANIZATION_TYPES,
  ORGANIZATION_TYPE_LABELS,
  OwnerSelect,
  TagsEditor,
  contactDrafts,
  contactsForApi,
  customValuesForApi,
  patchBetween,
  tagNamesOf,
  textOrNull,
  type ContactDraft,
  type CustomFieldDef,
  type Organization,
  type OrganizationType,
  type RecordForm,
  type RecordFormFieldsProps,
} from '../../shared/records/index.ts';
import { bindDraft, fieldState } from '../../shared/ui/index.ts';
import { TerritorySelect } from '../territories/TerritorySelect.tsx';

export type OrganizationDraft = {
  name: string;
  nameLatin: string;
  type: OrganizationType;
  industry: string;
  size: string;
  website: string;
  nationalId: string;
  economicCode: string;
  emails: ContactDraft[];
  phones: ContactDraft[];
  ownerId: string | null;
  territoryId: string | null;
  tags: string[];
  custom: Record<string, unknown>;
};

/** The sales territory of an organisation (the server sends territoryId; older shapes lack it). */
const territoryOf = (o: Organization): string | null => (o as Organization & { territoryId?: string | null }).territoryId ?? null;

export function emptyOrganizationDraft(ownerId: string | null): OrganizationDraft {
  return {
    name: '',
    nameLatin: '',
    type: 'prospect',
    industry: '',
    size: '',
    website: '',
    nationalId: '',
    economicCode: '',
    emails: [{ value: '', label: 'work' }],
    phones: [{ value: '', label: 'work' }],
    ownerId,
    territoryId: null,
    tags: [],
    custom: {},
  };
}

export function draftOfOrganization(o: Organization): OrganizationDraft {
  return {
    name: o.name,
    nameLatin: o.nameLatin ?? '',
    type: o.type,
    industry: o.industry ?? '',
    size: o.size ?? '',
    website: o.website ?? '',
    nationalId: o.nationalId ?? '',
    economicCode: o.economicCode ?? '',
    emails: contactDrafts(o.emails, 'email'),
    phones: contactDrafts(o.phones, 'phone'),
    ownerId: o.ownerId,
    territoryId: territoryOf(o),
    tags: tagNamesOf(o),
    custom: { ...o.custom },
  };
}

export function organizationBody(d: OrganizationDraft, defs: CustomFieldDef[]) {
  return {
    name: d.name.trim(),
    nameLatin: textOrNull(d.nameLatin),
    type: d.type,
    industry: textOrNull(d.industry),
    size: d.size || null,
    website: textOrNull(d.website),
    nationalId: textOrNull(d.nationalId),
    economicCode: textOrNull(d.economicCode),
    emails: contactsForApi(d.emails),
    phones: contactsForApi(d.phones),
    ownerId: d.ownerId,
    territoryId: d.territoryId,
    tags: d.tags,
    custom: customValuesForApi(defs, d.custom),
  };
}

export function organizationPatch(before: OrganizationDraft, after: OrganizationDraft, defs: CustomFieldDef[]) {
  return patchBetween(organizationBody(before, defs), organizationBody(after, defs), 'merged');
}

export function organizationClientError(d: OrganizationDraft, t: Translate): string | null {
  return d.name.trim() ? null : t('errors.required');
}

export function OrganizationFormFields({ draft, onChange, error, submitted, customFields, mode }: RecordFormFieldsProps<OrganizationDraft>) {
  const { t, locale } = useT();
  const format = useFormat();
  const { set, text } = bindDraft(draft, onChange, error);
  const full = mode === 'full';
  return (
    <FormGrid>
      <TextField {...text('name', submitted ? organizationClientError(draft, t) : null)} label={t('organizations.fields.name')} slotProps={{ htmlInput: { 'data-testid': 'org-name', autoFocus: mode === 'quick' } }} />
      <TextField {...text('nameLatin')} label={t('organizations.fields.nameLatin')} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'org-name-latin' } }} />
      <TextField select size="small" label={t('organizations.fields.type')} value={draft.type} onChange={(e) => set('type', e.target.value as OrganizationType)} slotProps={{ htmlInput: { 'data-testid': 'org-type' } }}>
        {ORGANIZATION_TYPES.map((type) => (
          <MenuItem key={type} value={type}>
            {ORGANIZATION_TYPE_LABELS[type]?.[locale] ?? type}
          </MenuItem>
        ))}
      </TextField>
      <TextField {...text('industry')} label={t('organizations.fields.industry')} />
      <TextField {...text('website')} label={t('organizations.fields.website')} slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'url' } }} />
      <OwnerSelect size="small" value={draft.ownerId} onChange={(v) => set('ownerId', v)} testId="org-owner" />
      <TerritorySelect size="small" value={draft.territoryId} onChange={(v) => set('territoryId', v)} testId="org-territory" {...fieldState('territoryId', { error })} />
      <FullRow>
        <ContactListEditor kind="phone" value={draft.phones} onChange={(v) => set('phones', v)} error={error} testId="org-phone" />
      </FullRow>
      <FullRow>
        <ContactListEditor kind="email" value={draft.emails} onChange={(v) => set('emails', v)} error={error} testId="org-email" />
      </FullRow>
      {!full && (
        <FullRow>
          <TagsEditor value={draft.tags} onChange={(v) => set('tags', v)} testId="org-tags" />
        </FullRow>
      )}
      {full && (
        <>
          <TextField select size="small" label={t('organizations.fields.size')} value={draft.size} onChange={(e) => set('size', e.target.value)}>
            <MenuItem value="">
              <em>{t('common.none')}</em>
            </MenuItem>
            {ORGANIZATION_SIZES.map((s) => (
              <MenuItem key={s} value={s}>
                {t('organizations.sizeEmployees', { size: format.digits(s) })}
              </MenuItem>
            ))}
          </TextField>
          <TextField {...text('nationalId')} label={t('organizations.fields.nationalId')} slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }} />
          <TextField {...text('economicCode')} label={t('organizations.fields.economicCode')} slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }} />
        </>
      )}
      <CustomFieldsRow defs={customFields} all={full} values={draft.custom} onChange={(v) => set('custom', v)} error={error} />
    </FormGrid>
  );
}

export const organizationForm: RecordForm<Organization, OrganizationDraft> = {
  draftOf: draftOfOrganization,
  patchOf: organizationPatch,
  clientError: organizationClientError,
  Fields: OrganizationFormFields,
};
