import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../shared/api/index.ts';

/** GET/POST/DELETE /api/v1/exchange-rates (server: modules/currencies). */
export type ExchangeRate = { id: string; currency: string; rate: string; validFrom: string; createdBy: string | null; createdAt: string };

const ratesKey = ['exchange-rates'] as const;

export function useExchangeRates() {
  return useQuery({ queryKey: ratesKey, queryFn: () => api.get<{ items: ExchangeRate[] }>('/api/v1/exchange-rates').then((r) => r.items) });
}

export function useAddExchangeRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currency: string; rate: string; validFrom: string }) =>
      api.post<ExchangeRate>('/api/v1/exchange-rates', input, { idempotencyKey: newIdempotencyKey() }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ratesKey });
    },
  });
}

export function useDeleteExchangeRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rate: ExchangeRate) => api.delete(`/api/v1/exchange-rates/${encodeURIComponent(rate.id)}`),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ratesKey });
    },
  });
}
