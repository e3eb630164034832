import type { CSSProperties, MouseEvent } from 'react';
import { useDraggable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import { alpha, useTheme, type Theme } from '@mui/material/styles';
import CheckBoxIcon from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import PhoneOutlinedIcon from '@mui/icons-material/PhoneOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import type { CalendarItem, CalendarItemType } from './calendar.api.ts';
import { timeOf } from './calendar-dates.ts';

/** One colour per kind of event: meetings blue, calls green, tasks amber. */
export function typeColor(theme: Theme, type: CalendarItemType): string {
  if (type === 'meeting') return theme.palette.primary.main;
  if (type === 'call') return theme.palette.success.main;
  return theme.palette.warning.dark;
}

export const itemKey = (item: Pick<CalendarItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

export function useEventLabel() {
  const { t } = useT();
  const fmt = useFormat();
  return (item: CalendarItem, timeZone: string) => {
    const title = item.title || t(`calendarPage.types.${item.type}`);
    return item.allDay ? title : `${fmt.digits(timeOf(item.startsAt, timeZone))} ${title}`;
  };
}

type Props = {
  item: CalendarItem;
  timeZone: string;
  onOpen: (item: CalendarItem, anchor: HTMLElement) => void;
  /** Absolute placement inside a day column (week and day views). */
  style?: CSSProperties;
  /** Drawn in the drag overlay: not itself draggable. */
  overlay?: boolean;
};

/** An event on the grid: coloured by type, a checkbox for tasks, draggable to another day or time. */
export function EventChip({ item, timeZone, onOpen, style, overlay }: Props) {
  const theme = useTheme();
  const label = useEventLabel();
  const color = typeColor(theme, item.type);
  const done = item.status === 'done';
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: itemKey(item), data: { item }, disabled: overlay });
  const Icon = item.type === 'task' ? (done ? CheckBoxIcon : CheckBoxOutlineBlankIcon) : item.type === 'call' ? PhoneOutlinedIcon : GroupsOutlinedIcon;
  const text = label(item, timeZone);
  return (
    <Box
      ref={overlay ? undefined : setNodeRef}
      {...(overlay ? {} : listeners)}
      {...(overlay ? {} : attributes)}
      role="button"
      aria-label={text}
      data-testid={`calendar-event-${item.id}`}
      data-type={item.type}
      onClick={(event: MouseEvent<HTMLElement>) => {
        event.stopPropagation();
        onOpen(item, event.currentTarget);
      }}
      sx={{
        display: 'flex',
        alignItems: 'flex-start',
        gap: 0.5,
        px: 0.5,
        py: 0.25,
        borderRadius: 1,
        borderInlineStart: `3px solid ${color}`,
        bgcolor: alpha(color, done ? 0.06 : 0.14),
        color: 'text.primary',
        fontSize: 12,
        lineHeight: 1.4,
        cursor: overlay ? 'grabbing' : 'grab',
        overflow: 'hidden',
        opacity: isDragging ? 0.35 : 1,
        touchAction: 'manipulation',
        userSelect: 'none',
        boxShadow: overlay ? 4 : 0,
        '&:hover': { bgcolor: alpha(color, 0.24) },
        '&:focus-visible': { outline: `2px solid ${color}` },
        ...style,
      }}
    >
      <Icon sx={{ fontSize: 14, mt: '2px', color, flexShrink: 0 }} />
      <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textDecoration: done && item.type === 'task' ? 'line-through' : 'none' }}>
        {text}
      </Box>
    </Box>
  );
}
