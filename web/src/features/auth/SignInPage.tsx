import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../shared/i18n/index.ts';
import { FormErrorAlert, emailProblem, fieldState, safeNextPath } from '../../shared/ui/index.ts';
import { AuthCard } from './AuthLayout.tsx';
import { useInstance, useSignIn } from './auth.api.ts';

export function SignInPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const instance = useInstance();
  const demo = instance.data?.demo ?? null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const emailError = emailProblem(email, t);
  const passwordError = !password ? t('errors.required') : null;

  const handleSignedIn = () => void navigate(safeNextPath(params.get('next')), { replace: true });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (emailError || passwordError) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: handleSignedIn });
  };

  return (
    <AuthCard title="auth.signIn.title" subtitle="auth.signIn.subtitle" testId="sign-in-page">
      <Box component="form" noValidate onSubmit={handleSubmit}>
        <FormErrorAlert error={signIn.error} />
        <Stack spacing={2.5}>
          <TextField
            label={t('auth.signIn.email')}
            type="email"
            autoComplete="email"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...fieldState('email', { error: signIn.error, client: submitted ? emailError : null })}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'signin-email' } }}
          />
          <TextField
            label={t('auth.signIn.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...fieldState('password', { error: signIn.error, client: submitted ? passwordError : null })}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'signin-password' } }}
          />
          <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: '4px !important' }}>
            <Link component={RouterLink} to="/forgot-password" variant="body2" data-testid="link-forgot-password">
              {t('auth.signIn.forgot')}
            </Link>
          </Box>
          <Button type="submit" variant="contained" size="large" loading={signIn.isPending} data-testid="signin-submit">
            {t('auth.signIn.submit')}
          </Button>
        </Stack>
        {demo && (
          <>
            <Divider sx={{ my: 3, color: 'text.secondary', typography: 'caption' }}>{t('auth.signIn.or')}</Divider>
            <Button
              variant="outlined"
              size="large"
              fullWidth
              disabled={signIn.isPending}
              onClick={() => signIn.mutate(demo, { onSuccess: handleSignedIn })}
              data-testid="signin-demo"
            >
              {t('auth.signIn.demo')}
            </Button>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1, textAlign: 'center' }}>
              {t('auth.signIn.demoHint')}
            </Typography>
          </>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 3, textAlign: 'center' }}>
          {t('auth.signIn.noAccount')}{' '}
          <Link component={RouterLink} to="/sign-up" data-testid="link-sign-up">
            {t('auth.signIn.createAccount')}
          </Link>
        </Typography>
      </Box>
    </AuthCard>
  );
}
