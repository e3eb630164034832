import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { useT } from '../i18n/index.ts';
import { SaveErrorAlert } from '../ui/ErrorState.tsx';
import { RecordPicker, type PickedRecord } from './RecordPicker.tsx';

/*
 * A person belongs to organisations with a role; the link is made from either side (the person's
 * "Link organisation", the organisation's "Add person"), with the same dialog and unlink button.
 */

type Props = {
  open: boolean;
  title: string;
  kind: 'person' | 'organization';
  pickerLabel: string;
  /** Offer «Create “X”» for a name not found. */
  allowCreate?: boolean;
  /** Already linked, so not offered again. */
  excludeIds: string[];
  pending: boolean;
  error: unknown;
  onDismissError: () => void;
  onClose: () => void;
  /** Resolves true once linked; the choice is then cleared for the next time. */
  onSave: (picked: PickedRecord, role: string | null) => Promise<boolean>;
  /** Prefix of the test ids: `<testId>-dialog`, `-picker`, `-role`, `-submit`. */
  testId: string;
};

export function LinkRecordDialog({ open, title, kind, pickerLabel, allowCreate, excludeIds, pending, error, onDismissError, onClose, onSave, testId }: Props) {
  const { t } = useT();
  const [picked, setPicked] = useState<PickedRecord | null>(null);
  const [role, setRole] = useState('');

  const handleSave = async () => {
    if (!picked || !(await onSave(picked, role.trim() || null))) return;
    setPicked(null);
    setRole('');
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth data-testid={`${testId}-dialog`}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <SaveErrorAlert error={error} onReload={onDismissError} />
        <Stack spacing={2} sx={{ pt: 1 }}>
          <RecordPicker kind={kind} allowCreate={allowCreate} value={picked} onChange={setPicked} label={pickerLabel} excludeIds={excludeIds} testId={`${testId}-picker`} />
          <TextField size="small" label={t('people.fields.role')} value={role} onChange={(e) => setRole(e.target.value)} slotProps={{ htmlInput: { 'data-testid': `${testId}-role` } }} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={!picked} loading={pending} onClick={() => void handleSave()} data-testid={`${testId}-submit`}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function UnlinkButton({ label, disabled, onClick }: { label: string; disabled: boolean; onClick: () => void }) {
  return (
    <Tooltip title={label}>
      <IconButton size="small" disabled={disabled} onClick={onClick} aria-label={label}>
        <LinkOffIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}
