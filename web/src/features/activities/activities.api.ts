import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../shared/api/index.ts';
import type { Activity, ActivityInput, CallLogInput, CallOutcome } from './activities.types.ts';

/*
 * The activities API seam (POST /api/v1/activities, /activities/calls, /activities/:id/complete).
 * A write shows up on the timelines of every linked record, on the calendar and in task-like lists,
 * so all of those are refetched.
 */

export function refreshAfterActivity(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ['timeline'] });
  void queryClient.invalidateQueries({ queryKey: ['activities'] });
  void queryClient.invalidateQueries({ queryKey: ['calendar'] });
}

/** One tap, one call logged; the idempotency key keeps a double tap from logging it twice. */
export function useLogCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: CallLogInput; key: string }) => api.post<Activity>('/api/v1/activities/calls', input, { idempotencyKey: key }),
    onSuccess: () => refreshAfterActivity(queryClient),
  });
}

export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: ActivityInput; key: string }) => api.post<Activity>('/api/v1/activities', input, { idempotencyKey: key }),
    onSuccess: () => refreshAfterActivity(queryClient),
  });
}

/** A planned call or meeting → done. */
export function useCompleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, callOutcome }: { id: string; version: number; callOutcome?: CallOutcome }) =>
      api.post<Activity>(`/api/v1/activities/${encodeURIComponent(id)}/complete`, { version, ...(callOutcome ? { callOutcome } : {}) }),
    onSuccess: () => refreshAfterActivity(queryClient),
  });
}

export { newIdempotencyKey };
