import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../../shared/api/index.ts';

export type AuditActor = { type: string; id: string | null; name: string | null };

export type AuditEntry = {
  id: string;
  occurredAt: string;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

export type AuditFilters = { entityType?: string; action?: string; actorId?: string };

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-log', filters],
    queryFn: ({ pageParam }) => api.get<Page<AuditEntry>>('/api/v1/audit-log', { limit: 50, cursor: pageParam, ...filters }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
