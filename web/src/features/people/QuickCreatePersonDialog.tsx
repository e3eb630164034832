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
import {
  DuplicateWarning,
  useCreateRecord,
  useCustomFieldDefs,
  useDebounced,
  useDuplicateCheck,
  type DuplicateProbe,
  type Person,
} from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { FormErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { createOrganizationNamed } from './people.api.ts';
import { PersonFormFields, emptyPersonDraft, personClientErrors, personCreateBody, type PersonDraft } from './PersonForm.tsx';

/** What duplicate detection is asked while the user types: only once there is enough to compare. */
export function personProbe(d: PersonDraft): DuplicateProbe | null {
  const emails = d.emails.map((e) => e.value.trim()).filter((v) => /@.+\./.test(v));
  const phones = d.phones.map((p) => p.value.trim()).filter((v) => toLatinDigits(v).replace(/\D/g, '').length >= 7);
  const firstName = d.firstName.trim() || d.firstNameLatin.trim();
  const lastName = d.lastName.trim() || d.lastNameLatin.trim();
  const nameLongEnough = `${firstName}${lastName}`.length >= 3 && lastName.length >= 2;
  if (!emails.length && !phones.length && !nameLongEnough) return null;
  return { entityType: 'person', firstName: firstName || undefined, lastName: lastName || undefined, emails, phones };
}

export function QuickCreatePersonDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const me = useSession();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const navigate = useNavigate();
  const notify = useNotify();
  const defs = useCustomFieldDefs('person');
  const create = useCreateRecord<Person>('people');
  const [draft, setDraft] = useState<PersonDraft>(() => emptyPersonDraft(me.user.id));
  const [submitted, setSubmitted] = useState(false);
  const [more, setMore] = useState(false);
  const [orgError, setOrgError] = useState<unknown>(null);

  const probe = useDebounced(useMemo(() => personProbe(draft), [draft]), 400);
  const duplicates = useDuplicateCheck(open ? probe : null);

  const close = () => {
    if (create.isPending) return;
    setDraft(emptyPersonDraft(me.user.id));
    setSubmitted(false);
    setMore(false);
    create.reset();
    setOrgError(null);
    onClose();
  };

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
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
    create.mutate(body, {
      onSuccess: (person) => {
        notify({ key: 'people.created', vars: { name: person.displayName } }, 'success', {
          action: { label: { key: 'records.open' }, onClick: () => void navigate(`/people/${person.id}`), testId: 'toast-open' },
        });
        setDraft(emptyPersonDraft(me.user.id));
        setSubmitted(false);
        setMore(false);
        create.reset();
        onClose();
      },
    });
  };

  return (
    <Dialog open={open} onClose={close} fullScreen={phone} maxWidth="sm" fullWidth data-testid="quick-create-dialog">
      <Box component="form" noValidate onSubmit={(e) => void handleSubmit(e)} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
        <DialogTitle>{t('people.quickCreateTitle')}</DialogTitle>
        <DialogContent dividers>
          <FormErrorAlert error={create.error ?? orgError} />
          <DuplicateWarning candidates={duplicates.data ?? []} />
          <PersonFormFields draft={draft} onChange={setDraft} error={create.error} submitted={submitted} customFields={defs.data ?? []} mode="quick" showMore={more} />
          {!more && (
            <Button size="small" onClick={() => setMore(true)} sx={{ mt: 1 }} data-testid="quick-create-more">
              {t('records.moreFields')}
            </Button>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={create.isPending} data-testid="quick-create-submit">
            {duplicates.data?.length ? t('records.createAnyway') : t('common.create')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
