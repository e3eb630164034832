import { useState } from 'react';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import AddIcCallOutlinedIcon from '@mui/icons-material/AddIcCallOutlined';
import { useT } from '../../shared/i18n/index.ts';
import { LogCallDialog } from './LogCallDialog.tsx';

/** "Log a call" from anywhere, in the app bar: the person is picked in the dialog. */
export function QuickLogCall() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title={t('activities.logCallTitle')}>
        <IconButton onClick={() => setOpen(true)} aria-label={t('activities.logCallTitle')} data-testid="app-log-call">
          <AddIcCallOutlinedIcon />
        </IconButton>
      </Tooltip>
      <LogCallDialog open={open} onClose={() => setOpen(false)} subject={null} />
    </>
  );
}
