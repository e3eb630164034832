import { useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../shared/i18n/index.ts';
import { useRoles } from '../../shared/session/index.ts';
import { FormErrorAlert, emailProblem, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useInvite } from './members.api.ts';

export function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useT();
  const notify = useNotify();
  const roles = useRoles();
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const roleOptions = roles.data ?? [];
  const defaultRole = roleOptions.find((r) => r.key === 'member')?.key ?? roleOptions.find((r) => r.key !== 'admin')?.key ?? roleOptions[0]?.key ?? 'member';
  const chosenRole = role || defaultRole;
  const emailError = emailProblem(email, t);

  const handleClose = () => {
    if (invite.isPending) return;
    setEmail('');
    setRole('');
    setSubmitted(false);
    invite.reset();
    onClose();
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (emailError) return;
    const address = email.trim();
    invite.mutate(
      { email: address, role: chosenRole },
      {
        onSuccess: () => {
          notify({ key: 'members.inviteSent', vars: { email: address } });
          handleClose();
        },
      },
    );
  };

  return (
    <Dialog open={open} onClose={handleClose} fullWidth maxWidth="xs" data-testid="invite-dialog">
      <form noValidate onSubmit={handleSubmit}>
        <DialogTitle>{t('members.inviteTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('members.inviteHelp')}</DialogContentText>
          <FormErrorAlert error={invite.error} />
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <TextField
              label={t('members.email')}
              type="email"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              {...fieldState('email', { error: invite.error, client: submitted ? emailError : null })}
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'invite-email' } }}
            />
            <TextField
              select
              label={t('members.role')}
              value={chosenRole}
              onChange={(e) => setRole(e.target.value)}
              {...fieldState('role', { error: invite.error })}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'invite-role' } }}
            >
              {roleOptions.length === 0 && <option value={chosenRole}>{t(`roles.member`)}</option>}
              {roleOptions.map((r) => (
                <option key={r.key} value={r.key}>
                  {r.name[locale]}
                </option>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={handleClose} disabled={invite.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={invite.isPending} data-testid="invite-submit">
            {t('members.send')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
