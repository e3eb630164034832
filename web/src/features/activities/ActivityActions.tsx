import { useState, type MouseEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import AddIcCallOutlinedIcon from '@mui/icons-material/AddIcCallOutlined';
import CallIcon from '@mui/icons-material/Call';
import ChatOutlinedIcon from '@mui/icons-material/ChatOutlined';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import EventOutlinedIcon from '@mui/icons-material/EventOutlined';
import MoreHorizIcon from '@mui/icons-material/MoreHoriz';
import SmsOutlinedIcon from '@mui/icons-material/SmsOutlined';
import StickyNote2OutlinedIcon from '@mui/icons-material/StickyNote2Outlined';
import { useT } from '../../shared/i18n/index.ts';
import type { ContactEntry } from '../../shared/records/index.ts';
import type { Subject } from './activities.types.ts';
import { ActivityComposer, type ComposerKind } from './ActivityComposer.tsx';
import { LogCallDialog } from './LogCallDialog.tsx';

type Props = {
  subject: Subject;
  phones?: ContactEntry[];
  people?: Array<{ id: string; name: string }>;
};

/**
 * The activity buttons of a customer page, under its name where a thumb reaches them: log a call
 * (the most frequent), a note, a meeting, and the rest in a menu.
 */
export function ActivityActions({ subject, phones, people }: Props) {
  const { t } = useT();
  const [loggingCall, setLoggingCall] = useState(false);
  const [composing, setComposing] = useState<ComposerKind | null>(null);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const open = (kind: ComposerKind) => {
    setMenu(null);
    setComposing(kind);
  };
  const more: Array<{ kind: ComposerKind; label: string; icon: React.ReactNode }> = [
    { kind: 'call', label: t('activities.scheduleCall'), icon: <AddIcCallOutlinedIcon fontSize="small" /> },
    { kind: 'email', label: t('activities.newEmail'), icon: <EmailOutlinedIcon fontSize="small" /> },
    { kind: 'sms', label: t('activities.newSms'), icon: <SmsOutlinedIcon fontSize="small" /> },
    { kind: 'chat', label: t('activities.newChat'), icon: <ChatOutlinedIcon fontSize="small" /> },
  ];
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mt: 1.5 }} data-testid="activity-actions">
      <Button variant="contained" color="success" size="small" startIcon={<CallIcon />} onClick={() => setLoggingCall(true)} data-testid="log-call">
        {t('activities.logCall')}
      </Button>
      <Button variant="outlined" size="small" startIcon={<StickyNote2OutlinedIcon />} onClick={() => open('note')} data-testid="new-note">
        {t('activities.newNote')}
      </Button>
      <Button variant="outlined" size="small" startIcon={<EventOutlinedIcon />} onClick={() => open('meeting')} data-testid="new-meeting">
        {t('activities.newMeeting')}
      </Button>
      <Tooltip title={t('activities.more')}>
        <IconButton size="small" aria-label={t('activities.more')} onClick={(e: MouseEvent<HTMLElement>) => setMenu(e.currentTarget)} data-testid="more-activities">
          <MoreHorizIcon />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={menu} open={Boolean(menu)} onClose={() => setMenu(null)}>
        {more.map((m) => (
          <MenuItem key={m.kind} onClick={() => open(m.kind)} data-testid={`new-${m.kind}`}>
            <ListItemIcon>{m.icon}</ListItemIcon>
            {m.label}
          </MenuItem>
        ))}
      </Menu>
      <LogCallDialog open={loggingCall} onClose={() => setLoggingCall(false)} subject={subject} phones={phones} people={people} />
      <ActivityComposer kind={composing} onClose={() => setComposing(null)} subject={subject} people={people} />
    </Box>
  );
}
