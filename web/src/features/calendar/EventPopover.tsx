import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Popover from '@mui/material/Popover';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import { useFormat } from '../../shared/format/index.ts';
import { useT, type TKey } from '../../shared/i18n/index.ts';
import { LtrText } from '../../shared/ui/index.ts';
import type { CalendarItem } from './calendar.api.ts';
import { timeOf } from './calendar-dates.ts';
import { typeColor } from './EventChip.tsx';

const ENTITY_PATHS = { person: 'people', organization: 'organizations', lead: 'leads', deal: 'deals' } as const;

type Props = { item: CalendarItem | null; anchor: HTMLElement | null; timeZone: string; onClose: () => void };

/** What an event is, when, whose, and a way to its customer record. */
export function EventPopover({ item, anchor, timeZone, onClose }: Props) {
  const { t } = useT();
  const fmt = useFormat();
  const theme = useTheme();
  if (!item) return null;
  const color = typeColor(theme, item.type);
  const when = item.allDay
    ? fmt.dateWithWeekday(item.dueDate ?? item.startsAt)
    : `${fmt.dateWithWeekday(item.startsAt)}${fmt.locale === 'fa' ? '،' : ','} ${fmt.digits(timeOf(item.startsAt, timeZone))}${item.endsAt ? ` – ${fmt.digits(timeOf(item.endsAt, timeZone))}` : ''}`;
  const row = (label: TKey, value: React.ReactNode) => (
    <Box sx={{ display: 'flex', gap: 1, fontSize: 14 }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 72 }}>
        {t(label)}
      </Typography>
      <Box sx={{ minWidth: 0 }}>{value}</Box>
    </Box>
  );
  return (
    <Popover
      open={!!anchor}
      anchorEl={anchor}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      slotProps={{ paper: { sx: { p: 2, width: 320, maxWidth: '90vw' }, 'data-testid': 'calendar-event-details' } as object }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Chip size="small" label={t(`calendarPage.types.${item.type}`)} sx={{ bgcolor: alpha(color, 0.15), color, fontWeight: 600, mb: 0.5 }} />
          <Typography variant="subtitle1" sx={{ fontWeight: 600, wordBreak: 'break-word' }} data-testid="calendar-event-title">
            {item.title || t(`calendarPage.types.${item.type}`)}
          </Typography>
        </Box>
        <IconButton size="small" onClick={onClose} aria-label={t('calendarPage.details.close')}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      <Box sx={{ display: 'grid', gap: 0.75 }}>
        {row('calendarPage.details.when', <span data-testid="calendar-event-when">{when}</span>)}
        {row('calendarPage.details.status', t(`calendarPage.statuses.${item.status as 'planned'}`))}
        {item.owner && row('calendarPage.details.owner', item.owner.name)}
        {item.place && row('calendarPage.details.place', item.place)}
        {item.phone && row('calendarPage.details.phone', <LtrText>{fmt.digits(item.phone)}</LtrText>)}
        {item.links.length > 0 &&
          row(
            'calendarPage.details.linked',
            <Box sx={{ display: 'grid' }}>
              {item.links.map((link) =>
                link.deleted ? (
                  <Typography key={link.entityId} variant="body2" color="text.secondary">
                    {link.name} {t('calendarPage.details.deleted')}
                  </Typography>
                ) : (
                  <Link
                    key={link.entityId}
                    component={RouterLink}
                    to={`/${ENTITY_PATHS[link.entityType]}/${link.entityId}`}
                    aria-label={t('calendarPage.details.open', { name: link.name })}
                    data-testid="calendar-event-link"
                  >
                    {link.name}
                  </Link>
                ),
              )}
            </Box>,
          )}
        {item.kind === 'task' && (
          <Link component={RouterLink} to="/tasks" variant="body2">
            {t('calendarPage.details.allTasks')}
          </Link>
        )}
      </Box>
    </Popover>
  );
}
