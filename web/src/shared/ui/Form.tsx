import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';

/** A form that shows its own messages instead of the browser's, and never reloads the page on submit. */
export function Form({ onSubmit, sx, children }: { onSubmit: () => void; sx?: SxProps<Theme>; children: ReactNode }) {
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      sx={sx}
    >
      {children}
    </Box>
  );
}
