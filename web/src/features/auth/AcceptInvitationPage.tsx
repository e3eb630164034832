import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { hasStatus } from '../../shared/api/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useMeQuery } from '../../shared/session/index.ts';
import { ErrorState, FormErrorAlert, errorMessage, LoadingState, LtrText, fieldState, newPasswordProblem } from '../../shared/ui/index.ts';
import { AuthCard } from './AuthLayout.tsx';
import { invitationQuery, useAcceptInvitation, useSignOut, type InvitationPreview } from './auth.api.ts';

function useRoleLabel() {
  const { tOr, locale } = useT();
  return (invitation: InvitationPreview) => {
    const name = invitation.roleName;
    if (name && typeof name === 'object') return name[locale];
    if (typeof name === 'string') return name;
    return tOr(`roles.${invitation.role}`, invitation.role);
  };
}

export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const { t, tOr, locale } = useT();
  const navigate = useNavigate();
  const roleLabel = useRoleLabel();
  const preview = useQuery({ ...invitationQuery(token), enabled: Boolean(token), retry: false });
  const me = useMeQuery();
  const accept = useAcceptInvitation(token);
  const signOut = useSignOut();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  if (preview.isPending || me.isPending) {
    return (
      <AuthCard title="auth.invite.title" testId="invite-page">
        <LoadingState minHeight={120} />
      </AuthCard>
    );
  }
  if (preview.isError) {
    return (
      <AuthCard title="auth.invite.title" testId="invite-page">
        {hasStatus(preview.error, 404) || hasStatus(preview.error, 410) ? (
          <Alert severity="warning" data-testid="invite-invalid">
            {hasStatus(preview.error, 410) ? errorMessage(preview.error, t('auth.invite.invalid')) : t('auth.invite.invalid')}
          </Alert>
        ) : (
          <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
        )}
      </AuthCard>
    );
  }

  const invitation = preview.data;
  const signedIn = me.data ?? null;
  const intro = invitation.inviterName
    ? t('auth.invite.body', { inviter: invitation.inviterName, workspace: invitation.workspaceName, role: roleLabel(invitation) })
    : t('auth.invite.bodyNoInviter', { workspace: invitation.workspaceName, role: roleLabel(invitation) });

  const handleAccepted = () => void navigate('/', { replace: true });

  const passwordError = newPasswordProblem(password, t);
  const nameError = !name.trim() ? t('errors.required') : null;

  const handleCreate = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (passwordError || nameError) return;
    accept.mutate({ name: name.trim(), password, locale }, { onSuccess: handleAccepted });
  };

  let body;
  if (invitation.status !== 'pending') {
    body = (
      <Stack spacing={2}>
        <Alert severity="info" data-testid="invite-status">
          {tOr(`auth.invite.status.${invitation.status}`, t('auth.invite.status.other'))}
        </Alert>
        <Button component={RouterLink} to={signedIn ? '/' : '/sign-in'} variant="contained">
          {signedIn ? t('common.goHome') : t('auth.signIn.submit')}
        </Button>
      </Stack>
    );
  } else if (signedIn && signedIn.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    body = (
      <Stack spacing={2}>
        <Alert severity="warning" data-testid="invite-wrong-account">
          {t('auth.invite.wrongAccount', { current: signedIn.user.email, invited: invitation.email })}
        </Alert>
        <Button variant="outlined" loading={signOut.isPending} onClick={() => signOut.mutate()}>
          {t('auth.invite.signOut')}
        </Button>
      </Stack>
    );
  } else if (signedIn) {
    body = (
      <Stack spacing={2}>
        <FormErrorAlert error={accept.error} />
        <Button
          variant="contained"
          size="large"
          loading={accept.isPending}
          onClick={() => accept.mutate({}, { onSuccess: handleAccepted })}
          data-testid="invite-accept"
        >
          {t('auth.invite.accept')}
        </Button>
      </Stack>
    );
  } else if (invitation.accountExists) {
    body = (
      <Stack spacing={2}>
        <Alert severity="info">{t('auth.invite.existingAccountHint')}</Alert>
        <Button
          component={RouterLink}
          to={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`}
          variant="contained"
          size="large"
          data-testid="invite-sign-in"
        >
          {t('auth.invite.signInToAccept')}
        </Button>
      </Stack>
    );
  } else {
    body = (
      <Box component="form" noValidate onSubmit={handleCreate}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('auth.invite.newAccountHint')}
        </Typography>
        <FormErrorAlert error={accept.error} />
        <Stack spacing={2.5}>
          <TextField
            label={t('auth.invite.name')}
            autoComplete="name"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...fieldState('name', { error: accept.error, client: submitted ? nameError : null })}
            slotProps={{ htmlInput: { 'data-testid': 'invite-name' } }}
          />
          <TextField
            label={t('auth.invite.password')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...fieldState('password', {
              error: accept.error,
              client: submitted ? passwordError : null,
              helper: t('auth.signUp.passwordHelp'),
            })}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'invite-password' } }}
          />
          <Button type="submit" variant="contained" size="large" loading={accept.isPending} data-testid="invite-accept">
            {t('auth.invite.acceptAndCreate')}
          </Button>
        </Stack>
      </Box>
    );
  }

  return (
    <AuthCard title="auth.invite.title" testId="invite-page">
      <Typography sx={{ mb: 2 }} data-testid="invite-summary">
        {intro}
      </Typography>
      <Box sx={{ mb: 3, p: 1.5, borderRadius: 2, bgcolor: 'action.hover' }}>
        <Typography variant="caption" color="text.secondary" component="div">
          {t('auth.invite.invitedEmail')}
        </Typography>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          <LtrText>{invitation.email}</LtrText>
        </Typography>
      </Box>
      {body}
    </AuthCard>
  );
}
