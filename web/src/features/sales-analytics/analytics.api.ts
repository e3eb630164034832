import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../shared/api/index.ts';

/** The shapes of GET /api/v1/forecast, /forecast/deals and /sales-metrics (server: sales-analytics.contract.ts). */

export type PeriodKind = 'month' | 'quarter' | 'year';
export type GroupBy = 'none' | 'owner' | 'team' | 'territory';
export type Category = 'closedWon' | 'commit' | 'bestCase' | 'pipeline' | 'weighted';
export type MoneyDisplay = 'rial' | 'toman';

export type Figures = {
  closedWon: string;
  commit: string;
  bestCase: string;
  pipeline: string;
  weighted: string;
  counts: { closedWon: number; commit: number; bestCase: number; pipeline: number };
};

export type Bucket = { key: string; kind: 'period' | 'overdue' | 'undated'; start: string | null; end: string | null; label: string; labelFa: string; labelEn: string };

export type Forecast = {
  period: PeriodKind;
  groupBy: GroupBy;
  calendar: 'jalali' | 'gregorian';
  currency: string;
  moneyDisplay: MoneyDisplay;
  today: string;
  from: string;
  to: string;
  buckets: Bucket[];
  groups: { key: string | null; name: string | null }[];
  cells: (Figures & { bucket: string; group: string | null })[];
  totals: (Figures & { bucket: string })[];
  total: Figures;
};

export type ForecastFilter = { period: PeriodKind; groupBy: GroupBy; pipelineId?: string };

export type DealSummary = {
  id: string;
  title: string;
  status: 'open' | 'won' | 'lost';
  organization: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  amount: string;
  currency: string;
  amountBase: string;
  stage: { id: string; name: string; kind: 'open' | 'won' | 'lost'; probability: number };
  probability: number;
  forecastCategory: string;
  expectedCloseDate: string | null;
  closedOn: string | null;
};

/** A forecast cell to drill into; `group` undefined means every group. */
export type CellRef = { bucket: string; group?: string | null; category: Category };

export type SalesMetricsFilter = { from?: string; to?: string; pipelineId?: string; ownerId?: string };

export type SalesMetrics = {
  from: string;
  to: string;
  currency: string;
  moneyDisplay: MoneyDisplay;
  leadConversion: { created: number; converted: number; rate: number | null };
  winRate: { won: number; lost: number; rate: number | null };
  averageDealSize: string | null;
  salesCycleDays: { average: number | null; median: number | null };
  pipelineVelocity: { openDeals: number; perDay: string | null };
  funnel: { pipelineId: string; name: string; stages: { stageId: string; name: string; position: number; kind: string; reached: number; conversionToNext: number | null }[] }[];
  reps: { owner: { id: string; name: string } | null; wonCount: number; wonAmount: string; lostCount: number; winRate: number | null; averageCycleDays: number | null }[];
  activity: { user: { id: string; name: string } | null; dealsCreated: number; stageMoves: number; dealsWon: number; dealsLost: number; quotesIssued: number; ordersCreated: number; calls: number; meetings: number }[];
  lostReasons: { reason: { id: string; labelFa: string; labelEn: string } | null; count: number; amount: string }[];
  competitors: { competitor: { id: string; name: string }; count: number; amount: string }[];
};

export type PipelineOption = { id: string; name: string; isDefault: boolean };

export function useForecast(filter: ForecastFilter) {
  return useQuery({
    queryKey: ['forecast', filter],
    queryFn: ({ signal }) => api.get<Forecast>('/api/v1/forecast', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The deals behind one cell, a keyset page at a time; idle while no cell is chosen. */
export function useForecastDeals(filter: ForecastFilter & { from: string; to: string }, cell: CellRef | null) {
  return useInfiniteQuery({
    queryKey: ['forecast-deals', filter, cell],
    enabled: cell !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<DealSummary>>(
        '/api/v1/forecast/deals',
        {
          ...filter,
          bucket: cell?.bucket,
          category: cell?.category,
          // The API names deals without an owner / team / territory "unassigned".
          group: cell?.group === undefined ? undefined : (cell.group ?? 'unassigned'),
          limit: 50,
          cursor: pageParam,
        },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSalesMetrics(filter: SalesMetricsFilter) {
  return useQuery({
    queryKey: ['sales-metrics', filter],
    queryFn: ({ signal }) => api.get<SalesMetrics>('/api/v1/sales-metrics', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Pipelines for the filter menus (archived ones left out). */
export function usePipelineOptions() {
  return useQuery({
    queryKey: ['analytics-pipelines'],
    queryFn: ({ signal }) => api.get<{ items: PipelineOption[] }>('/api/v1/pipelines', undefined, signal),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}
