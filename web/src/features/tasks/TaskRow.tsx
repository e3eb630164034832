import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Checkbox from '@mui/material/Checkbox';
import Link from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { keyframes, type Theme } from '@mui/material/styles';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import RepeatIcon from '@mui/icons-material/Repeat';
import NotificationsNoneOutlinedIcon from '@mui/icons-material/NotificationsNoneOutlined';
import { DEFAULT_TIME_ZONE } from '#common/calendar/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RESOURCE_OF } from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { isoToZoned } from '../activities/zoned-time.ts';
import { dueLabel } from './task-due.ts';
import type { Task, TaskPriority } from './tasks.types.ts';

export const PRIORITY_COLOR: Record<TaskPriority, (theme: Theme) => string> = {
  urgent: (th) => th.palette.error.main,
  high: (th) => th.palette.warning.main,
  normal: (th) => th.palette.info.main,
  low: (th) => th.palette.grey[400],
};

const pop = keyframes`
  0% { transform: scale(1); }
  40% { transform: scale(1.35); }
  100% { transform: scale(1); }
`;

/** «امروز ۱۴:۰۰» for a task of today in the workspace's zone. */
export function useDueLabel(): (task: Pick<Task, 'dueDate' | 'dueTime'>) => string | null {
  const { t } = useT();
  const format = useFormat();
  const today = isoToZoned(new Date().toISOString(), format.timeZone ?? DEFAULT_TIME_ZONE).date;
  return (task) => dueLabel(task, { t, digits: format.digits, date: (d) => format.date(d), weekday: format.weekday, today });
}

type Props = {
  task: Task;
  /** `revert` unticks the box when the server refused. */
  onToggle: (task: Task, revert: () => void) => void;
  onOpen: (task: Task) => void;
  /** The record whose page lists the task: its own link is not repeated. */
  subjectId?: string;
  pending?: boolean;
  /** A completed task (the "done just now" list). */
  done?: boolean;
};

/** One task: a round checkbox, the title in its priority's colour band, when it is due, what it is about. */
export function TaskRow({ task, onToggle, onOpen, subjectId, pending, done = false }: Props) {
  const { t } = useT();
  const format = useFormat();
  const me = useSession();
  const due = useDueLabel();
  const [ticked, setTicked] = useState(done);
  const checked = done || ticked;
  const label = due(task);
  const links = task.links.filter((l) => l.entityId !== subjectId);
  return (
    <Box
      data-testid="task-row"
      data-task-id={task.id}
      data-priority={task.priority}
      sx={(theme) => ({
        display: 'flex',
        alignItems: 'flex-start',
        gap: 0.5,
        py: 0.75,
        pe: 1,
        borderInlineStart: `4px solid ${PRIORITY_COLOR[task.priority](theme)}`,
        borderRadius: 1,
        bgcolor: checked ? 'action.hover' : 'background.paper',
        transition: 'background-color 200ms, opacity 300ms',
        opacity: checked && !done ? 0.6 : 1,
      })}
    >
      <Tooltip title={checked ? t('tasks.reopen', { title: task.title }) : t('tasks.complete', { title: task.title })}>
        <Checkbox
          checked={checked}
          disabled={pending}
          icon={<RadioButtonUncheckedIcon />}
          checkedIcon={<CheckCircleIcon sx={{ animation: `${pop} 300ms ease-out` }} />}
          color="success"
          onChange={() => {
            if (!done) setTicked(true);
            onToggle(task, () => setTicked(false));
          }}
          slotProps={{ input: { 'aria-label': checked ? t('tasks.reopen', { title: task.title }) : t('tasks.complete', { title: task.title }), 'data-testid': 'task-check' } as React.InputHTMLAttributes<HTMLInputElement> }}
          sx={{ p: 0.75 }}
        />
      </Tooltip>
      <Box sx={{ flex: 1, minWidth: 0, pt: 0.5 }}>
        <ButtonBase onClick={() => onOpen(task)} sx={{ display: 'block', textAlign: 'start', width: '100%', borderRadius: 0.5 }} data-testid="task-open">
          <Typography variant="body2" sx={{ fontWeight: 600, textDecoration: checked ? 'line-through' : undefined, overflowWrap: 'anywhere' }} data-testid="task-title">
            {task.title}
          </Typography>
        </ButtonBase>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.25 }}>
          {label && (
            <Typography variant="caption" sx={{ color: task.overdue && !checked ? 'error.main' : 'text.secondary', fontWeight: task.overdue ? 600 : 400 }} data-testid="task-due">
              {label}
            </Typography>
          )}
          {task.recurrence && (
            <Tooltip title={t(`tasks.every.${task.recurrence.frequency}`, { count: format.number(task.recurrence.interval) })}>
              <RepeatIcon sx={{ fontSize: 14, color: 'text.secondary' }} aria-label={t('tasks.recurring')} />
            </Tooltip>
          )}
          {task.reminderMinutes !== null && task.dueDate && <NotificationsNoneOutlinedIcon sx={{ fontSize: 14, color: 'text.secondary' }} aria-hidden />}
          {links.map((l) => (
            <Link key={`${l.entityType}:${l.entityId}`} component={RouterLink} to={`/${RESOURCE_OF[l.entityType]}/${l.entityId}`} variant="caption" sx={{ textDecoration: l.deleted ? 'line-through' : undefined }}>
              {l.name}
            </Link>
          ))}
          {task.owner && task.owner.id !== me.user.id && (
            <Typography variant="caption" color="text.secondary">
              {task.owner.name}
            </Typography>
          )}
          <Typography variant="caption" sx={{ color: (theme) => PRIORITY_COLOR[task.priority](theme), display: task.priority === 'normal' ? 'none' : undefined }}>
            {t(`tasks.priorities.${task.priority}`)}
          </Typography>
        </Box>
      </Box>
    </Box>
  );
}
