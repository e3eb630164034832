import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, newIdempotencyKey, type Page } from '../../shared/api/index.ts';

/*
 * Products and price lists (server: modules/products, docs/design/sales-modules.md). Amounts are
 * decimal strings in the product's currency (rials for IRR).
 */

export type ProductKind = 'product' | 'service';

export type Product = {
  id: string;
  sku: string | null;
  name: string;
  nameLatin: string | null;
  description: string | null;
  kind: ProductKind;
  unit: string | null;
  category: string | null;
  price: string;
  cost: string | null;
  currency: string;
  taxExempt: boolean;
  active: boolean;
  custom?: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string | null;
};

export type ProductInput = {
  sku: string | null;
  name: string;
  nameLatin: string | null;
  description: string | null;
  kind: ProductKind;
  unit: string | null;
  category: string | null;
  price: string;
  cost: string | null;
  currency: string;
  taxExempt: boolean;
  active: boolean;
};

export type PriceList = {
  id: string;
  name: string;
  currency: string;
  isDefault: boolean;
  validFrom: string | null;
  validTo: string | null;
  version: number;
  items?: PriceListItem[];
};

export type PriceListItem = { productId: string; productName: string; sku: string | null; price: string; minQuantity: string };

export const productsKey = ['products'] as const;
export const priceListsKey = ['price-lists'] as const;

export type ProductFilters = { q?: string; active?: 'true' | 'false' | ''; category?: string };

export function useProducts(filters: ProductFilters) {
  return useInfiniteQuery({
    queryKey: [...productsKey, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Product>>('/api/v1/products', { q: filters.q || undefined, active: filters.active || undefined, category: filters.category || undefined, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Active products matching what is typed, for the line editor's product picker. */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: [...productsKey, 'search', q],
    queryFn: ({ signal }) => api.get<Page<Product>>('/api/v1/products', { q: q || undefined, active: true, limit: 20 }, signal),
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
}

export function useSaveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input, version }: { id?: string; input: ProductInput; version?: number }) =>
      id
        ? api.patch<Product>(`/api/v1/products/${encodeURIComponent(id)}`, { ...input, version })
        : api.post<Product>('/api/v1/products', input, { idempotencyKey: newIdempotencyKey() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: productsKey }),
  });
}

export function useDeleteProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (product: Product) => api.delete(`/api/v1/products/${encodeURIComponent(product.id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: productsKey }),
  });
}

const itemsOf = (result: PriceList[] | Page<PriceList> | { items: PriceList[] }) => (Array.isArray(result) ? result : result.items);

export function usePriceLists() {
  return useQuery({
    queryKey: [...priceListsKey, 'list'],
    queryFn: async () => itemsOf(await api.get<PriceList[] | { items: PriceList[] }>('/api/v1/price-lists')),
  });
}

export function usePriceList(id: string | null) {
  return useQuery({
    queryKey: [...priceListsKey, 'one', id],
    queryFn: () => api.get<PriceList>(`/api/v1/price-lists/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

export function useSavePriceList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input, version }: { id?: string; input: { name: string; currency: string; isDefault: boolean; validFrom: string | null; validTo: string | null }; version?: number }) =>
      id
        ? api.patch<PriceList>(`/api/v1/price-lists/${encodeURIComponent(id)}`, { ...input, version })
        : api.post<PriceList>('/api/v1/price-lists', input, { idempotencyKey: newIdempotencyKey() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: priceListsKey }),
  });
}

export function useSavePriceListItems(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: Array<{ productId: string; price: string; minQuantity: string }>) =>
      apiRequest<unknown>(`/api/v1/price-lists/${encodeURIComponent(id)}/items`, { method: 'PUT', body: items }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: priceListsKey }),
  });
}

/** GET /products/:id/price — the unit price a price list gives for a quantity. */
export async function fetchApplicablePrice(productId: string, priceListId: string, quantity: string): Promise<string | null> {
  const result = await api.get<{ price?: string; unitPrice?: string } | string>(`/api/v1/products/${encodeURIComponent(productId)}/price`, { priceListId, quantity });
  if (typeof result === 'string') return result;
  return result.unitPrice ?? result.price ?? null;
}
