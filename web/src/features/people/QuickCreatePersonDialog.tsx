import { useState } from 'react';
import Button from '@mui/material/Button';
import { useT } from '../../shared/i18n/index.ts';
import { QuickCreateDialog, comparableContacts, useCustomFieldDefs, useQuickCreate, type DuplicateProbe, type Person } from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { createOrganizationNamed } from './people.api.ts';
import { PersonFormFields, emptyPersonDraft, personClientErrors, personCreateBody, type PersonDraft } from './PersonForm.tsx';

/** What duplicate detection is asked while the user types: only once there is enough to compare. */
export function personProbe(d: PersonDraft): DuplicateProbe | null {
  const { emails, phones } = comparableContacts(
    d.emails.map((e) => e.value),
    d.phones.map((p) => p.value),
  );
  const firstName = d.firstName.trim() || d.firstNameLatin.trim();
  const lastName = d.lastName.trim() || d.lastNameLatin.trim();
  const nameLongEnough = `${firstName}${lastName}`.length >= 3 && lastName.length >= 2;
  if (!emails.length && !phones.length && !nameLongEnough) return null;
  return { entityType: 'person', firstName: firstName || undefined, lastName: lastName || undefined, emails, phones };
}

export function QuickCreatePersonDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const me = useSession();
  const defs = useCustomFieldDefs('person');
  const [more, setMore] = useState(false);
  const [orgError, setOrgError] = useState<unknown>(null);
  const quick = useQuickCreate<Person, PersonDraft>({
    resource: 'people',
    open,
    emptyDraft: () => emptyPersonDraft(me.user.id),
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
      ...personCreateBody(draft, defs.data ?? []),
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
      <PersonFormFields draft={draft} onChange={quick.setDraft} error={quick.create.error} submitted={quick.submitted} customFields={defs.data ?? []} mode="quick" showMore={more} />
      {!more && (
        <Button size="small" onClick={() => setMore(true)} sx={{ mt: 1 }} data-testid="quick-create-more">
          {t('records.moreFields')}
        </Button>
      )}
    </QuickCreateDialog>
  );
}
