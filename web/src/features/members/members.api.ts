import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, type Page } from '../../shared/api/index.ts';
import { meQueryKey } from '../../shared/session/index.ts';

export type Member = {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  createdAt: string;
  version: number;
};

export type Invitation = {
  id: string;
  email: string;
  role: string;
  status?: string;
  inviterName?: string | null;
  createdAt: string;
  expiresAt?: string | null;
};

const membersKey = ['members'] as const;
const invitationsKey = ['invitations'] as const;

export function useMembers() {
  return useInfiniteQuery({
    queryKey: [...membersKey, 'list'],
    queryFn: ({ pageParam }) => api.get<Page<Member>>('/api/v1/members', { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: invitationsKey,
    enabled,
    queryFn: async () => {
      const page = await api.get<Page<Invitation> | Invitation[]>('/api/v1/invitations', { limit: 200 });
      const items = Array.isArray(page) ? page : page.items;
      return items.filter((i) => !i.status || i.status === 'pending');
    },
  });
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { member: Member; role: string }) =>
      api.patch<Member>(`/api/v1/members/${encodeURIComponent(input.member.id)}`, { version: input.member.version, role: input.role }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: membersKey });
      // My own role may have changed.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: Member) => api.delete(`/api/v1/members/${encodeURIComponent(member.id)}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: membersKey });
    },
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: string }) =>
      api.post<Invitation>('/api/v1/invitations', input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitation: Invitation) => api.delete(`/api/v1/invitations/${encodeURIComponent(invitation.id)}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
  });
}
