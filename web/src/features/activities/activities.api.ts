import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../shared/api/index.ts';
import type { Activity, ActivityInput, ActivityPatch, CallLogInput, CallOutcome } from './activities.types.ts';

/*
 * The activities API seam (POST /api/v1/activities, /activities/calls, GET / PATCH / DELETE
 * /activities/:id, /activities/:id/complete).
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

const activityPath = (id: string) => `/api/v1/activities/${encodeURIComponent(id)}`;

/** The activity as the server has it now (after a version conflict, the form starts again from this). */
export function fetchActivity(id: string): Promise<Activity> {
  return api.get<Activity>(activityPath(id));
}

/** An edit under the version last read; a stale version is refused with 409. Links and attendees, when sent, replace. */
export function useUpdateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: ActivityPatch }) => api.patch<Activity>(activityPath(id), { version, ...patch }),
    onSuccess: () => refreshAfterActivity(queryClient),
  });
}

/** Soft delete: gone from every timeline and the calendar. */
export function useDeleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(activityPath(id)),
    onSuccess: () => refreshAfterActivity(queryClient),
  });
}

export type CompletionInput = { callOutcome?: CallOutcome; durationSeconds?: number; note?: string };

/** A planned call or meeting → done, with how it went (a call's outcome and length, a note or the minutes). */
export function useCompleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...completion }: { id: string; version: number } & CompletionInput) => api.post<Activity>(`${activityPath(id)}/complete`, { version, ...completion }),
    onSuccess: () => refreshAfterActivity(queryClient),
  });
}

export { newIdempotencyKey };
