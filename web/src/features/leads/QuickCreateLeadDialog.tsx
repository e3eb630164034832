import { useT } from '../../shared/i18n/index.ts';
import { QuickCreateDialog, leadName, namedProbe, useQuickCreate, type DuplicateProbe, type Lead } from '../../shared/records/index.ts';
import { LeadFormFields, emptyLeadDraft, leadBody, leadClientError, type LeadDraft } from './LeadForm.tsx';

const leadProbe = (d: LeadDraft): DuplicateProbe | null => namedProbe('lead', d, { emails: [d.email], phones: [d.phone] });

export function QuickCreateLeadDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const quick = useQuickCreate<Lead, LeadDraft>({ resource: 'leads', open, emptyDraft: emptyLeadDraft, probeOf: leadProbe, onClose });
  const { draft } = quick;

  const handleSubmit = () => {
    quick.setSubmitted(true);
    if (leadClientError(draft, t)) return;
    quick.submit(leadBody(draft, quick.customFields), leadName);
  };

  return (
    <QuickCreateDialog
      open={open}
      title={t('leads.quickCreateTitle')}
      error={quick.create.error}
      duplicates={quick.duplicates}
      pending={quick.create.isPending}
      onClose={quick.close}
      onSubmit={handleSubmit}
    >
      <LeadFormFields draft={draft} onChange={quick.setDraft} error={quick.create.error} submitted={quick.submitted} customFields={quick.customFields} mode="quick" />
    </QuickCreateDialog>
  );
}
