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
import { FormErrorAlert } from '../ui/ErrorState.tsx';
import { Form } from '../ui/Form.tsx';
import { useNotify } from '../ui/notify.tsx';
import { DuplicateWarning } from './DuplicateWarning.tsx';
import { useCreateRecord, useDuplicateCheck, type DuplicateProbe } from './records.api.ts';
import type { DuplicateCandidate, Resource } from './records.types.ts';
import { useDebounced } from './useDebounced.ts';

/*
 * Quick create of a person or an organisation: a short form in a dialog that warns, while the user
 * types, about records that may already exist, and after saving offers to open the new one.
 */

/** The emails and phones complete enough to look for duplicates with. */
export function comparableContacts(emails: string[], phones: string[]): { emails: string[]; phones: string[] } {
  return {
    emails: emails.map((e) => e.trim()).filter((v) => /@.+\./.test(v)),
    phones: phones.map((p) => p.trim()).filter((v) => toLatinDigits(v).replace(/\D/g, '').length >= 7),
  };
}

type Options<D> = {
  resource: Resource;
  open: boolean;
  emptyDraft: () => D;
  /** A module-level function: what duplicate detection is asked, or null while there is too little to compare. */
  probeOf: (draft: D) => DuplicateProbe | null;
  onClose: () => void;
  /** Clears the feature's own state along with the draft. */
  onReset?: () => void;
};

/** The draft, the duplicate check and the create call of a quick create dialog. */
export function useQuickCreate<R extends { id: string }, D>({ resource, open, emptyDraft, probeOf, onClose, onReset }: Options<D>) {
  const notify = useNotify();
  const navigate = useNavigate();
  const create = useCreateRecord<R>(resource);
  const [draft, setDraft] = useState<D>(emptyDraft);
  const [submitted, setSubmitted] = useState(false);
  // Keyed on the draft alone: a new probe object on every render would restart the debounce forever.
  const probe = useDebounced(
    useMemo(() => probeOf(draft), [draft]),
    400,
  );
  const duplicates = useDuplicateCheck(open ? probe : null);

  const reset = () => {
    setDraft(emptyDraft());
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

  return { draft, setDraft, submitted, setSubmitted, create, duplicates: duplicates.data ?? [], close, submit };
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
