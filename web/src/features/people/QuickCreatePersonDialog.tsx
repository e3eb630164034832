import { useState } from 'react';
import Button from '@mui/material/Button';
import { useT } from '../../shared/i18n/index.ts';
import { QuickCreateDialog, namedProbe, useQuickCreate, type DuplicateProbe, type Person } from '../../shared/records/index.ts';
import { createOrganizationNamed } from './people.api.ts';
import { PersonFormFields, emptyPersonDraft, personClientErrors, personCreateBody, type PersonDraft } from './PersonForm.tsx';

/** Each name is compared as written in Persian or, where that is empty, in Latin letters. */
export const personProbe = (d: PersonDraft): DuplicateProbe | null =>
  namedProbe(
    'person',
    { firstName: d.firstName.trim() || d.firstNameLatin, lastName: d.lastName.trim() || d.lastNameLatin },
    { emails: d.emails.map((e) => e.value), phones: d.phones.map((p) => p.value) },
  );

export function QuickCreatePersonDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const [more, setMore] = useState(false);
  const [orgError, setOrgError] = useState<unknown>(null);
  const quick = useQuickCreate<Person, PersonDraft>({
    resource: 'people',
    open,
    emptyDraft: emptyPersonDraft,
    probeOf: personProbe,
    onClose,
    onReset: () => {
      setMore(false);
      setOrgError(null);
    },
  });
  const { draft } = quick;

  /** A new organisation typed into the form is created first, then linked as the primary one. */
  const handleSubmit = async () => {
    quick.setSubmitted(true);
    if (personClientErrors(draft, t)) return;
    setOrgError(null);
    let organizationId = draft.organization?.id;
    try {
      if (draft.organization?.isNew) organizationId = (await createOrganizationNamed(draft.organization.title)).id;
    } catch (error) {
      setOrgError(error);
      return;
    }
    const body = {
      ...personCreateBody(draft, quick.customFields),
      ...(organizationId ? { organizations: [{ organizationId, role: draft.role.trim() || null, isPrimary: true }] } : {}),
    };
    quick.submit(body, (person) => person.displayName);
  };

  return (
    <QuickCreateDialog
      open={open}
      title={t('people.quickCreateTitle')}
      error={quick.create.error ?? orgError}
      duplicates={quick.duplicates}
      pending={quick.create.isPending}
      onClose={quick.close}
      onSubmit={() => void handleSubmit()}
    >
      <PersonFormFields draft={draft} onChange={quick.setDraft} error={quick.create.error} submitted={quick.submitted} customFields={quick.customFields} mode="quick" showMore={more} />
      {!more && (
        <Button size="small" onClick={() => setMore(true)} sx={{ mt: 1 }} data-testid="quick-create-more">
          {t('records.moreFields')}
        </Button>
      )}
    </QuickCreateDialog>
  );
}
