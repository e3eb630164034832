import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, newIdempotencyKey } from '../../shared/api/index.ts';

/*
 * Pipelines, their stages and the lost reasons (server: modules/pipelines). The board and the deal
 * screens read them; the settings page changes them.
 */

export type StageKind = 'open' | 'won' | 'lost';
export const STAGE_KINDS: readonly StageKind[] = ['open', 'won', 'lost'];

export type Stage = {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
  rottingDays: number | null;
  version: number;
  archivedAt: string | null;
};

export type Pipeline = { id: string; name: string; isDefault: boolean; position: number; version: number; archivedAt: string | null; stages: Stage[] };

export const pipelinesKey = ['pipelines'] as const;

/** GET /pipelines (the server makes the default pipeline the first time). */
export function usePipelines(archived = false) {
  return useQuery({
    queryKey: [...pipelinesKey, archived],
    queryFn: () => api.get<{ items: Pipeline[] }>('/api/v1/pipelines', { archived: archived ? 'true' : undefined }).then((r) => r.items),
    staleTime: 60_000,
  });
}

/** Every write of the settings page reloads the pipelines (and the board, whose columns they are). */
function usePipelineMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: pipelinesKey });
      await queryClient.invalidateQueries({ queryKey: ['deals-board'] });
    },
  });
}

const path = (id: string) => `/api/v1/pipelines/${encodeURIComponent(id)}`;

export const useCreatePipeline = () =>
  usePipelineMutation((body: { name: string }) => api.post<Pipeline>('/api/v1/pipelines', body, { idempotencyKey: newIdempotencyKey() }));

export const useUpdatePipeline = () =>
  usePipelineMutation(({ id, patch }: { id: string; patch: { version: number; name?: string; isDefault?: true; archived?: boolean } }) => api.patch<Pipeline>(path(id), patch));

export const useAddStage = () =>
  usePipelineMutation(({ pipelineId, stage }: { pipelineId: string; stage: { name: string; probability: number; kind: StageKind; rottingDays?: number | null } }) =>
    api.post<Pipeline>(`${path(pipelineId)}/stages`, stage, { idempotencyKey: newIdempotencyKey() }),
  );

export type StagePatch = { version: number; name?: string; probability?: number; kind?: StageKind; rottingDays?: number | null };

export const useUpdateStage = () =>
  usePipelineMutation(({ stage, patch }: { stage: Stage; patch: StagePatch }) => api.patch<Stage>(`${path(stage.pipelineId)}/stages/${encodeURIComponent(stage.id)}`, patch));

export const useReorderStages = () =>
  usePipelineMutation(({ pipelineId, stageIds }: { pipelineId: string; stageIds: string[] }) => apiRequest<Pipeline>(`${path(pipelineId)}/stage-order`, { method: 'PUT', body: { stageIds } }));

export const useArchiveStage = () =>
  usePipelineMutation(({ stage, moveTo }: { stage: Stage; moveTo: string | null }) =>
    api.delete<{ pipeline: Pipeline; movedDeals: number }>(`${path(stage.pipelineId)}/stages/${encodeURIComponent(stage.id)}${moveTo ? `?moveTo=${encodeURIComponent(moveTo)}` : ''}`),
  );

// ---------- lost reasons ----------

function useLostReasonMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['lost-reasons'] });
    },
  });
}

export const useCreateLostReason = () =>
  useLostReasonMutation((body: { labelFa: string; labelEn: string }) => api.post('/api/v1/lost-reasons', body, { idempotencyKey: newIdempotencyKey() }));

export const useArchiveLostReason = () => useLostReasonMutation((id: string) => api.delete(`/api/v1/lost-reasons/${encodeURIComponent(id)}`));

/** The open stages first in board order, as the server keeps them. */
export const activeStages = (pipeline: Pipeline | undefined) => (pipeline?.stages ?? []).filter((s) => !s.archivedAt);
