import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, apiRequest, type Page } from '../../shared/api/index.ts';

/** What a user can be told about (server: notifications.schema.ts). */
export type NotificationEvent = 'task_due' | 'meeting_soon' | 'record_assigned' | 'birthday' | 'anniversary';
export type NotificationChannel = 'in_app' | 'email' | 'sms';

export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['task_due', 'meeting_soon', 'record_assigned', 'birthday', 'anniversary'];
export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ['in_app', 'email', 'sms'];

/** One entry of the notification centre; title and body come rendered in the reader's language. */
export type AppNotification = {
  id: string;
  event: NotificationEvent | string;
  entityType: string | null;
  entityId: string | null;
  data: Record<string, unknown>;
  title: string;
  body: string | null;
  /** A web path such as `/tasks` or `/people/<id>`. */
  link: string | null;
  readAt: string | null;
  createdAt: string;
};

export type NotificationPage = Page<AppNotification> & { unreadCount?: number };

export type NotificationProfile = { phone: string | null; meetingLeadMinutes: number; occasionLeadDays: number };
export type PreferenceMatrix = Record<string, Record<NotificationChannel, boolean>>;
export type NotificationPreferences = {
  events: string[];
  channels: NotificationChannel[];
  matrix: PreferenceMatrix;
  profile: NotificationProfile;
};
export type PreferencesPatch = { matrix?: PreferenceMatrix; profile?: Partial<NotificationProfile> };

const ROOT = ['notifications'] as const;
export const unreadCountKey = [...ROOT, 'unread-count'] as const;
/** Every cached list of notifications (all / unread only). */
export const notificationListKey = [...ROOT, 'list'] as const;
const listKey = (unreadOnly: boolean) => [...notificationListKey, unreadOnly ? 'unread' : 'all'] as const;
export const preferencesKey = [...ROOT, 'preferences'] as const;

/** How often the bell asks for news while the tab is open. */
const UNREAD_POLL_MS = 30_000;

/** The bell's number: polled every 30 s and again whenever the window regains focus. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: unreadCountKey,
    queryFn: () => api.get<{ count: number }>('/api/v1/notifications/unread-count').then((r) => r.count),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
    staleTime: 5_000,
    enabled,
  });
}

/** Newest first; scrolling loads older pages by cursor. */
export function useNotifications(options: { unreadOnly?: boolean; enabled?: boolean; pageSize?: number } = {}) {
  const unreadOnly = options.unreadOnly ?? false;
  return useInfiniteQuery({
    queryKey: listKey(unreadOnly),
    queryFn: ({ pageParam }) =>
      api.get<NotificationPage>('/api/v1/notifications', { unread: unreadOnly ? 'true' : undefined, cursor: pageParam, limit: options.pageSize ?? 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
    staleTime: 5_000,
  });
}

type ListData = InfiniteData<NotificationPage, string | undefined>;

/** Marks notifications read in every cached list at once, so the highlight goes without waiting for a refetch. */
function markReadInCache(queryClient: ReturnType<typeof useQueryClient>, isTarget: (n: AppNotification) => boolean, readAt: string) {
  queryClient.setQueriesData<ListData>({ queryKey: notificationListKey }, (data) =>
    data
      ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((n) => (isTarget(n) && !n.readAt ? { ...n, readAt } : n)) })) }
      : data,
  );
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onMutate: (id) => {
      markReadInCache(queryClient, (n) => n.id === id, new Date().toISOString());
      queryClient.setQueryData<number>(unreadCountKey, (count) => (typeof count === 'number' ? Math.max(0, count - 1) : count));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/v1/notifications/read-all'),
    onMutate: () => {
      markReadInCache(queryClient, () => true, new Date().toISOString());
      queryClient.setQueryData<number>(unreadCountKey, 0);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => api.get<NotificationPreferences>('/api/v1/notifications/preferences'),
    staleTime: 60_000,
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PreferencesPatch) => apiRequest<NotificationPreferences>('/api/v1/notifications/preferences', { method: 'PUT', body: patch }),
    onSuccess: (saved) => {
      if (saved && typeof saved === 'object' && 'matrix' in saved) queryClient.setQueryData(preferencesKey, saved);
      return queryClient.invalidateQueries({ queryKey: preferencesKey });
    },
  });
}
