import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useT } from '../i18n/index.ts';

export function LoadingState({ minHeight = 200, label }: { minHeight?: number | string; label?: string }) {
  const { t } = useT();
  return (
    <Box
      role="status"
      aria-live="polite"
      data-testid="loading"
      sx={{ minHeight, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 1.5 }}
    >
      <CircularProgress size={28} />
      <Typography variant="body2" color="text.secondary">
        {label ?? t('common.loading')}
      </Typography>
    </Box>
  );
}
