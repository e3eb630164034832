import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import DoneAllOutlinedIcon from '@mui/icons-material/DoneAllOutlined';
import SettingsOutlinedIcon from '@mui/icons-material/SettingsOutlined';
import { useT } from '../../shared/i18n/index.ts';
import { PageHeader } from '../../shared/ui/index.ts';
import { NotificationList } from './NotificationList.tsx';
import { useMarkAllRead, useUnreadCount } from './notifications.api.ts';

/** /notifications: the whole centre, all or unread only. */
export function NotificationsPage() {
  const { t } = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  return (
    <Box data-testid="notifications-page">
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle')}
        actions={
          <>
            <Button variant="outlined" startIcon={<DoneAllOutlinedIcon />} disabled={!unread.data || markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-page-mark-all">
              {t('notifications.markAllRead')}
            </Button>
            <Button component={RouterLink} to="/settings/notifications" startIcon={<SettingsOutlinedIcon />} data-testid="notifications-page-settings">
              {t('notifications.settings')}
            </Button>
          </>
        }
      />
      <Card>
        <Tabs value={unreadOnly ? 'unread' : 'all'} onChange={(_, v) => setUnreadOnly(v === 'unread')} sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Tab value="all" label={t('notifications.all')} data-testid="notifications-tab-all" />
          <Tab value="unread" label={t('notifications.unread')} data-testid="notifications-tab-unread" />
        </Tabs>
        <NotificationList key={String(unreadOnly)} unreadOnly={unreadOnly} />
      </Card>
    </Box>
  );
}
