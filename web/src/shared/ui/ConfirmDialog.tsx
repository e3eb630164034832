import type { ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useT } from '../i18n/index.ts';
import { FormErrorAlert } from './ErrorState.tsx';
import { useNotify, type ToastMessage } from './notify.tsx';

type Props = {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  pending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

export function ConfirmDialog({ open, title, body, confirmLabel, destructive = true, pending, error, onConfirm, onClose }: Props) {
  const { t } = useT();
  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} maxWidth="xs" fullWidth data-testid="confirm-dialog">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <FormErrorAlert error={error} />
        <DialogContentText component="div">{body}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="contained"
          color={destructive ? 'error' : 'primary'}
          onClick={onConfirm}
          loading={pending}
          data-testid="confirm-dialog-confirm"
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** What ConfirmRowActionDialog needs of a mutation (TanStack's useMutation result fits). */
type RowMutation<T> = { mutate: (row: T, options: { onSuccess: () => void }) => void; isPending: boolean; error: unknown; reset: () => void };

type RowActionProps<T> = {
  /** The row to act on; the dialog is open while there is one. */
  row: T | null;
  title: string;
  body: (row: T) => ReactNode;
  confirmLabel: string;
  mutation: RowMutation<T>;
  doneMessage: (row: T) => ToastMessage;
  /** Forgets the row (closing the dialog), after success or cancel. */
  onDone: () => void;
};

/** Asks before acting on one row of a table (revoke a key, remove a member), then says it is done. */
export function ConfirmRowActionDialog<T>({ row, title, body, confirmLabel, mutation, doneMessage, onDone }: RowActionProps<T>) {
  const notify = useNotify();
  const handleConfirm = () => {
    if (row === null) return;
    // Worded now: the row is forgotten by the time the toast shows.
    const message = doneMessage(row);
    mutation.mutate(row, {
      onSuccess: () => {
        notify(message);
        onDone();
      },
    });
  };
  return (
    <ConfirmDialog
      open={row !== null}
      title={title}
      body={row !== null ? body(row) : ''}
      confirmLabel={confirmLabel}
      pending={mutation.isPending}
      error={mutation.error}
      onClose={() => {
        onDone();
        mutation.reset();
      }}
      onConfirm={handleConfirm}
    />
  );
}
