import { Suspense, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleOutlinedIcon from '@mui/icons-material/CheckCircleOutlined';
import { useT, type TKey } from '../../shared/i18n/index.ts';
import { BrandMark, LanguageSelect, LoadingState } from '../../shared/ui/index.ts';

const HIGHLIGHTS: TKey[] = ['auth.highlights.calendar', 'auth.highlights.timeline', 'auth.highlights.openSource'];

/** The signed-out pages: brand panel on wide screens, a single card on a phone, language switcher on top. */
export function AuthLayout() {
  const { t } = useT();
  return (
    <Box sx={{ minHeight: '100dvh', display: 'flex', bgcolor: 'background.default' }}>
      <Box
        sx={{
          display: { xs: 'none', md: 'flex' },
          flexDirection: 'column',
          justifyContent: 'space-between',
          width: '42%',
          maxWidth: 560,
          p: 6,
          color: '#fff',
          background: 'linear-gradient(160deg, #0d5c63 0%, #0a464c 55%, #2f2f86 130%)',
        }}
      >
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <BrandMark size={40} />
          <Typography variant="h5" component="div" sx={{ fontWeight: 800 }}>
            {t('app.name')}
          </Typography>
        </Stack>
        <Box>
          <Typography variant="h4" component="p" sx={{ fontWeight: 800, mb: 3, lineHeight: 1.5 }}>
            {t('app.tagline')}
          </Typography>
          <Stack spacing={1.5}>
            {HIGHLIGHTS.map((h) => (
              <Stack key={h} direction="row" spacing={1.5} sx={{ alignItems: 'center', opacity: 0.92 }}>
                <CheckCircleOutlinedIcon sx={{ color: '#7fd4c8' }} />
                <Typography>{t(h)}</Typography>
              </Stack>
            ))}
          </Stack>
        </Box>
        <Typography variant="caption" sx={{ opacity: 0.7 }}>
          © {t('app.name')}
        </Typography>
      </Box>

      <Box sx={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', p: 2, gap: 2 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', visibility: { md: 'hidden' } }}>
            <BrandMark size={32} />
            <Typography variant="h6" component="div" sx={{ fontWeight: 800, color: 'primary.main' }}>
              {t('app.name')}
            </Typography>
          </Stack>
          <LanguageSelect />
        </Box>
        <Box sx={{ flex: 1, display: 'flex', alignItems: { xs: 'flex-start', sm: 'center' }, justifyContent: 'center', px: 2, pb: 4 }}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Box>
      </Box>
    </Box>
  );
}

type CardProps = { title: TKey; subtitle?: TKey; children: ReactNode; testId?: string };

export function AuthCard({ title, subtitle, children, testId }: CardProps) {
  const { t } = useT();
  return (
    <Card data-testid={testId} sx={{ width: '100%', maxWidth: 440, boxShadow: '0 10px 30px rgba(16, 42, 48, 0.06)' }}>
      <CardContent sx={{ p: { xs: 2.5, sm: 4 }, '&:last-child': { pb: { xs: 3, sm: 4 } } }}>
        <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
          {t(title)}
        </Typography>
        {subtitle && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
            {t(subtitle)}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}
