import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../shared/i18n/index.ts';
import { FormErrorAlert, emailProblem, fieldState } from '../../shared/ui/index.ts';
import { AuthCard } from './AuthLayout.tsx';
import { useRequestPasswordReset } from './auth.api.ts';

export function ForgotPasswordPage() {
  const { t } = useT();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const emailError = emailProblem(email, t);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (emailError) return;
    request.mutate({ email: email.trim() });
  };

  return (
    <AuthCard title="auth.forgot.title" subtitle="auth.forgot.subtitle" testId="forgot-password-page">
      {request.isSuccess ? (
        <Alert severity="success" data-testid="forgot-sent">
          {t('auth.forgot.sent')}
        </Alert>
      ) : (
        <Box component="form" noValidate onSubmit={handleSubmit}>
          <FormErrorAlert error={request.error} />
          <Stack spacing={2.5}>
            <TextField
              label={t('auth.forgot.email')}
              type="email"
              autoComplete="email"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              {...fieldState('email', { error: request.error, client: submitted ? emailError : null })}
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'forgot-email' } }}
            />
            <Button type="submit" variant="contained" size="large" loading={request.isPending} data-testid="forgot-submit">
              {t('auth.forgot.submit')}
            </Button>
          </Stack>
        </Box>
      )}
      <Box sx={{ mt: 3, textAlign: 'center' }}>
        <Link component={RouterLink} to="/sign-in" variant="body2">
          {t('auth.forgot.backToSignIn')}
        </Link>
      </Box>
    </AuthCard>
  );
}
