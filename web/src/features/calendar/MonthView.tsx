import { useDroppable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import type { CalendarItem } from './calendar.api.ts';
import { dayOfMonth, monthOf, weekdayHeaders } from './calendar-dates.ts';
import { EventChip, itemKey, typeColor } from './EventChip.tsx';

const MAX_CHIPS = 3;

type Props = {
  weeks: string[][];
  cursor: string;
  today: string;
  calendar: CalendarKind;
  weekStart: number;
  byDay: Map<string, CalendarItem[]>;
  timeZone: string;
  /** A phone: dots in the grid, the chosen day's events listed under it. */
  compact: boolean;
  onOpen: (item: CalendarItem, anchor: HTMLElement) => void;
  onCreate: (day: string) => void;
  onShowDay: (day: string) => void;
};

/** A month: whole weeks in rows, the week starting on Saturday (fa) or Sunday (en). */
export function MonthView({ weeks, cursor, today, calendar, weekStart, byDay, timeZone, compact, onOpen, onCreate, onShowDay }: Props) {
  const { t, locale } = useT();
  const fmt = useFormat();
  const month = monthOf(cursor, calendar);
  const headers = weekdayHeaders(weekStart, locale as Locale);
  return (
    <Box data-testid="calendar-month" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', bgcolor: 'action.hover' }}>
        {headers.map((name) => (
          <Typography
            key={name}
            variant="caption"
            data-testid="calendar-weekday"
            sx={{ textAlign: 'center', py: 0.75, fontWeight: 600, color: 'text.secondary', overflow: 'hidden', whiteSpace: 'nowrap' }}
          >
            {compact ? name.slice(0, 1) : name}
          </Typography>
        ))}
      </Box>
      {weeks.map((week) => (
        <Box key={week[0]} sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))' }}>
          {week.map((day) => (
            <DayCell
              key={day}
              day={day}
              label={fmt.digits(dayOfMonth(day, calendar))}
              inMonth={monthOf(day, calendar).first === month.first}
              isToday={day === today}
              isCursor={day === cursor}
              items={byDay.get(day) ?? []}
              timeZone={timeZone}
              compact={compact}
              moreLabel={(count) => t('calendarPage.more', { count: fmt.number(count) })}
              onOpen={onOpen}
              onCreate={onCreate}
              onShowDay={onShowDay}
            />
          ))}
        </Box>
      ))}
    </Box>
  );
}

type CellProps = {
  day: string;
  label: string;
  inMonth: boolean;
  isToday: boolean;
  isCursor: boolean;
  items: CalendarItem[];
  timeZone: string;
  compact: boolean;
  moreLabel: (count: number) => string;
  onOpen: Props['onOpen'];
  onCreate: Props['onCreate'];
  onShowDay: Props['onShowDay'];
};

function DayCell({ day, label, inMonth, isToday, isCursor, items, timeZone, compact, moreLabel, onOpen, onCreate, onShowDay }: CellProps) {
  const theme = useTheme();
  const { setNodeRef, isOver } = useDroppable({ id: `day:${day}` });
  const shown = items.slice(0, MAX_CHIPS);
  return (
    <Box
      ref={setNodeRef}
      data-testid={`calendar-day-${day}`}
      data-in-month={inMonth}
      onClick={() => (compact ? onShowDay(day) : onCreate(day))}
      sx={{
        minHeight: compact ? 52 : 112,
        borderTop: 1,
        borderInlineEnd: '1px solid',
        borderColor: 'divider',
        p: 0.5,
        display: 'flex',
        flexDirection: 'column',
        gap: 0.25,
        cursor: 'pointer',
        bgcolor: isOver ? alpha(theme.palette.primary.main, 0.12) : compact && isCursor ? alpha(theme.palette.primary.main, 0.06) : inMonth ? 'background.paper' : 'action.hover',
        '&:hover': { bgcolor: isOver ? undefined : alpha(theme.palette.primary.main, 0.04) },
      }}
    >
      <Box sx={{ display: 'flex', justifyContent: compact ? 'center' : 'flex-start' }}>
        <Typography
          component="span"
          variant="caption"
          data-testid="calendar-day-number"
          sx={{
            minWidth: 24,
            height: 24,
            px: 0.5,
            borderRadius: 12,
            display: 'inline-grid',
            placeItems: 'center',
            fontWeight: isToday ? 700 : 500,
            color: isToday ? 'primary.contrastText' : inMonth ? 'text.primary' : 'text.disabled',
            bgcolor: isToday ? 'primary.main' : 'transparent',
          }}
        >
          {label}
        </Typography>
      </Box>
      {compact ? (
        <Box sx={{ display: 'flex', justifyContent: 'center', gap: 0.25, flexWrap: 'wrap' }}>
          {items.slice(0, 4).map((item) => (
            <Box key={itemKey(item)} sx={{ width: 6, height: 6, borderRadius: 3, bgcolor: typeColor(theme, item.type) }} />
          ))}
        </Box>
      ) : (
        <>
          {shown.map((item) => (
            <EventChip key={itemKey(item)} item={item} timeZone={timeZone} onOpen={onOpen} />
          ))}
          {items.length > MAX_CHIPS && (
            <ButtonBase
              onClick={(event) => {
                event.stopPropagation();
                onShowDay(day);
              }}
              sx={{ justifyContent: 'flex-start', fontSize: 12, color: 'text.secondary', px: 0.5, borderRadius: 1 }}
            >
              {moreLabel(items.length - MAX_CHIPS)}
            </ButtonBase>
          )}
        </>
      )}
    </Box>
  );
}
