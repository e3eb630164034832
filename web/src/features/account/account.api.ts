import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import { api } from '../../shared/api/index.ts';
import { setUiLocale } from '../../shared/i18n/index.ts';
import { meQueryKey, type Me } from '../../shared/session/index.ts';

export type MePatch = { name?: string; locale?: Locale; calendar?: CalendarKind };

/** PATCH /api/v1/me; a new language flips the whole UI at once, without a reload. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: MePatch) => api.patch<unknown>('/api/v1/me', patch),
    onSuccess: async (_result, patch) => {
      queryClient.setQueryData<Me | null>(meQueryKey, (me) => (me ? { ...me, user: { ...me.user, ...patch } } : me));
      if (patch.locale) await setUiLocale(patch.locale);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
