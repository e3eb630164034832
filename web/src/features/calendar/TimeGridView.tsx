import { useEffect, useRef } from 'react';
import { useDroppable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import type { CalendarKind } from '#common/calendar/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import type { CalendarItem } from './calendar.api.ts';
import { dayOfMonth, layoutLanes, minuteOfDay, timeOfMinute } from './calendar-dates.ts';
import { EventChip, itemKey } from './EventChip.tsx';

/** Pixels per hour; a 30-minute slot is half of it. */
const HOUR_PX = 48;
const SLOT_MINUTES = 30;
const SLOTS = (24 * 60) / SLOT_MINUTES;
/** How long an event without an end is drawn: calls 15 minutes, the rest 30. */
const defaultMinutes = (item: CalendarItem) => (item.type === 'call' ? 15 : 30);
const FIRST_VISIBLE_HOUR = 8;
/** The header rows keep room for the body's scrollbar, so their columns line up with it. */
const SAME_GUTTER = { overflowY: 'hidden', scrollbarGutter: 'stable' } as const;

type Props = {
  days: string[];
  today: string;
  calendar: CalendarKind;
  byDay: Map<string, CalendarItem[]>;
  timeZone: string;
  onOpen: (item: CalendarItem, anchor: HTMLElement) => void;
  onCreate: (day: string, time: string) => void;
};

/** Week or day: hour rows, events placed by their time, all-day tasks in a row above. */
export function TimeGridView({ days, today, calendar, byDay, timeZone, onOpen, onCreate }: Props) {
  const fmt = useFormat();
  const { t } = useT();
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scroller.current?.scrollTo({ top: FIRST_VISIBLE_HOUR * HOUR_PX });
  }, []);
  const columns = `56px repeat(${days.length}, minmax(0, 1fr))`;
  return (
    <Box data-testid="calendar-time-grid" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: columns, bgcolor: 'action.hover', borderBottom: 1, borderColor: 'divider', ...SAME_GUTTER }}>
        <Box />
        {days.map((day) => (
          <Box key={day} sx={{ textAlign: 'center', py: 0.75 }}>
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
              {fmt.weekday(day)}
            </Typography>
            <Typography variant="subtitle2" sx={{ fontWeight: day === today ? 700 : 500, color: day === today ? 'primary.main' : 'text.primary' }}>
              {fmt.digits(dayOfMonth(day, calendar))}
            </Typography>
          </Box>
        ))}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: columns, borderBottom: 1, borderColor: 'divider', ...SAME_GUTTER }}>
        <Typography variant="caption" color="text.secondary" sx={{ p: 0.5, textAlign: 'center' }}>
          {t('calendarPage.allDay')}
        </Typography>
        {days.map((day) => (
          <AllDayCell key={day} day={day} items={(byDay.get(day) ?? []).filter((i) => i.allDay)} timeZone={timeZone} onOpen={onOpen} />
        ))}
      </Box>
      <Box ref={scroller} sx={{ maxHeight: '65vh', overflowY: 'auto', scrollbarGutter: 'stable' }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: columns, position: 'relative' }}>
          <Box>
            {Array.from({ length: 24 }, (_, hour) => (
              <Typography key={hour} variant="caption" color="text.secondary" sx={{ display: 'block', height: HOUR_PX, textAlign: 'center', lineHeight: 1, pt: 0.25 }}>
                {fmt.digits(timeOfMinute(hour * 60))}
              </Typography>
            ))}
          </Box>
          {days.map((day) => (
            <DayColumn key={day} day={day} items={(byDay.get(day) ?? []).filter((i) => !i.allDay)} timeZone={timeZone} onOpen={onOpen} onCreate={onCreate} />
          ))}
        </Box>
      </Box>
    </Box>
  );
}

function AllDayCell({ day, items, timeZone, onOpen }: { day: string; items: CalendarItem[]; timeZone: string; onOpen: Props['onOpen'] }) {
  const theme = useTheme();
  const { setNodeRef, isOver } = useDroppable({ id: `allday:${day}` });
  return (
    <Box
      ref={setNodeRef}
      data-testid={`calendar-allday-${day}`}
      sx={{ minHeight: 32, p: 0.25, borderInlineStart: '1px solid', borderColor: 'divider', display: 'grid', gap: 0.25, bgcolor: isOver ? alpha(theme.palette.primary.main, 0.12) : undefined }}
    >
      {items.map((item) => (
        <EventChip key={itemKey(item)} item={item} timeZone={timeZone} onOpen={onOpen} />
      ))}
    </Box>
  );
}

function DayColumn({ day, items, timeZone, onOpen, onCreate }: { day: string; items: CalendarItem[]; timeZone: string; onOpen: Props['onOpen']; onCreate: Props['onCreate'] }) {
  const placed = items.map((item) => {
    const start = minuteOfDay(item.startsAt, timeZone);
    const end = item.endsAt ? Math.max(start + 15, Math.min(24 * 60, start + (Date.parse(item.endsAt) - Date.parse(item.startsAt)) / 60_000)) : start + defaultMinutes(item);
    return { id: itemKey(item), item, start, end };
  });
  const lanes = layoutLanes(placed);
  return (
    <Box sx={{ position: 'relative', borderInlineStart: '1px solid', borderColor: 'divider', height: 24 * HOUR_PX }}>
      {Array.from({ length: SLOTS }, (_, slot) => (
        <Slot key={slot} day={day} minute={slot * SLOT_MINUTES} onCreate={onCreate} />
      ))}
      {placed.map(({ id, item, start, end }) => {
        const { lane, lanes: count } = lanes.get(id)!;
        return (
          <EventChip
            key={id}
            item={item}
            timeZone={timeZone}
            onOpen={onOpen}
            style={{
              position: 'absolute',
              top: (start / 60) * HOUR_PX,
              height: Math.max(18, ((end - start) / 60) * HOUR_PX - 2),
              insetInlineStart: `calc(${(lane / count) * 100}% + 2px)`,
              width: `calc(${100 / count}% - 4px)`,
              zIndex: 1,
            }}
          />
        );
      })}
    </Box>
  );
}

function Slot({ day, minute, onCreate }: { day: string; minute: number; onCreate: Props['onCreate'] }) {
  const theme = useTheme();
  const time = timeOfMinute(minute);
  const { setNodeRef, isOver } = useDroppable({ id: `slot:${day}:${time}` });
  return (
    <Box
      ref={setNodeRef}
      data-testid={`calendar-slot-${day}-${time}`}
      onClick={() => onCreate(day, time)}
      sx={{
        height: HOUR_PX / 2,
        borderTop: minute % 60 === 0 ? 1 : '1px dashed',
        borderColor: 'divider',
        cursor: 'pointer',
        bgcolor: isOver ? alpha(theme.palette.primary.main, 0.16) : undefined,
        '&:hover': { bgcolor: alpha(theme.palette.primary.main, 0.05) },
      }}
    />
  );
}
