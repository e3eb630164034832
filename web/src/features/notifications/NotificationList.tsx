import { useEffect, useRef, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import ListItemButton from '@mui/material/ListItemButton';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import AssignmentIndOutlinedIcon from '@mui/icons-material/AssignmentIndOutlined';
import CakeOutlinedIcon from '@mui/icons-material/CakeOutlined';
import CelebrationOutlinedIcon from '@mui/icons-material/CelebrationOutlined';
import EventOutlinedIcon from '@mui/icons-material/EventOutlined';
import NotificationsNoneOutlinedIcon from '@mui/icons-material/NotificationsNoneOutlined';
import TaskAltOutlinedIcon from '@mui/icons-material/TaskAltOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/index.ts';
import { internalPath, whenText } from './notification-format.ts';
import { useMarkRead, useNotifications, type AppNotification } from './notifications.api.ts';

const EVENT_ICON: Record<string, ReactNode> = {
  task_due: <TaskAltOutlinedIcon fontSize="small" />,
  meeting_soon: <EventOutlinedIcon fontSize="small" />,
  record_assigned: <AssignmentIndOutlinedIcon fontSize="small" />,
  birthday: <CakeOutlinedIcon fontSize="small" />,
  anniversary: <CelebrationOutlinedIcon fontSize="small" />,
};

function NotificationRow({ item, onOpen }: { item: AppNotification; onOpen: (item: AppNotification) => void }) {
  const format = useFormat();
  const { t } = useT();
  const unread = !item.readAt;
  return (
    <ListItemButton
      component="li"
      onClick={() => onOpen(item)}
      data-testid="notification-item"
      data-event={item.event}
      data-unread={unread ? 'true' : 'false'}
      aria-label={unread ? `${t('notifications.unreadMark')}: ${item.title}` : item.title}
      sx={(theme) => ({
        alignItems: 'flex-start',
        gap: 1.5,
        py: 1.25,
        px: 2,
        borderBottom: 1,
        borderColor: 'divider',
        bgcolor: unread ? alpha(theme.palette.primary.main, 0.06) : 'transparent',
      })}
    >
      <Box
        sx={(theme) => ({
          width: 32,
          height: 32,
          flexShrink: 0,
          borderRadius: '50%',
          display: 'grid',
          placeItems: 'center',
          color: unread ? 'primary.main' : 'text.secondary',
          bgcolor: alpha(unread ? theme.palette.primary.main : theme.palette.text.secondary, 0.1),
        })}
        aria-hidden
      >
        {EVENT_ICON[item.event] ?? <NotificationsNoneOutlinedIcon fontSize="small" />}
      </Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: unread ? 700 : 500 }} data-testid="notification-title">
          {item.title}
        </Typography>
        {item.body && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.25, overflowWrap: 'anywhere' }} data-testid="notification-body">
            {item.body}
          </Typography>
        )}
        <Typography variant="caption" color="text.secondary" component="time" dateTime={item.createdAt} title={format.dateTime(item.createdAt, 'long')} data-testid="notification-time">
          {whenText(item.createdAt, format)}
        </Typography>
      </Box>
      {unread && <Box sx={{ width: 8, height: 8, mt: 1, borderRadius: '50%', bgcolor: 'primary.main', flexShrink: 0 }} aria-hidden data-testid="notification-unread-dot" />}
    </ListItemButton>
  );
}

type Props = {
  unreadOnly?: boolean;
  /** Called after a notification was opened (the popover closes itself). */
  onNavigate?: () => void;
  /** The element that scrolls (the popover's list); the page itself when absent. */
  scrollRoot?: HTMLElement | null;
  emptyAction?: ReactNode;
};

/** Newest first, unread highlighted; a click marks it read and follows its link; the end of the list loads older ones. */
export function NotificationList({ unreadOnly = false, onNavigate, scrollRoot, emptyAction }: Props) {
  const { t } = useT();
  const navigate = useNavigate();
  const list = useNotifications({ unreadOnly });
  const markRead = useMarkRead();
  const sentinel = useRef<HTMLDivElement | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && hasNextPage && !isFetchingNextPage) void fetchNextPage();
      },
      { root: scrollRoot ?? null, rootMargin: '120px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, scrollRoot, list.data]);

  const open = (item: AppNotification) => {
    if (!item.readAt) markRead.mutate(item.id);
    const path = internalPath(item.link);
    if (path) {
      onNavigate?.();
      void navigate(path);
    }
  };

  if (list.isPending) return <LoadingState minHeight={120} />;
  if (list.isError)
    return (
      <Box sx={{ p: 2 }}>
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      </Box>
    );
  const items = list.data.pages.flatMap((p) => p.items);
  if (!items.length)
    return (
      <EmptyState
        icon={<NotificationsNoneOutlinedIcon />}
        title={unreadOnly ? t('notifications.emptyUnreadTitle') : t('notifications.emptyTitle')}
        message={t('notifications.emptyBody')}
        action={emptyAction}
        testId="notifications-empty"
      />
    );
  return (
    <Box>
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="notification-list">
        {items.map((item) => (
          <NotificationRow key={item.id} item={item} onOpen={open} />
        ))}
      </Box>
      <Box ref={sentinel} sx={{ display: 'flex', justifyContent: 'center', py: hasNextPage ? 1.5 : 0.5 }}>
        {isFetchingNextPage && <CircularProgress size={20} aria-label={t('common.loading')} />}
      </Box>
    </Box>
  );
}
