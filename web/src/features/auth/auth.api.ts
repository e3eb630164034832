import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/index.ts';
import type { UiLocale } from '../../shared/i18n/index.ts';
import { meQueryKey, resetSession } from '../../shared/session/index.ts';

export type SignUpInput = { name: string; email: string; password: string; workspaceName: string; locale?: UiLocale };
export type SignInInput = { email: string; password: string };

export type InvitationPreview = {
  workspaceName: string;
  email: string;
  role: string;
  roleName?: { fa: string; en: string } | string;
  inviterName: string | null;
  status: string;
  expiresAt?: string;
  accountExists: boolean;
};

/** Sign-in/up/out and invitation acceptance change who we are: drop every cached answer. */
function useSessionMutation<TInput>(fn: (input: TInput) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await resetSession(queryClient);
    },
  });
}

export type InstanceInfo = { version: string; demo: { email: string; password: string } | null };

/** Public facts about this installation, e.g. whether a demo workspace is offered. */
export function useInstance() {
  return useQuery({
    queryKey: ['instance'],
    queryFn: () => api.get<InstanceInfo>('/api/v1/instance'),
    staleTime: Infinity,
    retry: false,
  });
}

export function useSignUp() {
  return useSessionMutation((input: SignUpInput) => api.post('/api/v1/auth/sign-up', input));
}

export function useSignIn() {
  return useSessionMutation((input: SignInInput) => api.post('/api/v1/auth/sign-in', input));
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/v1/auth/sign-out'),
    onSettled: async () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: (input: { email: string }) => api.post('/api/v1/auth/password-reset', input) });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) => api.post('/api/v1/auth/password-reset/confirm', input),
  });
}

export function invitationQuery(token: string) {
  return {
    queryKey: ['invitation', token] as const,
    queryFn: () => api.get<InvitationPreview>(`/api/v1/invitations/by-token/${encodeURIComponent(token)}`),
  };
}

export function useAcceptInvitation(token: string) {
  return useSessionMutation((input: { name?: string; password?: string; locale?: UiLocale }) =>
    api.post(`/api/v1/invitations/by-token/${encodeURIComponent(token)}/accept`, input),
  );
}
