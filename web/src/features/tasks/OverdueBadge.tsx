import Badge from '@mui/material/Badge';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useMyTasks } from './tasks.api.ts';

/** The number of my overdue tasks beside "Tasks" in the navigation; nothing when none are. */
export function OverdueBadge() {
  const { t } = useT();
  const format = useFormat();
  const mine = useMyTasks();
  const count = mine.data?.overdue.length ?? 0;
  if (!count) return null;
  return (
    <Badge
      badgeContent={format.number(count)}
      color="error"
      aria-label={t('tasks.overdueBadge', { count: format.number(count) })}
      data-testid="tasks-overdue-badge"
      sx={{ '& .MuiBadge-badge': { position: 'static', transform: 'none' }, me: 1 }}
    />
  );
}
