import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, type Page } from '../../shared/api/index.ts';

export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export type CreatedApiKey = { apiKey: ApiKey; secret: string };

const apiKeysKey = ['api-keys'] as const;

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: async () => {
      const page = await api.get<Page<ApiKey> | ApiKey[]>('/api/v1/api-keys', { limit: 200 });
      return Array.isArray(page) ? page : page.items;
    },
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresAt?: string }) =>
      api.post<CreatedApiKey>('/api/v1/api-keys', input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: apiKeysKey });
    },
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: ApiKey) => api.delete(`/api/v1/api-keys/${encodeURIComponent(key.id)}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: apiKeysKey });
    },
  });
}

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export function apiKeyStatus(key: ApiKey, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}
