import type { ReactNode } from 'react';
import Box from '@mui/material/Box';

/** Latin-script data (emails, keys, codes) kept left-to-right inside RTL text. */
export function LtrText({ children, mono = false }: { children: ReactNode; mono?: boolean }) {
  return (
    <Box
      component="bdi"
      dir="ltr"
      sx={mono ? { fontFamily: '"Roboto Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.9em' } : undefined}
    >
      {children}
    </Box>
  );
}
