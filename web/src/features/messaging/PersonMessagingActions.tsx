import { useState } from 'react';
import Button from '@mui/material/Button';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import SmsOutlinedIcon from '@mui/icons-material/SmsOutlined';
import { useT } from '../../shared/i18n/index.ts';
import type { ContactEntry } from '../../shared/records/records.types.ts';
import { ComposeDialog, type ComposeChannel } from './ComposeDialog.tsx';

type Props = { person: { id: string; displayName: string; emails: ContactEntry[]; phones: ContactEntry[] } };

/** «ارسال ایمیل» and «ارسال پیامک» on a person's page. */
export function PersonMessagingActions({ person }: Props) {
  const { t } = useT();
  const [open, setOpen] = useState<ComposeChannel | null>(null);
  return (
    <>
      <Button variant="outlined" startIcon={<EmailOutlinedIcon />} onClick={() => setOpen('email')} data-testid="person-send-email">
        {t('messaging.compose.emailButton')}
      </Button>
      <Button variant="outlined" startIcon={<SmsOutlinedIcon />} onClick={() => setOpen('sms')} data-testid="person-send-sms">
        {t('messaging.compose.smsButton')}
      </Button>
      {open && <ComposeDialog channel={open} person={person} onClose={() => setOpen(null)} />}
    </>
  );
}
