import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../shared/ui/index.ts';
import { useMyTasks } from './tasks.api.ts';
import { TaskDialog } from './TaskDialog.tsx';
import { TaskRow } from './TaskRow.tsx';
import { SECTIONS, type MyTasksSection, type Task } from './tasks.types.ts';
import { useTaskToggle } from './useTaskToggle.ts';

const LEAVE_MS = 450;

type Leaving = { task: Task; section: MyTasksSection; index: number };

const SECTION_COLOR: Record<MyTasksSection, 'error' | 'primary' | 'default'> = { overdue: 'error', today: 'primary', upcoming: 'default', noDate: 'default' };

/** /tasks: my open tasks by when they are due; ticking one sends it, with a little animation, to "done just now". */
export function TasksPage() {
  const { t } = useT();
  const mine = useMyTasks();
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const [justDone, setJustDone] = useState<Task[]>([]);
  // Completed tasks fold away where they were before they show up under "done just now".
  const [leaving, setLeaving] = useState<Leaving[]>([]);
  const { toggle, pending } = useTaskToggle((done) => {
    const section = SECTIONS.find((s) => mine.data?.[s].some((x) => x.id === done.id));
    const index = section ? mine.data![section].findIndex((x) => x.id === done.id) : 0;
    if (section) setLeaving((list) => [...list, { task: done, section, index }]);
    window.setTimeout(() => {
      setLeaving((list) => list.filter((l) => l.task.id !== done.id));
      setJustDone((list) => [done, ...list.filter((x) => x.id !== done.id)]);
    }, LEAVE_MS);
  });
  const toggleDone = (task: Task, revert: () => void) => {
    // Reopened: it goes back to its section when the list is fetched again.
    if (task.status === 'done') setJustDone((list) => list.filter((x) => x.id !== task.id));
    toggle(task, revert);
  };

  const header = (
    <PageHeader
      title={t('tasks.title')}
      subtitle={t('tasks.subtitle')}
      testId="tasks-title"
      actions={
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="tasks-new">
          {t('tasks.new')}
        </Button>
      }
    />
  );

  let body;
  if (mine.isPending) body = <LoadingState />;
  else if (mine.isError) body = <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  else {
    const total = SECTIONS.reduce((n, s) => n + mine.data[s].length, 0);
    body =
      total === 0 && justDone.length === 0 ? (
        <EmptyState icon={<TaskAltIcon />} message={t('tasks.empty')} testId="tasks-empty" />
      ) : (
        <Stack spacing={2}>
          {SECTIONS.map((section) => (
            <TaskSection key={section} section={section} tasks={mine.data[section]} leaving={leaving.filter((l) => l.section === section)} onToggle={toggleDone} onOpen={setEditing} pending={pending} />
          ))}
          {justDone.length > 0 && <TaskSection section="done" tasks={justDone} onToggle={toggleDone} onOpen={setEditing} pending={pending} done />}
        </Stack>
      );
  }

  return (
    <Box data-testid="tasks-page">
      {header}
      {body}
      {editing && <TaskDialog task={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Box>
  );
}

type SectionProps = {
  section: MyTasksSection | 'done';
  tasks: Task[];
  /** Just completed here: still drawn, folding shut. */
  leaving?: Leaving[];
  onToggle: (task: Task, revert: () => void) => void;
  onOpen: (task: Task) => void;
  pending: boolean;
  done?: boolean;
};

function TaskSection({ section, tasks, leaving = [], onToggle, onOpen, pending, done = false }: SectionProps) {
  const { t } = useT();
  const format = useFormat();
  const leavingIds = new Set(leaving.map((l) => l.task.id));
  const rows = tasks.filter((task) => !leavingIds.has(task.id));
  for (const l of [...leaving].sort((a, b) => a.index - b.index)) rows.splice(Math.min(l.index, rows.length), 0, l.task);
  // Empty sections of the future say nothing; an empty "overdue" or "today" is worth a word.
  if (!rows.length && (section === 'upcoming' || section === 'noDate')) return null;
  return (
    <Paper variant="outlined" sx={{ p: { xs: 1.5, sm: 2 } }} data-testid={`tasks-section-${section}`}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          {t(`tasks.sections.${section}`)}
        </Typography>
        <Chip size="small" label={format.number(tasks.length)} color={section === 'done' ? 'success' : SECTION_COLOR[section]} variant={tasks.length ? 'filled' : 'outlined'} data-testid="tasks-section-count" />
      </Box>
      {rows.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('tasks.sectionEmpty')}
        </Typography>
      )}
      <Stack data-testid="tasks-section-list">
        {rows.map((task) => (
          // Rows that arrive under "done" unfold; the others are simply there.
          <Collapse key={task.id} in={!leavingIds.has(task.id)} appear={done} timeout={LEAVE_MS - 100} data-leaving={leavingIds.has(task.id) || undefined}>
            <Box sx={{ pb: 0.75 }}>
              <TaskRow task={task} onToggle={onToggle} onOpen={onOpen} pending={pending} done={done} />
            </Box>
          </Collapse>
        ))}
      </Stack>
    </Paper>
  );
}
