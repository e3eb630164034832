import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, type Page } from '../../shared/api/index.ts';

/*
 * Quotes and orders (server: modules/orders, docs/design/sales-modules.md). Both are "documents":
 * a customer, dates, lines and totals in decimal strings. Totals are computed by the server with
 * documentTotals from common/src/money; the editor previews them with the same function.
 */

export type DocumentKind = 'quote' | 'order';
export type QuoteStatus = 'draft' | 'sent' | 'accepted' | 'rejected' | 'expired';
export type OrderStatus = 'draft' | 'confirmed' | 'invoiced' | 'paid' | 'cancelled';
export type DocumentStatus = QuoteStatus | OrderStatus;

export const QUOTE_STATUSES: QuoteStatus[] = ['draft', 'sent', 'accepted', 'rejected', 'expired'];
export const ORDER_STATUSES: OrderStatus[] = ['draft', 'confirmed', 'invoiced', 'paid', 'cancelled'];

export type DocumentLine = {
  id?: string;
  productId: string | null;
  position?: number;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  unitCost?: string | null;
  netAmount?: string;
  taxAmount?: string;
  totalAmount?: string;
};

type Named = { id: string; name: string } | null;

type DocumentBase = {
  id: string;
  number: number;
  displayNumber?: string;
  title?: string | null;
  dealId: string | null;
  deal?: { id: string; title: string } | null;
  organizationId: string | null;
  organization?: Named;
  personId: string | null;
  person?: Named;
  ownerId: string | null;
  currency: string;
  exchangeRate: string;
  subtotal: string;
  discountAmount: string;
  taxTotal: string;
  total: string;
  totalBase: string;
  notes: string | null;
  lines: DocumentLine[];
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string | null;
};

export type Quote = DocumentBase & { status: QuoteStatus; issueDate: string; validUntil: string | null; terms: string | null; orderId: string | null };
export type Order = DocumentBase & {
  status: OrderStatus;
  source?: string;
  externalRef?: string | null;
  quoteId: string | null;
  orderDate: string;
  dueDate: string | null;
  paidOn: string | null;
  costTotal: string | null;
};
export type SalesDocument = Quote | Order;

export const RESOURCE_OF_KIND = { quote: 'quotes', order: 'orders' } as const;
export const documentsKey = (kind: DocumentKind) => ['sales-documents', kind] as const;

/** Q-12, INV-7: how people refer to a document. */
export const documentNumber = (kind: DocumentKind, number: number | null | undefined) => (number ? `${kind === 'quote' ? 'Q' : 'INV'}-${number}` : '');

/** GET /orders/summary: a customer's orders in the workspace currency (cancelled and deleted left out). */
export function useCustomerOrderSummary(customer: { organizationId?: string; personId?: string }) {
  return useQuery({
    queryKey: [...documentsKey('order'), 'summary', customer],
    queryFn: ({ signal }) => api.get<CustomerOrderSummary>('/api/v1/orders/summary', customer, signal),
  });
}

/** The latest documents of a customer (summaries, no lines). */
export function useCustomerDocuments(kind: DocumentKind, customer: { organizationId?: string; personId?: string }, limit = 5) {
  return useQuery({
    queryKey: [...documentsKey(kind), 'customer', customer, limit],
    queryFn: ({ signal }) => api.get<Page<SalesDocument>>(`/api/v1/${RESOURCE_OF_KIND[kind]}`, { ...customer, limit }, signal),
  });
}

export const isQuote = (kind: DocumentKind, doc: SalesDocument): doc is Quote => kind === 'quote' && 'issueDate' in doc;

/** The document's main date (issue date of a quote, order date of an order). */
export const documentDate = (doc: SalesDocument): string => ('issueDate' in doc ? doc.issueDate : doc.orderDate);

export type DocumentFilters = { status?: string; organizationId?: string; personId?: string; from?: string; to?: string; q?: string };

export function useDocuments(kind: DocumentKind, filters: DocumentFilters) {
  return useInfiniteQuery({
    queryKey: [...documentsKey(kind), 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<SalesDocument>>(`/api/v1/${RESOURCE_OF_KIND[kind]}`, { ...filters, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDocument<T extends SalesDocument>(kind: DocumentKind, id: string | undefined) {
  return useQuery({
    queryKey: [...documentsKey(kind), 'one', id],
    queryFn: ({ signal }) => api.get<T>(`/api/v1/${RESOURCE_OF_KIND[kind]}/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The body of a create or update (the server computes every amount). */
export type DocumentInput = {
  title?: string | null;
  organizationId: string | null;
  personId: string | null;
  dealId: string | null;
  currency: string;
  discountAmount: string;
  notes: string | null;
  terms?: string | null;
  issueDate?: string;
  validUntil?: string | null;
  orderDate?: string;
  dueDate?: string | null;
  lines: Array<{ productId: string | null; description: string; quantity: string; unitPrice: string; discountPercent: string; taxRate: string; unitCost?: string | null }>;
};

export function useSaveDocument<T extends SalesDocument>(kind: DocumentKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input, version }: { id?: string; input: Partial<DocumentInput>; version?: number }) =>
      id
        ? api.patch<T>(`/api/v1/${RESOURCE_OF_KIND[kind]}/${encodeURIComponent(id)}`, { ...input, version })
        : api.post<T>(`/api/v1/${RESOURCE_OF_KIND[kind]}`, input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: (doc) => queryClient.setQueryData([...documentsKey(kind), 'one', doc.id], doc),
    onSettled: () => queryClient.invalidateQueries({ queryKey: documentsKey(kind) }),
  });
}

/** Status moves a user can make; `order` turns a quote into an order. */
export type DocumentAction = 'send' | 'accept' | 'reject' | 'order' | 'reopen' | 'confirm' | 'invoice' | 'pay' | 'cancel';

const TARGET_STATUS: Record<Exclude<DocumentAction, 'order'>, DocumentStatus> = {
  send: 'sent',
  reopen: 'draft',
  accept: 'accepted',
  reject: 'rejected',
  confirm: 'confirmed',
  invoice: 'invoiced',
  pay: 'paid',
  cancel: 'cancelled',
};

/** Moves the server allows (orders.status.ts); sent → draft reopens a quote for editing. */
export const QUOTE_ACTIONS: Record<QuoteStatus, DocumentAction[]> = {
  draft: ['send'],
  sent: ['accept', 'reject', 'order', 'reopen'],
  accepted: ['order'],
  rejected: [],
  expired: ['send'],
};

export const ORDER_ACTIONS: Record<OrderStatus, DocumentAction[]> = {
  draft: ['confirm', 'cancel'],
  confirmed: ['invoice', 'pay', 'cancel'],
  invoiced: ['pay', 'cancel'],
  paid: [],
  cancelled: [],
};

/** What a user may do now: an accepted quote that already became an order has nothing left. */
export function actionsFor(kind: DocumentKind, doc: SalesDocument): DocumentAction[] {
  if (kind === 'quote') return (QUOTE_ACTIONS[doc.status as QuoteStatus] ?? []).filter((a) => a !== 'order' || !(doc as Quote).orderId);
  return ORDER_ACTIONS[doc.status as OrderStatus] ?? [];
}

/** Lines change only while a quote is draft or sent, an order only while draft (the server refuses otherwise). */
export const linesEditable = (kind: DocumentKind, status: DocumentStatus) => status === 'draft' || (kind === 'quote' && status === 'sent');

/** Actions that deserve a red button (they cannot be undone). */
export const DESTRUCTIVE_ACTIONS: DocumentAction[] = ['reject', 'cancel'];

export function useDocumentAction(kind: DocumentKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ doc, action }: { doc: SalesDocument; action: DocumentAction }): Promise<{ kind: DocumentKind; doc: SalesDocument }> => {
      const base = `/api/v1/${RESOURCE_OF_KIND[kind]}/${encodeURIComponent(doc.id)}`;
      if (action === 'order') {
        return { kind: 'order', doc: await api.post<Order>(`${base}/order`, { version: doc.version }, { idempotencyKey: newIdempotencyKey() }) };
      }
      return { kind, doc: await api.patch<SalesDocument>(base, { status: TARGET_STATUS[action], version: doc.version }) };
    },
    onSuccess: ({ kind: resultKind, doc }) => queryClient.setQueryData([...documentsKey(resultKind), 'one', doc.id], doc),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: documentsKey('quote') });
      await queryClient.invalidateQueries({ queryKey: documentsKey('order') });
    },
  });
}

/** What a customer bought (GET /orders/summary), in the workspace currency. */
export type CustomerOrderSummary = {
  orderCount: number;
  revenueBase: string;
  costBase: string;
  marginBase: string;
  firstOrderDate: string | null;
  lastOrderDate: string | null;
  currency: string;
};
