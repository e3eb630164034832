import { useT } from '../../shared/i18n/index.ts';
import { QuickCreateDialog, comparableContacts, useQuickCreate, type DuplicateProbe, type Organization } from '../../shared/records/index.ts';
import { OrganizationFormFields, emptyOrganizationDraft, organizationBody, organizationClientError, type OrganizationDraft } from './OrganizationForm.tsx';

/** What duplicate detection is asked while the user types: only once there is enough to compare. */
function organizationProbe(d: OrganizationDraft): DuplicateProbe | null {
  const name = d.name.trim();
  const { emails, phones } = comparableContacts(
    d.emails.map((e) => e.value),
    d.phones.map((p) => p.value),
  );
  if (name.length < 3 && !emails.length && !phones.length) return null;
  return { entityType: 'organization', name: name || undefined, emails, phones };
}

export function QuickCreateOrganizationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const quick = useQuickCreate<Organization, OrganizationDraft>({ resource: 'organizations', open, emptyDraft: emptyOrganizationDraft, probeOf: organizationProbe, onClose });
  const { draft } = quick;

  const handleSubmit = () => {
    quick.setSubmitted(true);
    if (organizationClientError(draft, t)) return;
    quick.submit(organizationBody(draft, quick.customFields), (org) => org.name);
  };

  return (
    <QuickCreateDialog
      open={open}
      title={t('organizations.quickCreateTitle')}
      error={quick.create.error}
      duplicates={quick.duplicates.filter((c) => c.entityType === 'organization')}
      pending={quick.create.isPending}
      onClose={quick.close}
      onSubmit={handleSubmit}
    >
      <OrganizationFormFields draft={draft} onChange={quick.setDraft} error={quick.create.error} submitted={quick.submitted} customFields={quick.customFields} mode="quick" />
    </QuickCreateDialog>
  );
}
