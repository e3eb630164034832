import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddTaskIcon from '@mui/icons-material/AddTask';
import { useT } from '../../shared/i18n/index.ts';
import { Section } from '../../shared/records/index.ts';
import { ErrorState, LoadingState } from '../../shared/ui/index.ts';
import type { Subject } from '../activities/activities.types.ts';
import { useTasksOf } from './tasks.api.ts';
import { TaskDialog } from './TaskDialog.tsx';
import { TaskRow } from './TaskRow.tsx';
import type { Task } from './tasks.types.ts';
import { useTaskToggle } from './useTaskToggle.ts';

/** The open tasks of a customer record or deal on its page: tick one off, open it, add one linked to the record. */
export function TasksPanel({ subject, canEdit }: { subject: Subject; canEdit: boolean }) {
  const { t } = useT();
  const tasks = useTasksOf(subject.entityType, subject.id);
  const { toggle, pending } = useTaskToggle();
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const rows = tasks.data ?? [];
  return (
    <Section
      title={t('tasks.panel')}
      testId="record-tasks"
      action={
        canEdit ? (
          <Button size="small" startIcon={<AddTaskIcon />} onClick={() => setEditing('new')} data-testid="record-add-task">
            {t('tasks.add')}
          </Button>
        ) : undefined
      }
    >
      {tasks.isPending ? (
        <LoadingState minHeight={60} />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('tasks.panelEmpty')}
        </Typography>
      ) : (
        <Stack spacing={0.75}>
          {rows.map((task) => (
            <TaskRow key={task.id} task={task} subjectId={subject.id} onToggle={toggle} onOpen={setEditing} pending={pending || !canEdit} />
          ))}
        </Stack>
      )}
      {editing && <TaskDialog task={editing === 'new' ? null : editing} subject={subject} onClose={() => setEditing(null)} />}
    </Section>
  );
}
