import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import AddIcon from '@mui/icons-material/Add';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import EventRepeatOutlinedIcon from '@mui/icons-material/EventRepeatOutlined';
import { DEFAULT_TIME_ZONE, type Locale } from '#common/calendar/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { errorMessage, ErrorState, PageHeader, useNotify } from '../../shared/ui/index.ts';
import { useCalendarRange, useMoveEvent, type CalendarItem, type CalendarScope } from './calendar.api.ts';
import { addDays, dayOf, monthGrid, monthTitle, step, visibleDays, weekStartOf, zonedIso, type CalendarView } from './calendar-dates.ts';
import { moveFor } from './calendar-move.ts';
import { EventChip, itemKey } from './EventChip.tsx';
import { EventPopover } from './EventPopover.tsx';
import { FeedDialog } from './FeedDialog.tsx';
import { MonthView } from './MonthView.tsx';
import { NewEventDialog } from './NewEventDialog.tsx';
import { TimeGridView } from './TimeGridView.tsx';

const VIEWS: CalendarView[] = ['month', 'week', 'day'];

export function CalendarPage() {
  const { t, locale } = useT();
  const fmt = useFormat();
  const me = useSession();
  const theme = useTheme();
  const notify = useNotify();
  const compact = useMediaQuery(theme.breakpoints.down('sm'));
  const timeZone = fmt.timeZone ?? DEFAULT_TIME_ZONE;
  const calendar = fmt.calendar;
  const weekStart = weekStartOf(locale as Locale);
  const today = dayOf(new Date(), timeZone);
  const [params, setParams] = useSearchParams();
  const view: CalendarView = VIEWS.includes(params.get('view') as CalendarView) ? (params.get('view') as CalendarView) : 'month';
  const cursor = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const mayReadAll = can(me, 'records.read');
  const scope: CalendarScope = params.get('scope') === 'all' && mayReadAll ? 'all' : 'mine';
  const go = (next: Partial<{ view: CalendarView; date: string; scope: CalendarScope }>) => {
    const merged = { view, date: cursor, scope, ...next };
    setParams({ view: merged.view, date: merged.date, ...(merged.scope === 'all' ? { scope: 'all' } : {}) }, { replace: true });
  };

  const days = visibleDays(view, cursor, calendar, weekStart);
  const from = zonedIso(days[0]!, '00:00', timeZone);
  const to = zonedIso(addDays(days.at(-1)!, 1), '00:00', timeZone);
  const range = useCalendarRange(from, to, scope);
  const move = useMoveEvent(from, to, scope);

  const byDay = useMemo(() => {
    const map = new Map<string, CalendarItem[]>();
    for (const item of range.data?.items ?? []) {
      const day = item.allDay && item.dueDate ? item.dueDate : dayOf(item.startsAt, timeZone);
      map.set(day, [...(map.get(day) ?? []), item]);
    }
    return map;
  }, [range.data, timeZone]);

  const [details, setDetails] = useState<{ item: CalendarItem; anchor: HTMLElement } | null>(null);
  const [creating, setCreating] = useState<{ day: string; time: string } | null>(null);
  const [feedOpen, setFeedOpen] = useState(false);
  const [dragging, setDragging] = useState<CalendarItem | null>(null);
  // A click that ends a drag is not a request for details.
  const dragEndedAt = useRef(0);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 300, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );

  const onDragStart = (event: DragStartEvent) => setDragging((event.active.data.current as { item: CalendarItem }).item);
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    dragEndedAt.current = Date.now();
    const item = (event.active.data.current as { item: CalendarItem } | undefined)?.item;
    if (!item || !event.over) return;
    const next = moveFor(item, String(event.over.id), timeZone);
    if (!next) return;
    move.mutate(next, {
      onSuccess: () => notify({ key: 'calendarPage.moved' }, 'success'),
      onError: (error) => notify({ key: 'calendarPage.moveFailed', vars: { reason: errorMessage(error, t('errors.unknown')) } }, 'error'),
    });
  };

  const open = (item: CalendarItem, anchor: HTMLElement) => {
    if (Date.now() - dragEndedAt.current < 250) return;
    setDetails({ item, anchor });
  };
  const create = (day: string, time = '10:00') => {
    if (Date.now() - dragEndedAt.current < 250) return;
    setCreating({ day, time });
  };

  const title =
    view === 'month'
      ? (() => {
          const { name, year } = monthTitle(cursor, calendar, locale as Locale);
          return `${name} ${fmt.digits(year)}`;
        })()
      : view === 'week'
        ? `${fmt.date(days[0]!)} – ${fmt.date(days.at(-1)!)}`
        : fmt.dateWithWeekday(cursor);
  const rtl = theme.direction === 'rtl';
  const PrevIcon = rtl ? ChevronRightIcon : ChevronLeftIcon;
  const NextIcon = rtl ? ChevronLeftIcon : ChevronRightIcon;

  return (
    <Box data-testid="calendar-page">
      <PageHeader
        title={t('calendarPage.title')}
        subtitle={t('calendarPage.subtitle')}
        actions={
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="outlined" startIcon={<EventRepeatOutlinedIcon />} onClick={() => setFeedOpen(true)} data-testid="calendar-feed-button">
              {t('calendarPage.feed.button')}
            </Button>
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating({ day: view === 'month' && cursor === today ? today : cursor, time: '10:00' })} data-testid="calendar-new">
              {t('calendarPage.newEvent.title')}
            </Button>
          </Box>
        }
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Button variant="outlined" size="small" onClick={() => go({ date: today })} data-testid="calendar-today">
          {t('calendarPage.today')}
        </Button>
        <Tooltip title={t('calendarPage.previous')}>
          <IconButton size="small" onClick={() => go({ date: step(view, cursor, -1, calendar) })} aria-label={t('calendarPage.previous')} data-testid="calendar-prev">
            <PrevIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('calendarPage.next')}>
          <IconButton size="small" onClick={() => go({ date: step(view, cursor, 1, calendar) })} aria-label={t('calendarPage.next')} data-testid="calendar-next">
            <NextIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="h6" component="h2" data-testid="calendar-title" sx={{ flex: 1, minWidth: 160 }}>
          {title}
        </Typography>
        <ToggleButtonGroup exclusive size="small" value={view} onChange={(_, next: CalendarView | null) => next && go({ view: next })} aria-label={t('calendarPage.title')}>
          {VIEWS.map((v) => (
            <ToggleButton key={v} value={v} data-testid={`calendar-view-${v}`}>
              {t(`calendarPage.views.${v}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {mayReadAll && (
          <ToggleButtonGroup exclusive size="small" value={scope} onChange={(_, next: CalendarScope | null) => next && go({ scope: next })}>
            <ToggleButton value="mine" data-testid="calendar-scope-mine">
              {t('calendarPage.scope.mine')}
            </ToggleButton>
            <ToggleButton value="all" data-testid="calendar-scope-all">
              {t('calendarPage.scope.all')}
            </ToggleButton>
          </ToggleButtonGroup>
        )}
      </Box>
      {range.isError && <ErrorState error={range.error} onRetry={() => void range.refetch()} />}
      {range.data?.truncated && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {t('calendarPage.truncated')}
        </Alert>
      )}
      <DndContext sensors={sensors} collisionDetection={pointerWithin} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
        <Box sx={{ opacity: range.isFetching && !range.data ? 0.5 : 1 }} data-loaded={range.isSuccess && !range.isPlaceholderData}>
          {view === 'month' ? (
            <MonthView
              weeks={monthGrid(cursor, calendar, weekStart)}
              cursor={cursor}
              today={today}
              calendar={calendar}
              weekStart={weekStart}
              byDay={byDay}
              timeZone={timeZone}
              compact={compact}
              onOpen={open}
              onCreate={(day) => create(day)}
              onShowDay={(day) => (compact ? go({ date: day }) : go({ view: 'day', date: day }))}
            />
          ) : (
            <TimeGridView days={days} today={today} calendar={calendar} byDay={byDay} timeZone={timeZone} onOpen={open} onCreate={create} />
          )}
        </Box>
        <DragOverlay dropAnimation={null}>{dragging ? <EventChip item={dragging} timeZone={timeZone} onOpen={() => {}} overlay /> : null}</DragOverlay>
      </DndContext>
      {compact && view === 'month' && (
        <Box sx={{ mt: 2, display: 'grid', gap: 0.75 }} data-testid="calendar-day-list">
          <Typography variant="subtitle2">{fmt.dateWithWeekday(cursor)}</Typography>
          {(byDay.get(cursor) ?? []).map((item) => (
            <EventChip key={itemKey(item)} item={item} timeZone={timeZone} onOpen={open} />
          ))}
          {!(byDay.get(cursor) ?? []).length && (
            <Typography variant="body2" color="text.secondary">
              {t('calendarPage.noEvents')}
            </Typography>
          )}
          <Button size="small" startIcon={<AddIcon />} onClick={() => create(cursor)} sx={{ justifySelf: 'start' }}>
            {t('calendarPage.newEvent.title')}
          </Button>
        </Box>
      )}
      <EventPopover item={details?.item ?? null} anchor={details?.anchor ?? null} timeZone={timeZone} onClose={() => setDetails(null)} />
      {creating && <NewEventDialog open day={creating.day} time={creating.time} timeZone={timeZone} onClose={() => setCreating(null)} />}
      <FeedDialog open={feedOpen} onClose={() => setFeedOpen(false)} />
    </Box>
  );
}
