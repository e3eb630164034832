import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import NotificationsNoneOutlinedIcon from '@mui/icons-material/NotificationsNoneOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT, type TKey } from '../../shared/i18n/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { ErrorState, Form, FormErrorAlert, LoadingState, PageHeader, fieldState } from '../../shared/ui/index.ts';
import { normalisedSmsPhone, smsPhoneProblem } from './notification-format.ts';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_EVENTS,
  useNotificationPreferences,
  useSaveNotificationPreferences,
  type NotificationChannel,
  type NotificationPreferences,
  type PreferenceMatrix,
} from './notifications.api.ts';

const MEETING_LEAD_CHOICES = [0, 5, 10, 15, 30, 45, 60, 120, 1440];
const OCCASION_LEAD_CHOICES = [0, 1, 2, 3, 7, 14, 30];

const EVENT_LABEL: Record<string, TKey> = {
  task_due: 'notifications.events.task_due',
  meeting_soon: 'notifications.events.meeting_soon',
  record_assigned: 'notifications.events.record_assigned',
  birthday: 'notifications.events.birthday',
  anniversary: 'notifications.events.anniversary',
};
const EVENT_HELP: Record<string, TKey> = {
  task_due: 'notifications.eventHelp.task_due',
  meeting_soon: 'notifications.eventHelp.meeting_soon',
  record_assigned: 'notifications.eventHelp.record_assigned',
  birthday: 'notifications.eventHelp.birthday',
  anniversary: 'notifications.eventHelp.anniversary',
};
const CHANNEL_LABEL: Record<NotificationChannel, TKey> = {
  in_app: 'notifications.channels.in_app',
  email: 'notifications.channels.email',
  sms: 'notifications.channels.sms',
};


/** /settings/notifications: which events reach the user on which channel, and the reminder lead times. */
export function NotificationPreferencesPage() {
  const { t } = useT();
  const prefs = useNotificationPreferences();
  // Lives above the form: the form is rebuilt from what the server saved, and "saved" must survive that.
  const save = useSaveNotificationPreferences();
  return (
    <Box data-testid="notification-preferences-page">
      <PageHeader
        title={t('notificationPrefs.title')}
        subtitle={t('notificationPrefs.subtitle')}
        actions={
          <Button component={RouterLink} to="/notifications" startIcon={<NotificationsNoneOutlinedIcon />}>
            {t('notifications.title')}
          </Button>
        }
      />
      {prefs.isPending ? (
        <LoadingState />
      ) : prefs.isError ? (
        <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : (
        <PreferencesForm key={JSON.stringify(prefs.data)} saved={prefs.data} save={save} />
      )}
    </Box>
  );
}

function PreferencesForm({ saved, save }: { saved: NotificationPreferences; save: ReturnType<typeof useSaveNotificationPreferences> }) {
  const { t } = useT();
  const format = useFormat();
  const me = useSession();
  const events = useMemo(() => (saved.events?.length ? saved.events : [...NOTIFICATION_EVENTS]), [saved.events]);
  const compact = useMediaQuery(useTheme().breakpoints.down('sm'));
  const channels = saved.channels?.length ? saved.channels : [...NOTIFICATION_CHANNELS];
  const [matrix, setMatrix] = useState<PreferenceMatrix>(saved.matrix);
  const [phone, setPhone] = useState(saved.profile.phone ?? '');
  const [meetingLead, setMeetingLead] = useState(saved.profile.meetingLeadMinutes);
  const [occasionLead, setOccasionLead] = useState(saved.profile.occasionLeadDays);
  const [submitted, setSubmitted] = useState(false);

  const phoneError = smsPhoneProblem(phone) ? t('notificationPrefs.phoneInvalid') : null;
  const normalisedPhone = normalisedSmsPhone(phone);
  const smsWanted = events.some((e) => matrix[e]?.sms);
  const dirty =
    JSON.stringify(matrix) !== JSON.stringify(saved.matrix) ||
    (normalisedPhone ?? null) !== (saved.profile.phone ?? null) ||
    meetingLead !== saved.profile.meetingLeadMinutes ||
    occasionLead !== saved.profile.occasionLeadDays;

  const toggle = (event: string, channel: NotificationChannel, on: boolean) =>
    setMatrix((m) => ({ ...m, [event]: { ...(m[event] ?? { in_app: false, email: false, sms: false }), [channel]: on } }));

  const submit = () => {
    setSubmitted(true);
    if (phoneError) return;
    save.mutate(
      { matrix, profile: { phone: normalisedPhone, meetingLeadMinutes: meetingLead, occasionLeadDays: occasionLead } });
  };

  const choices = (values: number[], current: number) => (values.includes(current) ? values : [...values, current].sort((a, b) => a - b));
  const minutesText = (m: number) => (m === 0 ? t('notificationPrefs.atStart') : m % 60 === 0 ? t('notificationPrefs.hours', { n: format.number(m / 60) }) : t('notificationPrefs.minutes', { n: format.number(m) }));
  const daysText = (d: number) => (d === 0 ? t('notificationPrefs.onTheDay') : t('notificationPrefs.daysBefore', { n: format.number(d) }));

  return (
    <Form onSubmit={submit}>
      <FormErrorAlert error={save.error} />
      <Stack spacing={2}>
        <Card>
          <CardContent sx={{ p: { xs: 1.5, sm: 3 } }}>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
              {t('notificationPrefs.matrixTitle')}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
              {t('notificationPrefs.matrixHelp', { email: me.user.email })}
            </Typography>
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="notification-matrix">
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ px: { xs: 0.5, sm: 2 } }}>{t('notificationPrefs.event')}</TableCell>
                    {channels.map((c) => (
                      <TableCell key={c} align="center" sx={{ whiteSpace: 'nowrap', px: { xs: 0.25, sm: 2 } }}>
                        {t(CHANNEL_LABEL[c])}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {events.map((event) => (
                    <TableRow key={event} data-testid="notification-matrix-row" data-event={event}>
                      <TableCell sx={{ px: { xs: 0.5, sm: 2 } }}>
                        <Typography variant="body2" sx={{ fontWeight: 600 }}>
                          {EVENT_LABEL[event] ? t(EVENT_LABEL[event]) : event}
                        </Typography>
                        {EVENT_HELP[event] && (
                          <Typography variant="caption" color="text.secondary">
                            {t(EVENT_HELP[event])}
                          </Typography>
                        )}
                      </TableCell>
                      {channels.map((channel) => {
                        const eventLabel = EVENT_LABEL[event] ? t(EVENT_LABEL[event]) : event;
                        return (
                          <TableCell key={channel} align="center" sx={{ px: { xs: 0.25, sm: 2 } }}>
                            <Switch
                              size={compact ? 'small' : 'medium'}
                              checked={Boolean(matrix[event]?.[channel])}
                              onChange={(e) => toggle(event, channel, e.target.checked)}
                              slotProps={{
                                input: {
                                  'aria-label': t('notificationPrefs.switchLabel', { event: eventLabel, channel: t(CHANNEL_LABEL[channel]) }),
                                  'data-testid': `pref-${event}-${channel}`,
                                } as object,
                              }}
                            />
                          </TableCell>
                        );
                      })}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </CardContent>
        </Card>

        <Card>
          <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
            <Stack spacing={2.5} sx={{ maxWidth: 560 }}>
              <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
                {t('notificationPrefs.detailsTitle')}
              </Typography>
              <TextField
                label={t('notificationPrefs.phone')}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                placeholder={format.digits('09121234567')}
                {...fieldState('profile.phone', {
                  error: save.error,
                  client: submitted || phone.length >= 11 ? phoneError : null,
                  helper: normalisedPhone && !phoneError && normalisedPhone !== phone.trim() ? t('notificationPrefs.phoneWillBe', { phone: normalisedPhone }) : t('notificationPrefs.phoneHelp'),
                })}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', autoComplete: 'tel', 'data-testid': 'pref-phone' } }}
              />
              {smsWanted && !normalisedPhone && (
                <Alert severity="warning" data-testid="pref-sms-needs-phone">
                  {t('notificationPrefs.smsNeedsPhone')}
                </Alert>
              )}
              <TextField
                select
                label={t('notificationPrefs.meetingLead')}
                value={meetingLead}
                onChange={(e) => setMeetingLead(Number(e.target.value))}
                helperText={t('notificationPrefs.meetingLeadHelp')}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'pref-meeting-lead' } as object } }}
              >
                {choices(MEETING_LEAD_CHOICES, meetingLead).map((m) => (
                  <MenuItem key={m} value={m}>
                    {minutesText(m)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                label={t('notificationPrefs.occasionLead')}
                value={occasionLead}
                onChange={(e) => setOccasionLead(Number(e.target.value))}
                helperText={t('notificationPrefs.occasionLeadHelp')}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'pref-occasion-lead' } as object } }}
              >
                {choices(OCCASION_LEAD_CHOICES, occasionLead).map((d) => (
                  <MenuItem key={d} value={d}>
                    {daysText(d)}
                  </MenuItem>
                ))}
              </TextField>
            </Stack>
          </CardContent>
        </Card>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
          <Button type="submit" variant="contained" loading={save.isPending} disabled={!dirty} data-testid="pref-save">
            {t('common.save')}
          </Button>
          {!dirty && save.isSuccess && (
            <Typography variant="body2" color="success.main" data-testid="pref-saved">
              {t('notificationPrefs.saved')}
            </Typography>
          )}
        </Box>
      </Stack>
    </Form>
  );
}
