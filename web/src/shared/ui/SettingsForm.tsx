import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import { useT } from '../i18n/index.ts';
import { Form } from './Form.tsx';

type Props = {
  onSubmit: () => void;
  /** What went wrong with the last save, above the fields. */
  alert: ReactNode;
  pending: boolean;
  /** Save stays off until something changed. */
  dirty: boolean;
  saveTestId: string;
  children: ReactNode;
};

/** A settings page's card: one column of fields and a Save button. */
export function SettingsForm({ onSubmit, alert, pending, dirty, saveTestId, children }: Props) {
  const { t } = useT();
  return (
    <Card>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Form onSubmit={onSubmit}>
          {alert}
          <Stack spacing={2.5} sx={{ maxWidth: 560 }}>
            {children}
            <Box>
              <Button type="submit" variant="contained" loading={pending} disabled={!dirty} data-testid={saveTestId}>
                {t('common.save')}
              </Button>
            </Box>
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
}
