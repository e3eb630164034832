import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, type Page } from '../../shared/api/index.ts';
import type { MyTasks, Task, TaskInput } from './tasks.types.ts';

/* The tasks API seam: my tasks, a record's open tasks, create / edit / complete / reopen / delete. */

export const tasksKey = ['tasks'] as const;

export function useMyTasks() {
  return useQuery({ queryKey: [...tasksKey, 'mine'], queryFn: () => api.get<MyTasks>('/api/v1/tasks/mine') });
}

/** The open tasks linked to a record, soonest first (no date last). */
export function useTasksOf(entityType: string, entityId: string) {
  return useQuery({
    queryKey: [...tasksKey, 'of', entityType, entityId],
    queryFn: async () => {
      const page = await api.get<Page<Task>>('/api/v1/tasks', { entityType, entityId, status: 'open,in_progress', limit: 100 });
      return [...page.items].sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
    },
  });
}

function useRefreshTasks() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: tasksKey });
    void queryClient.invalidateQueries({ queryKey: ['calendar'] });
  };
}

export function useSaveTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: ({ id, version, input, key }: { id?: string; version?: number; input: TaskInput; key: string }) =>
      id ? api.patch<Task>(`/api/v1/tasks/${encodeURIComponent(id)}`, { version, ...input }) : api.post<Task>('/api/v1/tasks', input, { idempotencyKey: key }),
    onSuccess: refresh,
  });
}

/** Done; a repeating task answers with its next one. */
export function useCompleteTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: (task: Pick<Task, 'id' | 'version'>) => api.post<{ task: Task; next: Task | null }>(`/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, { version: task.version }),
    onSuccess: refresh,
  });
}

export function useReopenTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: (task: Pick<Task, 'id' | 'version'>) => api.post<Task>(`/api/v1/tasks/${encodeURIComponent(task.id)}/reopen`, { version: task.version }),
    onSuccess: refresh,
  });
}

export function useDeleteTask() {
  const refresh = useRefreshTasks();
  return useMutation({ mutationFn: (id: string) => api.delete(`/api/v1/tasks/${encodeURIComponent(id)}`), onSuccess: refresh });
}

export { newIdempotencyKey };
