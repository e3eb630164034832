import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../shared/api/index.ts';

/* The calendar API seam: a range of events, rescheduling by drag, planning a meeting or call, the feed. */

export type CalendarItemType = 'call' | 'meeting' | 'task';
export type CalendarLink = { entityType: 'person' | 'organization' | 'lead' | 'deal'; entityId: string; name: string; deleted: boolean };

export type CalendarItem = {
  kind: 'activity' | 'task';
  id: string;
  type: CalendarItemType;
  title: string;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  status: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  owner: { id: string; name: string } | null;
  links: CalendarLink[];
  place?: string | null;
  phone?: string | null;
  dueDate?: string | null;
  dueTime?: string | null;
  version: number;
};

export type CalendarRange = { items: CalendarItem[]; timeZone: string; truncated: boolean };
export type CalendarScope = 'mine' | 'all';

export const calendarKey = ['calendar'] as const;
const rangeKey = (from: string, to: string, scope: CalendarScope) => [...calendarKey, 'range', from, to, scope] as const;

export function useCalendarRange(from: string, to: string, scope: CalendarScope) {
  return useQuery({
    queryKey: rangeKey(from, to, scope),
    queryFn: ({ signal }) => api.get<CalendarRange>('/api/v1/calendar', { from, to, userIds: scope === 'all' ? 'all' : undefined }, signal),
    placeholderData: (previous) => previous,
  });
}

/** Where an event goes: a new start (activities keep their length) or a new due day and time (tasks). */
export type Move = { item: CalendarItem; startsAt: string; endsAt: string | null; allDay: boolean; dueDate?: string; dueTime?: string | null };

/**
 * Moves an event at once on screen, then asks the server; a refusal (a stale version, a rule)
 * puts it back where it was and says why.
 */
export function useMoveEvent(from: string, to: string, scope: CalendarScope) {
  const queryClient = useQueryClient();
  const key = rangeKey(from, to, scope);
  return useMutation({
    mutationFn: (move: Move) =>
      move.item.kind === 'activity'
        ? api.post(`/api/v1/activities/${encodeURIComponent(move.item.id)}/reschedule`, { version: move.item.version, occurredAt: move.startsAt })
        : api.patch(`/api/v1/tasks/${encodeURIComponent(move.item.id)}`, { version: move.item.version, dueDate: move.dueDate, dueTime: move.dueTime ?? null }),
    onMutate: async (move) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<CalendarRange>(key);
      if (previous) {
        queryClient.setQueryData<CalendarRange>(key, {
          ...previous,
          items: previous.items.map((i) =>
            i.id === move.item.id && i.kind === move.item.kind
              ? { ...i, startsAt: move.startsAt, endsAt: move.endsAt, allDay: move.allDay, dueDate: move.dueDate ?? i.dueDate, dueTime: move.dueTime === undefined ? i.dueTime : move.dueTime }
              : i,
          ),
        });
      }
      return { previous };
    },
    onError: (_error, _move, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: calendarKey });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

export type PlannedActivityInput = {
  type: 'meeting' | 'call';
  subject: string | null;
  occurredAt: string;
  endsAt?: string | null;
  place?: string | null;
  direction?: 'outbound';
  links?: Array<{ entityType: 'person'; entityId: string }>;
  attendees?: Array<{ userId: string }>;
};

export function usePlanActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: PlannedActivityInput; key: string }) => api.post('/api/v1/activities', { ...input, status: 'planned' }, { idempotencyKey: key }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: calendarKey });
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

export { newIdempotencyKey };

export type FeedStatus = { url: string | null; createdAt: string | null; lastUsedAt?: string | null };
const feedKey = [...calendarKey, 'feed'] as const;

export function useFeedStatus(enabled: boolean) {
  return useQuery({ queryKey: feedKey, queryFn: () => api.get<FeedStatus>('/api/v1/calendar/feed'), enabled });
}

export function useResetFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ url: string; createdAt: string }>('/api/v1/calendar/feed'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/v1/calendar/feed'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}
