import { Link as RouterLink, useRouteError } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import BlockOutlinedIcon from '@mui/icons-material/BlockOutlined';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import type { ReactNode } from 'react';
import { useT } from '../../shared/i18n/index.ts';

function StatusPage({ icon, title, body, action, testId }: { icon: ReactNode; title: string; body: string; action: ReactNode; testId: string }) {
  return (
    <Box data-testid={testId} sx={{ textAlign: 'center', py: { xs: 6, sm: 10 }, px: 2, display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2 }}>
      <Box sx={{ color: 'primary.main', '& svg': { fontSize: 56 } }}>{icon}</Box>
      <Typography variant="h5" component="h1">
        {title}
      </Typography>
      <Typography color="text.secondary" sx={{ maxWidth: 440 }}>
        {body}
      </Typography>
      {action}
    </Box>
  );
}

export function NotFoundPage() {
  const { t } = useT();
  return (
    <StatusPage
      testId="not-found"
      icon={<SearchOffIcon />}
      title={t('errors.notFoundTitle')}
      body={t('errors.notFoundBody')}
      action={
        <Button component={RouterLink} to="/" variant="contained">
          {t('common.goHome')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useT();
  return (
    <StatusPage
      testId="forbidden"
      icon={<BlockOutlinedIcon />}
      title={t('errors.forbiddenTitle')}
      body={t('errors.forbiddenBody')}
      action={
        <Button component={RouterLink} to="/" variant="contained">
          {t('common.goHome')}
        </Button>
      }
    />
  );
}

/** Route-level crash or a lazy chunk that failed to load (e.g. after a new deploy). */
export function RouteErrorPage() {
  const { t } = useT();
  const error = useRouteError();
  if (error) console.error(error);
  return (
    <StatusPage
      testId="route-error"
      icon={<ReportProblemOutlinedIcon />}
      title={t('shell.unexpectedTitle')}
      body={t('shell.unexpectedBody')}
      action={
        <Button variant="contained" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
