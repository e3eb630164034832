import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import type { MoneyDisplay } from '#common/money/index.ts';
import { api, newIdempotencyKey, type Page } from '../../shared/api/index.ts';
import { resetSession, meQueryKey } from '../../shared/session/index.ts';

export type Workspace = {
  id: string;
  name: string;
  slug: string;
  defaultLocale: Locale;
  calendar: CalendarKind;
  timezone: string;
  defaultCurrency: string;
  moneyDisplay: MoneyDisplay;
  fiscalYearStartMonth: number;
  /** Percent, decimal string ("10.00"). */
  vatRate: string;
  version: number;
  createdAt: string;
};

export type WorkspacePatch = {
  version: number;
  name?: string;
  defaultLocale?: Locale;
  calendar?: CalendarKind;
  timezone?: string;
  defaultCurrency?: string;
  moneyDisplay?: MoneyDisplay;
  fiscalYearStartMonth?: number;
  vatRate?: string;
};

export const workspaceQueryKey = ['workspace'] as const;

export function useWorkspace() {
  return useQuery({ queryKey: workspaceQueryKey, queryFn: () => api.get<Workspace>('/api/v1/workspace') });
}

export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkspacePatch) => api.patch<Workspace>('/api/v1/workspace', patch),
    onSuccess: async (updated) => {
      if (updated && typeof updated === 'object' && 'version' in updated) queryClient.setQueryData(workspaceQueryKey, updated);
      else await queryClient.invalidateQueries({ queryKey: workspaceQueryKey });
      // The name, time zone and sales settings also live in /me (app bar, "today", money).
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

/** Member count for the overview; a page of 200 is plenty to say "200+". */
export function useMemberCount(enabled: boolean) {
  return useQuery({
    queryKey: ['members', 'count'],
    enabled,
    queryFn: async () => {
      const page = await api.get<Page<unknown>>('/api/v1/members', { limit: 200 });
      return { count: page.items.length, more: page.nextCursor !== null };
    },
  });
}

export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string) => api.post('/api/v1/me/active-workspace', { workspaceId }),
    onSuccess: async () => {
      await resetSession(queryClient);
    },
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; defaultLocale?: Locale; calendar?: CalendarKind; timezone?: string }) =>
      api.post<{ id: string }>('/api/v1/workspaces', input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: async () => {
      await resetSession(queryClient);
    },
  });
}
