import { useQuery } from '@tanstack/react-query';
import Chip from '@mui/material/Chip';
import { api } from '../../shared/api/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import type { DocumentKind, DocumentStatus, SalesDocument } from './documents.api.ts';

const STATUS_COLOR: Record<string, 'default' | 'info' | 'success' | 'warning' | 'error' | 'secondary' | 'primary'> = {
  draft: 'default',
  sent: 'info',
  accepted: 'success',
  rejected: 'error',
  expired: 'warning',
  confirmed: 'info',
  invoiced: 'secondary',
  paid: 'success',
  cancelled: 'error',
};

export function DocumentStatusChip({ kind, status }: { kind: DocumentKind; status: DocumentStatus }) {
  const { tOr } = useT();
  const label = tOr(`${kind === 'quote' ? 'quotes' : 'orders'}.statuses.${status}`, status);
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[status] ?? 'default'}
      variant={status === 'draft' ? 'outlined' : 'filled'}
      label={label}
      data-testid="document-status-chip"
      data-status={status}
    />
  );
}

type Named = { id: string; name: string } | null | undefined;

/** The name of a linked organisation or person: from the document when it says, else asked for. */
export function useLinkedName(kind: 'organization' | 'person' | 'deal', id: string | null, known: Named): string | null {
  const resource = kind === 'organization' ? 'organizations' : kind === 'person' ? 'people' : 'deals';
  const fetched = useQuery({
    queryKey: ['records', resource, 'name', id],
    queryFn: async () => {
      const r = await api.get<{ name?: string; displayName?: string; title?: string }>(`/api/v1/${resource}/${encodeURIComponent(id!)}`);
      return r.displayName ?? r.name ?? r.title ?? '';
    },
    retry: false,
    enabled: Boolean(id) && !known?.name,
    staleTime: 60_000,
  });
  if (!id) return null;
  return known?.name ?? fetched.data ?? null;
}

/** «سازمان · شخص»: who the document is for. */
export function useCustomerName(doc: SalesDocument): string {
  const org = useLinkedName('organization', doc.organizationId, doc.organization);
  const person = useLinkedName('person', doc.personId, doc.person);
  return [org, person].filter(Boolean).join(' · ') || '—';
}

export function CustomerName({ doc }: { doc: SalesDocument }) {
  return <>{useCustomerName(doc)}</>;
}
