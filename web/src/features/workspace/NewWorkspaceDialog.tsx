import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { FormErrorAlert, fieldState } from '../../shared/ui/index.ts';
import { useCreateWorkspace, useSwitchWorkspace } from './workspace.api.ts';

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function NewWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useT();
  const { calendar } = useFormat();
  const navigate = useNavigate();
  const create = useCreateWorkspace();
  const switchTo = useSwitchWorkspace();
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const pending = create.isPending || switchTo.isPending;
  const nameError = submitted && !name.trim() ? t('errors.required') : null;

  const handleClose = () => {
    if (pending) return;
    setName('');
    setSubmitted(false);
    create.reset();
    switchTo.reset();
    onClose();
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim()) return;
    try {
      // The new workspace starts with the creator's language, calendar and time zone.
      const created = await create.mutateAsync({ name: name.trim(), defaultLocale: locale, calendar, timezone: browserTimeZone() });
      const id = created && typeof created === 'object' && 'id' in created ? created.id : undefined;
      if (id) await switchTo.mutateAsync(id);
      setName('');
      setSubmitted(false);
      onClose();
      void navigate('/');
    } catch {
      // shown by the alert below
    }
  };

  return (
    <Dialog open={open} onClose={handleClose} fullWidth maxWidth="xs" data-testid="new-workspace-dialog">
      <form noValidate onSubmit={(e) => void handleSubmit(e)}>
        <DialogTitle>{t('shell.newWorkspaceTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('shell.newWorkspaceHelp')}</DialogContentText>
          <FormErrorAlert error={create.error ?? switchTo.error} />
          <TextField
            label={t('shell.newWorkspaceName')}
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...fieldState('name', { error: create.error, client: nameError })}
            slotProps={{ htmlInput: { 'data-testid': 'new-workspace-name' } }}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={handleClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={pending} data-testid="new-workspace-submit">
            {t('common.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
