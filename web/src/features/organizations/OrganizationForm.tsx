import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactListEditor,
  CustomFieldInputs,
  ORGANIZATION_SIZES,
  ORGANIZATION_TYPES,
  ORGANIZATION_TYPE_LABELS,
  OwnerSelect,
  TagsEditor,
  contactDrafts,
  contactsForApi,
  customValuesForApi,
  type ContactDraft,
  type CustomFieldDef,
  type Organization,
  type OrganizationType,
} from '../../shared/records/index.ts';
import { fieldState } from '../../shared/ui/index.ts';

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
  tags: string[];
  custom: Record<string, unknown>;
};

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
    tags: o.tags.map((t) => t.name),
    custom: { ...o.custom },
  };
}

const text = (v: string) => v.trim() || null;

export function organizationBody(d: OrganizationDraft, defs: CustomFieldDef[]) {
  return {
    name: d.name.trim(),
    nameLatin: text(d.nameLatin),
    type: d.type,
    industry: text(d.industry),
    size: d.size || null,
    website: text(d.website),
    nationalId: text(d.nationalId),
    economicCode: text(d.economicCode),
    emails: contactsForApi(d.emails),
    phones: contactsForApi(d.phones),
    ownerId: d.ownerId,
    tags: d.tags,
    custom: customValuesForApi(defs, d.custom),
  };
}

export function organizationPatch(before: OrganizationDraft, after: OrganizationDraft, defs: CustomFieldDef[]) {
  const a = organizationBody(after, defs) as Record<string, unknown>;
  const b = organizationBody(before, defs) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(a)) {
    if (key === 'tags') continue;
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
  draft: OrganizationDraft;
  onChange: (d: OrganizationDraft) => void;
  error: unknown;
  submitted: boolean;
  customFields: CustomFieldDef[];
  mode: 'quick' | 'full';
};

export function OrganizationFormFields({ draft, onChange, error, submitted, customFields, mode }: Props) {
  const { t, locale } = useT();
  const format = useFormat();
  const set = <K extends keyof OrganizationDraft>(key: K, value: OrganizationDraft[K]) => onChange({ ...draft, [key]: value });
  const full = mode === 'full';
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 1 }}>
      <TextField
        size="small"
        label={t('organizations.fields.name')}
        value={draft.name}
        onChange={(e) => set('name', e.target.value)}
        {...fieldState('name', { error, client: submitted && !draft.name.trim() ? t('errors.required') : null })}
        slotProps={{ htmlInput: { 'data-testid': 'org-name', autoFocus: mode === 'quick' } }}
      />
      <TextField
        size="small"
        label={t('organizations.fields.nameLatin')}
        value={draft.nameLatin}
        onChange={(e) => set('nameLatin', e.target.value)}
        {...fieldState('nameLatin', { error })}
        slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'org-name-latin' } }}
      />
      <TextField select size="small" label={t('organizations.fields.type')} value={draft.type} onChange={(e) => set('type', e.target.value as OrganizationType)} slotProps={{ htmlInput: { 'data-testid': 'org-type' } }}>
        {ORGANIZATION_TYPES.map((type) => (
          <MenuItem key={type} value={type}>
            {ORGANIZATION_TYPE_LABELS[type]?.[locale] ?? type}
          </MenuItem>
        ))}
      </TextField>
      <TextField size="small" label={t('organizations.fields.industry')} value={draft.industry} onChange={(e) => set('industry', e.target.value)} {...fieldState('industry', { error })} />
      <TextField
        size="small"
        label={t('organizations.fields.website')}
        value={draft.website}
        onChange={(e) => set('website', e.target.value)}
        {...fieldState('website', { error })}
        slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'url' } }}
      />
      <OwnerSelect size="small" value={draft.ownerId} onChange={(v) => set('ownerId', v)} testId="org-owner" />
      <Box sx={{ gridColumn: '1 / -1' }}>
        <ContactListEditor kind="phone" value={draft.phones} onChange={(v) => set('phones', v)} error={error} testId="org-phone" />
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <ContactListEditor kind="email" value={draft.emails} onChange={(v) => set('emails', v)} error={error} testId="org-email" />
      </Box>
      {!full && (
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TagsEditor value={draft.tags} onChange={(v) => set('tags', v)} testId="org-tags" />
        </Box>
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
          <TextField
            size="small"
            label={t('organizations.fields.nationalId')}
            value={draft.nationalId}
            onChange={(e) => set('nationalId', e.target.value)}
            {...fieldState('nationalId', { error })}
            slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
          />
          <TextField
            size="small"
            label={t('organizations.fields.economicCode')}
            value={draft.economicCode}
            onChange={(e) => set('economicCode', e.target.value)}
            {...fieldState('economicCode', { error })}
            slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
          />
        </>
      )}
      {customFields.some((d) => !d.archivedAt && (full || d.required)) && (
        <Box sx={{ gridColumn: '1 / -1', display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <CustomFieldInputs
            defs={full ? customFields : customFields.filter((d) => d.required)}
            values={draft.custom}
            onChange={(key, value) => set('custom', { ...draft.custom, [key]: value })}
            error={error}
          />
        </Box>
      )}
    </Box>
  );
}
