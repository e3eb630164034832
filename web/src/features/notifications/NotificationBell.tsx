import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DoneAllOutlinedIcon from '@mui/icons-material/DoneAllOutlined';
import NotificationsNoneOutlinedIcon from '@mui/icons-material/NotificationsNoneOutlined';
import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import SettingsOutlinedIcon from '@mui/icons-material/SettingsOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { badgeText } from './notification-format.ts';
import { NotificationList } from './NotificationList.tsx';
import { notificationListKey, useMarkAllRead, useUnreadCount } from './notifications.api.ts';

/** The app bar's bell: unread count, and the notification centre in a popover. */
export function NotificationBell() {
  const { t } = useT();
  const format = useFormat();
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [scrollRoot, setScrollRoot] = useState<HTMLElement | null>(null);
  const count = unread.data ?? 0;
  const queryClient = useQueryClient();
  const lastCount = useRef(count);
  // Something new arrived: the lists (open popover, /notifications) fetch it too.
  useEffect(() => {
    if (count > lastCount.current) void queryClient.invalidateQueries({ queryKey: notificationListKey });
    lastCount.current = count;
  }, [count, queryClient]);
  const close = () => setAnchor(null);
  const label = count > 0 ? t('notifications.bellUnread', { n: format.number(count) }) : t('notifications.bell');

  return (
    <>
      <Tooltip title={label}>
        <IconButton onClick={(e) => setAnchor(e.currentTarget)} aria-label={label} aria-haspopup="dialog" data-testid="notification-bell">
          <Badge
            color="error"
            badgeContent={count > 0 ? badgeText(count, format.digits) : undefined}
            invisible={count === 0}
            slotProps={{ badge: { 'data-testid': 'notification-count' } as object }}
          >
            {count > 0 ? <NotificationsActiveOutlinedIcon /> : <NotificationsNoneOutlinedIcon />}
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        transformOrigin={{ vertical: 'top', horizontal: 'center' }}
        slotProps={{
          paper: {
            role: 'dialog',
            'aria-label': t('notifications.title'),
            'data-testid': 'notification-centre',
            sx: { width: 'min(400px, calc(100vw - 16px))', maxHeight: 'min(600px, calc(100dvh - 80px))', display: 'flex', flexDirection: 'column' },
          } as object,
        }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1.25 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
            {t('notifications.title')}
          </Typography>
          <Button size="small" startIcon={<DoneAllOutlinedIcon />} disabled={count === 0 || markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-mark-all">
            {t('notifications.markAllRead')}
          </Button>
          <Tooltip title={t('notifications.settings')}>
            <IconButton size="small" component={RouterLink} to="/settings/notifications" onClick={close} aria-label={t('notifications.settings')} data-testid="notifications-settings-link">
              <SettingsOutlinedIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Box>
        <Divider />
        <Box ref={setScrollRoot} sx={{ overflowY: 'auto', flex: 1, minHeight: 120 }}>
          {anchor !== null && <NotificationList scrollRoot={scrollRoot} onNavigate={close} />}
        </Box>
        <Divider />
        <Button component={RouterLink} to="/notifications" onClick={close} sx={{ borderRadius: 0, py: 1 }} data-testid="notifications-see-all">
          {t('notifications.seeAll')}
        </Button>
      </Popover>
    </>
  );
}
