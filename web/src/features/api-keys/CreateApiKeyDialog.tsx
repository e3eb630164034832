import { useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { FormErrorAlert, fieldState } from '../../shared/ui/index.ts';
import { useCreateApiKey, type CreatedApiKey } from './api-keys.api.ts';

const EXPIRY_DAYS = [30, 90, 365] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

type Props = { open: boolean; onClose: () => void; onCreated: (created: CreatedApiKey) => void };

export function CreateApiKeyDialog({ open, onClose, onCreated }: Props) {
  const { t } = useT();
  const format = useFormat();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>('never');
  const [submitted, setSubmitted] = useState(false);
  const nameError = submitted && !name.trim() ? t('errors.required') : null;
  const expiresAt = expiry === 'never' ? undefined : new Date(Date.now() + Number(expiry) * DAY_MS);

  const handleClose = () => {
    if (create.isPending) return;
    setName('');
    setExpiry('never');
    setSubmitted(false);
    create.reset();
    onClose();
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) },
      {
        onSuccess: (created) => {
          setName('');
          setExpiry('never');
          setSubmitted(false);
          create.reset();
          onCreated(created);
        },
      },
    );
  };

  return (
    <Dialog open={open} onClose={handleClose} fullWidth maxWidth="xs" data-testid="api-key-create-dialog">
      <form noValidate onSubmit={handleSubmit}>
        <DialogTitle>{t('apiKeys.createTitle')}</DialogTitle>
        <DialogContent>
          <FormErrorAlert error={create.error} />
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <TextField
              label={t('apiKeys.name')}
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...fieldState('name', { error: create.error, client: nameError, helper: t('apiKeys.nameHelp') })}
              slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'api-key-name' } }}
            />
            <TextField
              select
              label={t('apiKeys.expiry')}
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
              {...fieldState('expiresAt', {
                error: create.error,
                helper: expiresAt ? t('apiKeys.expiresOn', { date: format.date(expiresAt) }) : undefined,
              })}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'api-key-expiry' } }}
            >
              <option value="never">{t('apiKeys.expiryNever')}</option>
              {EXPIRY_DAYS.map((days) => (
                <option key={days} value={String(days)}>
                  {t('apiKeys.expiryDays', { days: format.number(days) })}
                </option>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={handleClose} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={create.isPending} data-testid="api-key-create-submit">
            {t('common.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
