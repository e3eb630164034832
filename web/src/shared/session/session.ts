import { createContext, useContext } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, hasStatus } from '../api/index.ts';
import type { Me } from './session.types.ts';

export const meQueryKey = ['me'] as const;

/** GET /api/v1/me; `null` means signed out (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Omit<Me, 'user'> & { user: Me['user'] | null }>('/api/v1/me');
    // An API key has no user: the web app only works with a signed-in person.
    return me.user ? (me as Me) : null;
  } catch (error) {
    if (hasStatus(error, 401)) return null;
    throw error;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000, retry: 1 });
}

/** After sign-in, sign-up, sign-out or a workspace switch: everything cached belongs to someone else. */
export async function resetSession(queryClient: QueryClient, me?: Me | null): Promise<void> {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  if (me !== undefined) queryClient.setQueryData(meQueryKey, me);
  await queryClient.invalidateQueries({ queryKey: meQueryKey });
}

export const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() used outside the signed-in area');
  return me;
}

/** The signed-in user, or null on public pages. */
export function useOptionalSession(): Me | null {
  return useContext(SessionContext);
}

/** The permissions the web app knows (server: members.permissions.ts). */
export type Permission =
  | 'workspace.manage'
  | 'members.read'
  | 'members.manage'
  | 'api_keys.manage'
  | 'audit.read'
  | 'records.read'
  | 'records.write'
  | 'records.delete'
  | 'records.import'
  | 'records.export'
  | 'records.handover'
  | 'custom_fields.manage'
  | 'sales.configure'
  | 'messaging.configure';

export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}
