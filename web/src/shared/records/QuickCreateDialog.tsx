import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { toLatinDigits } from '#common/text/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/index.ts';
import { FormErrorAlert } from '../ui/ErrorState.tsx';
import { Form } from '../ui/Form.tsx';
import { useNotify } from '../ui/notify.tsx';
import { DuplicateWarning } from './DuplicateWarning.tsx';
import { useCreateRecord, useCustomFieldDefs, useDuplicateCheck, type DuplicateProbe } from './records.api.ts';
import { ENTITY_OF, type DuplicateCandidate, type RecordResource } from './records.types.ts';
import { useDebounced } from './useDebounced.ts';

/*
 * Quick create of a person, an organisation or a lead: a short form in a dialog that warns, while
 * the user types, about records that may already exist, and after saving offers to open the new one.
 */

/** The emails and phones complete enough to look for duplicates with. */
export function comparableContacts(emails: string[], phones: string[]): { emails: string[]; phones: string[] } {
  return {
    emails: emails.map((e) => e.trim()).filter((v) => /@.+\./.test(v)),
    phones: phones.map((p) => p.trim()).filter((v) => toLatinDigits(v).replace(/\D/g, '').length >= 7),
  };
}

/**
 * What duplicate detection is asked about a person or a lead while the user types: only once
 * there is a contact, or a name long enough, to compare.
 */
export function namedProbe(
  entityType: 'person' | 'lead',
  name: { firstName: string; lastName: string },
  contacts: { emails: string[]; phones: string[] },
): DuplicateProbe | null {
  const { emails, phones } = comparableContacts(contacts.emails, contacts.phones);
  const firstName = name.firstName.trim();
  const lastName = name.lastName.trim();
  const nameLongEnough = `${firstName}${lastName}`.length >= 3 && lastName.length >= 2;
  if (!emails.length && !phones.length && !nameLongEnough) return null;
  return { entityType, firstName: firstName || undefined, lastName: lastName || undefined, emails, phones };
}

type Options<D> = {
  resource: RecordResource;
  open: boolean;
  /** A new draft owned by the signed-in user. */
  emptyDraft: (ownerId: string) => D;
  /** A module-level function: what duplicate detection is asked, or null while there is too little to compare. */
  probeOf: (draft: D) => DuplicateProbe | null;
  onClose: () => void;
  /** Clears the feature's own state along with the draft. */
  onReset?: () => void;
};

/** The draft, the workspace's custom fields, the duplicate check and the create call of a quick create dialog. */
export function useQuickCreate<R extends { id: string }, D>({ resource, open, emptyDraft, probeOf, onClose, onReset }: Options<D>) {
  const notify = useNotify();
  const navigate = useNavigate();
  const me = useSession();
  const defs = useCustomFieldDefs(ENTITY_OF[resource]);
  const create = useCreateRecord<R>(resource);
  const [draft, setDraft] = useState<D>(() => emptyDraft(me.user.id));
  const [submitted, setSubmitted] = useState(false);
  // Keyed on the draft alone: a new probe object on every render would restart the debounce forever.
  const probe = useDebounced(
    useMemo(() => probeOf(draft), [draft]),
    400,
  );
  const duplicates = useDuplicateCheck(open ? probe : null);

  const reset = () => {
    setDraft(emptyDraft(me.user.id));
    setSubmitted(false);
    create.reset();
    onReset?.();
  };

  const close = () => {
    if (create.isPending) return;
    reset();
    onClose();
  };

  const submit = (body: unknown, nameOf: (created: R) => string) =>
    create.mutate(body, {
      onSuccess: (created) => {
        notify({ key: `${resource}.created`, vars: { name: nameOf(created) } }, 'success', {
          action: { label: { key: 'records.open' }, onClick: () => void navigate(`/${resource}/${created.id}`), testId: 'toast-open' },
        });
        reset();
        onClose();
      },
    });

  return { draft, setDraft, submitted, setSubmitted, customFields: defs.data ?? [], create, duplicates: duplicates.data ?? [], close, submit };
}

type Props = {
  open: boolean;
  title: string;
  error: unknown;
  /** Shown above the form; while there are any, the button says "Create anyway". */
  duplicates: DuplicateCandidate[];
  pending: boolean;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
};

export function QuickCreateDialog({ open, title, error, duplicates, pending, onClose, onSubmit, children }: Props) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  return (
    <Dialog open={open} onClose={onClose} fullScreen={phone} maxWidth="sm" fullWidth data-testid="quick-create-dialog">
      <Form onSubmit={onSubmit} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent dividers>
          <FormErrorAlert error={error} />
          <DuplicateWarning candidates={duplicates} />
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={pending} data-testid="quick-create-submit">
            {duplicates.length ? t('records.createAnyway') : t('common.create')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
