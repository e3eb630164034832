import { useState, type MouseEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import CallOutlinedIcon from '@mui/icons-material/CallOutlined';
import ChatOutlinedIcon from '@mui/icons-material/ChatOutlined';
import CheckIcon from '@mui/icons-material/Check';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import EventOutlinedIcon from '@mui/icons-material/EventOutlined';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import SmsOutlinedIcon from '@mui/icons-material/SmsOutlined';
import StickyNote2OutlinedIcon from '@mui/icons-material/StickyNote2Outlined';
import { DEFAULT_TIME_ZONE } from '#common/calendar/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RESOURCE_OF, usePhoneText, type TimelineRendererProps } from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, LtrText, useNotify } from '../../shared/ui/index.ts';
import { useDeleteActivity } from './activities.api.ts';
import type { Activity, ActivityType, DeliveryStatus } from './activities.types.ts';
import { isEditable } from './activity-edit.ts';
import { activityKindText, activitySummary } from './activity-summary.ts';
import { CompleteActivityDialog } from './CompleteActivityDialog.tsx';
import { EditActivityDialog } from './EditActivityDialog.tsx';
import { isoToZoned } from './zoned-time.ts';

const TYPE_ICON: Record<ActivityType, React.ReactNode> = {
  call: <CallOutlinedIcon fontSize="small" />,
  meeting: <EventOutlinedIcon fontSize="small" />,
  email: <EmailOutlinedIcon fontSize="small" />,
  sms: <SmsOutlinedIcon fontSize="small" />,
  chat: <ChatOutlinedIcon fontSize="small" />,
  note: <StickyNote2OutlinedIcon fontSize="small" />,
};
const TYPE_COLOR: Record<ActivityType, 'primary' | 'secondary' | 'info' | 'success' | 'warning'> = {
  call: 'success',
  meeting: 'secondary',
  email: 'info',
  sms: 'info',
  chat: 'info',
  note: 'warning',
};
const DELIVERY_COLOR: Record<DeliveryStatus, 'default' | 'success' | 'error'> = { queued: 'default', sent: 'success', failed: 'error' };

/** The activity a timeline item carries; null when the item is not one (an older server, a bad row). */
function activityOf(data: Record<string, unknown>): Activity | null {
  const a = data.activity as Partial<Activity> | undefined;
  if (!a || typeof a !== 'object' || typeof a.id !== 'string' || typeof a.type !== 'string') return null;
  return { attendees: [], links: [], bodyText: '', bodyHtml: null, ...a } as Activity;
}

/** A timeline item of source 'activities': a card with the type's icon, summary, body and, when planned, "done". */
export function ActivityTimelineItem({ item, subjectId }: TimelineRendererProps) {
  const activity = activityOf(item.data);
  if (!activity) return null;
  return <ActivityCard activity={activity} subjectId={subjectId} />;
}

export function ActivityCard({ activity, subjectId }: { activity: Activity; subjectId?: string }) {
  const { t } = useT();
  const format = useFormat();
  const me = useSession();
  const notify = useNotify();
  const phoneText = usePhoneText();
  const remove = useDeleteActivity();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [editing, setEditing] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const zone = format.timeZone ?? DEFAULT_TIME_ZONE;
  const planned = activity.status === 'planned';
  const canWrite = can(me, 'records.write');
  const canEdit = canWrite && isEditable(activity);
  // As on the server: those who may delete records, or the activity's own owner or creator.
  const own = activity.owner?.id === me.user.id || activity.createdBy?.id === me.user.id;
  const canDelete = canWrite && (own || can(me, 'records.delete'));
  const color = planned ? 'warning' : TYPE_COLOR[activity.type];
  const summary = activitySummary(activity, { t, digits: format.digits, timeOf: (iso) => format.digits(isoToZoned(iso, zone).time) });
  const others = activity.links.filter((l) => l.entityId !== subjectId);
  const heading = activity.subject ?? (activity.type === 'call' && activity.phone ? phoneText(activity.phone) : null);
  // Gone at once after a delete, without waiting for the timeline to be read again.
  if (deleted) return null;

  const confirmDelete = () =>
    remove.mutate(activity.id, {
      onSuccess: () => {
        setConfirmingDelete(false);
        setDeleted(true);
        notify({ key: 'activities.deleted' }, 'success');
      },
    });

  return (
    <Box sx={{ display: 'flex', gap: 1.5 }} data-testid="activity-card" data-activity-id={activity.id} data-type={activity.type} data-status={activity.status}>
      <Box
        sx={(theme) => ({
          width: 32,
          height: 32,
          flexShrink: 0,
          borderRadius: '50%',
          display: 'grid',
          placeItems: 'center',
          color: theme.palette[color].main,
          bgcolor: alpha(theme.palette[color].main, 0.12),
        })}
      >
        {TYPE_ICON[activity.type]}
      </Box>
      <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, p: 1.5, borderStyle: planned ? 'dashed' : 'solid' }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Box sx={{ flex: '1 1 180px', minWidth: 0 }}>
            {heading && (
              <Typography variant="subtitle2" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }} data-testid="activity-subject">
                {activity.subject ? heading : <LtrText>{heading}</LtrText>}
              </Typography>
            )}
            <Typography variant="body2" color="text.secondary" data-testid="activity-summary">
              {summary}
            </Typography>
          </Box>
          {planned && <Chip size="small" color="warning" variant="outlined" label={t('activities.planned')} />}
          {activity.deliveryStatus && (
            <Chip
              size="small"
              color={DELIVERY_COLOR[activity.deliveryStatus]}
              variant={activity.deliveryStatus === 'queued' ? 'outlined' : 'filled'}
              label={t(`activities.delivery.${activity.deliveryStatus}`)}
              title={activity.deliveryError ?? undefined}
              data-testid="activity-delivery"
            />
          )}
          {(canEdit || canDelete) && (
            <IconButton
              size="small"
              sx={{ mt: -0.5, me: -0.75 }}
              aria-label={t('activities.cardActions')}
              aria-haspopup="menu"
              onClick={(e: MouseEvent<HTMLElement>) => setMenu(e.currentTarget)}
              data-testid="activity-menu"
            >
              <MoreVertIcon fontSize="small" />
            </IconButton>
          )}
        </Box>
        <Menu anchorEl={menu} open={Boolean(menu)} onClose={() => setMenu(null)}>
          {canEdit && (
            <MenuItem
              onClick={() => {
                setMenu(null);
                setEditing(true);
              }}
              data-testid="activity-edit"
            >
              <ListItemIcon>
                <EditOutlinedIcon fontSize="small" />
              </ListItemIcon>
              {t('activities.edit')}
            </MenuItem>
          )}
          {canDelete && (
            <MenuItem
              onClick={() => {
                setMenu(null);
                remove.reset();
                setConfirmingDelete(true);
              }}
              sx={{ color: 'error.main' }}
              data-testid="activity-delete"
            >
              <ListItemIcon sx={{ color: 'inherit' }}>
                <DeleteOutlineIcon fontSize="small" />
              </ListItemIcon>
              {t('activities.delete')}
            </MenuItem>
          )}
        </Menu>
        <ActivityBody activity={activity} />
        {activity.deliveryStatus === 'failed' && activity.deliveryError && (
          <Typography variant="caption" color="error" component="div" sx={{ mt: 0.5 }}>
            {activity.deliveryError}
          </Typography>
        )}
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 1 }}>
          <Typography variant="caption" color="text.secondary" component="time" dateTime={activity.occurredAt} title={format.relative(activity.occurredAt)} data-testid="activity-time">
            {format.dateTime(activity.occurredAt, 'long')}
          </Typography>
          {activity.owner && (
            <Typography variant="caption" color="text.secondary">
              {t('activities.by', { name: activity.owner.name })}
            </Typography>
          )}
          {others.map((l) => (
            <Link key={`${l.entityType}:${l.entityId}`} component={RouterLink} to={`/${RESOURCE_OF[l.entityType]}/${l.entityId}`} variant="caption" sx={{ textDecoration: l.deleted ? 'line-through' : undefined }}>
              {l.name}
            </Link>
          ))}
          <Box sx={{ flex: 1 }} />
          {planned && canWrite && (
            <Button size="small" variant="outlined" color="success" startIcon={<CheckIcon />} onClick={() => setCompleting(true)} data-testid="activity-done">
              {t('activities.markDone')}
            </Button>
          )}
        </Box>
      </Paper>
      {editing && <EditActivityDialog activity={activity} onClose={() => setEditing(false)} />}
      {completing && <CompleteActivityDialog activity={activity} onClose={() => setCompleting(false)} />}
      <ConfirmDialog
        open={confirmingDelete}
        title={t('activities.deleteTitle')}
        body={t('activities.deleteBody', { what: activity.subject ?? activityKindText(activity, { t, digits: format.digits }) })}
        confirmLabel={t('activities.delete')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={confirmDelete}
        onClose={() => setConfirmingDelete(false)}
      />
    </Box>
  );
}

function ActivityBody({ activity }: { activity: Activity }) {
  if (activity.bodyHtml) {
    return (
      <Box
        data-testid="activity-body"
        sx={{ mt: 1, typography: 'body2', overflowWrap: 'anywhere', '& p': { my: 0.5 }, '& ul, & ol': { my: 0.5, ps: 3 }, '& img': { maxWidth: '100%' }, '& a': { color: 'primary.main' } }}
        // Safe only because the server sanitised this HTML (kernel/html/sanitize.ts) before storing it;
        // never hand this prop anything that did not come back from the activities API.
        dangerouslySetInnerHTML={{ __html: activity.bodyHtml }}
      />
    );
  }
  if (!activity.bodyText) return null;
  return (
    <Typography variant="body2" data-testid="activity-body" sx={{ mt: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {activity.bodyText}
    </Typography>
  );
}
