import { useNotify } from '../../shared/ui/index.ts';
import { useCompleteTask, useReopenTask } from './tasks.api.ts';
import { useDueLabel } from './TaskRow.tsx';
import type { Task } from './tasks.types.ts';

/**
 * Ticking a task's box: done (and, for a repeating one, word of when the next is due), or back
 * open when it was done. `onDone` hears of the completed task, e.g. to show it under "done just now".
 */
export function useTaskToggle(onDone?: (task: Task) => void) {
  const notify = useNotify();
  const due = useDueLabel();
  const complete = useCompleteTask();
  const reopen = useReopenTask();
  const toggle = (task: Task, revert: () => void) => {
    if (task.status === 'done') {
      reopen.mutate(task, { onError: (e) => notify(String((e as Error).message), 'error') });
      return;
    }
    complete.mutate(task, {
      onSuccess: ({ task: done, next }) => {
        onDone?.(done);
        notify({ key: 'tasks.completed', vars: { title: done.title } }, 'success');
        if (next) notify({ key: 'tasks.nextCreated', vars: { when: due(next) ?? '' } }, 'info');
      },
      onError: (e) => {
        revert();
        notify(String((e as Error).message), 'error');
      },
    });
  };
  return { toggle, pending: complete.isPending || reopen.isPending };
}
