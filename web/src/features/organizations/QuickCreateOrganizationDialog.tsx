import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { toLatinDigits } from '#common/text/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { DuplicateWarning, useCreateRecord, useCustomFieldDefs, useDebounced, useDuplicateCheck, type Organization } from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { FormErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { OrganizationFormFields, emptyOrganizationDraft, organizationBody, type OrganizationDraft } from './OrganizationForm.tsx';

export function QuickCreateOrganizationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const me = useSession();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const navigate = useNavigate();
  const notify = useNotify();
  const defs = useCustomFieldDefs('organization');
  const create = useCreateRecord<Organization>('organizations');
  const [draft, setDraft] = useState<OrganizationDraft>(() => emptyOrganizationDraft(me.user.id));
  const [submitted, setSubmitted] = useState(false);

  const probe = useDebounced(
    useMemo(() => {
      const name = draft.name.trim();
      const emails = draft.emails.map((e) => e.value.trim()).filter((v) => /@.+\./.test(v));
      const phones = draft.phones.map((p) => p.value.trim()).filter((v) => toLatinDigits(v).replace(/\D/g, '').length >= 7);
      if (name.length < 3 && !emails.length && !phones.length) return null;
      return { entityType: 'organization' as const, name: name || undefined, emails, phones };
    }, [draft]),
    400,
  );
  const duplicates = useDuplicateCheck(open ? probe : null);

  const reset = () => {
    setDraft(emptyOrganizationDraft(me.user.id));
    setSubmitted(false);
    create.reset();
  };
  const close = () => {
    if (create.isPending) return;
    reset();
    onClose();
  };

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!draft.name.trim()) return;
    create.mutate(organizationBody(draft, defs.data ?? []), {
      onSuccess: (org) => {
        notify({ key: 'organizations.created', vars: { name: org.name } }, 'success', {
          action: { label: { key: 'records.open' }, onClick: () => void navigate(`/organizations/${org.id}`), testId: 'toast-open' },
        });
        reset();
        onClose();
      },
    });
  };

  return (
    <Dialog open={open} onClose={close} fullScreen={phone} maxWidth="sm" fullWidth data-testid="quick-create-dialog">
      <Box component="form" noValidate onSubmit={handleSubmit}>
        <DialogTitle>{t('organizations.quickCreateTitle')}</DialogTitle>
        <DialogContent dividers>
          <FormErrorAlert error={create.error} />
          <DuplicateWarning candidates={(duplicates.data ?? []).filter((c) => c.entityType === 'organization')} />
          <OrganizationFormFields draft={draft} onChange={setDraft} error={create.error} submitted={submitted} customFields={defs.data ?? []} mode="quick" />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={create.isPending} data-testid="quick-create-submit">
            {duplicates.data?.some((c) => c.entityType === 'organization') ? t('records.createAnyway') : t('common.create')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
