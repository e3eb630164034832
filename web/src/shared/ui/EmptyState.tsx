import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';

type Props = { icon?: ReactNode; title?: string; message: string; action?: ReactNode; testId?: string };

export function EmptyState({ icon, title, message, action, testId }: Props) {
  return (
    <Box
      data-testid={testId ?? 'empty-state'}
      sx={{
        textAlign: 'center',
        py: { xs: 4, sm: 6 },
        px: 2,
        color: 'text.secondary',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        gap: 1.5,
      }}
    >
      {icon && (
        <Box
          sx={{
            width: 56,
            height: 56,
            borderRadius: '50%',
            display: 'grid',
            placeItems: 'center',
            bgcolor: (theme) => alpha(theme.palette.primary.main, 0.08),
            color: 'primary.main',
            '& svg': { fontSize: 28 },
          }}
        >
          {icon}
        </Box>
      )}
      {title && (
        <Typography variant="subtitle1" color="text.primary" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
      )}
      <Typography variant="body2" sx={{ maxWidth: 460 }}>
        {message}
      </Typography>
      {action}
    </Box>
  );
}
