import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../shared/api/index.ts';
import { recordsKey, type Lead } from '../../shared/records/index.ts';

export type ConvertRequest = {
  version?: number;
  organization: { mode: 'create' | 'existing' | 'none'; organizationId?: string; name?: string };
  role?: string | null;
  /** Also create a deal (source lead) in the same step. */
  deal?: { title?: string; amount?: string; currency?: string } | null;
};

export type Conversion = { lead: Lead; personId: string; organizationId: string | null; organizationCreated: boolean; dealId?: string | null };

/** POST /leads/:id/convert — person (+ organisation) in one step; the lead keeps its history. */
export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: ConvertRequest }) =>
      api.post<Conversion>(`/api/v1/leads/${encodeURIComponent(id)}/convert`, request, { idempotencyKey: newIdempotencyKey() }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: recordsKey('leads') });
      await queryClient.invalidateQueries({ queryKey: recordsKey('people') });
      await queryClient.invalidateQueries({ queryKey: recordsKey('organizations') });
      await queryClient.invalidateQueries({ queryKey: recordsKey('deals') });
      await queryClient.invalidateQueries({ queryKey: ['deals-board'] });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}
