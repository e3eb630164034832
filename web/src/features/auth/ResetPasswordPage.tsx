import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../shared/i18n/index.ts';
import { FormErrorAlert, fieldState, newPasswordProblem } from '../../shared/ui/index.ts';
import { AuthCard } from './AuthLayout.tsx';
import { useConfirmPasswordReset } from './auth.api.ts';

export function ResetPasswordPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const passwordError = newPasswordProblem(password, t);
  const repeatError = !repeat ? t('errors.required') : repeat !== password ? t('errors.passwordMismatch') : null;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (passwordError || repeatError) return;
    confirm.mutate({ token, password });
  };

  if (!token) {
    return (
      <AuthCard title="auth.reset.title" testId="reset-password-page">
        <Alert severity="warning" sx={{ mb: 3 }}>
          {t('auth.reset.missingToken')}
        </Alert>
        <Button component={RouterLink} to="/forgot-password" variant="contained" fullWidth>
          {t('auth.reset.requestNew')}
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="auth.reset.title" subtitle="auth.reset.subtitle" testId="reset-password-page">
      {confirm.isSuccess ? (
        <Stack spacing={3}>
          <Alert severity="success" data-testid="reset-done">
            {t('auth.reset.done')}
          </Alert>
          <Button component={RouterLink} to="/sign-in" variant="contained" size="large" data-testid="reset-go-sign-in">
            {t('auth.reset.goSignIn')}
          </Button>
        </Stack>
      ) : (
        <Box component="form" noValidate onSubmit={handleSubmit}>
          <FormErrorAlert error={confirm.error} />
          <Stack spacing={2.5}>
            <TextField
              label={t('auth.reset.password')}
              type="password"
              autoComplete="new-password"
              autoFocus
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              {...fieldState('password', { error: confirm.error, client: submitted ? passwordError : null })}
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'reset-password' } }}
            />
            <TextField
              label={t('auth.reset.confirm')}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              {...fieldState('confirm', { client: submitted ? repeatError : null })}
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'reset-confirm' } }}
            />
            <Button type="submit" variant="contained" size="large" loading={confirm.isPending} data-testid="reset-submit">
              {t('auth.reset.submit')}
            </Button>
            {confirm.isError && (
              <Button component={RouterLink} to="/forgot-password">
                {t('auth.reset.requestNew')}
              </Button>
            )}
          </Stack>
        </Box>
      )}
    </AuthCard>
  );
}
