import { useQuery } from '@tanstack/react-query';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';

export type Role = {
  key: string;
  name: { fa: string; en: string };
  permissions: string[];
  builtIn: boolean;
};

export const rolesQueryKey = ['roles'] as const;

/** GET /api/v1/roles — the workspace's roles with their fa/en names. */
export function useRoles() {
  return useQuery({
    queryKey: rolesQueryKey,
    queryFn: () => api.get<{ items: Role[] }>('/api/v1/roles').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** The display name of a role key in the UI language. */
export function useRoleName(): (key: string | null | undefined) => string {
  const { locale, tOr } = useT();
  const roles = useRoles();
  return (key) => {
    if (!key) return '—';
    const role = roles.data?.find((r) => r.key === key);
    return role?.name[locale] ?? tOr(`roles.${key}`, key);
  };
}
