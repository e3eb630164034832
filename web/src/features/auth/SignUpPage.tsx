import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../shared/i18n/index.ts';
import { FormErrorAlert, emailProblem, fieldState, newPasswordProblem } from '../../shared/ui/index.ts';
import { AuthCard } from './AuthLayout.tsx';
import { useSignUp } from './auth.api.ts';

export function SignUpPage() {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [form, setForm] = useState({ name: '', email: '', password: '', workspaceName: '' });
  const [submitted, setSubmitted] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const clientErrors = {
    name: !form.name.trim() ? t('errors.required') : null,
    email: emailProblem(form.email, t),
    password: newPasswordProblem(form.password, t),
    workspaceName: !form.workspaceName.trim() ? t('errors.required') : null,
  };
  const shown = (key: keyof typeof clientErrors) => (submitted ? clientErrors[key] : null);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    signUp.mutate(
      { name: form.name.trim(), email: form.email.trim(), password: form.password, workspaceName: form.workspaceName.trim(), locale },
      { onSuccess: () => void navigate('/', { replace: true }) },
    );
  };

  return (
    <AuthCard title="auth.signUp.title" subtitle="auth.signUp.subtitle" testId="sign-up-page">
      <Box component="form" noValidate onSubmit={handleSubmit}>
        <FormErrorAlert error={signUp.error} />
        <Stack spacing={2.5}>
          <TextField
            label={t('auth.signUp.name')}
            autoComplete="name"
            autoFocus
            value={form.name}
            onChange={set('name')}
            {...fieldState('name', { error: signUp.error, client: shown('name') })}
            slotProps={{ htmlInput: { 'data-testid': 'signup-name' } }}
          />
          <TextField
            label={t('auth.signUp.email')}
            type="email"
            autoComplete="email"
            value={form.email}
            onChange={set('email')}
            {...fieldState('email', { error: signUp.error, client: shown('email') })}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'signup-email' } }}
          />
          <TextField
            label={t('auth.signUp.password')}
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
            {...fieldState('password', { error: signUp.error, client: shown('password'), helper: t('auth.signUp.passwordHelp') })}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'signup-password' } }}
          />
          <TextField
            label={t('auth.signUp.workspaceName')}
            autoComplete="organization"
            value={form.workspaceName}
            onChange={set('workspaceName')}
            {...fieldState('workspaceName', { error: signUp.error, client: shown('workspaceName'), helper: t('auth.signUp.workspaceHelp') })}
            slotProps={{ htmlInput: { 'data-testid': 'signup-workspace' } }}
          />
          <Button type="submit" variant="contained" size="large" loading={signUp.isPending} data-testid="signup-submit">
            {t('auth.signUp.submit')}
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 3, textAlign: 'center' }}>
          {t('auth.signUp.haveAccount')}{' '}
          <Link component={RouterLink} to="/sign-in" data-testid="link-sign-in">
            {t('auth.signUp.signIn')}
          </Link>
        </Typography>
      </Box>
    </AuthCard>
  );
}
