import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MoneyDisplay } from '#common/money/index.ts';
import { api, hasStatus, newIdempotencyKey, type Page } from '../../shared/api/index.ts';
import { recordsKey, type TagRef } from '../../shared/records/index.ts';
import { pipelinesKey, type Pipeline, type Stage, type StageKind } from '../pipelines/pipelines.api.ts';
import { boardAfterMove } from './board-move.ts';

/*
 * The deals seam (server: modules/deals, docs/design/sales-modules.md "Deals"): the board, card
 * moves with an optimistic update, stage history, the deals of a person or an organisation, the
 * workspace's money settings and the product catalogue used by the line items editor.
 */

export type DealStatus = 'open' | 'won' | 'lost';
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export type DealPerson = { id: string; name: string; role: string | null; isPrimary: boolean };

export type DealLineItem = {
  id?: string;
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  netAmount?: string;
  position?: number;
};

export type Deal = {
  id: string;
  title: string;
  pipelineId: string;
  stageId: string;
  stage: { id: string; name: string; kind: StageKind; probability: number };
  status: DealStatus;
  boardRank: string;
  organization: { id: string; name: string } | null;
  people: DealPerson[];
  ownerId: string | null;
  owner: { id: string; name: string } | null;
  territoryId: string | null;
  amount: string;
  currency: string;
  exchangeRate: string;
  amountBase: string;
  probability: number;
  probabilityOverride: number | null;
  forecastCategory: ForecastCategory;
  expectedCloseDate: string | null;
  closedOn: string | null;
  stageEnteredAt: string;
  /** Idle in its stage longer than the stage's rotting days (server's judgement). */
  rotting?: boolean;
  source: string;
  leadId: string | null;
  campaignId: string | null;
  lostReason: { id: string; labelFa: string; labelEn: string } | null;
  lostNote: string | null;
  competitor: { id: string; name: string } | null;
  description: string | null;
  lineItems: DealLineItem[];
  tags: Array<string | TagRef>;
  custom: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export type BoardColumn = { stage: Stage; count: number; totalBase: string; weightedBase: string; deals: Deal[]; nextCursor: string | null };
export type Board = { pipeline: Pipeline; columns: BoardColumn[] };

export type BoardFilter = { pipelineId: string; q?: string; owner?: string };

export const boardKey = (filter?: BoardFilter) => (filter ? (['deals-board', filter] as const) : (['deals-board'] as const));

export function useBoard(filter: BoardFilter | null) {
  return useQuery({
    queryKey: boardKey(filter ?? undefined),
    queryFn: ({ signal }) => api.get<Board>('/api/v1/deals/board', { pipelineId: filter!.pipelineId, q: filter!.q?.trim() || undefined, owner: filter!.owner }, signal),
    enabled: Boolean(filter?.pipelineId),
  });
}

/** The next cards of one column, appended to the board in the cache. */
export function useLoadMoreColumn(filter: BoardFilter) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ stageId, cursor }: { stageId: string; cursor: string }) => {
      const page = await api.get<{ deals?: Deal[]; items?: Deal[]; nextCursor: string | null }>('/api/v1/deals/board/column', {
        stageId,
        cursor,
        q: filter.q?.trim() || undefined,
        owner: filter.owner,
      });
      return { stageId, deals: page.deals ?? page.items ?? [], nextCursor: page.nextCursor };
    },
    onSuccess: ({ stageId, deals, nextCursor }) => {
      queryClient.setQueryData<Board>(boardKey(filter), (board) =>
        board
          ? {
              ...board,
              columns: board.columns.map((c) =>
                c.stage.id === stageId ? { ...c, deals: [...c.deals, ...deals.filter((d) => !c.deals.some((x) => x.id === d.id))], nextCursor } : c,
              ),
            }
          : board,
      );
    },
  });
}

export type MoveRequest = {
  stageId: string;
  beforeId?: string;
  afterId?: string;
  version?: number;
  lostReasonId?: string;
  lostNote?: string | null;
  competitorId?: string | null;
};

async function invalidateDeals(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: boardKey() });
  await queryClient.invalidateQueries({ queryKey: recordsKey('deals') });
  await queryClient.invalidateQueries({ queryKey: ['timeline'] });
  await queryClient.invalidateQueries({ queryKey: ['deal-history'] });
  await queryClient.invalidateQueries({ queryKey: ['deals-of'] });
}

/** POST /deals/:id/move; the board changes at once and goes back if the server refuses. */
export function useMoveDeal(filter: BoardFilter | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dealId, request }: { dealId: string; request: MoveRequest }) => api.post<Deal>(`/api/v1/deals/${encodeURIComponent(dealId)}/move`, request),
    onMutate: async ({ dealId, request }) => {
      if (!filter) return { before: undefined };
      const key = boardKey(filter);
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Board>(key);
      if (before) queryClient.setQueryData<Board>(key, boardAfterMove(before, dealId, request));
      return { before };
    },
    onError: (_error, _vars, context) => {
      if (filter && context?.before) queryClient.setQueryData(boardKey(filter), context.before);
    },
    onSuccess: (deal) => {
      queryClient.setQueryData([...recordsKey('deals'), 'one', deal.id], deal);
    },
    onSettled: () => invalidateDeals(queryClient),
  });
}

export type DealInput = Record<string, unknown>;

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DealInput) => api.post<Deal>('/api/v1/deals', input, { idempotencyKey: newIdempotencyKey() }),
    onSettled: () => invalidateDeals(queryClient),
  });
}

export function useUpdateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> & { version: number } }) => api.patch<Deal>(`/api/v1/deals/${encodeURIComponent(id)}`, patch),
    onSuccess: (deal) => {
      queryClient.setQueryData([...recordsKey('deals'), 'one', deal.id], deal);
    },
    onSettled: () => invalidateDeals(queryClient),
  });
}

// ---------- stage history ----------

export type StageStay = {
  stage: { id: string; name: string; kind: StageKind; archived?: boolean };
  enteredAt: string;
  leftAt: string | null;
  durationSeconds: number;
  movedBy: string | null;
};

export function useStageHistory(dealId: string) {
  return useQuery({
    queryKey: ['deal-history', dealId],
    queryFn: async () => {
      const result = await api.get<StageStay[] | { items: StageStay[] }>(`/api/v1/deals/${encodeURIComponent(dealId)}/stage-history`);
      return Array.isArray(result) ? result : result.items;
    },
  });
}

// ---------- deals of a person or an organisation ----------

export function useDealsOf(of: { organizationId?: string; personId?: string }) {
  return useQuery({
    queryKey: ['deals-of', of],
    queryFn: ({ signal }) => api.get<Page<Deal>>('/api/v1/deals', { ...of, limit: 50, sort: 'createdAt:desc' }, signal),
  });
}

// ---------- lost reasons ----------

export type LostReason = { id: string; labelFa: string; labelEn: string; position: number; archivedAt: string | null };

export const lostReasonsKey = ['lost-reasons'] as const;

export function useLostReasons(archived = false) {
  return useQuery({
    queryKey: [...lostReasonsKey, archived],
    queryFn: () => api.get<{ items: LostReason[] }>('/api/v1/lost-reasons', { archived: archived ? 'true' : undefined }).then((r) => r.items),
    staleTime: 60_000,
  });
}

// ---------- money settings of the workspace ----------

export type MoneySettings = { defaultCurrency: string; moneyDisplay: MoneyDisplay };

/** From GET /workspace; until the server says otherwise, rials shown as tomans. */
export function useMoneySettings(): MoneySettings {
  const workspace = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api.get<{ defaultCurrency?: string; moneyDisplay?: MoneyDisplay }>('/api/v1/workspace'),
    staleTime: 5 * 60_000,
  });
  return { defaultCurrency: workspace.data?.defaultCurrency ?? 'IRR', moneyDisplay: workspace.data?.moneyDisplay ?? 'toman' };
}

// ---------- products (for line items) ----------

export type ProductOption = { id: string; name: string; sku: string | null; price: string; currency: string };

/** The active products; an empty list where the products module is not there. */
export function useProducts(q: string) {
  return useQuery({
    queryKey: ['products', 'picker', q],
    queryFn: async ({ signal }) => {
      try {
        const page = await api.get<Page<ProductOption>>('/api/v1/products', { q: q.trim() || undefined, active: 'true', limit: 20 }, signal);
        return page.items;
      } catch (error) {
        if (hasStatus(error, 404) || hasStatus(error, 403)) return [];
        throw error;
      }
    },
    staleTime: 30_000,
  });
}

export { pipelinesKey };
